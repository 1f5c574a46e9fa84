// Numbers as the offices publish them (domain.md §8.1, §8.3): money in 亿元 with the decimals the sentence
// uses, rates in per cent, differences in 个百分点 computed from the unrounded rates, rounded half-up on
// the unrounded value, trailing zeros trimmed ("80%" not "80.0%", "12亿元" not "12.0亿元").

const YUAN_PER_YI = 100_000_000;

/**
 * Rounds half away from zero at `digits` decimals. The value is first cut to 12 decimals, so that binary
 * noise (0.1 + 0.2) does not decide a tie: 2.675 rounds to 2.68 as it reads, not as it is stored.
 */
export function roundHalfUp(value: number, digits: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (!Number.isInteger(digits) || digits < 0 || digits > 6) throw new RangeError(`digits 0–6: ${digits}`);
  const sign = value < 0 ? -1 : 1;
  const clean = Number(Math.abs(value).toFixed(12));
  const scaled = Math.round(Number(`${clean}e${digits}`));
  const result = sign * Number(`${scaled}e-${digits}`);
  return Object.is(result, -0) ? 0 : result;
}

/** The number rounded half-up at `digits` decimals, with trailing zeros (and a bare point) trimmed. */
export function formatDecimal(value: number, digits: number): string {
  const text = roundHalfUp(value, digits).toFixed(digits);
  return digits === 0 ? text : text.replace(/0+$/, '').replace(/\.$/, '');
}

/** A fraction as a percentage: 0.26316 → "26.3%" (1 decimal), 0.8 → "80%". */
export function formatPercentOf(fraction: number, digits = 1): string {
  return `${formatDecimal(fraction * 100, digits)}%`;
}

/** Integer 元 in 亿元, without the unit: 1_650_000_000 → "16.5". */
export function formatYiOf(yuan: number, digits = 2): string {
  return formatDecimal(yuan / YUAN_PER_YI, digits);
}

/**
 * How a rate stands against 序时进度, in 个百分点 from the unrounded values: "高于序时进度11.2个百分点",
 * "低于序时进度3个百分点", or "与序时进度持平" when the rounded difference is zero.
 */
export function scheduleGapText(rate: number, schedule: number, digits = 1): string {
  const points = (rate - schedule) * 100;
  const shown = formatDecimal(Math.abs(points), digits);
  if (Number(shown) === 0) return '与序时进度持平';
  return `${points > 0 ? '高于' : '低于'}序时进度${shown}个百分点`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → "一", 10 → "十", 12 → "十二", 21 → "二十一", 100 → "一百" (rank and count words up to 999). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`0–999: ${n}`);
  if (n < 10) return DIGITS[n] as string;
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  const rest = n % 100;
  const head = `${DIGITS[Math.floor(n / 100)]}百`;
  if (rest === 0) return head;
  return rest < 10 ? `${head}零${DIGITS[rest]}` : `${head}${rest < 20 ? '一' : ''}${chineseNumber(rest)}`;
}

/** "第一", "第十二". */
export function chineseOrdinal(n: number): string {
  if (n < 1) throw new RangeError(`a rank starts at 1: ${n}`);
  return `第${chineseNumber(n)}`;
}

const QUARTER_WORDS = ['一季度', '上半年', '前三季度', '全年'];

/**
 * The period of a sentence, months `from`..`to` of one year: "一季度" (1–3, 'quarter'), "1至4月" ('至'),
 * "1-5月份" ('dash'), "3月" (one month). The quarter style names 1–3, 1–6, 1–9 and 1–12.
 */
export function periodText(from: number, to: number, style: 'quarter' | '至' | 'dash' = '至'): string {
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 1 && to <= 12 && from <= to)) {
    throw new RangeError(`months 1–12, from ≤ to: ${from}–${to}`);
  }
  if (style === 'quarter' && from === 1 && to % 3 === 0) return QUARTER_WORDS[to / 3 - 1] as string;
  if (from === to) return `${to}月`;
  return style === 'dash' ? `${from}-${to}月份` : `${from}至${to}月`;
}
