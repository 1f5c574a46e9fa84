import type { EvaluationFigures, EvaluationIndicatorKey } from '@groundbreak/contract';
import {
  COMPLETION_STATUS_LABELS,
  EVALUATION_GRADE_LABELS,
  EVALUATION_INDICATOR_UNITS,
  EVALUATION_KIND_LABELS,
  EVALUATION_STATUS_LABELS,
  OPTIMISATION_STATUS_LABELS,
  RECTIFICATION_STATUS_LABELS,
} from '@groundbreak/contract';
import type {
  CompletionStatus,
  EvaluationGrade,
  EvaluationKind,
  EvaluationStatus,
  OptimisationStatus,
  RectificationStatus,
} from '@groundbreak/domain';
import { Card, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EMPTY_VALUE, formatNumber, formatWan } from '../../lib/format';

// The small pieces the 竣工即发证 and 后评价 pages share: status and grade tags, figure formatting, the count
// cards of the summaries.

const COMPLETION_COLORS: Record<CompletionStatus, string> = {
  draft: 'default',
  applied: 'processing',
  issued: 'success',
  withdrawn: 'default',
};

export function CompletionStatusTag({ status, testId }: { status: CompletionStatus; testId?: string }) {
  return (
    <Tag color={COMPLETION_COLORS[status]} data-testid={testId}>
      {COMPLETION_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 同日发证, or 发证用时 N 天 (joint acceptance to title). */
export function TitleDaysTag({ days }: { days: number | null }) {
  if (days === null) return <span>{EMPTY_VALUE}</span>;
  if (days <= 0)
    return (
      <Tag color="success" data-testid="title-days">
        同日发证
      </Tag>
    );
  return (
    <Tag color="warning" data-testid="title-days">
      发证用时 {days} 天
    </Tag>
  );
}

const STATUS_COLORS: Record<EvaluationStatus, string> = {
  pending: 'default',
  filled: 'processing',
  verified: 'cyan',
  scored: 'purple',
  notified: 'success',
};

export function EvaluationStatusTag({ status, testId }: { status: EvaluationStatus; testId?: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId}>
      {EVALUATION_STATUS_LABELS[status]}
    </Tag>
  );
}

const GRADE_COLORS: Record<EvaluationGrade, string> = {
  excellent: 'success',
  good: 'blue',
  pass: 'gold',
  fail: 'error',
};

export function GradeTag({ grade, testId }: { grade: EvaluationGrade | null; testId?: string }) {
  if (!grade) return <span>{EMPTY_VALUE}</span>;
  return (
    <Tag color={GRADE_COLORS[grade]} data-testid={testId}>
      {EVALUATION_GRADE_LABELS[grade]}
    </Tag>
  );
}

export function kindLabel(kind: EvaluationKind): string {
  return EVALUATION_KIND_LABELS[kind];
}

const RECTIFICATION_COLORS: Record<RectificationStatus, string> = {
  open: 'warning',
  rechecking: 'processing',
  passed: 'success',
  failed: 'error',
};

export function RectificationStatusTag({ status }: { status: RectificationStatus }) {
  return <Tag color={RECTIFICATION_COLORS[status]}>{RECTIFICATION_STATUS_LABELS[status]}</Tag>;
}

const ACTION_COLORS: Record<OptimisationStatus, string> = {
  open: 'default',
  in_progress: 'processing',
  done: 'success',
};

export function ActionStatusTag({ status, overdue }: { status: OptimisationStatus; overdue?: boolean }) {
  return (
    <>
      <Tag color={ACTION_COLORS[status]}>{OPTIMISATION_STATUS_LABELS[status]}</Tag>
      {overdue && status !== 'done' && <Tag color="error">已逾期</Tag>}
    </>
  );
}

/** A figure as read: 固定资产投资 in 万元, dates as they are, others with their unit. */
export function formatFigure(key: EvaluationIndicatorKey, value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  if (typeof value === 'string') return value;
  if (key === 'fixedAssetYuan') return `${formatWan(value)} 万元`;
  const unit = EVALUATION_INDICATOR_UNITS[key];
  const suffix = unit && unit !== '日期' && unit !== '设计产能单位' ? ` ${unit}` : '';
  return `${formatNumber(value)}${suffix}`;
}

export function figureOf(figures: EvaluationFigures | null | undefined, key: EvaluationIndicatorKey) {
  return figures?.[key] ?? null;
}

/** A count card of a summary; the number links to the list it counts when `href` is given. */
export function CountCard({
  title,
  value,
  suffix,
  extra,
  href,
  testId,
}: {
  title: string;
  value: number | string;
  suffix?: string;
  extra?: ReactNode;
  /** The list this number counts. */
  href?: string;
  testId?: string;
}) {
  const statistic = <Statistic title={title} value={value} suffix={suffix} />;
  return (
    <Card size="small" variant="borderless" style={{ height: '100%' }} data-testid={testId}>
      {href ? <Link to={href}>{statistic}</Link> : statistic}
      {extra && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {extra}
        </Typography.Text>
      )}
    </Card>
  );
}
