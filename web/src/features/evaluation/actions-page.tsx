import { PlusOutlined } from '@ant-design/icons';
import type { OptimisationActionItem } from '@groundbreak/contract';
import { OPTIMISATION_CATEGORY_LABELS, OPTIMISATION_STATUS_LABELS } from '@groundbreak/contract';
import { OPTIMISATION_CATEGORIES, OPTIMISATION_STATUSES } from '@groundbreak/domain';
import { Button, Card, Col, Flex, Row, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useEvaluationSummary, useOptimisationActions } from './api';
import { ActionModal, CloseActionModal } from './evaluation-modals';
import { ActionStatusTag } from './evaluation-parts';

// 优化措施: the actions raised from evaluations (revised 准入标准, attraction policy, service process) with
// owner, due date and status, closed with a note by 区发改/工信 — and how many there are, done and not, by
// industry and by 板块, so that the loop's last step is countable.

function columns(
  canClose: boolean,
  onClose: (a: OptimisationActionItem) => void,
): ListColumn<OptimisationActionItem>[] {
  return [
    {
      key: 'title',
      title: '措施',
      sortField: 'title',
      isRequired: true,
      render: (a) => (
        <span>
          {a.title}
          {a.closingNote && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              完成情况：{a.closingNote}
            </Typography.Text>
          )}
        </span>
      ),
    },
    { key: 'category', title: '类别', width: 100, render: (a) => OPTIMISATION_CATEGORY_LABELS[a.category] },
    {
      key: 'owner',
      title: '责任单位/人',
      width: 180,
      render: (a) => [a.ownerOrgName, a.ownerName].filter(Boolean).join(' · ') || '—',
    },
    { key: 'dueOn', title: '完成期限', sortField: 'dueOn', width: 110, render: (a) => formatDate(a.dueOn) },
    {
      key: 'status',
      title: '状态',
      sortField: 'status',
      width: 140,
      render: (a) => <ActionStatusTag status={a.status} overdue={a.overdue} />,
    },
    { key: 'industryChain', title: '产业类别', width: 120, render: (a) => a.industryChain ?? '—' },
    { key: 'region', title: '板块', width: 130, render: (a) => a.regionName },
    {
      key: 'source',
      title: '来源评价',
      width: 180,
      render: (a) =>
        a.evaluationId ? (
          <Link to={`/evaluations/${a.evaluationId}`} onClick={(e) => e.stopPropagation()}>
            {a.projectName ?? '查看评价'}
          </Link>
        ) : (
          '—'
        ),
    },
    {
      key: 'closedOn',
      title: '完成日期',
      width: 110,
      isHiddenByDefault: true,
      render: (a) => formatDate(a.closedOn),
    },
    ...(canClose
      ? [
          {
            key: 'operate',
            title: '操作',
            width: 80,
            fixed: 'right' as const,
            render: (a: OptimisationActionItem) =>
              a.status === 'done' ? null : (
                <Button size="small" type="link" onClick={() => onClose(a)}>
                  完成
                </Button>
              ),
          },
        ]
      : []),
  ];
}

function Counts() {
  const summary = useEvaluationSummary(undefined);
  if (!summary.data) return null;
  const { byChain, byRegion, total } = summary.data;
  const table = <T extends { actionsOpen: number; actionsDone: number }>(
    rows: T[],
    name: (r: T) => string,
    title: string,
  ) => (
    <Table<T>
      size="small"
      rowKey={name}
      pagination={false}
      dataSource={rows.filter((r) => r.actionsOpen + r.actionsDone > 0)}
      locale={{ emptyText: '暂无优化措施' }}
      columns={[
        { key: 'name', title, render: (_, r) => name(r) },
        { key: 'all', title: '合计', align: 'right', render: (_, r) => r.actionsOpen + r.actionsDone },
        { key: 'done', title: '已完成', align: 'right', render: (_, r) => r.actionsDone },
        { key: 'open', title: '未完成', align: 'right', render: (_, r) => r.actionsOpen },
      ]}
    />
  );
  return (
    <Card
      size="small"
      title={`优化措施统计：共 ${total.actionsOpen + total.actionsDone} 项，已完成 ${total.actionsDone} 项`}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          {table(byChain, (r) => r.industryChain ?? '未分类', '产业类别')}
        </Col>
        <Col xs={24} lg={12}>
          {table(byRegion, (r) => r.regionName, '板块')}
        </Col>
      </Row>
    </Card>
  );
}

export function ActionsPage() {
  const user = useCurrentUser();
  const regions = useRegions();
  const isAdmin = useCan('evaluation.admin');
  const [closing, setClosing] = useState<OptimisationActionItem>();
  const [creating, setCreating] = useState(false);
  const filters = useMemo<ListFilter[]>(
    () => [
      {
        key: 'status',
        label: '状态',
        kind: 'select',
        options: OPTIMISATION_STATUSES.map((s) => ({ value: s, label: OPTIMISATION_STATUS_LABELS[s] })),
      },
      {
        key: 'category',
        label: '类别',
        kind: 'select',
        options: OPTIMISATION_CATEGORIES.map((c) => ({ value: c, label: OPTIMISATION_CATEGORY_LABELS[c] })),
      },
      {
        key: 'regionId',
        label: '板块',
        kind: 'tree-select',
        treeData: regions.data
          ? toRegionTreeOptions(
              regions.data.items,
              user.regionScopes.map((r) => r.id),
            )
          : [],
      },
      { key: 'industryChain', label: '产业类别', kind: 'text', isSecondary: true },
      { key: 'evaluationId', label: '来源评价', kind: 'text', isHidden: true },
    ],
    [regions.data, user.regionScopes],
  );
  const state = useListSearchParams({
    filters,
    sortFields: ['dueOn', 'title', 'status'],
    defaultSort: 'dueOn',
  });
  const result = useOptimisationActions(state.query);
  const cols = useMemo(() => columns(isAdmin, setClosing), [isAdmin]);
  return (
    <PageContainer
      title="优化措施"
      description="从后评价中发现的问题提出的优化措施（准入标准、招商政策、服务流程），落实到责任单位和完成期限，完成后销号"
    >
      <Flex vertical gap={16}>
        <Counts />
        <ListPage<OptimisationActionItem>
          listId="optimisation-actions"
          state={state}
          filters={filters}
          columns={cols}
          result={result}
          rowKey={(a) => a.id}
          actions={
            isAdmin ? (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                提出优化措施
              </Button>
            ) : undefined
          }
          emptyText={isAdmin ? '暂无优化措施，可在评价详情中点击"提出优化措施"' : '暂无优化措施'}
        />
      </Flex>
      {closing && <CloseActionModal action={closing} onClose={() => setClosing(undefined)} />}
      {creating && <ActionModal onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}
