import { squareMetresToMu, YUAN_PER_WAN, YUAN_PER_YI } from '@groundbreak/domain';
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

const decimal = (fractionDigits: number) =>
  new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: fractionDigits });

/** A plain quantity with thousands separators and at most `fractionDigits` decimals: 1234.5 → 1,234.5. */
export function formatNumber(value: number | null | undefined, fractionDigits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY_VALUE;
  return decimal(fractionDigits).format(value);
}

/** An area stored in m², with 亩 beside it: 33333.5 → 33,333.5 ㎡（约 50.00 亩）. */
export function formatArea(m2: number | null | undefined): string {
  if (m2 === null || m2 === undefined || !Number.isFinite(m2)) return EMPTY_VALUE;
  return `${decimal(2).format(m2)} ㎡（约 ${formatMu(m2)} 亩）`;
}

/** An area stored in m² as 亩 with two decimals: 33333.5 → 50.00. */
export function formatMu(m2: number): string {
  return new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    squareMetresToMu(m2),
  );
}

/**
 * Integer 元 as the 万元 text an input starts from, exactly (no floating point): 123456789 → "12345.6789",
 * 50000000 → "5000". The reverse is wanToYuan.
 */
export function yuanToWanText(yuan: number | null | undefined): string {
  return scaledText(yuan, YUAN_PER_WAN, 4);
}

/** Integer 元 as 亿元 input text, exactly: 33600000000 → "336". The reverse is yiToYuan. */
export function yuanToYiText(yuan: number | null | undefined): string {
  return scaledText(yuan, YUAN_PER_YI, 8);
}

function scaledText(yuan: number | null | undefined, unit: number, digits: number): string {
  if (yuan === null || yuan === undefined) return '';
  const sign = yuan < 0 ? '-' : '';
  const abs = Math.abs(yuan);
  const whole = Math.trunc(abs / unit);
  const fraction = String(abs % unit)
    .padStart(digits, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A file size: 51 → 51 B, 20480 → 20.0 KB, 3145728 → 3.0 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
