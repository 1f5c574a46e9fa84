import type { StateChange } from '@groundbreak/contract';
import { Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../lib/format';
import { ProjectStateTag } from './project-tags';

const EVENT_LABELS: Record<StateChange['event'], string> = {
  create: '登记',
  advance: '推进',
  suspend: '停缓建',
  resume: '恢复',
  terminate: '终止',
};

const EVENT_COLORS: Record<StateChange['event'], string> = {
  create: 'blue',
  advance: 'green',
  suspend: 'orange',
  resume: 'blue',
  terminate: 'gray',
};

function ChangeEntry({ change }: { change: StateChange }) {
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(change.at)} · {change.actorName}
      </Typography.Text>
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong>{EVENT_LABELS[change.event]}</Typography.Text>
        {change.fromState && (
          <>
            <ProjectStateTag state={change.fromState} />
            <span aria-hidden>→</span>
          </>
        )}
        <ProjectStateTag state={change.toState} />
        {change.overridden && <Tag color="red">越过关口</Tag>}
      </Flex>
      {change.reason && <Typography.Text>理由：{change.reason}</Typography.Text>}
      {change.overridden && change.unmet.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          越过时未满足：{change.unmet.map((condition) => condition.message).join('；')}
        </Typography.Text>
      )}
    </Flex>
  );
}

interface StateTimelineProps {
  changes: StateChange[] | undefined;
  error: unknown;
  isPending: boolean;
  onRetry: () => void;
}

/** 状态时间线: every lifecycle move, newest first — who, when, from, to, why, and any override. */
export function StateTimeline({ changes, error, isPending, onRetry }: StateTimelineProps) {
  if (isPending) return <Skeleton active title={false} paragraph={{ rows: 4 }} />;
  if (error) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (!changes || changes.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无状态变更" />;
  }
  const newestFirst = [...changes].reverse();
  return (
    <Timeline
      items={newestFirst.map((change) => ({
        key: change.id,
        color: change.overridden ? 'red' : EVENT_COLORS[change.event],
        content: <ChangeEntry change={change} />,
      }))}
    />
  );
}
