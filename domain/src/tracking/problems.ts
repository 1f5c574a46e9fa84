import { addWorkingDays, type WorkingCalendar, workingDaysBetween } from '../approvals/working-days';
import type { EscalationLevel } from './escalation';

// Problems (问题清单, domain.md §7.5) — in code `problem`, never "issue". A problem is raised from a monthly
// report, a service ticket, a meeting, an inspection, the enterprise itself or the 12345 hotline; 区发改
// assigns (交办) it to a lead unit and co-units with a time limit in working days; the lead unit works it,
// may ask once more time before it is due, and reports it done (已办结, 待销号); it is struck off (销号) with
// evidence when the enterprise confirms or 区发改 verifies, or sent back to be redone (退回重办). Overdue while
// being worked → 督办 (a 督办函 and escalation, §6.4).

export const PROBLEM_SOURCES = [
  'report',
  'ticket',
  'meeting',
  'inspection',
  'enterprise',
  'hotline',
] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];
export const PROBLEM_SOURCE_LABELS: Record<ProblemSource, string> = {
  report: '月报',
  ticket: '帮办工单',
  meeting: '调度会',
  inspection: '现场督查',
  enterprise: '企业直报',
  hotline: '12345',
};

export const PROBLEM_CATEGORIES = [
  'land',
  'planning',
  'approval',
  'expropriation',
  'funds',
  'utilities',
  'energy',
  'environment',
  'construction',
  'policy',
  'other',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];
export const PROBLEM_CATEGORY_LABELS: Record<ProblemCategory, string> = {
  land: '用地',
  planning: '规划',
  approval: '审批手续',
  expropriation: '征收拆迁',
  funds: '资金',
  utilities: '水电气等要素',
  energy: '能耗指标',
  environment: '环保',
  construction: '施工',
  policy: '政策兑现',
  other: '其他',
};

export const PROBLEM_STATUSES = [
  'collected',
  'assigned',
  'in_progress',
  'extension_requested',
  'resolved',
  'closed',
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  collected: '收集(待研判)',
  assigned: '已交办',
  in_progress: '办理中',
  extension_requested: '延期申请中',
  resolved: '已办结(待销号)',
  closed: '已销号',
};

/** Being worked: the time limit runs and being past it is overdue (督办). */
export const PROBLEM_OPEN_STATUSES: readonly ProblemStatus[] = [
  'assigned',
  'in_progress',
  'extension_requested',
];

/** How hard the lead unit's part is: its default time limit in working days [A]. */
export const PROBLEM_COMPLEXITIES = ['simple', 'normal', 'complex'] as const;
export type ProblemComplexity = (typeof PROBLEM_COMPLEXITIES)[number];
export const PROBLEM_COMPLEXITY_LABELS: Record<ProblemComplexity, string> = {
  simple: '简单',
  normal: '一般',
  complex: '复杂',
};

export type ProblemRules = {
  /** 主办 time limits in working days by complexity, and the co-units' (协办) limit. */
  leadWorkingDays: Record<ProblemComplexity, number>;
  coWorkingDays: number;
  /** An extension must be asked at least this many working days before the time limit. */
  extensionNoticeWorkingDays: number;
  /** At most this many working days more per extension. */
  extensionMaxWorkingDays: number;
};

export const DEFAULT_PROBLEM_RULES: ProblemRules = {
  leadWorkingDays: { simple: 7, normal: 15, complex: 30 },
  coWorkingDays: 3,
  extensionNoticeWorkingDays: 1,
  extensionMaxWorkingDays: 30,
};

export const PROBLEM_STEPS = {
  assign: { from: ['collected'], to: 'assigned', label: '交办' },
  accept: { from: ['assigned'], to: 'in_progress', label: '签收' },
  note: { from: ['assigned', 'in_progress', 'extension_requested'], to: null, label: '填写办理情况' },
  request_extension: { from: ['in_progress'], to: 'extension_requested', label: '申请延期' },
  approve_extension: { from: ['extension_requested'], to: 'in_progress', label: '同意延期' },
  refuse_extension: { from: ['extension_requested'], to: 'in_progress', label: '不同意延期' },
  resolve: { from: ['assigned', 'in_progress'], to: 'resolved', label: '办结' },
  close: { from: ['resolved'], to: 'closed', label: '销号' },
  reopen: { from: ['resolved'], to: 'in_progress', label: '退回重办' },
} as const satisfies Record<
  string,
  { from: readonly ProblemStatus[]; to: ProblemStatus | null; label: string }
>;
export type ProblemStep = keyof typeof PROBLEM_STEPS;
export const PROBLEM_STEP_NAMES = Object.keys(PROBLEM_STEPS) as ProblemStep[];

/** Who may take a step: 区发改 coordinates; the lead unit works; the enterprise confirms its own. */
export type ProblemActor = {
  isDistrictAdmin: boolean;
  /** A member of the problem's lead unit (主办单位). */
  isLeadUnit: boolean;
  /** The project's own enterprise. */
  isProjectEnterprise: boolean;
};

export function mayTakeProblemStep(actor: ProblemActor, step: ProblemStep, status: ProblemStatus): boolean {
  if (!(PROBLEM_STEPS[step].from as readonly ProblemStatus[]).includes(status)) return false;
  switch (step) {
    case 'assign':
    case 'approve_extension':
    case 'refuse_extension':
      return actor.isDistrictAdmin;
    case 'accept':
    case 'request_extension':
    case 'resolve':
      return actor.isLeadUnit || actor.isDistrictAdmin;
    case 'note':
      return actor.isLeadUnit || actor.isDistrictAdmin;
    case 'close':
    case 'reopen':
      return actor.isProjectEnterprise || actor.isDistrictAdmin;
  }
}

/** The time limit of an assignment made on `assignedOn`: that many working days after it. */
export function problemDueOn(calendar: WorkingCalendar, assignedOn: string, workingDays: number): string {
  return addWorkingDays(calendar, assignedOn, workingDays);
}

/** Being worked and past its time limit as of `asOf`: the working days it is late (0 when not). */
export function problemOverdueWorkingDays(
  calendar: WorkingCalendar,
  problem: { status: ProblemStatus; dueOn: string | null },
  asOf: string,
): number {
  if (!PROBLEM_OPEN_STATUSES.includes(problem.status) || !problem.dueOn || asOf <= problem.dueOn) return 0;
  return Math.max(1, workingDaysBetween(calendar, problem.dueOn, asOf));
}

/**
 * Checks an extension request made on `asOf`: at least `extensionNoticeWorkingDays` before the time limit,
 * to a later day within the allowed working days. Problems in Chinese, empty when it may be asked.
 */
export function checkExtensionRequest(
  calendar: WorkingCalendar,
  dueOn: string,
  requestedDueOn: string,
  asOf: string,
  rules: ProblemRules = DEFAULT_PROBLEM_RULES,
): string[] {
  const problems: string[] = [];
  const noticeLeft = workingDaysBetween(calendar, asOf, dueOn);
  if (asOf > dueOn || noticeLeft < rules.extensionNoticeWorkingDays) {
    problems.push(
      `延期须在办理时限${dueOn}前至少${rules.extensionNoticeWorkingDays}个工作日申请，已超过申请期限`,
    );
  }
  if (requestedDueOn <= dueOn) problems.push('延期后的时限须晚于原办理时限');
  else if (requestedDueOn > addWorkingDays(calendar, dueOn, rules.extensionMaxWorkingDays)) {
    problems.push(`每次延期不超过${rules.extensionMaxWorkingDays}个工作日`);
  }
  return problems;
}

export type ProblemKpiInput = {
  status: ProblemStatus;
  assignedOn: string | null;
  closedOn: string | null;
  dueOn: string | null;
};

export type ProblemKpi = {
  /** 已交办 (ever assigned), 已销号, open now, overdue now. */
  assigned: number;
  closed: number;
  open: number;
  overdue: number;
  /** 问题办结率 = 已销号 ÷ 已交办, in tenths of a percent (null when nothing was assigned). */
  closeRateTenths: number | null;
  /** Average working days from 交办 to 销号 over the closed ones, one decimal (null when none closed). */
  averageWorkingDaysToClose: number | null;
};

/** 办结率, average working days to close and overdue count of a group of problems (a unit's, a 板块's). */
export function problemKpi(
  calendar: WorkingCalendar,
  problems: readonly ProblemKpiInput[],
  asOf: string,
): ProblemKpi {
  let assigned = 0;
  let closed = 0;
  let open = 0;
  let overdue = 0;
  let days = 0;
  for (const p of problems) {
    if (p.assignedOn === null) continue;
    assigned++;
    if (p.status === 'closed' && p.closedOn) {
      closed++;
      days += workingDaysBetween(calendar, p.assignedOn, p.closedOn);
    } else if (p.status !== 'closed') {
      open++;
      if (problemOverdueWorkingDays(calendar, p, asOf) > 0) overdue++;
    }
  }
  return {
    assigned,
    closed,
    open,
    overdue,
    closeRateTenths: assigned === 0 ? null : Math.floor((closed * 2000 + assigned) / (2 * assigned)),
    averageWorkingDaysToClose: closed === 0 ? null : Math.round((days / closed) * 10) / 10,
  };
}

/** The escalation facts of a problem (§6.4) for `nextEscalation`. */
export function problemEscalationFacts(
  calendar: WorkingCalendar,
  problem: {
    status: ProblemStatus;
    dueOn: string | null;
    level: EscalationLevel;
    levelSince: string;
    coUnits: number;
    needsPolicy: boolean;
  },
  asOf: string,
) {
  return {
    level: problem.level,
    levelSince: problem.levelSince,
    overdue: problemOverdueWorkingDays(calendar, problem, asOf) > 0,
    blocked: false,
    crossDepartment: problem.coUnits > 0,
    needsPolicy: problem.needsPolicy,
    resolved: !PROBLEM_OPEN_STATUSES.includes(problem.status),
  };
}
