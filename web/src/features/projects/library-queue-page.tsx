import { DownloadOutlined } from '@ant-design/icons';
import type { LibraryEntry } from '@groundbreak/contract';
import { LIBRARY_CATEGORY_LABELS, LIBRARY_LEVEL_LABELS, LIBRARY_STATUS_LABELS } from '@groundbreak/contract';
import { LIBRARY_LEVELS, LIBRARY_STATUSES } from '@groundbreak/domain';
import { Button, Flex, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import { RowActionButton } from '../../components/row-action-button';
import type { ListFilter } from '../../components/use-list-search-params';
import { exportHref, useListSearchParams } from '../../components/use-list-search-params';
import { EMPTY_VALUE, formatDate, formatWan } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useLibraryQueue } from './library-api';
import type { DecisionKind } from './library-decision';
import { useLibraryDecision } from './library-decision';
import { LibraryStatusTag } from './project-tags';

type QueueItem = LibraryEntry & { projectName: string; regionName: string; totalInvestment: number | null };

const SORT_FIELDS = ['appliedOn', 'year'] as const;
/** The queue opens on what is waiting for a decision; 全部 shows every status. */
const DEFAULT_STATUS = 'applied';
const STATUS_OPTIONS = [
  ...LIBRARY_STATUSES.map((status) => ({ value: status, label: LIBRARY_STATUS_LABELS[status] })),
  { value: 'all', label: '全部状态' },
];

function StatusFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <Select
      value={value ?? DEFAULT_STATUS}
      onChange={(next: string) => onChange(next === DEFAULT_STATUS ? undefined : next)}
      options={STATUS_OPTIONS}
      aria-label="状态"
      style={{ width: 160 }}
    />
  );
}

function useFilters(): ListFilter[] {
  const year = dayjs().year();
  return useMemo(
    () => [
      {
        key: 'status',
        label: '状态',
        kind: 'select',
        options: STATUS_OPTIONS,
        render: ({ value, onChange }) => <StatusFilter value={value} onChange={onChange} />,
      },
      {
        key: 'level',
        label: '项目库',
        kind: 'select',
        options: LIBRARY_LEVELS.map((level) => ({ value: level, label: LIBRARY_LEVEL_LABELS[level] })),
      },
      {
        key: 'year',
        label: '年度',
        kind: 'select',
        options: [year + 1, year, year - 1, year - 2].map((y) => ({ value: String(y), label: `${y}年` })),
      },
    ],
    [year],
  );
}

const BASE_COLUMNS: ListColumn<QueueItem>[] = [
  {
    key: 'projectName',
    title: '项目名称',
    isRequired: true,
    render: (item) => (
      <Link to={`/projects/${item.projectId}?tab=libraries`} onClick={(event) => event.stopPropagation()}>
        {item.projectName}
      </Link>
    ),
  },
  { key: 'regionName', title: '所属板块', render: (item) => item.regionName },
  {
    key: 'totalInvestment',
    title: '总投资（万元）',
    align: 'right',
    render: (item) => (item.totalInvestment === null ? EMPTY_VALUE : formatWan(item.totalInvestment)),
  },
  { key: 'level', title: '项目库', render: (item) => LIBRARY_LEVEL_LABELS[item.level] },
  { key: 'year', title: '年度', sortField: 'year', render: (item) => `${item.year}年` },
  { key: 'category', title: '类别', render: (item) => LIBRARY_CATEGORY_LABELS[item.category] },
  { key: 'status', title: '状态', render: (item) => <LibraryStatusTag status={item.status} /> },
  {
    key: 'appliedOn',
    title: '申报日期',
    sortField: 'appliedOn',
    render: (item) => formatDate(item.appliedOn),
  },
  { key: 'appliedBy', title: '申报人', render: (item) => item.appliedByName || EMPTY_VALUE },
  { key: 'enteredOn', title: '入库日期', render: (item) => formatDate(item.enteredOn) },
  {
    key: 'decidedBy',
    title: '审核人',
    isHiddenByDefault: true,
    render: (item) => item.decidedByName ?? EMPTY_VALUE,
  },
  {
    key: 'remark',
    title: '提示',
    render: (item) => {
      const lines = [
        ...(item.returnReason ? [`退回理由：${item.returnReason}`] : []),
        ...item.notes,
        ...(item.sourceDoc ? [`依据：${item.sourceDoc}`] : []),
      ];
      if (lines.length === 0) return EMPTY_VALUE;
      return (
        <Flex vertical style={{ maxWidth: 300 }}>
          {lines.map((line) => (
            <Typography.Text
              key={line}
              type={line.startsWith('退回') ? 'warning' : 'secondary'}
              style={{ fontSize: 13 }}
            >
              {line}
            </Typography.Text>
          ))}
        </Flex>
      );
    },
  },
];

/** 入库申报与审核: the 板块's applications for 省重大 / 市重大 / 区重点 / 亿元库; 区发改 decides them here. */
export function LibraryQueuePage() {
  const filters = useFilters();
  const state = useListSearchParams({ filters, sortFields: SORT_FIELDS, defaultSort: '-appliedOn' });
  const status = state.filters.status ?? DEFAULT_STATUS;
  const query = useMemo(
    () => ({ ...state.query, status: status === 'all' ? undefined : status }),
    [state.query, status],
  );
  const result = useLibraryQueue(query);
  const canDecide = useCan('registry.admin');
  const decision = useLibraryDecision();
  const navigate = useNavigate();

  const columns = useMemo<ListColumn<QueueItem>[]>(() => {
    if (!canDecide) return BASE_COLUMNS;
    const open = (kind: DecisionKind, item: QueueItem) =>
      decision.open({ kind, entry: item, projectName: item.projectName });
    return [
      ...BASE_COLUMNS,
      {
        key: 'actions',
        title: '操作',
        isRequired: true,
        fixed: 'right',
        render: (item) => {
          if (item.status === 'applied') {
            return (
              <Flex gap={4}>
                <RowActionButton label="通过" onClick={() => open('approve', item)} />
                <RowActionButton label="退回" isDanger onClick={() => open('return', item)} />
              </Flex>
            );
          }
          if (item.status === 'entered') {
            return <RowActionButton label="退库" isDanger onClick={() => open('withdraw', item)} />;
          }
          return EMPTY_VALUE;
        },
      },
    ];
  }, [canDecide, decision]);

  return (
    <PageContainer
      title="入库申报与审核"
      description={
        canDecide
          ? '各板块申报进入省重大、市重大、区重点和亿元库的项目；审核通过后按入库日期计入当年新入库数'
          : '本板块申报入库的项目及审核结果；退回的申报可补充材料后在项目详情中重新申报'
      }
    >
      <ListPage<QueueItem>
        listId="library-queue"
        state={state}
        filters={filters}
        columns={columns}
        result={result}
        rowKey={(item) => item.id}
        actions={
          <Button icon={<DownloadOutlined />} href={exportHref('/api/library-entries/export', state.query)}>
            导出
          </Button>
        }
        onRowClick={(item) => navigate(`/projects/${item.projectId}?tab=libraries`)}
        emptyText={status === DEFAULT_STATUS ? '没有待审核的入库申报' : '没有入库记录'}
      />
      {decision.dialogs}
    </PageContainer>
  );
}
