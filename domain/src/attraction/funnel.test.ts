import { describe, expect, it } from 'vitest';
import { conversionRates, funnelOf, funnelStageOf, median } from './funnel';
import { matchPoolRule, poolRuleMatches, reminderDue } from './pool';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 10, 4])).toBe(3);
  });
});

describe('conversionRates', () => {
  it('divides each stage by the one before and leaves an empty stage without a rate', () => {
    expect(conversionRates({ LEAD: 10, NEGOTIATING: 4, SIGNED: 3, FILED: 0, STARTED: 0 })).toEqual([
      { from: 'LEAD', to: 'NEGOTIATING', rate: 0.4 },
      { from: 'NEGOTIATING', to: 'SIGNED', rate: 0.75 },
      { from: 'SIGNED', to: 'FILED', rate: 0 },
      { from: 'FILED', to: 'STARTED', rate: null },
    ]);
    expect(conversionRates({ LEAD: 3, NEGOTIATING: 1, SIGNED: 0, FILED: 0, STARTED: 0 })[0]?.rate).toBe(
      0.3333,
    );
  });
});

describe('funnelOf', () => {
  it('counts what each project reached and the days it spent per stage', () => {
    const figures = funnelOf([
      [
        { toState: 'LEAD', on: '2025-01-01' },
        { toState: 'NEGOTIATING', on: '2025-01-11' },
        { toState: 'SIGNED', on: '2025-03-01' },
        { toState: 'FILED', on: '2025-04-01' },
        { toState: 'LAND_PREP', on: '2025-05-01' },
        { toState: 'STARTED', on: '2025-08-01' },
      ],
      [
        { toState: 'LEAD', on: '2025-02-01' },
        { toState: 'NEGOTIATING', on: '2025-02-21' },
        { toState: 'TERMINATED', on: '2025-03-01' },
      ],
      // Registered in negotiation: a lead too, but no days as a lead.
      [
        { toState: 'NEGOTIATING', on: '2025-02-01' },
        { toState: 'SIGNED', on: '2025-02-11' },
      ],
      [{ toState: 'LEAD', on: '2025-03-01' }],
    ]);
    expect(figures.counts).toEqual({ LEAD: 4, NEGOTIATING: 3, SIGNED: 2, FILED: 1, STARTED: 1 });
    // 在谈: 49 days (11 Jan → 1 Mar) and 10 days (1 → 11 Feb): median 29.5.
    expect(figures.medianDays).toEqual({
      LEAD: 15,
      NEGOTIATING: 29.5,
      SIGNED: 31,
      FILED: 122,
      STARTED: null,
    });
    expect(figures.rates[0]).toEqual({ from: 'LEAD', to: 'NEGOTIATING', rate: 0.75 });
  });

  it('keeps the stage reached before a suspension', () => {
    const figures = funnelOf([
      [
        { toState: 'LEAD', on: '2025-01-01' },
        { toState: 'NEGOTIATING', on: '2025-01-02' },
        { toState: 'SIGNED', on: '2025-01-03' },
        { toState: 'FILED', on: '2025-01-04' },
        { toState: 'SUSPENDED', on: '2025-02-01' },
      ],
    ]);
    expect(figures.counts.FILED).toBe(1);
    expect(funnelStageOf('APPROVING')).toBe('FILED');
    expect(funnelStageOf('SUSPENDED')).toBeNull();
  });
});

describe('pool rules', () => {
  const rules = [
    { industryChain: '智能电动汽车', minInvestmentYuan: 500_000_000, regionId: 'gxq' },
    { source: 'expo', regionId: 'xth' },
    { industryChain: '医疗器械', regionId: 'xth' },
  ];
  it('takes the first rule whose conditions all hold', () => {
    expect(
      matchPoolRule(rules, { industryChain: '智能电动汽车', source: 'expo', totalInvestment: 600_000_000 }),
    ).toBe(0);
    expect(
      matchPoolRule(rules, { industryChain: '智能电动汽车', source: 'expo', totalInvestment: 100_000_000 }),
    ).toBe(1);
    expect(matchPoolRule(rules, { industryChain: '医疗器械', source: 'fund', totalInvestment: null })).toBe(
      2,
    );
    expect(
      matchPoolRule(rules, { industryChain: '新能源', source: 'fund', totalInvestment: 9e9 }),
    ).toBeNull();
  });
  it('never meets a minimum with an unknown investment, and matches anything without conditions', () => {
    expect(
      poolRuleMatches(
        { minInvestmentYuan: 0, regionId: 'a' },
        { industryChain: null, source: null, totalInvestment: null },
      ),
    ).toBe(false);
    expect(
      poolRuleMatches({ regionId: 'a' }, { industryChain: null, source: null, totalInvestment: null }),
    ).toBe(true);
  });
  it('reminds once, from the day a next step is due', () => {
    const step = { nextStepOn: '2025-06-10', nextStepDone: false, reminded: false };
    expect(reminderDue(step, '2025-06-09')).toBe(false);
    expect(reminderDue(step, '2025-06-10')).toBe(true);
    expect(reminderDue(step, '2025-06-12')).toBe(true);
    expect(reminderDue({ ...step, reminded: true }, '2025-06-10')).toBe(false);
    expect(reminderDue({ ...step, nextStepDone: true }, '2025-06-10')).toBe(false);
    expect(reminderDue({ ...step, nextStepOn: null }, '2025-06-10')).toBe(false);
  });
});
