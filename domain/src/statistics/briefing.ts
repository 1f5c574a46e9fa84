import {
  type AttractionProject,
  type AttractionRules,
  attractionBands,
  DEFAULT_ATTRACTION_RULES,
  investmentCompletionRate,
  ratio,
  scheduleProgress,
  startRate,
} from './metrics';
import { chineseOrdinal, formatPercentOf, formatYiOf, scheduleGapText } from './numbers';

// The sentences of a briefing (简报, domain.md §8.3), each computed from the data with the §8.1 formulas
// and written with the precision the offices publish: 亿元 with the sentence's decimals, rates with one
// decimal unless the sentence rounds to whole per cent, differences in 个百分点 from the unrounded rates.
// Each pattern is one of the published sentences; the clauses are shared.

/** Decimals of each kind of number in a sentence. */
export type Digits = { yi: number; rate: number; points: number };
export const BRIEFING_DIGITS: Digits = { yi: 1, rate: 1, points: 1 };

/** A rank among siblings: 1 and "全市" → "列全市第一"; shared → "并列全市第一". */
export type RankFact = { rank: number; among: string; tied?: boolean };

export function rankText(fact: RankFact, verb: '列' | '位列' = '列'): string {
  return `${fact.tied ? '并列' : verb}${fact.among}${chineseOrdinal(fact.rank)}`;
}

function rateText(numerator: number, denominator: number, digits: number): string {
  const r = ratio(numerator, denominator);
  return r === null ? '—' : formatPercentOf(r, digits);
}

/**
 * 重大招引项目入库 (§8.3, first example): "1至4月，武进区共入库总投资超10亿元的重大招引项目7个，列全市第一，
 * 完成年度目标87.5%。其中：超30亿项目2个，超10亿项目5个。"
 */
export function attractionSentence(input: {
  period: string;
  scopeName: string;
  /** The projects entered in the period (the minor ones are not counted). */
  projects: readonly AttractionProject[];
  annualTarget: number;
  rank: RankFact | null;
  rules?: AttractionRules;
  digits?: Partial<Digits>;
}): string {
  const rules = input.rules ?? DEFAULT_ATTRACTION_RULES;
  const digits = { ...BRIEFING_DIGITS, ...input.digits };
  const { total, bands } = attractionBands(input.projects, rules);
  const head = [
    `${input.period}，${input.scopeName}共入库总投资超${formatYiOf(rules.thresholds.majorAttractionYuan, 0)}亿元的重大招引项目${total}个`,
    ...(input.rank ? [rankText(input.rank)] : []),
    `完成年度目标${rateText(total, input.annualTarget, digits.rate)}`,
  ].join('，');
  const parts = bands.map((b) => `超${formatYiOf(b.fromYuan, 0)}亿项目${b.count}个`).join('，');
  return `${head}。其中：${parts}。`;
}

/**
 * A tier's starts and investment (§8.3, second example): "省重大项目共8个。其中新建项目5个，1至4月已开工4个，
 * 开工率80%；累计完成投资12亿元，投资完成率35.8%。"
 */
export function tierProgressSentence(input: {
  tierName: string;
  projects: number;
  newBuild: number;
  period: string;
  startedNew: number;
  ytdYuan: number;
  annualPlanYuan: number;
  digits?: Partial<Digits> & { startRate?: number };
}): string {
  const digits = { ...BRIEFING_DIGITS, ...input.digits };
  const starts = startRate(input.startedNew, input.newBuild);
  const invest = investmentCompletionRate(input.ytdYuan, input.annualPlanYuan);
  return (
    `${input.tierName}共${input.projects}个。其中新建项目${input.newBuild}个，${input.period}已开工${input.startedNew}个，` +
    `开工率${starts === null ? '—' : formatPercentOf(starts, input.digits?.startRate ?? digits.rate)}；` +
    `累计完成投资${formatYiOf(input.ytdYuan, digits.yi)}亿元，投资完成率${invest === null ? '—' : formatPercentOf(invest, digits.rate)}。`
  );
}

/** A count against its annual target, with the decimals the sentence gives its rate. */
export type TargetItem = { label: string; count: number; target: number; rateDigits?: number };

/**
 * A tier against its targets (§8.3, third example): "区重点项目完成投资109.4亿元，完成年度目标30.4%。其中新增区重点项目
 * 105个，完成年度目标46%。新开工项目89个，完成年度目标38.7%。竣工项目44个，完成年度目标53.7%。"
 */
export function targetsSentence(input: {
  tierName: string;
  ytdYuan: number;
  annualPlanYuan: number;
  items: readonly TargetItem[];
  digits?: Partial<Digits>;
}): string {
  const digits = { ...BRIEFING_DIGITS, ...input.digits };
  const head = `${input.tierName}完成投资${formatYiOf(input.ytdYuan, digits.yi)}亿元，完成年度目标${rateText(input.ytdYuan, input.annualPlanYuan, digits.rate)}。`;
  const items = input.items.map((item, i) => {
    const rate = ratio(item.count, item.target);
    const tail =
      rate === null
        ? '（未设年度目标）'
        : `，完成年度目标${formatPercentOf(rate, item.rateDigits ?? digits.rate)}`;
    return `${i === 0 ? '其中' : ''}${item.label}${item.count}个${tail}。`;
  });
  return head + items.join('');
}

/**
 * A tier's investment against 序时进度 (§8.3, fourth example): "1-5月份，全市30个省重大实施项目上报投资134.6亿元，
 * 完成年度计划的52.9%，高于序时进度11.2个百分点。" 序时 is the months elapsed ÷ 12.
 */
export function scheduleSentence(input: {
  period: string;
  scopeName: string;
  projects: number;
  tierName: string;
  ytdYuan: number;
  annualPlanYuan: number;
  monthsElapsed: number;
  digits?: Partial<Digits>;
}): string {
  const digits = { ...BRIEFING_DIGITS, ...input.digits };
  const rate = investmentCompletionRate(input.ytdYuan, input.annualPlanYuan);
  const schedule = scheduleProgress(input.monthsElapsed);
  return (
    `${input.period}，${input.scopeName}${input.projects}个${input.tierName}上报投资${formatYiOf(input.ytdYuan, digits.yi)}亿元，` +
    `完成年度计划的${rate === null ? '—' : formatPercentOf(rate, digits.rate)}` +
    `${rate === null ? '' : `，${scheduleGapText(rate, schedule, digits.points)}`}。`
  );
}

/**
 * The seed's own sentence (Q1 2025): "11个省重大项目一季度完成投资16.5亿元，占年度目标的26.3%；3个新建项目全部开工。
 * 一季度16个市重大项目入库，位列全市第一；新增区重点项目入库84个，完成年度目标的36.5%。"
 */
export function quarterSentence(input: {
  period: string;
  province: {
    projects: number;
    ytdYuan: number;
    annualPlanYuan: number;
    newBuild: number;
    startedNew: number;
  };
  cityEntries: { count: number; rank: RankFact | null };
  districtEntries: { count: number; target: number };
  digits?: Partial<Digits>;
}): string {
  const digits = { ...BRIEFING_DIGITS, ...input.digits };
  const p = input.province;
  const starts =
    p.newBuild > 0 && p.startedNew >= p.newBuild
      ? `${p.newBuild}个新建项目全部开工`
      : `${p.newBuild}个新建项目已开工${p.startedNew}个`;
  const city = `${input.period}${input.cityEntries.count}个市重大项目入库${input.cityEntries.rank ? `，${rankText(input.cityEntries.rank, '位列')}` : ''}`;
  const districtRate = ratio(input.districtEntries.count, input.districtEntries.target);
  const district = `新增区重点项目入库${input.districtEntries.count}个${districtRate === null ? '（未设年度目标）' : `，完成年度目标的${formatPercentOf(districtRate, digits.rate)}`}`;
  return (
    `${p.projects}个省重大项目${input.period}完成投资${formatYiOf(p.ytdYuan, digits.yi)}亿元，占年度目标的${rateText(p.ytdYuan, p.annualPlanYuan, digits.rate)}；${starts}。` +
    `${city}；${district}。`
  );
}

/** "红灯项目3个：甲、乙、丙" — the red list as a briefing ends with it (`total` when `names` is a first page). */
export function redListText(names: readonly string[], limit = 10, total = names.length): string {
  if (total === 0) return '无红灯项目';
  const shown = names.slice(0, limit).join('、');
  const more = total > Math.min(limit, names.length) ? `等${total}个` : '';
  return `红灯项目${total}个：${shown}${more}`;
}
