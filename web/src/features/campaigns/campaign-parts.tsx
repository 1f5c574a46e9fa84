import type { TaskItem } from '@groundbreak/contract';
import { LIGHT_WORDS, MICRO_FLAG_LABELS, TASK_STATUS_LABELS, type TaskStatus } from '@groundbreak/domain';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { Light } from '../../components/light';
import { formatDate } from '../../lib/format';
import { LIGHT_COLORS } from '../../theme';

// What the campaign screens share: the status tag and its colour (the map uses the same), a task's light
// with its explanation, the 按期/需加快 tag, and links to the task list filtered to a number's tasks.

/** One colour per state, on tags, the map and its legend: grey → blue → orange → green, red when sent back. */
export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  pending: LIGHT_COLORS.grey,
  in_progress: '#1677ff',
  submitted: '#fa8c16',
  accepted: LIGHT_COLORS.green,
  returned: LIGHT_COLORS.red,
};

const TAG_COLORS: Record<TaskStatus, string> = {
  pending: 'default',
  in_progress: 'processing',
  submitted: 'orange',
  accepted: 'success',
  returned: 'error',
};

export function TaskStatusTag({ status, testId }: { status: TaskStatus; testId?: string }) {
  return (
    <Tag color={TAG_COLORS[status]} data-testid={testId}>
      {TASK_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 计划完成 in a list: the day, the light (its explanation in a tooltip) and 逾期N天 while open. */
export function DueCell({ task }: { task: TaskItem }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
      <Light color={task.light} explanation={task.lightExplanation} />
      {formatDate(task.dueOn)}
      {task.daysLate > 0 && task.status !== 'accepted' && (
        <Typography.Text type={task.light === 'red' ? 'danger' : 'warning'}>
          逾期{task.daysLate}天
        </Typography.Text>
      )}
    </span>
  );
}

export function lightWord(light: TaskItem['light']): string {
  return LIGHT_WORDS[light];
}

export function MicroFlagTag({ flag }: { flag: 'on_schedule' | 'behind' }) {
  return <Tag color={flag === 'behind' ? 'warning' : 'success'}>{MICRO_FLAG_LABELS[flag]}</Tag>;
}

/** The filters of the task list a number stands for. */
export type TaskFilter = {
  campaignId?: string | undefined;
  batchId?: string | undefined;
  regionId?: string | undefined;
  categoryCode?: string | undefined;
  status?: TaskStatus | 'open' | undefined;
  light?: TaskItem['light'] | undefined;
  overdue?: 'true' | undefined;
  sort?: string | undefined;
};

export function taskListHref(filter: TaskFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const search = params.toString();
  return search ? `/campaigns/tasks?${search}` : '/campaigns/tasks';
}

/** The open tasks past their due date (黄灯 and 红灯), overdue ones first. */
export function overdueHref(filter: TaskFilter): string {
  return taskListHref({ ...filter, overdue: 'true', sort: 'dueOn' });
}

/** A count that opens the task list it counts; a zero stays plain text. */
export function CountLink({
  count,
  to,
  tone,
  title,
}: {
  count: number;
  to: string;
  tone?: 'danger';
  title?: string;
}) {
  if (count === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return (
    <Link to={to} title={title} style={tone === 'danger' ? { color: LIGHT_COLORS.red } : undefined}>
      {count.toLocaleString('zh-CN')}
    </Link>
  );
}
