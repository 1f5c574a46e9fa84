import { DomainError } from '../errors';
import { formatWan, formatYi, YUAN_PER_YI } from '../money';

// The lead scorecard (issue 12 [A]): each criterion turns its input into 0–100 points — a number through
// bands (投资规模, 亩均税收, 投资强度), a choice through its options (产业链契合度, 能耗与环保) — and weighs them (the
// weights sum to 100). The total is Σ points × weight / 100; the grade follows from the cut-offs (A ≥ 80,
// B ≥ 60, else C by default). Every part keeps its calculation so the page shows how the grade came about.

export type ScoreBand = { from: number; points: number; label: string };
export type ScoreOption = { value: string; label: string; points: number };
export type ScorecardCriterion =
  | {
      type: 'number';
      code: string;
      label: string;
      weight: number;
      unit: string;
      /** The input is money in 元 (shown in 亿元/万元). */
      money: boolean;
      /** Smaller is better: a band applies up to its `from` value. */
      lowerIsBetter: boolean;
      bands: ScoreBand[];
    }
  | { type: 'choice'; code: string; label: string; weight: number; options: ScoreOption[] };
export type ScorecardConfig = { criteria: ScorecardCriterion[]; cutoffs: { A: number; B: number } };
export type LeadGrade = 'A' | 'B' | 'C';
export type ScoreInputs = Record<string, number | string>;
export type ScorePart = {
  code: string;
  label: string;
  input: string;
  band: string;
  points: number;
  weight: number;
  weighted: number;
  calculation: string;
};
export type ScoreResult = { total: number; grade: LeadGrade; parts: ScorePart[]; gradeExplanation: string };

export const DEFAULT_SCORECARD: ScorecardConfig = {
  criteria: [
    {
      type: 'number',
      code: 'investment',
      label: '投资规模',
      weight: 30,
      unit: '元',
      money: true,
      lowerIsBetter: false,
      bands: [
        { from: 0, points: 20, label: '1亿元以下' },
        { from: 100_000_000, points: 50, label: '1亿—5亿元' },
        { from: 500_000_000, points: 80, label: '5亿—10亿元' },
        { from: 1_000_000_000, points: 100, label: '10亿元及以上' },
      ],
    },
    {
      type: 'choice',
      code: 'chain_fit',
      label: '产业链契合度',
      weight: 20,
      options: [
        { value: 'core', label: '属于区重点产业链', points: 100 },
        { value: 'related', label: '重点产业链上下游配套', points: 60 },
        { value: 'none', label: '与重点产业链无关', points: 20 },
      ],
    },
    {
      type: 'number',
      code: 'tax_per_mu',
      label: '预计亩均税收',
      weight: 20,
      unit: '万元/亩',
      money: false,
      lowerIsBetter: false,
      bands: [
        { from: 0, points: 20, label: '30万元/亩以下' },
        { from: 30, points: 60, label: '30—50万元/亩' },
        { from: 50, points: 85, label: '50—80万元/亩' },
        { from: 80, points: 100, label: '80万元/亩及以上' },
      ],
    },
    {
      type: 'number',
      code: 'intensity',
      label: '投资强度',
      weight: 15,
      unit: '万元/亩',
      money: false,
      lowerIsBetter: false,
      bands: [
        { from: 0, points: 20, label: '300万元/亩以下' },
        { from: 300, points: 60, label: '300—450万元/亩' },
        { from: 450, points: 85, label: '450—600万元/亩' },
        { from: 600, points: 100, label: '600万元/亩及以上' },
      ],
    },
    {
      type: 'choice',
      code: 'energy_env',
      label: '能耗与环保',
      weight: 15,
      options: [
        { value: 'low', label: '低能耗、无重污染', points: 100 },
        { value: 'medium', label: '能耗一般、污染可控', points: 60 },
        { value: 'high', label: '高耗能或重污染', points: 0 },
      ],
    },
  ],
  cutoffs: { A: 80, B: 60 },
};

const round2 = (n: number) => Math.round(n * 100) / 100;

function showNumber(c: Extract<ScorecardCriterion, { type: 'number' }>, value: number): string {
  if (!c.money) return `${value}${c.unit}`;
  return value >= YUAN_PER_YI ? `${formatYi(value)}亿元` : `${formatWan(value)}万元`;
}

/** The band a number falls into: the highest `from` ≤ value, or (lower is better) the lowest `from` ≥ value. */
export function bandOf(bands: readonly ScoreBand[], value: number, lowerIsBetter = false): ScoreBand | null {
  const sorted = [...bands].sort((a, b) => a.from - b.from);
  if (lowerIsBetter) return sorted.find((b) => value <= b.from) ?? null;
  return sorted.filter((b) => value >= b.from).at(-1) ?? null;
}

/** The grade of a total: A at or above cut-off A, B at or above cut-off B, else C. */
export function leadGradeOf(total: number, cutoffs: ScorecardConfig['cutoffs']): LeadGrade {
  if (total >= cutoffs.A) return 'A';
  if (total >= cutoffs.B) return 'B';
  return 'C';
}

/**
 * Scores a lead. Every criterion needs an input (a number for number criteria, an option value for choice
 * criteria); a missing or wrong input is a DomainError naming the criterion.
 */
export function scoreLead(config: ScorecardConfig, inputs: ScoreInputs): ScoreResult {
  const parts: ScorePart[] = config.criteria.map((c) => {
    const raw = inputs[c.code];
    if (c.type === 'number') {
      if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `请填写「${c.label}」（${c.money ? '元' : c.unit}，不小于 0）`,
          {
            fields: [{ field: `inputs.${c.code}`, message: `请填写「${c.label}」` }],
          },
        );
      }
      const band = bandOf(c.bands, raw, c.lowerIsBetter);
      const points = band?.points ?? 0;
      const weighted = round2((points * c.weight) / 100);
      const input = showNumber(c, raw);
      return {
        code: c.code,
        label: c.label,
        input,
        band: band?.label ?? '不在任何档位',
        points,
        weight: c.weight,
        weighted,
        calculation: `${input}，属「${band?.label ?? '不在任何档位'}」得 ${points} 分 × 权重 ${c.weight}% = ${weighted}`,
      };
    }
    const option = c.options.find((o) => o.value === raw);
    if (!option) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `请选择「${c.label}」：${c.options.map((o) => o.label).join(' / ')}`,
        { fields: [{ field: `inputs.${c.code}`, message: `请选择「${c.label}」` }] },
      );
    }
    const weighted = round2((option.points * c.weight) / 100);
    return {
      code: c.code,
      label: c.label,
      input: option.label,
      band: option.label,
      points: option.points,
      weight: c.weight,
      weighted,
      calculation: `「${option.label}」得 ${option.points} 分 × 权重 ${c.weight}% = ${weighted}`,
    };
  });
  const total = round2(parts.reduce((s, p) => s + p.weighted, 0));
  const grade = leadGradeOf(total, config.cutoffs);
  const gradeExplanation =
    grade === 'A'
      ? `总分 ${total}，不低于 A 类分数线 ${config.cutoffs.A}，评为 A 类`
      : grade === 'B'
        ? `总分 ${total}，低于 A 类分数线 ${config.cutoffs.A}、不低于 B 类分数线 ${config.cutoffs.B}，评为 B 类`
        : `总分 ${total}，低于 B 类分数线 ${config.cutoffs.B}，评为 C 类`;
  return { total, grade, parts, gradeExplanation };
}
