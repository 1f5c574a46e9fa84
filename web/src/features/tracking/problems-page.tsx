import { PlusOutlined } from '@ant-design/icons';
import type { ProblemItem } from '@groundbreak/contract';
import {
  ESCALATION_LEVELS,
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_SOURCE_LABELS,
  PROBLEM_STATUS_LABELS,
  PROBLEM_STATUSES,
} from '@groundbreak/domain';
import { Button, Segmented, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useProblemKpi, useProblems } from './api';
import { ProblemMarks, ProblemStatusTag, RaiseProblemModal } from './problem-parts';

// 问题清单: the problems of the scope and of the caller's unit — raised, assigned, worked, overdue, struck off
// — and the KPIs (办结率, average working days to close, overdue) per lead unit and per 板块.

const COLUMNS: ListColumn<ProblemItem>[] = [
  { key: 'no', title: '编号', sortField: 'problemNo', width: 120, render: (p) => p.problemNo },
  {
    key: 'title',
    title: '问题',
    isRequired: true,
    render: (p) => (
      <span>
        {p.title} <ProblemMarks problem={p} />
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {p.project.name} · {p.project.regionName} · {PROBLEM_CATEGORY_LABELS[p.category]} ·{' '}
          {PROBLEM_SOURCE_LABELS[p.source]}
        </Typography.Text>
      </span>
    ),
  },
  { key: 'status', title: '状态', width: 120, render: (p) => <ProblemStatusTag status={p.status} /> },
  {
    key: 'lead',
    title: '主办单位',
    width: 150,
    render: (p) => (p.leadOrg ? p.leadOrg.name : <Typography.Text type="secondary">待交办</Typography.Text>),
  },
  { key: 'due', title: '办理时限', sortField: 'dueOn', width: 110, render: (p) => formatDate(p.dueOn) },
  {
    key: 'raised',
    title: '提出日期',
    sortField: 'raisedOn',
    width: 110,
    render: (p) => formatDate(p.raisedOn),
  },
];

function KpiTable() {
  const [by, setBy] = useState<'unit' | 'region'>('unit');
  const kpi = useProblemKpi(by);
  if (kpi.error) return <ErrorAlert error={kpi.error} onRetry={() => void kpi.refetch()} />;
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={by}
        onChange={(v) => setBy(v as 'unit' | 'region')}
        options={[
          { value: 'unit', label: '按主办单位' },
          { value: 'region', label: '按板块' },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        loading={kpi.isPending}
        pagination={false}
        dataSource={kpi.data?.rows ?? []}
        locale={{ emptyText: '尚无已交办的问题' }}
        columns={[
          { title: by === 'unit' ? '主办单位' : '板块', dataIndex: 'name' },
          { title: '已交办', dataIndex: 'assigned', align: 'right' },
          { title: '已销号', dataIndex: 'closed', align: 'right' },
          { title: '办理中', dataIndex: 'open', align: 'right' },
          {
            title: '超期',
            dataIndex: 'overdue',
            align: 'right',
            render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
          { title: '办结率', dataIndex: 'closeRate', align: 'right', render: (v: string | null) => v ?? '—' },
          {
            title: '平均办结（工作日）',
            dataIndex: 'averageWorkingDaysToClose',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
          },
        ]}
      />
      <Typography.Text type="secondary">
        办结率 = 已销号 ÷ 已交办；截至 {kpi.data?.asOf ?? '—'}
      </Typography.Text>
    </>
  );
}

export function ProblemsPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const regions = useRegions();
  const canRaise = useCan('report.write');
  const [view, setView] = useState<'list' | 'kpi'>('list');
  const [isRaising, setRaising] = useState(false);
  const filters = useMemo<ListFilter[]>(
    () => [
      { key: 'q', label: '关键词', kind: 'text', placeholder: '问题、编号或项目' },
      {
        key: 'status',
        label: '状态',
        kind: 'select',
        options: [
          { value: 'open', label: '办理中（含已交办、延期申请）' },
          ...PROBLEM_STATUSES.map((s) => ({ value: s, label: PROBLEM_STATUS_LABELS[s] })),
        ],
      },
      {
        key: 'overdue',
        label: '超期',
        kind: 'select',
        options: [{ value: 'true', label: '仅超期（督办）' }],
      },
      {
        key: 'mine',
        label: '本单位',
        kind: 'select',
        options: [{ value: 'true', label: '本单位主办或协办' }],
      },
      {
        key: 'category',
        label: '类别',
        kind: 'select',
        isSecondary: true,
        options: PROBLEM_CATEGORIES.map((c) => ({ value: c, label: PROBLEM_CATEGORY_LABELS[c] })),
      },
      {
        key: 'level',
        label: '层级',
        kind: 'select',
        isSecondary: true,
        options: ESCALATION_LEVELS.map((l) => ({ value: l, label: l })),
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
    [regions.data, user.regionScopes],
  );
  const state = useListSearchParams({
    filters,
    sortFields: ['raisedOn', 'dueOn', 'problemNo'],
    defaultSort: '-raisedOn',
  });
  const result = useProblems(state.query, view === 'list');
  return (
    <PageContainer
      title="问题清单"
      description="问题收集 → 交办 → 办理 → 办结 → 销号；超过办理时限自动列入督办并逐级升级，可下载督办函"
      extra={
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'list' | 'kpi')}
          options={[
            { value: 'list', label: '问题清单' },
            { value: 'kpi', label: '办结情况' },
          ]}
        />
      }
    >
      {view === 'kpi' ? (
        <KpiTable />
      ) : (
        <ListPage<ProblemItem>
          listId="problems"
          state={state}
          filters={filters}
          columns={COLUMNS}
          result={result}
          rowKey={(p) => p.id}
          onRowClick={(p) => navigate(`/problems/${p.id}`)}
          actions={
            canRaise && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>
                提出问题
              </Button>
            )
          }
          emptyText="暂无问题"
        />
      )}
      <RaiseProblemModal open={isRaising} defaults={{}} onClose={() => setRaising(false)} />
    </PageContainer>
  );
}
