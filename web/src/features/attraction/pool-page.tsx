import { ApartmentOutlined } from '@ant-design/icons';
import type { LeadListItem } from '@groundbreak/contract';
import { INDUSTRY_CHAINS, LEAD_SOURCE_LABELS, LEAD_SOURCES } from '@groundbreak/contract';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { describeError } from '../../lib/describe-error';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useAssignPool, usePoolLeads } from './api';
import { ClaimButton } from './lead-actions';
import { LEAD_COLUMNS } from './leads-page';

// 线索公海: leads nobody works yet — registered by 区商务局/区发改 into the pool or released by a 板块. A 板块
// 认领 a lead (it becomes the 板块's); 区商务局/区发改 分配 one to a 板块, or 按规则分配 the whole pool by the
// ordered assignment rules.

const POOL_KEYS = new Set([
  'name',
  'investor',
  'product',
  'industryChain',
  'totalInvestment',
  'registeredOn',
]);

const FILTERS: ListFilter[] = [
  { key: 'keyword', label: '关键词', kind: 'text', placeholder: '线索名称、投资方或产品' },
  {
    key: 'source',
    label: '来源',
    kind: 'select',
    options: LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] })),
  },
  {
    key: 'industryChain',
    label: '产业链',
    kind: 'select',
    options: INDUSTRY_CHAINS.map((c) => ({ value: c, label: c })),
  },
];

type AssignResult = { assigned: { id: string; name: string; regionName: string }[]; remaining: number };

function AssignResultModal({ result, onClose }: { result: AssignResult; onClose: () => void }) {
  const byRegion = new Map<string, string[]>();
  for (const a of result.assigned)
    byRegion.set(a.regionName, [...(byRegion.get(a.regionName) ?? []), a.name]);
  return (
    <Modal
      open
      title="按规则分配结果"
      onCancel={onClose}
      onOk={onClose}
      okText="知道了"
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      <Flex vertical gap={12} style={{ marginTop: 12 }} data-testid="assign-result">
        <Alert
          type={result.assigned.length > 0 ? 'success' : 'info'}
          showIcon
          title={`共分配 ${result.assigned.length} 条线索，公海剩余 ${result.remaining} 条未匹配任何规则`}
        />
        {[...byRegion.entries()].map(([regionName, names]) => (
          <Flex
            key={regionName}
            vertical
            gap={2}
            style={{ padding: '8px 12px', border: '1px solid #f0f0f0', borderRadius: 6 }}
          >
            <Typography.Text strong>
              {regionName}：{names.length} 条
            </Typography.Text>
            <Typography.Text type="secondary">{names.join('、')}</Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Modal>
  );
}

export function PoolPage() {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const canWrite = useCan('attraction.write');
  const isAdmin = useCan('attraction.admin');
  const isSubarea = user.roles.includes('subarea_operator');
  const assign = useAssignPool();
  const [assignResult, setAssignResult] = useState<AssignResult>();
  const state = useListSearchParams({
    filters: FILTERS,
    sortFields: ['registeredOn', 'totalInvestment', 'name'],
    defaultSort: '-registeredOn',
  });
  const result = usePoolLeads(state.query);
  const canClaim = canWrite && (isSubarea || isAdmin);

  const columns = useMemo<ListColumn<LeadListItem>[]>(
    () => [
      ...LEAD_COLUMNS.filter((c) => POOL_KEYS.has(c.key)).map((c) =>
        c.key === 'registeredOn' || c.key === 'product' || c.key === 'industryChain'
          ? { ...c, isHiddenByDefault: false }
          : c,
      ),
      ...(canClaim
        ? [
            {
              key: 'actions',
              title: '操作',
              fixed: 'right' as const,
              isRequired: true,
              render: (l: LeadListItem) => <ClaimButton lead={l} size="small" />,
            },
          ]
        : []),
    ],
    [canClaim],
  );

  function confirmAssign() {
    modal.confirm({
      title: '按规则分配',
      content:
        '按"评分卡与分配规则"中的分配规则，从上到下匹配公海中的每条线索，匹配到的线索分配给规则指定的板块。确认分配？',
      okText: '开始分配',
      cancelText: '取消',
      onOk: () =>
        assign.mutateAsync().then(
          (answer) => setAssignResult(answer),
          (error: unknown) => message.error(describeError(error).message),
        ),
    });
  }

  return (
    <PageContainer
      title="线索公海"
      description="尚未归属板块的招商线索：板块可认领；区商务局、区发改可分配到板块或按规则分配"
    >
      <ListPage<LeadListItem>
        listId="attraction-pool"
        state={state}
        filters={FILTERS}
        columns={columns}
        result={result}
        rowKey={(l) => l.id}
        onRowClick={isSubarea ? undefined : (l) => navigate(`/attraction/leads/${l.id}`)}
        actions={
          isAdmin && (
            <Button
              type="primary"
              icon={<ApartmentOutlined />}
              loading={assign.isPending}
              onClick={confirmAssign}
            >
              按规则分配
            </Button>
          )
        }
        emptyText="公海暂无线索"
      />
      {assignResult && <AssignResultModal result={assignResult} onClose={() => setAssignResult(undefined)} />}
    </PageContainer>
  );
}
