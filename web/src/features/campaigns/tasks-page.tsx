import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { CampaignItem, TaskItem } from '@groundbreak/contract';
import { CATEGORY_GROUP_LABELS, LIGHT_WORDS, TASK_STATUS_LABELS, TASK_STATUSES } from '@groundbreak/domain';
import { Button, Select, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { FilterRenderProps, ListFilter } from '../../components/use-list-search-params';
import { exportHref, useListSearchParams } from '../../components/use-list-search-params';
import { formatDate } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/use-current-user';
import { useRegions } from '../regions/api';
import { toRegionTreeOptions } from '../regions/region-options';
import { useCampaignCategories, useCampaigns, useTaskLightRules, useTasks } from './api';
import { DueCell, TaskStatusTag } from './campaign-parts';

// 整治任务: the rectification tasks of the caller's scope — by campaign and batch, 板块, category, state and
// light — with each task's point, due date, light and progress. A row opens the task.

const COLUMNS: ListColumn<TaskItem>[] = [
  { key: 'taskNo', title: '任务编号', sortField: 'taskNo', width: 130, render: (t) => t.taskNo },
  {
    key: 'point',
    title: '点位',
    isRequired: true,
    render: (t) => (
      <span>
        {t.pointName}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {[t.village, t.regionName].filter(Boolean).join(' · ')}
        </Typography.Text>
      </span>
    ),
  },
  { key: 'category', title: '类别', width: 170, render: (t) => t.categoryName },
  {
    key: 'campaign',
    title: '行动/批次',
    isHiddenByDefault: true,
    render: (t) => `${t.campaign.name}${t.batch ? ` · ${t.batch.name}` : ''}`,
  },
  { key: 'status', title: '状态', width: 120, render: (t) => <TaskStatusTag status={t.status} /> },
  {
    key: 'startOn',
    title: '开始日期',
    sortField: 'startOn',
    width: 110,
    isHiddenByDefault: true,
    render: (t) => formatDate(t.startOn),
  },
  { key: 'dueOn', title: '计划完成', sortField: 'dueOn', width: 190, render: (t) => <DueCell task={t} /> },
  { key: 'progress', title: '进度', width: 80, align: 'right', render: (t) => `${t.progress}%` },
];

/** 行动: picking another campaign also clears the batch, in one change of the address. */
function CampaignFilter({ value, campaigns }: FilterRenderProps & { campaigns: CampaignItem[] }) {
  const [, setSearchParams] = useSearchParams();
  return (
    <Select
      value={value}
      placeholder="全部行动"
      allowClear
      aria-label="行动"
      style={{ width: 280, maxWidth: '100%' }}
      popupMatchSelectWidth={false}
      options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
      onChange={(next: string | undefined) =>
        setSearchParams((previous) => {
          const params = new URLSearchParams(previous);
          for (const key of ['campaignId', 'batchId', 'page']) params.delete(key);
          if (next) params.set('campaignId', next);
          return params;
        })
      }
    />
  );
}

/** 批次: the batches of the chosen campaign (of every campaign, named with it, when none is chosen). */
function BatchFilter({
  value,
  onChange,
  state,
  campaigns,
}: FilterRenderProps & { campaigns: CampaignItem[] }) {
  const campaignId = state.filters.campaignId;
  const options = campaigns
    .filter((c) => !campaignId || c.id === campaignId)
    .flatMap((c) =>
      c.batches.map((b) => ({ value: b.id, label: campaignId ? b.name : `${b.name}（${c.name}）` })),
    );
  return (
    <Select
      value={value}
      placeholder="全部批次"
      allowClear
      aria-label="批次"
      style={{ width: 220, maxWidth: '100%' }}
      options={options}
      onChange={(next: string | undefined) => onChange(next)}
    />
  );
}

export function TasksPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const canCreate = useCan('campaign.write');
  const regions = useRegions();
  const campaigns = useCampaigns();
  const categories = useCampaignCategories();
  const yellowDays = useTaskLightRules().data?.yellowMaxDaysLate ?? 7;
  const filters = useMemo<ListFilter[]>(() => {
    const campaignItems = campaigns.data?.items ?? [];
    return [
      { key: 'q', label: '关键词', kind: 'text', placeholder: '点位、地址或任务编号' },
      {
        key: 'campaignId',
        label: '行动',
        kind: 'select',
        options: campaignItems.map((c) => ({ value: c.id, label: c.name })),
        render: (props) => <CampaignFilter {...props} campaigns={campaignItems} />,
      },
      {
        key: 'batchId',
        label: '批次',
        kind: 'select',
        options: campaignItems.flatMap((c) => c.batches.map((b) => ({ value: b.id, label: b.name }))),
        render: (props) => <BatchFilter {...props} campaigns={campaignItems} />,
      },
      {
        key: 'status',
        label: '状态',
        kind: 'select',
        options: [
          { value: 'open', label: '未销号（待整治、整治中、待验收、退回整改）' },
          ...TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] })),
        ],
      },
      {
        key: 'light',
        label: '亮灯',
        kind: 'select',
        isSecondary: true,
        options: [
          { value: 'red', label: `${LIGHT_WORDS.red}（逾期超过${yellowDays}天）` },
          { value: 'yellow', label: `${LIGHT_WORDS.yellow}（逾期${yellowDays}天以内）` },
          { value: 'green', label: `${LIGHT_WORDS.green}（未逾期或已销号）` },
        ],
      },
      {
        key: 'overdue',
        label: '逾期',
        kind: 'select',
        isSecondary: true,
        options: [
          { value: 'true', label: '已逾期（未销号且超过计划完成日期）' },
          { value: 'false', label: '未逾期' },
        ],
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
      {
        key: 'categoryCode',
        label: '类别',
        kind: 'select',
        isSecondary: true,
        options: (categories.data?.items ?? []).map((c) => ({
          value: c.code,
          label: `${CATEGORY_GROUP_LABELS[c.group]} · ${c.name}`,
        })),
      },
    ];
  }, [campaigns.data, categories.data, regions.data, user.regionScopes, yellowDays]);
  const state = useListSearchParams({
    filters,
    sortFields: ['dueOn', 'taskNo', 'startOn'],
    defaultSort: 'dueOn',
  });
  // The filters' options arrive after the first render: until then a bookmarked campaign or batch would be
  // dropped as unknown, so the list waits for them.
  const isReady = !campaigns.isPending && !categories.isPending;
  const result = useTasks(state.query, isReady);
  const { campaignId, batchId, regionId, status } = state.filters;
  const campaignQuery = campaignId ? `?campaignId=${campaignId}${batchId ? `&batchId=${batchId}` : ''}` : '';
  const exportUrl = campaignId
    ? exportHref('/api/campaign-tasks/export', { campaignId, batchId, regionId, status })
    : undefined;
  return (
    <PageContainer
      title="整治任务"
      description={`城中村专项行动的整治点位：待整治 → 整治中 → 待验收（上传整改后照片）→ 已验收(销号)；逾期${yellowDays}天以内黄灯，超过${yellowDays}天红灯`}
    >
      <ListPage<TaskItem>
        listId="campaign-tasks"
        state={state}
        filters={filters}
        columns={COLUMNS}
        result={result}
        rowKey={(t) => t.id}
        onRowClick={(t) => navigate(`/campaigns/tasks/${t.id}`)}
        actions={
          <>
            {canCreate && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(`/campaigns/tasks/new${campaignQuery}`)}
              >
                新建任务
              </Button>
            )}
            {canCreate && (
              <Button
                icon={<UploadOutlined />}
                onClick={() => navigate(`/campaigns/tasks/import${campaignQuery}`)}
              >
                导入
              </Button>
            )}
            {/* The export is of one campaign: the sheet imports back into it unchanged. */}
            <Tooltip title={exportUrl ? undefined : '请先选择行动，再导出该行动的任务'}>
              <Button icon={<DownloadOutlined />} href={exportUrl} disabled={!exportUrl}>
                导出
              </Button>
            </Tooltip>
          </>
        }
        emptyText={canCreate ? '暂无整治任务，点击"新建任务"或"导入"登记点位' : '暂无整治任务'}
      />
    </PageContainer>
  );
}
