// Money is integer 元 everywhere below the UI; 万元 and 亿元 are display units only.

export type Yuan = number & { readonly __brand: 'Yuan' };

export const YUAN_PER_WAN = 10_000;
export const YUAN_PER_YI = 100_000_000;

/** Converts an amount in 万元 given as a decimal string (e.g. "1,234.5678") to integer 元, half-up. */
export function wanToYuan(text: string): Yuan | null {
  return scaleDecimal(text, 4);
}

/** Converts an amount in 元 given as a decimal string to integer 元, half-up. */
export function textToYuan(text: string): Yuan | null {
  return scaleDecimal(text, 0);
}

/** Converts an amount in 亿元 given as a decimal string to integer 元, half-up. */
export function yiToYuan(text: string): Yuan | null {
  return scaleDecimal(text, 8);
}

// Exact decimal scaling without floating point: "12.345" × 10^4 → 123450.
function scaleDecimal(text: string, exponent: number): Yuan | null {
  const cleaned = text.replace(/[,\s，]/g, '');
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const firstDropped = fraction.charAt(exponent);
  let magnitude = BigInt(whole + kept);
  if (firstDropped !== '' && Number(firstDropped) >= 5) magnitude += 1n;
  const value = Number(sign === '-' ? -magnitude : magnitude);
  return Number.isSafeInteger(value) ? (value as Yuan) : null;
}

/** Formats integer 元 as 万元 with two decimals and thousands separators: 123456789 → "12,345.68". */
export function formatWan(yuan: number, fractionDigits = 2): string {
  return formatScaled(yuan, YUAN_PER_WAN, fractionDigits);
}

/** Formats integer 元 as 亿元: 1650000000 → "16.50" (two decimals by default). */
export function formatYi(yuan: number, fractionDigits = 2): string {
  return formatScaled(yuan, YUAN_PER_YI, fractionDigits);
}

function formatScaled(yuan: number, unit: number, fractionDigits: number): string {
  return new Intl.NumberFormat('zh-CN', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
    roundingMode: 'halfExpand',
  } as Intl.NumberFormatOptions).format(yuan / unit);
}
