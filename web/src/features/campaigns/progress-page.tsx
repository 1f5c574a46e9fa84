import type { ProgressResponse } from '@groundbreak/contract';
import { TASK_STATUS_LABELS, TASK_STATUSES } from '@groundbreak/domain';
import { Alert, Card, DatePicker, Empty, Flex, Select, Skeleton, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { PageContainer } from '../../components/page-container';
import { formatDate, formatWan } from '../../lib/format';
import { useCampaignProgress, useCampaigns, useMapOutlines } from './api';
import { CampaignMapChart } from './campaign-map-chart';
import { MicroFlagTag, TASK_STATUS_COLORS, type TaskFilter, TaskStatusTag } from './campaign-parts';
import { ByCategory, Ranking, Totals } from './progress-tables';

// 进度与排名: a campaign's (or one batch's) figures on a day — tasks, 已销号, 逾期, 完成率, 按时完成率 — per 板块
// and category, the 板块 ranked with the score's calculation beside it, the points on the map by state, and
// the 微更新 projects 按期 or 需加快. Every count opens the task list it counts.

function PointsMap({ data }: { data: ProgressResponse }) {
  const navigate = useNavigate();
  const outlines = useMapOutlines();
  const counts = useMemo(() => {
    const byStatus = new Map<string, number>();
    for (const p of data.points) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
    return byStatus;
  }, [data.points]);
  return (
    <Card
      size="small"
      title="点位分布"
      extra={
        <Flex wrap gap={12} data-testid="campaign-map-legend">
          {TASK_STATUSES.map((s) => (
            <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              <span
                style={{
                  width: 10,
                  height: 10,
                  borderRadius: '50%',
                  background: TASK_STATUS_COLORS[s],
                  display: 'inline-block',
                }}
              />
              {TASK_STATUS_LABELS[s]} {counts.get(s) ?? 0}
            </span>
          ))}
        </Flex>
      }
    >
      {data.points.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="暂无标注经纬度的点位：在任务中填写经纬度后显示在地图上"
        />
      ) : (
        <Flex vertical gap={8}>
          {outlines.isPending ? (
            <Skeleton.Node active style={{ width: '100%', height: 480 }} />
          ) : (
            <CampaignMapChart
              points={data.points}
              outlines={outlines.data}
              height={480}
              onPointClick={(id) => navigate(`/campaigns/tasks/${id}`)}
            />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            按任务状态着色；拖动平移、滚轮缩放，点击点位打开任务。
            {outlines.error ? '底图（区、板块边界）暂不可用，仅按经纬度显示点位。' : ''}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

function MicroList({ data }: { data: ProgressResponse }) {
  if (data.micro.length === 0) return null;
  const behind = data.micro.filter((m) => m.flag === 'behind').length;
  return (
    <Card
      size="small"
      title="微更新项目"
      extra={
        <Typography.Text type="secondary">
          共 {data.micro.length} 个，按期 {data.micro.length - behind} 个，需加快 {behind} 个
        </Typography.Text>
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data.micro}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: '项目',
            key: 'point',
            render: (_, m) => (
              <Flex vertical>
                <Link to={`/campaigns/tasks/${m.id}`}>{m.pointName}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.taskNo} · {m.regionName}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: '状态', key: 'status', width: 120, render: (_, m) => <TaskStatusTag status={m.status} /> },
          {
            title: '投资（万元）',
            key: 'investment',
            align: 'right',
            width: 120,
            render: (_, m) => (m.investmentYuan === null ? '—' : formatWan(m.investmentYuan)),
          },
          {
            title: '进度',
            key: 'flag',
            render: (_, m) => (
              <Flex gap={4} align="center" wrap>
                <MicroFlagTag flag={m.flag} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.explanation}
                </Typography.Text>
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function CampaignProgressPage() {
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const campaignId = params.get('campaignId') ?? undefined;
  const batchId = params.get('batchId') ?? undefined;
  const asOf = params.get('asOf') ?? undefined;
  const items = campaigns.data?.items ?? [];
  const campaign = items.find((c) => c.id === campaignId);

  // No campaign in the address: the latest one with tasks (a campaign just set up has nothing to show yet),
  // replacing the address so that Back does not bounce.
  useEffect(() => {
    const list = campaigns.data?.items ?? [];
    const latest = list.find((c) => c.tasks > 0) ?? list[0];
    if (!campaignId && latest) setParams({ campaignId: latest.id }, { replace: true });
  }, [campaignId, campaigns.data, setParams]);

  const progress = useCampaignProgress(campaign ? { campaignId: campaign.id, batchId, asOf } : undefined);
  const base: TaskFilter = { campaignId: campaign?.id, batchId };

  const update = (changes: Record<string, string | undefined>) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });

  const data = progress.data;
  return (
    <PageContainer
      title="进度与排名"
      description="各板块整治任务的完成和逾期情况、按时完成率及排名；点击数字查看对应任务"
      extra={
        <Flex gap={8} wrap>
          <Select
            value={campaign?.id}
            placeholder="选择行动"
            aria-label="行动"
            loading={campaigns.isPending}
            style={{ width: 300, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            options={items.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(id: string) => update({ campaignId: id, batchId: undefined })}
          />
          <Select
            value={batchId}
            placeholder="全部批次"
            aria-label="批次"
            allowClear
            style={{ width: 160 }}
            options={(campaign?.batches ?? []).map((b) => ({ value: b.id, label: b.name }))}
            onChange={(id: string | undefined) => update({ batchId: id })}
          />
          <DatePicker
            value={asOf ? dayjs(asOf) : null}
            placeholder="截至今天"
            aria-label="截至日期"
            allowClear
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => update({ asOf: d ? d.format('YYYY-MM-DD') : undefined })}
          />
        </Flex>
      }
    >
      {campaigns.error ? (
        <ErrorAlert error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : campaigns.data && items.length === 0 ? (
        <Card>
          <Empty description='暂无专项行动：请先在"行动与批次"中新建行动' />
        </Card>
      ) : campaigns.data && campaignId && !campaign ? (
        <Alert type="warning" showIcon title="该行动不存在或不在您的数据范围内，请重新选择行动" />
      ) : progress.error ? (
        <ErrorAlert error={progress.error} onRetry={() => void progress.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Flex vertical gap={16} style={{ opacity: progress.isPlaceholderData ? 0.6 : 1 }}>
          <Typography.Text type="secondary">
            {data.campaign.name}
            {batchId ? ` · ${campaign?.batches.find((b) => b.id === batchId)?.name ?? ''}` : ''}，截至{' '}
            {formatDate(data.asOf)}
            {asOf ? '（点击数字打开的任务列表按今天亮灯）' : ''}
          </Typography.Text>
          <Totals totals={data.totals} base={base} />
          <Ranking data={data} base={base} />
          <ByCategory data={data} base={base} />
          <PointsMap data={data} />
          <MicroList data={data} />
        </Flex>
      )}
    </PageContainer>
  );
}
