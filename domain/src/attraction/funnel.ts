import { daysBetween } from '../land/dates';

// The attraction funnel (issue 12): how many leads reached each stage — 线索, 在谈, 签约, 立项 (and later),
// 开工 (and later) — the conversion rate from one stage to the next and the median days a lead spent in a
// stage before it moved on, from the project's state history. A project registered in negotiation counts as
// a lead too (it was one, only recorded late); suspension and termination do not undo what was reached.

export const FUNNEL_STAGE_ORDER = ['LEAD', 'NEGOTIATING', 'SIGNED', 'FILED', 'STARTED'] as const;
export type FunnelStageCode = (typeof FUNNEL_STAGE_ORDER)[number];

const RANK: Record<string, number> = {
  LEAD: 0,
  NEGOTIATING: 1,
  SIGNED: 2,
  FILED: 3,
  LAND_PREP: 3,
  LAND_SUPPLIED: 3,
  APPROVING: 3,
  STARTED: 4,
  COMPLETED: 4,
  IN_PRODUCTION: 4,
  AT_TARGET: 4,
  POST_EVALUATED: 4,
};

/** The funnel stage a project state belongs to (null for 停缓建 / 终止). */
export function funnelStageOf(state: string): FunnelStageCode | null {
  const rank = RANK[state];
  return rank === undefined ? null : (FUNNEL_STAGE_ORDER[rank] ?? null);
}

/** The median of a list (mean of the middle two for an even count); null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** counts[next] / counts[stage] for each step, rounded to 4 places; null when the stage has none. */
export function conversionRates(
  counts: Readonly<Record<FunnelStageCode, number>>,
): { from: FunnelStageCode; to: FunnelStageCode; rate: number | null }[] {
  return FUNNEL_STAGE_ORDER.slice(0, -1).map((from, i) => {
    const to = FUNNEL_STAGE_ORDER[i + 1] as FunnelStageCode;
    const base = counts[from];
    return { from, to, rate: base === 0 ? null : Math.round((counts[to] / base) * 10_000) / 10_000 };
  });
}

/** One project's state history: each state it entered and the day, in order. */
export type StateHistory = readonly { toState: string; on: string }[];

export type FunnelFigures = {
  counts: Record<FunnelStageCode, number>;
  rates: { from: FunnelStageCode; to: FunnelStageCode; rate: number | null }[];
  medianDays: Record<FunnelStageCode, number | null>;
};

/**
 * The funnel of a set of projects. A project reached a stage when its history reached that stage or a
 * later one. The days spent in a stage run from the first day it entered the stage to the first day it
 * entered a later one (only projects that did both count).
 */
export function funnelOf(histories: readonly StateHistory[]): FunnelFigures {
  const counts = Object.fromEntries(FUNNEL_STAGE_ORDER.map((s) => [s, 0])) as Record<FunnelStageCode, number>;
  const durations = Object.fromEntries(FUNNEL_STAGE_ORDER.map((s) => [s, [] as number[]])) as Record<
    FunnelStageCode,
    number[]
  >;
  for (const history of histories) {
    const firstOn: (string | null)[] = FUNNEL_STAGE_ORDER.map(() => null);
    let top = -1;
    for (const change of history) {
      const rank = RANK[change.toState];
      if (rank === undefined) continue;
      if (firstOn[rank] === null) firstOn[rank] = change.on;
      top = Math.max(top, rank);
    }
    if (top < 0) continue;
    for (let r = 0; r <= top; r++) counts[FUNNEL_STAGE_ORDER[r] as FunnelStageCode] += 1;
    for (let r = 0; r < FUNNEL_STAGE_ORDER.length - 1; r++) {
      const entered = firstOn[r];
      if (!entered) continue;
      const left = firstOn
        .slice(r + 1)
        .filter((d): d is string => d !== null)
        .sort()[0];
      if (left)
        durations[FUNNEL_STAGE_ORDER[r] as FunnelStageCode].push(Math.max(0, daysBetween(entered, left)));
    }
  }
  const medianDays = Object.fromEntries(FUNNEL_STAGE_ORDER.map((s) => [s, median(durations[s])])) as Record<
    FunnelStageCode,
    number | null
  >;
  return { counts, rates: conversionRates(counts), medianDays };
}
