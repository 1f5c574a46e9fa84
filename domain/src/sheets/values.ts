import { textToYuan, wanToYuan, yiToYuan } from '../money';

// Reading one cell of a real office sheet: numbers typed as text with separators, amounts in 万元 or 亿元,
// dates as Excel dates or as the many ways people type them. What cannot be read is an error for that
// cell — never a guess.

export type CellValue = string | number | boolean | Date | null;
export type MoneyUnit = 'yuan' | 'wan' | 'yi';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

/** Text as typed, trimmed; numbers and dates as their plain text. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** A number written with thousands separators, spaces or full-width digits: "1,234.5" "1 234.5" "１２". */
function normalizeNumberText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[,，\s]/g, '')
    .replace(/^\+/, '');
}

/** A plain number (ratios, areas, counts). */
export function parseNumber(value: CellValue): Parsed<number | null> {
  if (isBlank(value)) return ok(null);
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail('不是有效的数字');
  const text = normalizeNumberText(cellText(value));
  if (!/^-?\d+(\.\d+)?$/.test(text)) return fail(`“${cellText(value)}”不是数字`);
  return ok(Number(text));
}

/** An amount in the sheet's unit converted exactly to integer 元 (half-up). */
export function parseMoney(value: CellValue, unit: MoneyUnit): Parsed<number | null> {
  if (isBlank(value)) return ok(null);
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('不是有效的金额');
    // Up to 8 decimals is below a 元 even in 亿元; more are floating-point noise of the spreadsheet.
    text = value.toFixed(8);
  } else {
    text = normalizeNumberText(cellText(value)).replace(/(万元|亿元|元)$/, '');
    if (!/^-?\d+(\.\d+)?$/.test(text)) return fail(`“${cellText(value)}”不是金额`);
  }
  const yuan = unit === 'yi' ? yiToYuan(text) : unit === 'wan' ? wanToYuan(text) : textToYuan(text);
  if (yuan === null) return fail(`“${cellText(value)}”超出可记录的金额范围`);
  if (yuan < 0) return fail('金额不能为负数');
  return ok(yuan);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > last ? null : `${y}-${pad(m)}-${pad(d)}`;
}

/** Days since 1899-12-30: the Excel (1900 system) serial of a date typed into an unformatted cell. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 73_415) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * A date as people write it: an Excel date, 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301, or a
 * month (2025年3月, 2025.3, 2025-03), which means its first day.
 */
export function parseDate(value: CellValue): Parsed<string | null> {
  if (isBlank(value)) return ok(null);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return fail('不是有效的日期');
    // Spreadsheet dates come back as UTC midnight of the calendar day.
    return ok(value.toISOString().slice(0, 10));
  }
  if (typeof value === 'number') {
    const date = excelSerialToDate(value);
    return date ? ok(date) : fail(`“${value}”不是日期`);
  }
  const text = cellText(value).normalize('NFKC').replace(/\s/g, '');
  const full =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (full) {
    const date = validDate(Number(full[1]), Number(full[2]), Number(full[3]));
    return date ? ok(date) : fail(`“${cellText(value)}”不是存在的日期`);
  }
  const month = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  if (month) {
    const date = validDate(Number(month[1]), Number(month[2]), 1);
    return date ? ok(date) : fail(`“${cellText(value)}”不是存在的月份`);
  }
  return fail(`“${cellText(value)}”不是可识别的日期（如 2025-03-01、2025年3月1日、2025.3）`);
}

/** 是/否 and the usual ways of writing them. */
export function parseYesNo(value: CellValue): Parsed<boolean | null> {
  if (isBlank(value)) return ok(null);
  if (typeof value === 'boolean') return ok(value);
  const text = cellText(value);
  if (['是', 'Y', 'y', 'yes', 'Yes', 'TRUE', 'true', '√', '1'].includes(text)) return ok(true);
  if (['否', 'N', 'n', 'no', 'No', 'FALSE', 'false', '×', '0'].includes(text)) return ok(false);
  return fail(`“${text}”应为“是”或“否”`);
}

/** A value from a fixed list, by its Chinese label (or the code itself). */
export function parseChoice<T extends string>(
  value: CellValue,
  labels: Readonly<Record<T, string>>,
  synonyms: Readonly<Record<string, T>> = {},
): Parsed<T | null> {
  if (isBlank(value)) return ok(null);
  const text = cellText(value).replace(/\s/g, '');
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (text === label || text === code) return ok(code);
  }
  const synonym = synonyms[text];
  if (synonym) return ok(synonym);
  return fail(`“${text}”不在可选值中（${Object.values(labels).join('、')}）`);
}

/** Cells exported from this system are prefixed against formula injection; the prefix is not data. */
const DANGEROUS_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would read as a formula gets a leading apostrophe; numbers stay numbers. */
export function neutralizeFormula(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** The inverse, for a re-imported export: "'=1+1" is the text "=1+1". */
export function restoreNeutralized(text: string): string {
  return text.startsWith("'") && DANGEROUS_START.test(text.slice(1)) ? text.slice(1) : text;
}
