import type { TaskResponse } from '@groundbreak/contract';
import {
  MICRO_STAGE_LABELS,
  MICRO_STAGES,
  TASK_STATUS_LABELS,
  TASK_STEPS,
  type TaskStatus,
  type TaskStep,
} from '@groundbreak/domain';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Grid,
  Row,
  Skeleton,
  Space,
  Table,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Light } from '../../components/light';
import { PageContainer } from '../../components/page-container';
import { formatDate, formatDateTime, formatNumber, formatWan } from '../../lib/format';
import { useTask } from './api';
import { MicroFlagTag, TaskStatusTag } from './campaign-parts';
import { TaskEditDrawer } from './task-edit-drawer';
import { PhotoSection } from './task-photos';
import { StepActions } from './task-steps';

// One rectification task: where it stands (state, light and why), its point and requirement, the photos
// before and after, the steps the caller may take now (开始整治 → 提交验收 with 实际完成日期 and an after-photo →
// 验收通过(销号) or 退回整改 with a reason), a 微更新 project's schedule, and its history. Works on a 390 px phone.

const EVENT_LABELS: Record<string, string> = {
  create: '登记任务',
  edit: '修改任务',
  'photo.before': '上传整改前照片',
  'photo.after': '上传整改后照片',
  'photo.delete': '删除照片',
};

function eventLabel(step: string): string {
  return TASK_STEPS[step as TaskStep]?.label ?? EVENT_LABELS[step] ?? step;
}

function eventColor(step: string): string {
  if (step === 'return') return 'red';
  if (step === 'accept') return 'green';
  if (step === 'submit') return 'orange';
  return 'blue';
}

function TaskDetails({ detail }: { detail: TaskResponse }) {
  const t = detail.task;
  const isMicro = detail.category.group === 'micro';
  const items: DescriptionsProps['items'] = [
    {
      key: 'campaign',
      label: '行动/批次',
      children: `${t.campaign.name}${t.batch ? ` · ${t.batch.name}` : ''}`,
    },
    { key: 'category', label: '类别', children: t.categoryName },
    { key: 'region', label: '板块', children: t.regionName },
    { key: 'village', label: '村/社区', children: t.village ?? '—' },
    { key: 'address', label: '地址', children: t.address ?? '—' },
    {
      key: 'position',
      label: '经纬度',
      children: t.lon !== null && t.lat !== null ? `${t.lon.toFixed(6)}, ${t.lat.toFixed(6)}` : '未标注',
    },
    { key: 'org', label: '责任单位', children: t.responsibleOrg?.name ?? '—' },
    { key: 'person', label: '责任人', children: t.responsiblePerson ?? '—' },
    { key: 'start', label: '开始日期', children: formatDate(t.startOn) },
    { key: 'due', label: '计划完成', children: formatDate(t.dueOn) },
    { key: 'completed', label: '实际完成', children: formatDate(t.completedOn) },
    { key: 'accepted', label: '验收日期', children: formatDate(t.acceptedOn) },
    { key: 'progress', label: '进度', children: `${t.progress}%` },
    ...detail.category.indicators.map((indicator) => ({
      key: `q-${indicator.key}`,
      label: indicator.label,
      children:
        t.quantities[indicator.key] === undefined
          ? '—'
          : `${formatNumber(t.quantities[indicator.key])} ${indicator.unit}`,
    })),
    ...(isMicro
      ? [
          {
            key: 'investment',
            label: '投资',
            children: t.investmentYuan === null ? '—' : `${formatWan(t.investmentYuan)} 万元`,
          },
        ]
      : []),
    {
      key: 'description',
      label: '问题描述',
      span: 'filled' as const,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{t.description}</span>,
    },
    {
      key: 'requirement',
      label: '整改要求',
      span: 'filled' as const,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{t.requirement ?? '—'}</span>,
    },
  ];
  return (
    <Card size="small" title="任务信息">
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
        size="small"
        items={items}
        styles={{ content: { wordBreak: 'break-word', minWidth: 0 } }}
      />
    </Card>
  );
}

function MicroSchedule({ detail }: { detail: TaskResponse }) {
  const t = detail.task;
  const today = dayjs().format('YYYY-MM-DD');
  const rows = MICRO_STAGES.map((stage) => ({ stage, ...t.microSchedule?.[stage] }));
  return (
    <Card
      size="small"
      title="微更新进度"
      extra={t.microFlag && <MicroFlagTag flag={t.microFlag} />}
      data-testid="micro-schedule"
    >
      <Flex vertical gap={8}>
        {t.microExplanation && <Typography.Text>{t.microExplanation}</Typography.Text>}
        <Table
          size="small"
          rowKey="stage"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: '阶段', key: 'stage', render: (_, r) => MICRO_STAGE_LABELS[r.stage] },
            { title: '计划完成', key: 'planned', render: (_, r) => formatDate(r.plannedOn) },
            {
              title: '实际完成',
              key: 'done',
              render: (_, r) => {
                if (r.doneOn) return formatDate(r.doneOn);
                if (r.plannedOn && r.plannedOn < today)
                  return <Typography.Text type="danger">未完成（已超期）</Typography.Text>;
                return '—';
              },
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

function Events({ detail }: { detail: TaskResponse }) {
  return (
    <Card size="small" title="办理记录">
      <Timeline
        items={[...detail.events].reverse().map((e) => ({
          key: e.id,
          color: eventColor(e.step),
          content: (
            <div data-testid="task-event">
              <Typography.Text strong>{eventLabel(e.step)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {formatDateTime(e.at)} · {e.actorName}
                {e.toStatus && e.toStatus !== e.fromStatus
                  ? ` · ${TASK_STATUS_LABELS[e.toStatus as TaskStatus] ?? e.toStatus}`
                  : ''}
              </Typography.Text>
              {e.note && <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{e.note}</div>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

export function TaskPage() {
  const { id = '' } = useParams();
  const query = useTask(id);
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [isEditing, setEditing] = useState(false);
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Skeleton active />;
  const detail = query.data;
  const t = detail.task;
  // As the server allows: before-photos until submitted, after-photos once started; removal until submitted.
  const isWorked = t.status === 'in_progress' || t.status === 'returned';
  const canRemovePhotos = detail.canEdit && (isWorked || t.status === 'pending');
  const photos = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <PhotoSection
          detail={detail}
          kind="before"
          canUpload={canRemovePhotos}
          canRemove={canRemovePhotos}
          isPhone={isPhone}
        />
      </Col>
      <Col xs={24} lg={12}>
        <PhotoSection
          detail={detail}
          kind="after"
          canUpload={detail.canEdit && isWorked}
          canRemove={canRemovePhotos}
          isPhone={isPhone}
          hint={
            detail.canEdit && t.status === 'pending'
              ? '开始整治后上传整改后照片'
              : detail.can.submit && !detail.photos.some((p) => p.kind === 'after')
                ? '上传整改后照片后即可提交验收'
                : undefined
          }
        />
      </Col>
    </Row>
  );
  return (
    <PageContainer
      title={
        <Space wrap size={[8, 4]}>
          <span>{t.taskNo}</span>
          <TaskStatusTag status={t.status} testId="task-status" />
        </Space>
      }
      description={
        <Flex vertical gap={4}>
          <Typography.Text strong style={{ wordBreak: 'break-word' }}>
            {t.pointName}
          </Typography.Text>
          <span>
            {[t.regionName, t.village, t.categoryName].filter(Boolean).join(' · ')} ·{' '}
            <Link to={`/campaigns/tasks?campaignId=${t.campaign.id}`}>{t.campaign.name}</Link>
          </span>
          <span data-testid="task-light">
            <Light color={t.light} explanation={t.lightExplanation} showText />
          </span>
        </Flex>
      }
      extra={<StepActions detail={detail} isPhone={isPhone} onEdit={() => setEditing(true)} />}
    >
      <Flex vertical gap={16} style={{ minWidth: 0 }}>
        {t.status === 'returned' && t.returnReason && (
          <Alert type="error" showIcon title={`退回整改：${t.returnReason}`} data-testid="task-returned" />
        )}
        {isPhone && photos}
        <TaskDetails detail={detail} />
        {!isPhone && photos}
        {detail.category.group === 'micro' && <MicroSchedule detail={detail} />}
        <Events detail={detail} />
      </Flex>
      <TaskEditDrawer
        detail={detail}
        open={isEditing}
        isPhone={isPhone}
        onClose={() => setEditing(false)}
        onReloadTask={() => query.refetch()}
      />
    </PageContainer>
  );
}
