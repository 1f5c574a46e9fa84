import { addDays, daysBetween } from '../land/dates';
import type { ApprovalStatus, LimitUnit } from './items';
import { addWorkingDays, type WorkingCalendar } from './working-days';

// 拿地即开工 (domain.md §4.3): the approvals that traditionally followed the land deal are done before it, so
// that the permits needed to start are issued the day the land is obtained. Before the deal the project is
// checked for readiness — design scheme and construction drawings pre-reviewed, 环评 approved, the parcel's
// 用地清单 complete, the construction permit prepared — and the permit date predicted against the planned
// land date; after it, days_land_to_permit = 施工许可 − 土地出让合同 decides whether the mode was achieved
// (within 1 day [A], configurable; some places use 7).

export const DEFAULT_LAND_READY_DAYS = 1;

export type LandReadyItem = {
  code: string;
  status: ApprovalStatus;
  promisedDays: number;
  unit: LimitUnit;
  /** The day it reached its present status (办结, 预审通过 …), when known. */
  on: string | null;
};

export type ReadinessCheck = {
  key: 'design' | 'drawings' | 'eia' | 'land_list' | 'permit';
  label: string;
  /** The department that owns it. */
  owner: string;
  done: boolean;
  on: string | null;
};

export type LandReadyAssessment = {
  checks: ReadinessCheck[];
  ready: number;
  /** The earliest the permit can be issued: the land day when all is ready, else after the slowest open check. */
  predictedPermitOn: string | null;
  plannedLandOn: string | null;
  /** 施工许可 − 出让合同 in calendar days, once both happened. */
  daysLandToPermit: number | null;
  /** Null until the permit is issued after the land deal. */
  achieved: boolean | null;
};

const CHECKS: Array<{
  key: ReadinessCheck['key'];
  label: string;
  owner: string;
  code: string | null;
  ready: readonly ApprovalStatus[];
}> = [
  {
    key: 'design',
    label: '设计方案预审',
    owner: '自然资源和规划',
    code: 'DESIGN_REVIEW',
    ready: ['pre_approved', 'done'],
  },
  {
    key: 'drawings',
    label: '施工图预审',
    owner: '住建',
    code: 'DRAWING_REVIEW',
    ready: ['pre_approved', 'done'],
  },
  { key: 'eia', label: '环评批复', owner: '生态环境', code: 'EIA', ready: ['done', 'exempt'] },
  { key: 'land_list', label: '地块用地清单完备', owner: '自然资源和规划', code: null, ready: [] },
  {
    key: 'permit',
    label: '施工许可准备',
    owner: '住建',
    code: 'CONSTRUCTION_PERMIT',
    ready: ['pre_review', 'pre_approved', 'accepted', 'accepted_with_gaps', 'done'],
  },
];

export function assessLandReady(input: {
  calendar: WorkingCalendar;
  items: readonly LandReadyItem[];
  landListComplete: boolean;
  plannedLandOn: string | null;
  contractOn: string | null;
  permitOn: string | null;
  today: string;
  achieveWithinDays?: number;
}): LandReadyAssessment {
  const byCode = new Map(input.items.map((i) => [i.code, i]));
  const checks = CHECKS.map((c) => {
    if (c.code === null) {
      return { key: c.key, label: c.label, owner: c.owner, done: input.landListComplete, on: null };
    }
    const item = byCode.get(c.code);
    const done = item !== undefined && c.ready.includes(item.status);
    return { key: c.key, label: c.label, owner: c.owner, done, on: done ? (item?.on ?? null) : null };
  });
  // An open check is predicted to take its item's promised limit from today (a list without its item: 30 days).
  const openFinishes = CHECKS.filter((_c, i) => !checks[i]?.done).map((c) => {
    const item = c.code ? byCode.get(c.code) : undefined;
    if (!item) return addDays(input.today, 30);
    return item.unit === 'working'
      ? addWorkingDays(input.calendar, input.today, item.promisedDays)
      : addDays(input.today, item.promisedDays);
  });
  const land = input.contractOn ?? input.plannedLandOn;
  const candidates = [...openFinishes, ...(land ? [land] : [])].sort();
  const predictedPermitOn = input.permitOn ?? candidates.at(-1) ?? null;
  const days = input.contractOn && input.permitOn ? daysBetween(input.contractOn, input.permitOn) : null;
  return {
    checks,
    ready: checks.filter((c) => c.done).length,
    predictedPermitOn,
    plannedLandOn: input.plannedLandOn,
    daysLandToPermit: days,
    achieved: days === null ? null : days <= (input.achieveWithinDays ?? DEFAULT_LAND_READY_DAYS),
  };
}
