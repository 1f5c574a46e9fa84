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

// Instants are shown on the clock of 武进区 whatever the browser's zone, so that an audit row read in
// another zone still matches what the people involved saw.
const SHANGHAI_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant on the Asia/Shanghai clock: 2025-03-31 14:05:09. */
export function formatDateTime(value: DateInput): string {
  const parsed = toDayjs(value);
  if (!parsed) return EMPTY_VALUE;
  const parts = Object.fromEntries(
    SHANGHAI_CLOCK.formatToParts(parsed.toDate()).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
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
