import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  dueEvaluationTasks,
  isRectificationOverdue,
  productionEvaluationDueOn,
  rectificationDeadline,
  targetEvaluationDueOn,
} from './dates';
import { type Figures, gradeOf, DEFAULT_EVALUATION_SETTINGS as S, scoreEvaluation } from './scoring';

describe('calendar months, end-of-month safe', () => {
  it('clamps to the last day of the target month', () => {
    expect(addCalendarMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addCalendarMonths('2025-03-15', 12)).toBe('2026-03-15');
    expect(addCalendarMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addCalendarMonths('2025-03-31', -1)).toBe('2025-02-28');
  });
});

describe('evaluation task dates', () => {
  it('投产评价 falls due 12 months after 投产 — not a day before', () => {
    expect(productionEvaluationDueOn('2024-07-15', S)).toBe('2025-07-15');
    const c = { actualProductionOn: '2024-07-15', targetYear: null, figureYears: [] };
    expect(dueEvaluationTasks(c, '2025-07-14', S)).toEqual([]);
    expect(dueEvaluationTasks(c, '2025-07-15', S)).toEqual([
      { kind: 'production', dataYear: 2024, dueOn: '2025-07-15' },
    ]);
  });

  it('达产评价 falls due on 1 March after the 达产 year, and only once that year has figures', () => {
    expect(targetEvaluationDueOn(2025, S)).toBe('2026-03-01');
    const none = { actualProductionOn: null, targetYear: 2025, figureYears: [2024] };
    expect(dueEvaluationTasks(none, '2026-06-01', S)).toEqual([]);
    const withFigures = { ...none, figureYears: [2024, 2025] };
    expect(dueEvaluationTasks(withFigures, '2026-02-28', S)).toEqual([]);
    expect(dueEvaluationTasks(withFigures, '2026-03-01', S)).toEqual([
      { kind: 'target', dataYear: 2025, dueOn: '2026-03-01' },
    ]);
  });

  it('takes both offsets from the settings', () => {
    const s = { ...S, productionMonths: 18, targetMonth: 4, targetDay: 30 };
    expect(productionEvaluationDueOn('2024-08-31', s)).toBe('2026-02-28');
    expect(targetEvaluationDueOn(2025, s)).toBe('2026-04-30');
    expect(targetEvaluationDueOn(2025, { ...s, targetMonth: 2, targetDay: 31 })).toBe('2026-02-28');
  });

  it('整改 is due 6 months after the notice; overdue only while open', () => {
    expect(rectificationDeadline('2025-08-31', S)).toBe('2026-02-28');
    expect(rectificationDeadline('2025-03-10', { rectificationMonths: 3 })).toBe('2025-06-10');
    expect(isRectificationOverdue({ status: 'open', deadlineOn: '2026-02-28' }, '2026-02-28')).toBe(false);
    expect(isRectificationOverdue({ status: 'open', deadlineOn: '2026-02-28' }, '2026-03-01')).toBe(true);
    expect(isRectificationOverdue({ status: 'rechecking', deadlineOn: '2026-02-28' }, '2026-03-01')).toBe(
      false,
    );
  });
});

describe('the evaluation score (§9.2)', () => {
  const committed: Figures = {
    fixedAssetYuan: 500_000_000,
    intensityWanPerMu: 500,
    startOn: '2023-03-01',
    completionOn: '2024-06-30',
    productionOn: '2024-09-30',
    plotRatio: 1.5,
    salesWanPerMu: 1000,
    taxWanPerMu: 50,
    output: 600,
    jobs: 300,
    energyTce: 4000,
    rdRatio: 3,
  };
  const exact: Figures = { ...committed };

  it('scores 100 when every commitment is met exactly, with a calculation per indicator', () => {
    const r = scoreEvaluation(committed, exact, S, '2025-06-01');
    expect(r.score).toBe(100);
    expect(r.grade).toBe('excellent');
    const tax = r.indicators.find((i) => i.key === 'taxWanPerMu');
    expect(tax).toMatchObject({ committed: 50, actual: 50, ratio: 1, weight: 20, points: 20, scored: true });
    expect(tax?.calculation).toBe('20 × min(实际 50 ÷ 承诺 50, 1.2) = 20');
    // Money is stored in 元 and its calculation reads in 万元, as the table shows it.
    expect(r.indicators.find((i) => i.key === 'fixedAssetYuan')?.calculation).toBe(
      '15 × min(实际 50,000.00万元 ÷ 承诺 50,000.00万元, 1.2) = 15',
    );
  });

  it('caps a higher-is-better ratio at 1.2', () => {
    const r = scoreEvaluation(committed, { ...exact, taxWanPerMu: 100 }, S, '2025-06-01');
    const tax = r.indicators.find((i) => i.key === 'taxWanPerMu');
    expect(tax).toMatchObject({ ratio: 2, points: 24 });
    expect(r.score).toBe(104);
  });

  it('scores energy lower-is-better: committed ÷ actual, capped', () => {
    const over = scoreEvaluation(committed, { ...exact, energyTce: 8000 }, S, '2025-06-01');
    expect(over.indicators.find((i) => i.key === 'energyTce')).toMatchObject({ ratio: 0.5, points: 2.5 });
    const saving = scoreEvaluation(committed, { ...exact, energyTce: 1000 }, S, '2025-06-01');
    expect(saving.indicators.find((i) => i.key === 'energyTce')).toMatchObject({ ratio: 4, points: 6 });
    expect(saving.indicators.find((i) => i.key === 'energyTce')?.calculation).toBe(
      '5 × min(承诺 4000 ÷ 实际 1000, 1.2) = 6',
    );
  });

  it('scores dates by days late over 180 days, and an unmet date as late up to the scoring day', () => {
    const late = scoreEvaluation(committed, { ...exact, completionOn: '2024-09-28' }, S, '2025-06-01');
    // 90 days late: 4 × (1 − 90/180) = 2.
    expect(late.indicators.find((i) => i.key === 'completionOn')).toMatchObject({ daysLate: 90, points: 2 });
    const never = scoreEvaluation(committed, { ...exact, productionOn: null }, S, '2025-06-01');
    const production = never.indicators.find((i) => i.key === 'productionOn');
    expect(production).toMatchObject({ daysLate: 244, points: 0 });
    expect(production?.calculation).toContain('尚未实现，按截至 2025-06-01 计逾期 244 天');
    const early = scoreEvaluation(committed, { ...exact, startOn: '2023-01-01' }, S, '2025-06-01');
    expect(early.indicators.find((i) => i.key === 'startOn')).toMatchObject({ daysLate: 0, points: 3 });
  });

  it('leaves out an indicator without a committed value and rescales the rest to 100', () => {
    const { rdRatio: _rd, plotRatio: _plot, ...rest } = committed;
    const r = scoreEvaluation(rest, exact, S, '2025-06-01');
    expect(r.scoredWeight).toBe(90);
    expect(r.score).toBe(100);
    const rd = r.indicators.find((i) => i.key === 'rdRatio');
    expect(rd).toMatchObject({ scored: false, points: 0, effectiveWeight: 0 });
    expect(rd?.calculation).toContain('无承诺值');
    expect(r.indicators.find((i) => i.key === 'taxWanPerMu')?.effectiveWeight).toBe(22.22);
    expect(r.summary).toContain('2 项无承诺值不计');
  });

  it('gives 0 points to a committed indicator with no actual value', () => {
    const r = scoreEvaluation(committed, { ...exact, taxWanPerMu: null }, S, '2025-06-01');
    expect(r.indicators.find((i) => i.key === 'taxWanPerMu')).toMatchObject({
      points: 0,
      calculation: '未填报实际值，得 0 分',
    });
    expect(r.score).toBe(80);
    expect(r.grade).toBe('good');
  });

  it('grades by the configured cut-offs (优秀 ≥ 90, 良好 80–90, 合格 60–80, 不合格 < 60)', () => {
    expect(gradeOf(90, S.cutoffs)).toBe('excellent');
    expect(gradeOf(89.99, S.cutoffs)).toBe('good');
    expect(gradeOf(80, S.cutoffs)).toBe('good');
    expect(gradeOf(60, S.cutoffs)).toBe('pass');
    expect(gradeOf(59.99, S.cutoffs)).toBe('fail');
    expect(gradeOf(70, { excellent: 95, good: 85, pass: 75 })).toBe('fail');
  });

  it('uses configured weights and cap', () => {
    const weights = { ...S.weights, taxWanPerMu: 40 };
    const r = scoreEvaluation(
      committed,
      { ...exact, taxWanPerMu: 100 },
      { ...S, weights, cap: 1.5 },
      '2025-06-01',
    );
    // Weights now sum to 120: tax's 40 becomes 33.33, times the cap 1.5.
    expect(r.indicators.find((i) => i.key === 'taxWanPerMu')).toMatchObject({
      effectiveWeight: 33.33,
      points: 50,
    });
  });

  it('a project far behind its commitments fails', () => {
    const poor: Figures = {
      ...exact,
      fixedAssetYuan: 250_000_000,
      intensityWanPerMu: 250,
      salesWanPerMu: 400,
      taxWanPerMu: 15,
      output: 240,
      jobs: 120,
      completionOn: '2025-01-30',
      productionOn: '2025-05-30',
    };
    const r = scoreEvaluation(committed, poor, S, '2025-06-01');
    expect(r.grade).toBe('fail');
    expect(r.score).toBeLessThan(60);
  });
});
