import { PlusOutlined } from '@ant-design/icons';
import type { LeadListItem } from '@groundbreak/contract';
import {
  INDUSTRY_CHAINS,
  INVESTOR_ORIGIN_LABELS,
  LEAD_GRADE_LABELS,
  LEAD_GRADES,
  LEAD_SOURCE_LABELS,
  LEAD_SOURCES,
} from '@groundbreak/contract';
import { Button, Flex, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { EMPTY_VALUE, formatDate } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { ProjectStateTag } from '../projects/project-tags';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useLeads } from './api';
import { formatInvestment, GradeTag, NextStepCell, RegionCell } from './lead-parts';

// 招商线索: the leads (projects in 招商线索/在谈) of the caller's scope with their investor, source, estimated
// investment, grade, 板块, owner and next step — overdue next steps in red. A row opens the lead.

export const LEAD_COLUMNS: ListColumn<LeadListItem>[] = [
  {
    key: 'name',
    title: '线索名称',
    sortField: 'name',
    isRequired: true,
    render: (l) => (
      <Flex vertical gap={0} style={{ minWidth: 180, maxWidth: 280 }}>
        <Typography.Text strong style={{ wordBreak: 'break-word' }}>
          {l.name}
        </Typography.Text>
        <Flex gap={4} wrap align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.internalNo}
          </Typography.Text>
          {l.possibleDuplicate && (
            <Tag color="warning" style={{ fontSize: 11, lineHeight: '16px' }}>
              疑似重复
            </Tag>
          )}
        </Flex>
      </Flex>
    ),
  },
  {
    key: 'investor',
    title: '投资方 / 来源',
    render: (l) => (
      <Flex vertical gap={0} style={{ minWidth: 140, maxWidth: 220 }}>
        {l.companyName ? (
          <span style={{ wordBreak: 'break-word' }}>{l.companyName}</span>
        ) : (
          <Typography.Text type="secondary">未建档</Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[
            l.investorOrigin ? INVESTOR_ORIGIN_LABELS[l.investorOrigin] : null,
            l.source ? LEAD_SOURCE_LABELS[l.source] : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    key: 'source',
    title: '来源',
    width: 100,
    isHiddenByDefault: true,
    render: (l) => (l.source ? LEAD_SOURCE_LABELS[l.source] : EMPTY_VALUE),
  },
  {
    key: 'product',
    title: '意向产品',
    isHiddenByDefault: true,
    render: (l) => l.intendedProduct ?? EMPTY_VALUE,
  },
  {
    key: 'industryChain',
    title: '产业链',
    isHiddenByDefault: true,
    render: (l) => l.industryChain ?? EMPTY_VALUE,
  },
  {
    key: 'totalInvestment',
    title: '预计投资',
    sortField: 'totalInvestment',
    align: 'right',
    render: (l) => <span style={{ whiteSpace: 'nowrap' }}>{formatInvestment(l.totalInvestment)}</span>,
  },
  {
    key: 'grade',
    title: '评级',
    sortField: 'score',
    render: (l) => <GradeTag grade={l.grade} score={l.score} />,
  },
  { key: 'state', title: '状态', render: (l) => <ProjectStateTag state={l.state} /> },
  {
    key: 'region',
    title: '所属板块 / 负责人',
    render: (l) => (
      <Flex vertical gap={0} style={{ minWidth: 90, maxWidth: 150 }}>
        <RegionCell lead={l} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {l.ownerName ?? '未指定负责人'}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    key: 'nextStepOn',
    title: '下一步',
    sortField: 'nextStepOn',
    render: (l) => <NextStepCell step={l.nextStep} on={l.nextStepOn} />,
  },
  {
    key: 'registeredOn',
    title: '登记日期',
    sortField: 'registeredOn',
    width: 110,
    isHiddenByDefault: true,
    render: (l) => formatDate(l.registeredOn),
  },
];

export function LeadsPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const canCreate = useCan('attraction.write');
  const regions = useRegions();
  const filters = useMemo<ListFilter[]>(
    () => [
      { key: 'keyword', label: '关键词', kind: 'text', placeholder: '线索名称、投资方或产品' },
      {
        key: 'state',
        label: '状态',
        kind: 'select',
        options: [
          { value: 'LEAD', label: '招商线索' },
          { value: 'NEGOTIATING', label: '在谈' },
        ],
      },
      {
        key: 'grade',
        label: '评级',
        kind: 'select',
        options: LEAD_GRADES.map((g) => ({ value: g, label: LEAD_GRADE_LABELS[g] })),
      },
      {
        key: 'nextStepDue',
        label: '下一步',
        kind: 'select',
        options: [
          { value: '0', label: '今天到期或已逾期' },
          { value: '7', label: '7 天内到期（含逾期）' },
          { value: '30', label: '30 天内到期（含逾期）' },
        ],
      },
      {
        key: 'ownerUserId',
        label: '负责人',
        kind: 'select',
        isSecondary: true,
        options: [{ value: user.id, label: '我负责的' }],
      },
      {
        key: 'source',
        label: '来源',
        kind: 'select',
        isSecondary: true,
        options: LEAD_SOURCES.map((s) => ({ value: s, label: LEAD_SOURCE_LABELS[s] })),
      },
      {
        key: 'industryChain',
        label: '产业链',
        kind: 'select',
        isSecondary: true,
        options: INDUSTRY_CHAINS.map((c) => ({ value: c, label: c })),
      },
      {
        key: 'regionId',
        label: '板块',
        kind: 'tree-select',
        isSecondary: true,
        treeData: regions.data
          ? toRegionTreeOptions(
              regions.data.items,
              user.regionScopes.map((r) => r.id),
            )
          : [],
      },
    ],
    [regions.data, user.regionScopes, user.id],
  );
  const state = useListSearchParams({
    filters,
    sortFields: ['registeredOn', 'nextStepOn', 'totalInvestment', 'score', 'name', 'updatedAt'],
    defaultSort: '-registeredOn',
  });
  const result = useLeads(state.query);
  return (
    <PageContainer
      title="招商线索"
      description="招商线索 → 在谈 → 签约：登记投资方与意向，记录跟进，评分、评审后签约；下一步日期已过的显示为红色"
    >
      <ListPage<LeadListItem>
        listId="attraction-leads"
        state={state}
        filters={filters}
        columns={LEAD_COLUMNS}
        result={result}
        rowKey={(l) => l.id}
        onRowClick={(l) => navigate(`/attraction/leads/${l.id}`)}
        actions={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/attraction/leads/new')}>
              登记线索
            </Button>
          )
        }
        emptyText={canCreate ? '暂无招商线索，点击"登记线索"录入投资方和意向项目' : '暂无招商线索'}
      />
    </PageContainer>
  );
}
