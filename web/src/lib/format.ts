import dayjs from 'dayjs';

// The one formatting module of the UI (ui.md "Numbers and dates"); components never format by hand.
export { formatWan, formatYi } from '@groundbreak/domain';

/** Shown where a value is missing. */
export const EMPTY_VALUE = '—';

type DateInput = string | Date | null | undefined;

function toDayjs(value: DateInput) {
  if (value === null || value === undefined || value === '') return undefined;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : undefined;
}

/** A calendar day: 2025-03-31. */
export function formatDate(value: DateInput): string {
  return toDayjs(value)?.format('YYYY-MM-DD') ?? EMPTY_VALUE;
}

/** An instant in the browser's time zone (Asia/Shanghai for our users): 2025-03-31 14:05:09. */
export function formatDateTime(value: DateInput): string {
  return toDayjs(value)?.format('YYYY-MM-DD HH:mm:ss') ?? EMPTY_VALUE;
}

/** A month in headings: 2025年3月. */
export function formatMonth(value: DateInput): string {
  return toDayjs(value)?.format('YYYY年M月') ?? EMPTY_VALUE;
}

/** A rate stored as a fraction, shown with one decimal: 0.1234 → 12.3%. */
export function formatRate(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return EMPTY_VALUE;
  return `${(fraction * 100).toFixed(1)}%`;
}

/** A difference of two rates (fractions) in 个百分点: 0.021 → +2.1 个百分点. */
export function formatRateDifference(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return EMPTY_VALUE;
  const points = (fraction * 100).toFixed(1);
  return `${fraction > 0 ? '+' : ''}${points} 个百分点`;
}

/** A count of records: 共 128 条. */
export function formatTotal(total: number): string {
  return `共 ${total.toLocaleString('zh-CN')} 条`;
}
