import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { bandOf, DEFAULT_SCORECARD, leadGradeOf, type ScorecardConfig, scoreLead } from './scorecard';

const full = {
  investment: 1_500_000_000,
  chain_fit: 'core',
  tax_per_mu: 80,
  intensity: 600,
  energy_env: 'low',
};

describe('bandOf', () => {
  const bands = [
    { from: 0, points: 20, label: '低' },
    { from: 30, points: 60, label: '中' },
    { from: 80, points: 100, label: '高' },
  ];
  it('takes the highest band whose lower bound is reached (bounds inclusive)', () => {
    expect(bandOf(bands, 29.99)?.label).toBe('低');
    expect(bandOf(bands, 30)?.label).toBe('中');
    expect(bandOf(bands, 79.9)?.label).toBe('中');
    expect(bandOf(bands, 80)?.label).toBe('高');
    expect(bandOf(bands.slice(1), 10)).toBeNull();
  });
  it('takes the lowest upper bound for lower-is-better criteria', () => {
    const energy = [
      { from: 0.1, points: 100, label: '≤0.1' },
      { from: 0.3, points: 50, label: '≤0.3' },
    ];
    expect(bandOf(energy, 0.1, true)?.label).toBe('≤0.1');
    expect(bandOf(energy, 0.2, true)?.label).toBe('≤0.3');
    expect(bandOf(energy, 0.31, true)).toBeNull();
  });
});

describe('leadGradeOf', () => {
  it('puts the cut-offs themselves in the higher grade', () => {
    const cutoffs = { A: 80, B: 60 };
    expect(leadGradeOf(80, cutoffs)).toBe('A');
    expect(leadGradeOf(79.99, cutoffs)).toBe('B');
    expect(leadGradeOf(60, cutoffs)).toBe('B');
    expect(leadGradeOf(59.99, cutoffs)).toBe('C');
  });
});

describe('scoreLead', () => {
  it('gives full marks to a lead at the top of every criterion', () => {
    const result = scoreLead(DEFAULT_SCORECARD, full);
    expect(result.total).toBe(100);
    expect(result.grade).toBe('A');
    expect(result.parts.map((p) => p.weighted)).toEqual([30, 20, 20, 15, 15]);
    expect(result.parts[0]?.input).toBe('15.00亿元');
    expect(result.parts[0]?.calculation).toBe('15.00亿元，属「10亿元及以上」得 100 分 × 权重 30% = 30');
  });

  it('weighs each band: 3亿元 (50), related chain (60), 40万元/亩 (60), 300 (60), medium (60)', () => {
    const result = scoreLead(DEFAULT_SCORECARD, {
      investment: 300_000_000,
      chain_fit: 'related',
      tax_per_mu: 40,
      intensity: 300,
      energy_env: 'medium',
    });
    // 50×0.3 + 60×0.2 + 60×0.2 + 60×0.15 + 60×0.15 = 15 + 12 + 12 + 9 + 9
    expect(result.total).toBe(57);
    expect(result.grade).toBe('C');
    expect(result.gradeExplanation).toBe('总分 57，低于 B 类分数线 60，评为 C 类');
    expect(result.parts[0]?.input).toBe('3.00亿元');
  });

  it('reaches B at exactly the cut-off and follows configured cut-offs', () => {
    // 80×0.3 + 100×0.2 + 20×0.2 + 20×0.15 + 60×0.15 = 24 + 20 + 4 + 3 + 9 = 60
    const inputs = {
      investment: 500_000_000,
      chain_fit: 'core',
      tax_per_mu: 10,
      intensity: 100,
      energy_env: 'medium',
    };
    expect(scoreLead(DEFAULT_SCORECARD, inputs)).toMatchObject({ total: 60, grade: 'B' });
    const strict: ScorecardConfig = { ...DEFAULT_SCORECARD, cutoffs: { A: 90, B: 61 } };
    expect(scoreLead(strict, inputs).grade).toBe('C');
    expect(scoreLead(strict, full).grade).toBe('A');
  });

  it('shows small investments in 万元 and a number below every band as 0 points', () => {
    const config: ScorecardConfig = {
      criteria: [
        {
          type: 'number',
          code: 'investment',
          label: '投资规模',
          weight: 100,
          unit: '元',
          money: true,
          lowerIsBetter: false,
          bands: [{ from: 100_000_000, points: 100, label: '1亿元以上' }],
        },
      ],
      cutoffs: { A: 80, B: 60 },
    };
    const result = scoreLead(config, { investment: 50_000_000 });
    expect(result.parts[0]).toMatchObject({ input: '5,000.00万元', band: '不在任何档位', points: 0 });
    expect(result.grade).toBe('C');
  });

  it('refuses a missing number or an unknown option, naming the criterion', () => {
    expect(() => scoreLead(DEFAULT_SCORECARD, { ...full, tax_per_mu: 'x' })).toThrow(/预计亩均税收/);
    expect(() => scoreLead(DEFAULT_SCORECARD, { ...full, energy_env: 'none' })).toThrow(DomainError);
    const { intensity: _omit, ...missing } = full;
    expect(() => scoreLead(DEFAULT_SCORECARD, missing)).toThrow(/投资强度/);
  });

  it('keeps the default weights at 100 in total', () => {
    expect(DEFAULT_SCORECARD.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
  });
});
