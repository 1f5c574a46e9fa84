import { addDays, daysBetween } from '../land/dates';
import type { LandUse } from '../projects/states';
import { addWorkingDays, isWorkingDay, type WorkingCalendar, workingDaysBetween } from './working-days';

// Approval items (domain.md §4.2): a configurable catalogue of what a construction project needs, by stage
// (1 立项用地规划许可, 2 工程建设许可, 3 施工许可, 4 竣工验收), department, time limit and parallel group; each
// project gets the items that apply to it, and each item is tracked from 申请 through 受理 to 办结 against its
// promised limit — counted in working days on the official calendar, or in calendar days where the law says
// days (环评 30 days, 施工许可 7 days).

export const APPROVAL_STATUSES = [
  'not_started',
  'pre_review',
  'pre_approved',
  'accepted',
  'accepted_with_gaps',
  'done',
  'refused',
  'exempt',
] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export type LimitUnit = 'working' | 'calendar';
export type Investment = 'government' | 'enterprise';

/** Which projects an item applies to; null is "any". */
export type ApprovalApplicability = {
  landUses: readonly LandUse[] | null;
  investment: Investment | null;
  /** False for items added by hand only (企业投资项目核准 for listed sectors, 桩基先行). */
  automatic: boolean;
};

export type CatalogueEntry = {
  code: string;
  stage: 1 | 2 | 3 | 4;
  name: string;
  /** Organisation kind of the competent department (its 部门经办 work the item). */
  deptKind: string;
  output: string;
  statutoryDays: number | null;
  promisedDays: number;
  unit: LimitUnit;
  /** Codes that must be 已办结 or 免办 before this item is 受理 (预审 and 模拟审批 excepted). */
  prerequisites: readonly string[];
  /** Items of one group are applied for and handled at once (并联审批); PL issues with the land contract. */
  parallelGroup: string | null;
  applies: ApprovalApplicability;
};

const LAND: readonly LandUse[] = ['new_land', 'stock_land'];
const any = { landUses: null, investment: null, automatic: true } as const;
const onLand = { landUses: LAND, investment: null, automatic: true } as const;

/** The catalogue the app starts from (§4.2); limits marked [A] there are the 区发改's to change. */
export const DEFAULT_APPROVAL_CATALOGUE: readonly CatalogueEntry[] = [
  {
    code: 'FILING',
    stage: 1,
    name: '企业投资项目备案',
    deptKind: 'admin_approval',
    output: '江苏省投资项目备案证',
    statutoryDays: null,
    promisedDays: 1,
    unit: 'working',
    prerequisites: [],
    parallelGroup: 'P1',
    applies: { landUses: null, investment: 'enterprise', automatic: true },
  },
  {
    code: 'ENDORSEMENT',
    stage: 1,
    name: '企业投资项目核准',
    deptKind: 'drc',
    output: '核准批复',
    statutoryDays: 20,
    promisedDays: 20,
    unit: 'working',
    prerequisites: [],
    parallelGroup: 'P1',
    applies: { landUses: null, investment: 'enterprise', automatic: false },
  },
  {
    code: 'GOV_APPROVAL',
    stage: 1,
    name: '政府投资项目审批',
    deptKind: 'drc',
    output: '可研（初设）批复',
    statutoryDays: null,
    promisedDays: 10,
    unit: 'working',
    prerequisites: [],
    parallelGroup: null,
    applies: { landUses: null, investment: 'government', automatic: true },
  },
  {
    code: 'SITE_PRE_REVIEW',
    stage: 1,
    name: '建设项目用地预审与选址意见书',
    deptKind: 'natural_resources',
    output: '用地预审与选址意见书',
    statutoryDays: null,
    promisedDays: 5,
    unit: 'working',
    prerequisites: [],
    parallelGroup: 'P1',
    applies: { landUses: ['new_land'], investment: null, automatic: true },
  },
  {
    code: 'LAND_SUPPLY',
    stage: 1,
    name: '土地供应（招拍挂出让）',
    deptKind: 'natural_resources',
    output: '成交确认书',
    statutoryDays: 30,
    promisedDays: 30,
    unit: 'calendar',
    prerequisites: [],
    parallelGroup: null,
    applies: onLand,
  },
  {
    code: 'LAND_CONTRACT',
    stage: 1,
    name: '国有建设用地使用权出让合同',
    deptKind: 'natural_resources',
    output: '出让合同',
    statutoryDays: null,
    promisedDays: 10,
    unit: 'working',
    prerequisites: ['LAND_SUPPLY'],
    parallelGroup: null,
    applies: onLand,
  },
  {
    code: 'LAND_PLAN_PERMIT',
    stage: 1,
    name: '建设用地规划许可证',
    deptKind: 'natural_resources',
    output: '建设用地规划许可证',
    statutoryDays: null,
    promisedDays: 5,
    unit: 'working',
    prerequisites: ['LAND_CONTRACT'],
    parallelGroup: 'PL',
    applies: onLand,
  },
  {
    code: 'LAND_TITLE',
    stage: 1,
    name: '不动产权证书（土地）',
    deptKind: 'real_estate_registry',
    output: '不动产权证书',
    statutoryDays: 30,
    promisedDays: 5,
    unit: 'working',
    prerequisites: ['LAND_CONTRACT'],
    parallelGroup: 'PL',
    applies: onLand,
  },
  {
    code: 'EIA',
    stage: 1,
    name: '环境影响评价审批',
    deptKind: 'ecology',
    output: '环评批复（报告表）',
    statutoryDays: 30,
    promisedDays: 30,
    unit: 'calendar',
    prerequisites: [],
    parallelGroup: null,
    applies: any,
  },
  {
    code: 'ENERGY',
    stage: 1,
    name: '节能审查',
    deptKind: 'drc',
    output: '节能审查意见',
    statutoryDays: null,
    promisedDays: 10,
    unit: 'working',
    prerequisites: [],
    parallelGroup: null,
    applies: any,
  },
  {
    code: 'DESIGN_REVIEW',
    stage: 2,
    name: '设计方案审查',
    deptKind: 'natural_resources',
    output: '设计方案批复',
    statutoryDays: null,
    promisedDays: 10,
    unit: 'working',
    prerequisites: [],
    parallelGroup: 'P2',
    applies: onLand,
  },
  {
    code: 'BUILD_PLAN_PERMIT',
    stage: 2,
    name: '建设工程规划许可证',
    deptKind: 'natural_resources',
    output: '建设工程规划许可证',
    statutoryDays: null,
    promisedDays: 5,
    unit: 'working',
    prerequisites: ['DESIGN_REVIEW', 'LAND_PLAN_PERMIT'],
    parallelGroup: 'P2',
    applies: onLand,
  },
  {
    code: 'DRAWING_REVIEW',
    stage: 3,
    name: '施工图设计文件审查（联合审图）',
    deptKind: 'housing',
    output: '施工图审查合格书',
    statutoryDays: null,
    promisedDays: 15,
    unit: 'working',
    prerequisites: [],
    parallelGroup: 'P3',
    applies: any,
  },
  {
    code: 'CONSTRUCTION_PERMIT',
    stage: 3,
    name: '建设工程施工许可证',
    deptKind: 'housing',
    output: '建筑工程施工许可证',
    statutoryDays: 7,
    promisedDays: 7,
    unit: 'calendar',
    prerequisites: ['DRAWING_REVIEW', 'BUILD_PLAN_PERMIT'],
    parallelGroup: 'P3',
    applies: any,
  },
  {
    code: 'PILE_PERMIT',
    stage: 3,
    name: '桩基先行施工许可',
    deptKind: 'housing',
    output: '施工许可证（桩基）',
    statutoryDays: 7,
    promisedDays: 7,
    unit: 'calendar',
    prerequisites: [],
    parallelGroup: 'P3',
    applies: { landUses: LAND, investment: null, automatic: false },
  },
  {
    code: 'UTILITIES',
    stage: 3,
    name: '水电气暖通信报装',
    deptKind: 'utilities',
    output: '接入方案',
    statutoryDays: null,
    promisedDays: 10,
    unit: 'working',
    prerequisites: [],
    parallelGroup: null,
    applies: any,
  },
  {
    code: 'JOINT_ACCEPTANCE',
    stage: 4,
    name: '竣工联合验收',
    deptKind: 'housing',
    output: '联合验收意见书',
    statutoryDays: null,
    promisedDays: 7,
    unit: 'working',
    prerequisites: ['CONSTRUCTION_PERMIT'],
    parallelGroup: 'P4',
    applies: any,
  },
  {
    code: 'COMPLETION_FILING',
    stage: 4,
    name: '竣工验收备案',
    deptKind: 'housing',
    output: '竣工验收备案表',
    statutoryDays: 15,
    promisedDays: 15,
    unit: 'calendar',
    prerequisites: ['JOINT_ACCEPTANCE'],
    parallelGroup: 'P4',
    applies: any,
  },
  {
    code: 'FIRST_REGISTRATION',
    stage: 4,
    name: '不动产首次登记（房地一体）',
    deptKind: 'real_estate_registry',
    output: '不动产权证书',
    statutoryDays: null,
    promisedDays: 5,
    unit: 'working',
    prerequisites: ['JOINT_ACCEPTANCE'],
    parallelGroup: 'P4',
    applies: onLand,
  },
];

export type ProjectForApprovals = { landUse: LandUse | null; projectType: string | null };

export const investmentOf = (project: ProjectForApprovals): Investment =>
  project.projectType === 'government' ? 'government' : 'enterprise';

/** Whether the catalogue entry is generated for the project. */
export function appliesTo(entry: CatalogueEntry, project: ProjectForApprovals): boolean {
  const { landUses, investment, automatic } = entry.applies;
  if (!automatic) return false;
  if (investment && investment !== investmentOf(project)) return false;
  if (landUses && !(project.landUse && landUses.includes(project.landUse))) return false;
  return true;
}

/** The moves a status allows (a correction of 已办结 goes through 区发改 with a reason, not here). */
const MOVES: Record<ApprovalStatus, readonly ApprovalStatus[]> = {
  not_started: ['pre_review', 'accepted', 'accepted_with_gaps', 'exempt'],
  pre_review: ['pre_approved', 'not_started'],
  pre_approved: ['accepted', 'accepted_with_gaps', 'done', 'pre_review'],
  accepted: ['done', 'refused', 'accepted_with_gaps'],
  accepted_with_gaps: ['accepted', 'done', 'refused'],
  refused: ['accepted', 'accepted_with_gaps', 'not_started'],
  exempt: ['not_started'],
  done: [],
};

export function canMoveApproval(from: ApprovalStatus, to: ApprovalStatus): boolean {
  return from === to || MOVES[from].includes(to);
}

/** Statuses whose time limit is running. */
export const RUNNING_STATUSES: readonly ApprovalStatus[] = ['accepted', 'accepted_with_gaps'];
/** Statuses that satisfy a prerequisite. */
export const SETTLED_STATUSES: readonly ApprovalStatus[] = ['done', 'exempt'];

/**
 * The due date of an item 受理 on `acceptedOn` with `days` of limit in `unit`. A limit in calendar days whose
 * last day falls on a holiday or weekend ends on the next working day (《行政许可法》第八十二条 and the
 * general rule on periods).
 */
export function approvalDueOn(
  calendar: WorkingCalendar,
  acceptedOn: string,
  days: number,
  unit: LimitUnit,
): string {
  if (unit === 'working') return addWorkingDays(calendar, acceptedOn, days);
  const last = addDays(acceptedOn, days);
  return isWorkingDay(calendar, last) ? last : addWorkingDays(calendar, last, 1);
}

export type SlaState = 'not_running' | 'on_track' | 'due_soon' | 'overdue' | 'done_on_time' | 'done_late';

export type Sla = {
  state: SlaState;
  /** Days left (in the item's unit) until the due date, while running. */
  remaining: number | null;
  /** Days past the due date (in the item's unit): while running and late, or how late it finished. */
  overdue: number | null;
  /** Days the item took from 受理 to 办结 (in its unit). */
  used: number | null;
};

export type SlaInput = {
  status: ApprovalStatus;
  acceptedOn: string | null;
  doneOn: string | null;
  dueOn: string | null;
  unit: LimitUnit;
};

/**
 * The time-limit state of an item on `today`: 临期 when `warnWithin` working days (2 [A]) or fewer are left —
 * working days whatever the item's limit is counted in, so a limit in calendar days due on Monday is 临期 on
 * Friday — and 超期 once the due date has passed. `remaining` and `overdue` are in the limit's own unit.
 */
export function approvalSla(calendar: WorkingCalendar, item: SlaInput, today: string, warnWithin = 2): Sla {
  const between = (a: string, b: string) =>
    item.unit === 'working' ? workingDaysBetween(calendar, a, b) : daysBetween(a, b);
  if (item.status === 'done' && item.doneOn && item.dueOn && item.acceptedOn) {
    const late = item.doneOn > item.dueOn;
    return {
      state: late ? 'done_late' : 'done_on_time',
      remaining: null,
      overdue: late ? between(item.dueOn, item.doneOn) : null,
      used: between(item.acceptedOn, item.doneOn),
    };
  }
  if (!RUNNING_STATUSES.includes(item.status) || !item.dueOn) {
    return { state: 'not_running', remaining: null, overdue: null, used: null };
  }
  if (today > item.dueOn) {
    // A limit counted in working days is overdue by the working days since; at least one day.
    return {
      state: 'overdue',
      remaining: null,
      overdue: Math.max(1, between(item.dueOn, today)),
      used: null,
    };
  }
  const remaining = between(today, item.dueOn);
  const workingLeft = item.unit === 'working' ? remaining : workingDaysBetween(calendar, today, item.dueOn);
  return { state: workingLeft <= warnWithin ? 'due_soon' : 'on_track', remaining, overdue: null, used: null };
}

/**
 * Working days the approvals have taken so far: from the first 受理 to the last 办结 when everything is
 * settled, else to today — measured against Jiangsu's 100 working days [A].
 */
export function wholeProcessWorkingDays(
  calendar: WorkingCalendar,
  items: ReadonlyArray<{ status: ApprovalStatus; acceptedOn: string | null; doneOn: string | null }>,
  today: string,
): number | null {
  const started = items.map((i) => i.acceptedOn).filter((d): d is string => d !== null);
  if (started.length === 0) return null;
  const first = [...started].sort()[0] as string;
  const open = items.some((i) => !SETTLED_STATUSES.includes(i.status) && i.status !== 'not_started');
  const settled = items.map((i) => i.doneOn).filter((d): d is string => d !== null);
  const end = open || settled.length === 0 ? today : ([...settled].sort().at(-1) as string);
  // The day received counts when it is a working day: received and done the same day is one day's work.
  return workingDaysBetween(calendar, first, end) + (isWorkingDay(calendar, first) ? 1 : 0);
}

/** What is wrong with a move, in Chinese (empty when it can be made). */
export function checkApprovalUpdate(
  item: { code: string; name: string; status: ApprovalStatus; simulated: boolean },
  next: {
    status: ApprovalStatus;
    appliedOn: string | null;
    acceptedOn: string | null;
    doneOn: string | null;
    documentNo: string | null;
    gaps: string | null;
    gapsDueOn: string | null;
    commitment: boolean;
    commitmentCheckDueOn: string | null;
    simulated: boolean;
  },
  prerequisites: ReadonlyArray<{ code: string; name: string; status: ApprovalStatus }>,
  today: string,
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!canMoveApproval(item.status, next.status)) {
    add('status', `不能从当前状态改为所选状态`);
  }
  const needsAccepted =
    RUNNING_STATUSES.includes(next.status) || next.status === 'done' || next.status === 'refused';
  if (needsAccepted && !next.acceptedOn && next.status !== 'done') add('acceptedOn', '请填写受理日期');
  if (next.status === 'done') {
    if (!next.doneOn) add('doneOn', '请填写办结日期');
    if (!next.documentNo) add('documentNo', '请填写批文或证书编号');
  }
  if (next.status === 'accepted_with_gaps') {
    if (!next.gaps) add('gaps', '容缺受理须列明所缺材料');
    if (!next.gapsDueOn) add('gapsDueOn', '容缺受理须填写补齐期限');
  }
  if (next.commitment && !next.commitmentCheckDueOn) add('commitmentCheckDueOn', '告知承诺须填写核查期限');
  for (const [field, day] of [
    ['appliedOn', next.appliedOn],
    ['acceptedOn', next.acceptedOn],
    ['doneOn', next.doneOn],
  ] as const) {
    if (day && day > today) add(field, '日期不能晚于今天');
  }
  if (next.appliedOn && next.acceptedOn && next.acceptedOn < next.appliedOn)
    add('acceptedOn', '受理日期早于申请日期');
  if (next.acceptedOn && next.doneOn && next.doneOn < next.acceptedOn) add('doneOn', '办结日期早于受理日期');
  // Formal handling waits for the prerequisites; 预审 and 模拟审批 are how 拿地即开工 works before them.
  const formal = RUNNING_STATUSES.includes(next.status) || next.status === 'done';
  if (formal && !next.simulated && item.status !== next.status) {
    const open = prerequisites.filter((p) => !SETTLED_STATUSES.includes(p.status));
    if (open.length > 0) {
      add('status', `前置事项未办结：${open.map((p) => p.name).join('、')}（可先预审或按模拟审批办理）`);
    }
  }
  return problems;
}
