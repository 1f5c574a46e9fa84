import { describe, expect, it } from 'vitest';
import {
  attractionSentence,
  quarterSentence,
  rankText,
  redListText,
  scheduleSentence,
  targetsSentence,
  tierProgressSentence,
} from './briefing';
import {
  attractionBands,
  competitionRanks,
  completionRate,
  compositeScore,
  investmentCompletionRate,
  libraryEntryRate,
  problemClosureRate,
  ratio,
  reserveConversionRate,
  scheduleGapPoints,
  scheduleProgress,
  startRate,
  statisticsRate,
} from './metrics';
import {
  chineseNumber,
  chineseOrdinal,
  formatDecimal,
  formatPercentOf,
  formatYiOf,
  periodText,
  roundHalfUp,
  scheduleGapText,
} from './numbers';

const YI = 100_000_000;

describe('numbers as published', () => {
  it('rounds half away from zero on the value as written, not as stored', () => {
    expect(roundHalfUp(2.675, 2)).toBe(2.68);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(0.5, 0)).toBe(1);
    expect(roundHalfUp(-0.5, 0)).toBe(-1);
    expect(roundHalfUp(26.25, 1)).toBe(26.3);
    expect(roundHalfUp(26.249999, 1)).toBe(26.2);
    expect(roundHalfUp(-0.04, 1)).toBe(0);
  });

  it('trims trailing zeros', () => {
    expect(formatDecimal(80, 1)).toBe('80');
    expect(formatDecimal(30.4, 2)).toBe('30.4');
    expect(formatDecimal(12.04, 1)).toBe('12');
    expect(formatPercentOf(0.8)).toBe('80%');
    expect(formatPercentOf(11 / 12, 1)).toBe('91.7%');
    expect(formatYiOf(1_650_000_000, 2)).toBe('16.5');
    expect(formatYiOf(1_200_000_000, 0)).toBe('12');
  });

  it('puts the difference to 序时 in 个百分点 from the unrounded rates', () => {
    // 52.888…% against 41.666…%: 11.2 points, though the rounded figures (52.9, 41.7) differ by 11.2 too.
    expect(scheduleGapText(134.6 / 254.5, 5 / 12)).toBe('高于序时进度11.2个百分点');
    // 26.35% and 25%: rounded rates would say 26.4 − 25 = 1.4; the unrounded difference is 1.35 → 1.4.
    expect(scheduleGapText(0.2635, 0.25)).toBe('高于序时进度1.4个百分点');
    // 24.94% against 25%: 0.06 points → 0.1 below; 25.04% → rounds to 0.0 → 持平.
    expect(scheduleGapText(0.2494, 0.25)).toBe('低于序时进度0.1个百分点');
    expect(scheduleGapText(0.2504, 0.25)).toBe('与序时进度持平');
  });

  it('writes ranks and periods as the offices do', () => {
    expect([1, 2, 10, 11, 20, 21, 100, 105, 110].map(chineseNumber)).toEqual([
      '一',
      '二',
      '十',
      '十一',
      '二十',
      '二十一',
      '一百',
      '一百零五',
      '一百一十',
    ]);
    expect(chineseOrdinal(1)).toBe('第一');
    expect(periodText(1, 3, 'quarter')).toBe('一季度');
    expect(periodText(1, 6, 'quarter')).toBe('上半年');
    expect(periodText(1, 4)).toBe('1至4月');
    expect(periodText(1, 5, 'dash')).toBe('1-5月份');
    expect(periodText(3, 3)).toBe('3月');
    expect(() => periodText(5, 4)).toThrow(RangeError);
  });
});

describe('§8.1 formulas', () => {
  it('序时进度 is the months elapsed over twelve; quarter ends are 25/50/75/100 %', () => {
    expect([3, 6, 9, 12].map(scheduleProgress)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(() => scheduleProgress(13)).toThrow(RangeError);
  });

  it('gives no rate without a denominator, and the rates otherwise', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(investmentCompletionRate(16.5 * YI, 62.7 * YI)).toBeCloseTo(0.26316, 5);
    expect(scheduleGapPoints(0.3, 0.25)).toBeCloseTo(5, 10);
    expect(startRate(3, 3)).toBe(1);
    expect(completionRate(44, 82)).toBeCloseTo(0.5366, 4);
    expect(libraryEntryRate(84, 230)).toBeCloseTo(0.3652, 4);
    expect(reserveConversionRate(2, 23)).toBeCloseTo(0.087, 3);
    expect(statisticsRate(0, 0)).toBeNull();
    expect(problemClosureRate(9, 12)).toBe(0.75);
  });

  it('counts 重大招引项目 (from 10亿元, or 1亿美元 of foreign investment) by band', () => {
    const { total, bands } = attractionBands([
      { totalYuan: 30 * YI },
      { totalYuan: 29.99 * YI },
      { totalYuan: 7 * YI, foreignUsdWan: 12_000 },
      { totalYuan: 2 * YI },
    ]);
    expect(total).toBe(3);
    expect(bands).toEqual([
      { fromYuan: 30 * YI, count: 1 },
      { fromYuan: 10 * YI, count: 2 },
    ]);
  });

  it('ranks competitively: ties share a rank and the next is skipped; no value ranks last', () => {
    const ranks = competitionRanks([
      { key: '武进', value: 16 },
      { key: '新北', value: 12 },
      { key: '天宁', value: 12 },
      { key: '钟楼', value: 9 },
      { key: '金坛', value: null },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ 武进: 1, 新北: 2, 天宁: 2, 钟楼: 4, 金坛: 5 });
    expect(
      Object.fromEntries(
        competitionRanks(
          [
            { key: 'a', value: 3 },
            { key: 'b', value: 1 },
          ],
          true,
        ),
      ),
    ).toEqual({
      a: 2,
      b: 1,
    });
  });

  it('shows a composite score as the sum of its parts, rates capped at 100%', () => {
    const { score, parts } = compositeScore({ investment: 0.5, start: 1.2, entry: null, problems: 0.8 });
    expect(parts.map((p) => ({ ...p, points: Number(p.points.toFixed(9)) }))).toEqual([
      { metric: 'investment', rate: 0.5, weight: 0.4, points: 20 },
      { metric: 'start', rate: 1.2, weight: 0.3, points: 30 },
      { metric: 'entry', rate: null, weight: 0.2, points: 0 },
      { metric: 'problems', rate: 0.8, weight: 0.1, points: 8 },
    ]);
    expect(score).toBeCloseTo(58, 10);
  });
});

// Each published sentence of domain.md §8.3, reproduced exactly from a dataset of raw figures (counts and
// integer 元); the rates, the rank and the bands are computed, not typed.
describe('§8.3 sentences from their datasets', () => {
  it('重大招引项目: 7 entered of a target of 8, first of the city, 2 from 30亿 and 5 from 10亿', () => {
    const wujin = [42, 31.5, 18, 12.6, 10, 15, 11.2, 6.5, 3].map((yi) => ({
      totalYuan: Math.round(yi * YI),
    }));
    // The city's districts by the same count: the rank is a query over them.
    const counts = {
      武进区: attractionBands(wujin).total,
      新北区: 6,
      天宁区: 3,
      钟楼区: 2,
      金坛区: 4,
      溧阳市: 5,
    };
    const ranks = competitionRanks(Object.entries(counts).map(([key, value]) => ({ key, value })));
    expect(
      attractionSentence({
        period: periodText(1, 4),
        scopeName: '武进区',
        projects: wujin,
        annualTarget: 8,
        rank: { rank: ranks.get('武进区') as number, among: '全市' },
      }),
    ).toBe(
      '1至4月，武进区共入库总投资超10亿元的重大招引项目7个，列全市第一，完成年度目标87.5%。其中：超30亿项目2个，超10亿项目5个。',
    );
  });

  it('省重大项目: 8 projects, 4 of 5 new-build started, 12亿元 of a 33.5亿元 plan', () => {
    expect(
      tierProgressSentence({
        tierName: '省重大项目',
        projects: 8,
        newBuild: 5,
        period: periodText(1, 4),
        startedNew: 4,
        ytdYuan: 12 * YI,
        annualPlanYuan: 33.5 * YI,
        digits: { yi: 0, rate: 1, startRate: 0 },
      }),
    ).toBe(
      '省重大项目共8个。其中新建项目5个，1至4月已开工4个，开工率80%；累计完成投资12亿元，投资完成率35.8%。',
    );
  });

  it('区重点项目: 109.4亿元 of 360亿元, and three counts against their targets (one published whole)', () => {
    expect(
      targetsSentence({
        tierName: '区重点项目',
        ytdYuan: 10_940_000_000,
        annualPlanYuan: 360 * YI,
        items: [
          { label: '新增区重点项目', count: 105, target: 228, rateDigits: 0 },
          { label: '新开工项目', count: 89, target: 230 },
          { label: '竣工项目', count: 44, target: 82 },
        ],
      }),
    ).toBe(
      '区重点项目完成投资109.4亿元，完成年度目标30.4%。其中新增区重点项目105个，完成年度目标46%。新开工项目89个，完成年度目标38.7%。竣工项目44个，完成年度目标53.7%。',
    );
  });

  it('全市省重大实施项目: 134.6亿元 of 254.5亿元 after five months, 11.2 points ahead of 序时', () => {
    expect(
      scheduleSentence({
        period: periodText(1, 5, 'dash'),
        scopeName: '全市',
        projects: 30,
        tierName: '省重大实施项目',
        ytdYuan: 13_460_000_000,
        annualPlanYuan: 25_450_000_000,
        monthsElapsed: 5,
      }),
    ).toBe(
      '1-5月份，全市30个省重大实施项目上报投资134.6亿元，完成年度计划的52.9%，高于序时进度11.2个百分点。',
    );
  });

  it('the seed (Q1 2025): 16.5亿元 of 62.7亿元, 3 new-build all started, 16 city entries first, 84 of 230', () => {
    const cityEntries = { 武进区: 16, 新北区: 14, 溧阳市: 11, 金坛区: 9, 天宁区: 7, 钟楼区: 5 };
    const ranks = competitionRanks(Object.entries(cityEntries).map(([key, value]) => ({ key, value })));
    expect(
      quarterSentence({
        period: periodText(1, 3, 'quarter'),
        province: { projects: 11, ytdYuan: 16.5 * YI, annualPlanYuan: 62.7 * YI, newBuild: 3, startedNew: 3 },
        cityEntries: { count: 16, rank: { rank: ranks.get('武进区') as number, among: '全市' } },
        districtEntries: { count: 84, target: 230 },
      }),
    ).toBe(
      '11个省重大项目一季度完成投资16.5亿元，占年度目标的26.3%；3个新建项目全部开工。一季度16个市重大项目入库，位列全市第一；新增区重点项目入库84个，完成年度目标的36.5%。',
    );
  });

  it('says when ranks are shared and when not every new-build project started', () => {
    expect(rankText({ rank: 2, among: '全市', tied: true })).toBe('并列全市第二');
    expect(
      quarterSentence({
        period: '一季度',
        province: { projects: 11, ytdYuan: 16.5 * YI, annualPlanYuan: 62.7 * YI, newBuild: 3, startedNew: 2 },
        cityEntries: { count: 16, rank: null },
        districtEntries: { count: 84, target: 0 },
      }),
    ).toBe(
      '11个省重大项目一季度完成投资16.5亿元，占年度目标的26.3%；3个新建项目已开工2个。一季度16个市重大项目入库；新增区重点项目入库84个（未设年度目标）。',
    );
    expect(redListText([])).toBe('无红灯项目');
    expect(redListText(['甲', '乙', '丙'], 2)).toBe('红灯项目3个：甲、乙等3个');
  });
});
