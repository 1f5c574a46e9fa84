import { DEFAULT_LIBRARY_THRESHOLDS, isMajorAttraction, type LibraryThresholds } from '../projects/library';

// The statistics of domain.md §8.1 as pure functions over counts and integer 元 of one scope and period.
// A rate whose denominator is zero (no plan, no target) is null: "no target" is not "0%".

/** numerator ÷ denominator, or null when there is nothing to divide by. */
export function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) return null;
  return denominator > 0 ? numerator / denominator : null;
}

/** 序时进度: the months elapsed (closed) of the year ÷ 12; quarter ends give 25 / 50 / 75 / 100 %. */
export function scheduleProgress(monthsElapsed: number): number {
  if (!Number.isInteger(monthsElapsed) || monthsElapsed < 0 || monthsElapsed > 12) {
    throw new RangeError(`months elapsed 0–12: ${monthsElapsed}`);
  }
  return monthsElapsed / 12;
}

/** 投资完成率 (完成年度计划%): Σ 自年初累计完成投资 ÷ Σ 年度计划投资. */
export const investmentCompletionRate = (ytdYuan: number, annualPlanYuan: number) =>
  ratio(ytdYuan, annualPlanYuan);

/** 超(低于)序时进度 in 个百分点, from the unrounded rates (positive: ahead). */
export function scheduleGapPoints(rate: number, schedule: number): number {
  return (rate - schedule) * 100;
}

/** 开工率: new-build projects started ÷ new-build projects planned to start this year. */
export const startRate = (startedNew: number, plannedNew: number) => ratio(startedNew, plannedNew);

/** 竣工率: projects completed ÷ projects planned to complete this year. */
export const completionRate = (completed: number, plannedCompletions: number) =>
  ratio(completed, plannedCompletions);

/** 入库完成率: projects newly entered (by entry date) ÷ the year's entry target. */
export const libraryEntryRate = (entered: number, target: number) => ratio(entered, target);

/** 储备转化率: reserve projects started ahead of their year ÷ reserve projects. */
export const reserveConversionRate = (startedEarly: number, reserve: number) => ratio(startedEarly, reserve);

/** 资金到位率: funds in place ÷ funds planned. */
export const fundsInPlaceRate = (inPlaceYuan: number, plannedYuan: number) => ratio(inPlaceYuan, plannedYuan);

/** 入统率: started projects in the statistics ÷ started projects. */
export const statisticsRate = (inStatistics: number, started: number) => ratio(inStatistics, started);

/** 问题办结率: problems closed (已销号) ÷ problems assigned (已交办). */
export const problemClosureRate = (closed: number, assigned: number) => ratio(closed, assigned);

/** 满意率: ratings 满意 or 非常满意 ÷ ratings given (domain.md §6.5). */
export const satisfactionRate = (satisfied: number, rated: number) => ratio(satisfied, rated);

/** The bands briefings count, highest first [A]: "超30亿", "超10亿" (from 30亿; from 10亿 below 30亿). */
export type AttractionRules = { thresholds: LibraryThresholds; bandsYuan: readonly number[] };

export const DEFAULT_ATTRACTION_RULES: AttractionRules = {
  thresholds: DEFAULT_LIBRARY_THRESHOLDS,
  bandsYuan: [3_000_000_000, 1_000_000_000],
};

/** A project entered in the period: its 总投资 and, for foreign investment, the amount in 万美元. */
export type AttractionProject = { totalYuan: number; foreignUsdWan?: number | null };

/**
 * The major projects counted by band, highest first: for bands [30亿, 10亿] the projects from 30亿 and
 * those from 10亿 below 30亿 (a dollar-qualified project below every band falls in the last).
 */
export function attractionBands(
  projects: readonly AttractionProject[],
  rules: AttractionRules = DEFAULT_ATTRACTION_RULES,
): { total: number; bands: { fromYuan: number; count: number }[] } {
  const major = projects.filter((p) =>
    isMajorAttraction(p.totalYuan, p.foreignUsdWan ?? null, rules.thresholds),
  );
  const bands = rules.bandsYuan.map((fromYuan) => ({ fromYuan, count: 0 }));
  for (const p of major) {
    const band = bands.find((b) => p.totalYuan >= b.fromYuan) ?? bands.at(-1);
    if (band) band.count += 1;
  }
  return { total: major.length, bands };
}

/**
 * Competition ranking (1224): equal values share a rank and the next rank skips. Higher is better unless
 * `lowerIsBetter`. A null value (no target) is ranked after every number, all sharing the last rank.
 */
export function competitionRanks<K>(
  entries: readonly { key: K; value: number | null }[],
  lowerIsBetter = false,
): Map<K, number> {
  const sorted = [...entries].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return lowerIsBetter ? a.value - b.value : b.value - a.value;
  });
  const ranks = new Map<K, number>();
  sorted.forEach((entry, index) => {
    const previous = sorted[index - 1];
    const same = previous !== undefined && previous.value === entry.value;
    ranks.set(entry.key, same ? (ranks.get(previous.key) as number) : index + 1);
  });
  return ranks;
}

/** A composite score's weights by metric [A: e.g. 投资完成率 40%, 开工率 30%, 入库完成率 20%, 问题办结率 10%]. */
export type CompositeWeights = Readonly<Record<string, number>>;

export const DEFAULT_COMPOSITE_WEIGHTS: CompositeWeights = {
  investment: 0.4,
  start: 0.3,
  entry: 0.2,
  problems: 0.1,
};

/**
 * The composite score (0–100) with its calculation: each metric's rate (capped at 100%) × its weight. A
 * metric without a value (no target) scores 0 and says so, so that the shown sum always adds up.
 */
export function compositeScore(
  rates: Readonly<Record<string, number | null>>,
  weights: CompositeWeights = DEFAULT_COMPOSITE_WEIGHTS,
): { score: number; parts: { metric: string; rate: number | null; weight: number; points: number }[] } {
  const sum = Object.values(weights).reduce((s, w) => s + w, 0);
  if (!(sum > 0)) throw new RangeError('weights must add up to more than 0');
  // Weights that do not add up to 1 are taken as shares of their sum (a sum off by rounding is 1).
  const total = Math.abs(sum - 1) < 1e-9 ? 1 : sum;
  const parts = Object.entries(weights).map(([metric, weight]) => {
    const rate = rates[metric] ?? null;
    const points = rate === null ? 0 : (Math.min(Math.max(rate, 0), 1) * weight * 100) / total;
    return { metric, rate, weight: weight / total, points };
  });
  return { score: parts.reduce((s, p) => s + p.points, 0), parts };
}

/**
 * The library level a region's children are measured on: a district's 板块 on 区重点 entries, a city's
 * districts on 市重大, a province's cities on 省重大.
 */
export function childLibraryLevel(regionLevel: string): 'province' | 'city' | 'district' {
  if (regionLevel === 'province') return 'province';
  if (regionLevel === 'city') return 'city';
  return 'district';
}

/** What the children of a region are ranked "among" in a sentence: 全省 (a province's), 全市, else 全区. */
export function amongOf(parentLevel: string): string {
  if (parentLevel === 'province') return '全省';
  if (parentLevel === 'city') return '全市';
  return '全区';
}
