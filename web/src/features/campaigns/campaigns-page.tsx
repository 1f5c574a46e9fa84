import { PlusOutlined } from '@ant-design/icons';
import type { CampaignItem } from '@groundbreak/contract';
import { Button, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ListColumn } from '../../components/list-page';
import { ListPage } from '../../components/list-page';
import { PageContainer } from '../../components/page-container';
import type { ListFilter } from '../../components/use-list-search-params';
import { useListSearchParams } from '../../components/use-list-search-params';
import { formatDate } from '../../lib/format';
import { useCan } from '../auth/use-current-user';
import { useCampaignList } from './api';
import { BatchModal, CampaignModal } from './campaign-modals';
import { CountLink, taskListHref } from './campaign-parts';

// 行动与批次: the campaigns of the district (城中村专项行动 …) with their lead department and period, each
// opening to its batches (第一批 …) and their task counts; the lead department and 区发改 set them up.

const FILTERS: ListFilter[] = [];

type Editing =
  | { kind: 'campaign'; campaignId?: string }
  | { kind: 'batch'; campaignId: string; batchId?: string };

function period(startOn: string, endOn: string) {
  return `${formatDate(startOn)} 至 ${formatDate(endOn)}`;
}

function BatchTable({
  campaign,
  canAdmin,
  onEdit,
}: {
  campaign: CampaignItem;
  canAdmin: boolean;
  onEdit: (batchId: string) => void;
}) {
  return (
    <Flex vertical gap={8} style={{ padding: '4px 0' }} data-testid={`batches-${campaign.id}`}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={campaign.batches}
        locale={{ emptyText: canAdmin ? '尚未设批次，点击行动右侧的"添加批次"' : '尚未设批次' }}
        columns={[
          { title: '批次', dataIndex: 'name', width: 160 },
          { title: '起止日期', key: 'period', render: (_, b) => period(b.startOn, b.endOn) },
          {
            title: '任务数',
            key: 'tasks',
            align: 'right',
            width: 100,
            render: (_, b) => (
              <CountLink count={b.tasks} to={taskListHref({ campaignId: campaign.id, batchId: b.id })} />
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 220,
            render: (_, b) => (
              <Flex gap={8}>
                <Link to={`/campaigns/progress?campaignId=${campaign.id}&batchId=${b.id}`}>进度</Link>
                {canAdmin && (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto' }}
                    onClick={() => onEdit(b.id)}
                    aria-label={`编辑${b.name}`}
                  >
                    编辑
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}

export function CampaignsPage() {
  const canAdmin = useCan('campaign.admin');
  const [editing, setEditing] = useState<Editing>();
  // Every campaign opens to its batches, a new one too, unless the user folded it.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const state = useListSearchParams({
    filters: FILTERS,
    sortFields: ['startOn', 'name'],
    defaultSort: '-startOn',
  });
  const result = useCampaignList(state.query);
  const reload = () => result.refetch();
  // The modals read the campaign from the latest page, so that a reload after a 409 brings its new version.
  const campaignOf = (id: string | undefined) => result.data?.items.find((c) => c.id === id);

  const columns: ListColumn<CampaignItem>[] = [
    {
      key: 'name',
      title: '行动',
      sortField: 'name',
      isRequired: true,
      render: (c) => (
        <span>
          {c.name}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {[c.regionName, c.areaTag].filter(Boolean).join(' · ')}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'lead', title: '牵头单位', width: 150, render: (c) => c.leadOrg?.name ?? '—' },
    {
      key: 'period',
      title: '起止日期',
      sortField: 'startOn',
      width: 220,
      render: (c) => period(c.startOn, c.endOn),
    },
    { key: 'batches', title: '批次', width: 80, align: 'right', render: (c) => c.batches.length },
    {
      key: 'tasks',
      title: '任务数',
      width: 90,
      align: 'right',
      render: (c) => <CountLink count={c.tasks} to={taskListHref({ campaignId: c.id })} />,
    },
    {
      key: 'actions',
      title: '操作',
      isRequired: true,
      width: 260,
      render: (c) => (
        <Flex gap={12}>
          <Link to={`/campaigns/progress?campaignId=${c.id}`}>进度与排名</Link>
          {canAdmin && (
            <>
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto' }}
                onClick={() => setEditing({ kind: 'campaign', campaignId: c.id })}
                aria-label={`编辑${c.name}`}
              >
                编辑
              </Button>
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto' }}
                onClick={() => setEditing({ kind: 'batch', campaignId: c.id })}
                aria-label={`为${c.name}添加批次`}
              >
                添加批次
              </Button>
            </>
          )}
        </Flex>
      ),
    },
  ];

  const editedCampaign = campaignOf(editing?.campaignId);
  return (
    <PageContainer
      title="行动与批次"
      description="专项行动按批次推进（如第一批12个微更新项目）；展开行动查看各批次及任务数"
    >
      <ListPage<CampaignItem>
        listId="campaigns"
        state={state}
        filters={FILTERS}
        columns={columns}
        result={result}
        rowKey={(c) => c.id}
        expandable={{
          expandedRowKeys: (result.data?.items ?? []).filter((c) => !folded.has(c.id)).map((c) => c.id),
          onExpand: (isExpanded, c) =>
            setFolded((previous) => {
              const next = new Set(previous);
              if (isExpanded) next.delete(c.id);
              else next.add(c.id);
              return next;
            }),
          expandedRowRender: (c) => (
            <BatchTable
              campaign={c}
              canAdmin={canAdmin}
              onEdit={(batchId) => setEditing({ kind: 'batch', campaignId: c.id, batchId })}
            />
          ),
        }}
        actions={
          canAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'campaign' })}>
              新建行动
            </Button>
          )
        }
        emptyText={canAdmin ? '暂无专项行动，点击"新建行动"' : '暂无专项行动'}
      />
      {editing?.kind === 'campaign' && (
        <CampaignModal campaign={editedCampaign} onClose={() => setEditing(undefined)} onReload={reload} />
      )}
      {editing?.kind === 'batch' && editedCampaign && (
        <BatchModal
          campaign={editedCampaign}
          batch={editedCampaign.batches.find((b) => b.id === editing.batchId)}
          onClose={() => setEditing(undefined)}
          onReload={reload}
        />
      )}
    </PageContainer>
  );
}
