import type { DuplicateHint, LeadGrade, LeadListItem } from '@groundbreak/contract';
import { LEAD_GRADE_LABELS } from '@groundbreak/contract';
import { YUAN_PER_YI } from '@groundbreak/domain';
import { Alert, Flex, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { EMPTY_VALUE, formatDate, formatWan, formatYi } from '../../lib/format';

// The small pieces the 招商 pages share: the grade tag, the 所属板块 / 公海 cell, the next step with its
// overdue colour, money as 万元 (亿元 beside it from one 亿 up), and the duplicate hint.

const GRADE_COLORS: Record<LeadGrade, string> = { A: 'red', B: 'orange', C: 'default' };

/** A / B / C with its meaning in a tooltip; 未评分 when the lead has no score yet. */
export function GradeTag({ grade, score }: { grade: LeadGrade | null; score?: number | null }) {
  if (!grade) return <Typography.Text type="secondary">未评分</Typography.Text>;
  const title = `${LEAD_GRADE_LABELS[grade]}${score === null || score === undefined ? '' : `，得分 ${score.toFixed(1)}`}`;
  return (
    <Tooltip title={title}>
      <Tag color={GRADE_COLORS[grade]} style={{ marginInlineEnd: 0 }} data-testid="lead-grade">
        {grade} 类
      </Tag>
    </Tooltip>
  );
}

/** 预计投资: 万元 with two decimals; from one 亿 up the 亿元 figure too. */
export function formatInvestment(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return EMPTY_VALUE;
  if (yuan >= YUAN_PER_YI) return `${formatYi(yuan)} 亿元`;
  return `${formatWan(yuan)} 万元`;
}

/** 所属板块, or 公海 for a pool lead (which belongs to the district until a 板块 claims it). */
export function RegionCell({ lead }: { lead: Pick<LeadListItem, 'inPool' | 'regionName'> }) {
  if (lead.inPool) {
    return (
      <Tooltip title="公海线索：尚未归属板块，板块认领或按规则分配后归属">
        <Tag color="purple" style={{ marginInlineEnd: 0 }}>
          公海
        </Tag>
      </Tooltip>
    );
  }
  return <span>{lead.regionName}</span>;
}

/** The next step and its date: red when overdue, orange when due within 3 days. */
export function NextStepCell({ step, on }: { step: string | null; on: string | null }) {
  if (!on && !step) return <Typography.Text type="secondary">{EMPTY_VALUE}</Typography.Text>;
  const today = dayjs().format('YYYY-MM-DD');
  const soon = dayjs().add(3, 'day').format('YYYY-MM-DD');
  const isOverdue = on !== null && on < today;
  const isSoon = on !== null && !isOverdue && on <= soon;
  const dateText = on ? formatDate(on) : '未定日期';
  return (
    <Flex vertical gap={0} style={{ minWidth: 110, maxWidth: 200 }}>
      <span
        style={{ color: isOverdue ? '#f5222d' : isSoon ? '#d48806' : undefined, whiteSpace: 'nowrap' }}
        data-overdue={isOverdue || undefined}
      >
        {dateText}
        {isOverdue && ` 已逾期 ${dayjs(today).diff(on, 'day')} 天`}
        {isSoon && (on === today ? ' 今天' : ' 即将到期')}
      </span>
      {step && (
        <Typography.Text type="secondary" ellipsis={{ tooltip: step }} style={{ fontSize: 12 }}>
          {step}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** "该企业已由 湖塘镇 于 2026-03-02 登记" — all a user may see of a lead worked elsewhere. */
export function duplicateSentence(hint: DuplicateHint): string {
  return `该企业已由 ${hint.regionName} 于 ${formatDate(hint.registeredOn)} 登记`;
}

/** The duplicate warning of a lead: where else the same investor is worked, and what to do. */
export function DuplicateAlert({
  duplicates,
  action,
  description,
}: {
  duplicates: readonly DuplicateHint[];
  action?: ReactNode;
  description?: ReactNode;
}) {
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicate-alert"
      title={
        duplicates.length > 0 ? (
          <Flex vertical gap={2}>
            {duplicates.map((hint) => (
              <span key={`${hint.regionName}:${hint.registeredOn}`}>{duplicateSentence(hint)}</span>
            ))}
          </Flex>
        ) : (
          '疑似重复线索：另有线索的投资方企业名称或统一社会信用代码与本线索相同'
        )
      }
      description={description ?? '请勿重复招引。由区商务局或区发改合并重复线索。'}
      action={action}
    />
  );
}
