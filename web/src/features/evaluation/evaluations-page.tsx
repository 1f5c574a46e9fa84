import { SettingOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { EvaluationListItem, EvaluationSummary, EvaluationSummaryCounts } from '@groundbreak/contract';
import {
  EVALUATION_GRADE_LABELS,
  EVALUATION_KIND_LABELS,
  EVALUATION_STATUS_LABELS,
} from '@groundbreak/contract';
import { EVALUATION_GRADES, EVALUATION_KINDS, EVALUATION_STATUSES } from '@groundbreak/domain';
import type { TableProps } from 'antd';
import { App, Button, Card, Col, Flex, Popconfirm, Row, Select, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { describeError } from '../../lib/describe-error';
import { formatDate, formatNumber, formatRate } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useEvaluationList, useEvaluationSummary, useGenerateEvaluations } from './api';
import { CountCard, EvaluationStatusTag, GradeTag } from './evaluation-parts';

// 后评价: the evaluation tasks of the caller's scope (an enterprise sees its own) — 投产评价 12 months after
// 投产, 达产评价 after the agreed 达产 year, and re-checks after 整改 — with the loop's counts: evaluated, fed
// back, 不合格, 整改中, 违约处置 and optimisation actions, by industry and by 板块.

const COLUMNS: ListColumn<EvaluationListItem>[] = [
  {
    key: 'projectName',
    title: '项目',
    sortField: 'projectName',
    isRequired: true,
    render: (e) => (
      <span>
        {e.projectName}
        {e.enterpriseName && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {e.enterpriseName}
          </Typography.Text>
        )}
      </span>
    ),
  },
  { key: 'kind', title: '评价类型', width: 100, render: (e) => EVALUATION_KIND_LABELS[e.kind] },
  { key: 'dataYear', title: '数据年度', width: 90, render: (e) => `${e.dataYear}年` },
  {
    key: 'status',
    title: '状态',
    sortField: 'status',
    width: 150,
    render: (e) => (
      <Flex gap={4} wrap>
        <EvaluationStatusTag status={e.status} />
        {e.openRectifications > 0 && <Tag color="warning">整改中</Tag>}
      </Flex>
    ),
  },
  {
    key: 'score',
    title: '得分',
    sortField: 'score',
    width: 80,
    align: 'right',
    render: (e) => (e.score === null ? '—' : formatNumber(e.score, 1)),
  },
  { key: 'grade', title: '等级', width: 80, render: (e) => <GradeTag grade={e.grade} /> },
  {
    key: 'dueOn',
    title: '填报截止',
    sortField: 'dueOn',
    width: 110,
    render: (e) => formatDate(e.fillBy ?? e.dueOn),
  },
  { key: 'region', title: '板块', width: 140, render: (e) => e.regionName },
  {
    key: 'industryChain',
    title: '产业类别',
    width: 120,
    isHiddenByDefault: true,
    render: (e) => e.industryChain ?? '—',
  },
];

const thisYear = new Date().getFullYear();
const YEAR_OPTIONS = Array.from({ length: 8 }, (_, i) => thisYear - i).map((y) => ({
  value: String(y),
  label: `${y}年`,
}));

function GenerateButton() {
  const { message, modal } = App.useApp();
  const generate = useGenerateEvaluations();
  return (
    <Popconfirm
      title="生成评价任务"
      description="按投产满 12 个月、达产年度次年 3 月 1 日（有年度数据时）生成到期的评价任务，已生成的不会重复。"
      okText="生成"
      cancelText="取消"
      onConfirm={() =>
        generate.mutate(undefined, {
          onSuccess: (r) => {
            if (r.created === 0) {
              message.info(`截至 ${r.asOf} 没有新到期的评价任务`);
              return;
            }
            modal.success({
              title: `已生成 ${r.created} 项评价任务`,
              content: (
                <ul style={{ paddingInlineStart: 20 }}>
                  {r.items.map((i) => (
                    <li key={i.evaluationId}>
                      {i.projectName} · {EVALUATION_KIND_LABELS[i.kind]}（{i.dueOn} 到期）
                    </li>
                  ))}
                </ul>
              ),
            });
          },
          onError: (e) => void message.error(describeError(e).message),
        })
      }
    >
      <Button type="primary" icon={<ThunderboltOutlined />} loading={generate.isPending}>
        生成评价任务
      </Button>
    </Popconfirm>
  );
}

const COUNT_COLUMNS: { key: keyof EvaluationSummaryCounts; title: string }[] = [
  { key: 'evaluations', title: '评价任务' },
  { key: 'scored', title: '已评分' },
  { key: 'notified', title: '已反馈' },
  { key: 'failed', title: '不合格' },
  { key: 'rectificationsOpen', title: '整改中' },
  { key: 'rectificationsPassed', title: '复核通过' },
  { key: 'rectificationsFailed', title: '复核未通过' },
  { key: 'dispositions', title: '违约处置' },
  { key: 'actionsOpen', title: '优化措施(未完成)' },
  { key: 'actionsDone', title: '优化措施(已完成)' },
];

function countColumns<T extends EvaluationSummaryCounts>(): NonNullable<TableProps<T>['columns']> {
  return COUNT_COLUMNS.map((c) => ({
    key: c.key,
    title: c.title,
    align: 'right' as const,
    render: (_: unknown, row: T) => row[c.key],
  }));
}

export function SummaryCards({ total }: { total: EvaluationSummaryCounts }) {
  const cards = [
    {
      title: '已评价',
      value: total.scored,
      extra: `评价任务 ${total.evaluations} 项`,
      id: 'scored',
      href: undefined,
    },
    {
      title: '已反馈企业',
      value: total.notified,
      extra: total.scored ? `反馈率 ${formatRate(total.notified / total.scored)}` : undefined,
      id: 'notified',
      href: '/evaluations?status=notified',
    },
    { title: '不合格', value: total.failed, id: 'failed', href: '/evaluations?grade=fail' },
    {
      title: '整改中',
      value: total.rectificationsOpen,
      extra: `复核通过 ${total.rectificationsPassed} · 未通过 ${total.rectificationsFailed}`,
      id: 'rectifying',
      href: undefined,
    },
    { title: '违约处置', value: total.dispositions, id: 'dispositions', href: undefined },
    {
      title: '优化措施',
      value: total.actionsOpen + total.actionsDone,
      extra: `已完成 ${total.actionsDone} · 未完成 ${total.actionsOpen}`,
      id: 'actions',
      href: '/evaluations/actions',
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => (
        <Col key={c.id} xs={12} md={8} xl={4}>
          <CountCard
            title={c.title}
            value={c.value}
            extra={c.extra}
            href={c.href}
            testId={`summary-${c.id}`}
          />
        </Col>
      ))}
    </Row>
  );
}

function SummaryTables({ summary }: { summary: EvaluationSummary }) {
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="按板块">
        <Table
          size="small"
          rowKey="regionId"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={summary.byRegion}
          columns={[
            { key: 'region', title: '板块', fixed: 'left', render: (_, r) => r.regionName },
            ...countColumns<EvaluationSummary['byRegion'][number]>(),
          ]}
          locale={{ emptyText: '暂无评价' }}
        />
      </Card>
      <Card size="small" title="按产业类别">
        <Table
          size="small"
          rowKey={(r) => r.industryChain ?? '—'}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={summary.byChain}
          columns={[
            { key: 'chain', title: '产业类别', fixed: 'left', render: (_, r) => r.industryChain ?? '未分类' },
            ...countColumns<EvaluationSummary['byChain'][number]>(),
          ]}
          locale={{ emptyText: '暂无评价' }}
        />
      </Card>
    </Flex>
  );
}

function EvaluationList() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const regions = useRegions();
  const isAdmin = useCan('evaluation.admin');
  const isEnterprise = user.roles.includes('enterprise');
  const filters = useMemo<ListFilter[]>(
    () => [
      {
        key: 'status',
        label: '状态',
        kind: 'select',
        options: EVALUATION_STATUSES.map((s) => ({ value: s, label: EVALUATION_STATUS_LABELS[s] })),
      },
      {
        key: 'kind',
        label: '评价类型',
        kind: 'select',
        options: EVALUATION_KINDS.map((k) => ({ value: k, label: EVALUATION_KIND_LABELS[k] })),
      },
      {
        key: 'grade',
        label: '等级',
        kind: 'select',
        options: EVALUATION_GRADES.map((g) => ({ value: g, label: EVALUATION_GRADE_LABELS[g] })),
      },
      { key: 'year', label: '数据年度', kind: 'select', isSecondary: true, options: YEAR_OPTIONS },
      ...(isEnterprise
        ? []
        : [
            {
              key: 'regionId',
              label: '板块',
              kind: 'tree-select' as const,
              isSecondary: true,
              treeData: regions.data
                ? toRegionTreeOptions(
                    regions.data.items,
                    user.regionScopes.map((r) => r.id),
                  )
                : [],
            },
          ]),
    ],
    [regions.data, user.regionScopes, isEnterprise],
  );
  const state = useListSearchParams({
    filters,
    sortFields: ['dueOn', 'projectName', 'score', 'status'],
    defaultSort: '-dueOn',
  });
  const result = useEvaluationList(state.query);
  return (
    <ListPage<EvaluationListItem>
      listId="evaluations"
      state={state}
      filters={filters}
      columns={COLUMNS}
      result={result}
      rowKey={(e) => e.id}
      onRowClick={(e) => navigate(`/evaluations/${e.id}`)}
      actions={isAdmin ? <GenerateButton /> : undefined}
      emptyText={
        isAdmin
          ? '暂无评价任务，点击"生成评价任务"按投产、达产日期生成到期的任务'
          : isEnterprise
            ? '暂无需要填报的后评价'
            : '暂无评价任务'
      }
    />
  );
}

function SummaryTab() {
  const [year, setYear] = useState<number>();
  const summary = useEvaluationSummary(year);
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center">
        <Typography.Text>数据年度</Typography.Text>
        <Select
          allowClear
          placeholder="全部年度"
          aria-label="数据年度"
          style={{ width: 140 }}
          value={year ? String(year) : undefined}
          options={YEAR_OPTIONS}
          onChange={(v?: string) => setYear(v ? Number(v) : undefined)}
        />
      </Flex>
      {summary.error && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
      {summary.data && (
        <>
          <SummaryCards total={summary.data.total} />
          <SummaryTables summary={summary.data} />
        </>
      )}
    </Flex>
  );
}

export function EvaluationsPage() {
  const user = useCurrentUser();
  const isEnterprise = user.roles.includes('enterprise');
  const summary = useEvaluationSummary(undefined);
  const [tab, setTab] = useState('list');
  return (
    <PageContainer
      title="后评价"
      description={
        isEnterprise
          ? '投产满一年、达产后，请按实际情况填报项目的投资、建设和产出数据；板块核查、区发改/工信评分后，评价结果会反馈给您'
          : '评估—反馈—优化：企业填报 → 板块核查 → 区发改/工信评分 → 反馈企业；不合格的下发整改通知、到期复核，仍不合格的违约处置；评价中发现的问题形成优化措施'
      }
      extra={
        <Flex gap={8} wrap>
          {!isEnterprise && <Link to="/evaluations/actions">优化措施</Link>}
          <Link to="/evaluations/settings">
            <SettingOutlined /> 指标与设置
          </Link>
        </Flex>
      }
    >
      {!isEnterprise && tab === 'list' && summary.data && <SummaryCards total={summary.data.total} />}
      {isEnterprise ? (
        <EvaluationList />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'list', label: '评价任务', children: <EvaluationList /> },
            { key: 'summary', label: '汇总（按板块、产业类别）', children: <SummaryTab /> },
          ]}
        />
      )}
    </PageContainer>
  );
}
