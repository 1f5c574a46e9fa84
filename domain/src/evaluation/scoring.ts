import { daysBetween } from '../land/dates';
import { formatWan } from '../money';
import type { EvaluationSchedule } from './dates';

// The post-evaluation score (domain.md §9.2): each indicator's committed (承诺) and actual (实际) value, the
// ratio, the weight and the points, with a one-line calculation, so that every score can be explained.

export const EVALUATION_KINDS = ['production', 'target', 'recheck'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

export const EVALUATION_STATUSES = ['pending', 'filled', 'verified', 'scored', 'notified'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

export const EVALUATION_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

export const RECTIFICATION_STATUSES = ['open', 'rechecking', 'passed', 'failed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

export const DISPOSITION_MEASURES = [
  'suspend_reward',
  'recover_reward',
  'adjust_land_price',
  'suspend_licence',
  'recover_land',
  'other',
] as const;
export type DispositionMeasure = (typeof DISPOSITION_MEASURES)[number];

export const OPTIMISATION_CATEGORIES = ['admission', 'policy', 'service', 'other'] as const;
export type OptimisationCategory = (typeof OPTIMISATION_CATEGORIES)[number];
export const OPTIMISATION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type OptimisationStatus = (typeof OPTIMISATION_STATUSES)[number];

/** higher: more is better; lower: less is better (energy); date: an agreed date, late is worse. */
export type IndicatorDirection = 'higher' | 'lower' | 'date';

export const EVALUATION_INDICATOR_KEYS = [
  'fixedAssetYuan',
  'intensityWanPerMu',
  'startOn',
  'completionOn',
  'productionOn',
  'plotRatio',
  'salesWanPerMu',
  'taxWanPerMu',
  'output',
  'jobs',
  'energyTce',
  'rdRatio',
] as const;
export type IndicatorKey = (typeof EVALUATION_INDICATOR_KEYS)[number];

export type IndicatorDefinition = {
  key: IndicatorKey;
  dimension: string;
  label: string;
  /** Display unit; values of `fixedAssetYuan` are integer 元 (shown as 万元). */
  unit: string;
  direction: IndicatorDirection;
  /** Default weight [A]; the 开工/竣工/投产 dates share the 10 points of 建设履约 (3 + 4 + 3). */
  weight: number;
};

export const EVALUATION_INDICATORS: readonly IndicatorDefinition[] = [
  {
    key: 'fixedAssetYuan',
    dimension: '投资履约',
    label: '固定资产投资',
    unit: '元',
    direction: 'higher',
    weight: 15,
  },
  {
    key: 'intensityWanPerMu',
    dimension: '投资履约',
    label: '投资强度',
    unit: '万元/亩',
    direction: 'higher',
    weight: 10,
  },
  { key: 'startOn', dimension: '建设履约', label: '开工日期', unit: '日期', direction: 'date', weight: 3 },
  {
    key: 'completionOn',
    dimension: '建设履约',
    label: '竣工日期',
    unit: '日期',
    direction: 'date',
    weight: 4,
  },
  {
    key: 'productionOn',
    dimension: '建设履约',
    label: '投产日期',
    unit: '日期',
    direction: 'date',
    weight: 3,
  },
  { key: 'plotRatio', dimension: '建设履约', label: '容积率', unit: '', direction: 'higher', weight: 5 },
  {
    key: 'salesWanPerMu',
    dimension: '产出效益',
    label: '亩均销售',
    unit: '万元/亩',
    direction: 'higher',
    weight: 15,
  },
  {
    key: 'taxWanPerMu',
    dimension: '产出效益',
    label: '亩均税收',
    unit: '万元/亩',
    direction: 'higher',
    weight: 20,
  },
  {
    key: 'output',
    dimension: '产出效益',
    label: '年产量（达产率）',
    unit: '设计产能单位',
    direction: 'higher',
    weight: 10,
  },
  { key: 'jobs', dimension: '社会效益', label: '用工人数', unit: '人', direction: 'higher', weight: 5 },
  { key: 'energyTce', dimension: '绿色', label: '综合能耗', unit: '吨标煤', direction: 'lower', weight: 5 },
  {
    key: 'rdRatio',
    dimension: '创新',
    label: '研发经费占销售比重',
    unit: '%',
    direction: 'higher',
    weight: 5,
  },
];

export const INDICATOR_BY_KEY: Record<IndicatorKey, IndicatorDefinition> = Object.fromEntries(
  EVALUATION_INDICATORS.map((i) => [i.key, i]),
) as Record<IndicatorKey, IndicatorDefinition>;

/** A figure: a number, or a date 'YYYY-MM-DD' for the date indicators; null when unknown. */
export type Figure = number | string | null;
export type Figures = Partial<Record<IndicatorKey, Figure>>;

export type EvaluationSettings = EvaluationSchedule & {
  weights: Record<IndicatorKey, number>;
  /** Highest ratio credited [A: 1.2]. */
  cap: number;
  /** Days late at which a date indicator scores nothing [A: 180]. */
  graceDays: number;
  /** Lowest score of each grade [A: 90, 80, 60]. */
  cutoffs: { excellent: number; good: number; pass: number };
};

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = {
  productionMonths: 12,
  targetMonth: 3,
  targetDay: 1,
  rectificationMonths: 6,
  fillDays: 30,
  weights: Object.fromEntries(EVALUATION_INDICATORS.map((i) => [i.key, i.weight])) as Record<
    IndicatorKey,
    number
  >,
  cap: 1.2,
  graceDays: 180,
  cutoffs: { excellent: 90, good: 80, pass: 60 },
};

export type IndicatorScore = {
  key: IndicatorKey;
  label: string;
  unit: string;
  direction: IndicatorDirection;
  committed: Figure;
  actual: Figure;
  /** actual/committed (committed/actual for lower-is-better); for dates, the days late. null when not scored. */
  ratio: number | null;
  daysLate: number | null;
  /** The configured weight. */
  weight: number;
  /** The weight after rescaling to 100 over the scored indicators. */
  effectiveWeight: number;
  points: number;
  /** false when the indicator has no committed value: left out, the others rescaled to 100. */
  scored: boolean;
  /** The one-line calculation (计算). */
  calculation: string;
};

export type EvaluationScore = {
  score: number;
  grade: EvaluationGrade;
  indicators: IndicatorScore[];
  /** Sum of the configured weights of the scored indicators (before rescaling). */
  scoredWeight: number;
  summary: string;
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const fmt = (n: number) => String(round2(n));

function isNumber(v: Figure | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
function isDay(v: Figure | undefined): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
}

/** The grade of a score by the configured cut-offs. */
export function gradeOf(score: number, cutoffs: EvaluationSettings['cutoffs']): EvaluationGrade {
  if (score >= cutoffs.excellent) return 'excellent';
  if (score >= cutoffs.good) return 'good';
  if (score >= cutoffs.pass) return 'pass';
  return 'fail';
}

/** Whether a grade passes (合格 or better). */
export function gradePasses(grade: EvaluationGrade): boolean {
  return grade !== 'fail';
}

/**
 * Scores an evaluation. Higher-is-better → weight × min(actual/committed, cap); lower-is-better (energy) →
 * weight × min(committed/actual, cap); dates → weight × max(0, 1 − daysLate/graceDays), where an actual date
 * not yet reached counts as late up to `asOf`. An indicator with no committed value is left out and the
 * weights of the others are rescaled so that the total stays out of 100 (a project without, say, an agreed
 * 容积率 is neither rewarded nor punished for it). A committed indicator with no actual value scores 0.
 */
export function scoreEvaluation(
  committed: Figures,
  actual: Figures,
  settings: Pick<EvaluationSettings, 'weights' | 'cap' | 'graceDays' | 'cutoffs'>,
  asOf: string,
): EvaluationScore {
  const cap = settings.cap;
  type Row = Omit<IndicatorScore, 'effectiveWeight' | 'points' | 'scored' | 'calculation'> & {
    /** The credited share of the weight (0 … cap); null when not scored. */
    raw: number | null;
    /** A date not reached by `asOf`, or a committed figure without an actual one. */
    note?: 'pending' | 'missing';
  };
  const rows: Row[] = EVALUATION_INDICATORS.map((def): Row => {
    const weight = settings.weights[def.key] ?? 0;
    const c = committed[def.key] ?? null;
    const a = actual[def.key] ?? null;
    const base = {
      key: def.key,
      label: def.label,
      unit: def.unit,
      direction: def.direction,
      committed: c,
      actual: a,
      weight,
    };
    const none = { ...base, ratio: null, daysLate: null, raw: null };
    if (def.direction === 'date') {
      if (!isDay(c) || weight <= 0) return none;
      const daysLate = Math.max(0, daysBetween(c, isDay(a) ? a : asOf));
      const raw = Math.max(0, 1 - daysLate / settings.graceDays);
      return { ...base, ratio: daysLate, daysLate, raw, ...(isDay(a) ? {} : { note: 'pending' as const }) };
    }
    if (!isNumber(c) || c <= 0 || weight <= 0) return none;
    if (!isNumber(a)) return { ...base, ratio: 0, daysLate: null, raw: 0, note: 'missing' };
    const ratio = def.direction === 'lower' ? (a <= 0 ? cap : c / a) : a / c;
    return { ...base, ratio: Math.round(ratio * 10_000) / 10_000, daysLate: null, raw: Math.min(ratio, cap) };
  });
  const scoredWeight = rows.reduce((s, r) => (r.raw === null ? s : s + r.weight), 0);
  const scale = scoredWeight > 0 ? 100 / scoredWeight : 0;
  const indicators: IndicatorScore[] = rows.map(({ raw, note, ...rest }) => {
    if (raw === null) {
      return {
        ...rest,
        effectiveWeight: 0,
        points: 0,
        scored: false,
        calculation:
          rest.weight <= 0 ? '权重为 0，不计分' : '无承诺值，不参与评分（其余指标权重按 100 分折算）',
      };
    }
    const effectiveWeight = round2(rest.weight * scale);
    const points = round2(effectiveWeight * raw);
    let calculation: string;
    if (rest.direction === 'date') {
      const dl = rest.daysLate ?? 0;
      const late = note === 'pending' ? `尚未实现，按截至 ${asOf} 计逾期 ${dl} 天` : `逾期 ${dl} 天`;
      calculation = `${late}；${fmt(effectiveWeight)} × max(0, 1 − ${dl}/${settings.graceDays}) = ${fmt(points)}`;
    } else if (note === 'missing') {
      calculation = '未填报实际值，得 0 分';
    } else {
      // Money is kept in 元 and read in 万元, as the breakdown table shows it.
      const shown = (v: Figure) =>
        rest.unit === '元' && typeof v === 'number' ? `${formatWan(v)}万元` : String(v);
      const [actual, committed] = [shown(rest.actual), shown(rest.committed)];
      calculation =
        rest.direction === 'lower'
          ? `${fmt(effectiveWeight)} × min(承诺 ${committed} ÷ 实际 ${actual}, ${cap}) = ${fmt(points)}`
          : `${fmt(effectiveWeight)} × min(实际 ${actual} ÷ 承诺 ${committed}, ${cap}) = ${fmt(points)}`;
    }
    return { ...rest, effectiveWeight, points, scored: true, calculation };
  });
  const score = round2(indicators.reduce((s, i) => s + i.points, 0));
  const grade = gradeOf(score, settings.cutoffs);
  const left = indicators.filter((i) => !i.scored && i.weight > 0).length;
  const summary =
    `得分 ${fmt(score)}（${indicators.filter((i) => i.scored).length} 项指标计分` +
    (left ? `，${left} 项无承诺值不计，权重折算为 100` : '') +
    `）→ ${GRADE_NAMES[grade]}`;
  return { score, grade, indicators, scoredWeight, summary };
}

const GRADE_NAMES: Record<EvaluationGrade, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};
