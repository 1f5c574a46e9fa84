import { addDays } from '../land/dates';

// The monthly reporting calendar (domain.md §7.3, §8.1): a month's report is due on the 25th (December the
// 20th), the 板块 reviews by the 27th and 区发改 locks — closes — the month on the 28th (December the 25th);
// all [A]. 序时进度 is the months closed of the year ÷ 12, and a live light between two closes reads the last
// closed month. Months are 'YYYY-MM'; days 'YYYY-MM-DD'.

export type ReportingRules = {
  /** Day of the month a report for that month is due. */
  dueDay: number;
  dueDayDecember: number;
  /** Day of the month 区发改 locks the month, by default. */
  closeDay: number;
  closeDayDecember: number;
};

export const DEFAULT_REPORTING_RULES: ReportingRules = {
  dueDay: 25,
  dueDayDecember: 20,
  closeDay: 28,
  closeDayDecember: 25,
};

/** Checks a reporting rule set: days within 1–28, due before close. Problems in Chinese, empty when fine. */
export function checkReportingRules(rules: ReportingRules): string[] {
  const problems: string[] = [];
  for (const [key, label] of [
    ['dueDay', '月报截止日'],
    ['dueDayDecember', '12月月报截止日'],
    ['closeDay', '月度关账日'],
    ['closeDayDecember', '12月关账日'],
  ] as const) {
    const day = rules[key];
    if (!Number.isInteger(day) || day < 1 || day > 28) problems.push(`${label}须为1至28日`);
  }
  if (rules.dueDay > rules.closeDay) problems.push('月报截止日不能晚于月度关账日');
  if (rules.dueDayDecember > rules.closeDayDecember) problems.push('12月月报截止日不能晚于12月关账日');
  return problems;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

function parts(month: string): [number, number] {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`月份格式应为 YYYY-MM：${month}`);
  return [Number(m[1]), Number(m[2])];
}

function monthText(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month a day falls in. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** `month` plus `count` months (negative to go back). */
export function addMonths(month: string, count: number): string {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + count;
  return monthText(Math.floor(index / 12), (index % 12) + 1);
}

/** Months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  return (ty - fy) * 12 + (tm - fm);
}

/** The first day of a month. */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** The day a month's report is due. */
export function reportDueOn(month: string, rules: ReportingRules = DEFAULT_REPORTING_RULES): string {
  const [, m] = parts(month);
  return `${month}-${String(m === 12 ? rules.dueDayDecember : rules.dueDay).padStart(2, '0')}`;
}

/** The day a month closes by default (区发改 locks it). */
export function monthCloseOn(month: string, rules: ReportingRules = DEFAULT_REPORTING_RULES): string {
  const [, m] = parts(month);
  return `${month}-${String(m === 12 ? rules.closeDayDecember : rules.closeDay).padStart(2, '0')}`;
}

/**
 * The last month closed by `asOf` on the default close days: March 2025 from 28 March 2025 until 27 April.
 * (Where 区发改 has locked months, the latest locked month is the answer instead; see the tracking module.)
 */
export function lastClosedMonth(asOf: string, rules: ReportingRules = DEFAULT_REPORTING_RULES): string {
  const month = monthOf(asOf);
  return asOf >= monthCloseOn(month, rules) ? month : addMonths(month, -1);
}

/**
 * 序时进度 at the close of `month`: its number of months elapsed in its year, over 12 (March: 3/12 = 25%).
 * Kept as a fraction so that a rule can compare a rate with it exactly.
 */
export function scheduleShare(month: string): { elapsed: number; of: 12 } {
  const [, m] = parts(month);
  return { elapsed: m, of: 12 };
}

/** The day after a month ends: when what was measured at its close has held from (e.g. 2025-04-01). */
export function dayAfterMonth(month: string): string {
  return firstDayOf(addMonths(month, 1));
}

/** The last day of a month. */
export function lastDayOf(month: string): string {
  return addDays(dayAfterMonth(month), -1);
}

/**
 * The last month closed by `asOf`, where 区发改 has locked months on the days in `closedOn` and any other
 * month closes on its default day: a month locked early closes early, one locked late stays open until then.
 */
export function closedMonthAsOf(
  asOf: string,
  closedOn: Readonly<Record<string, string>>,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): string {
  for (let m = monthOf(asOf), i = 0; i < 3; m = addMonths(m, -1), i++) {
    if ((closedOn[m] ?? monthCloseOn(m, rules)) <= asOf) return m;
  }
  return addMonths(monthOf(asOf), -3);
}

/**
 * The months a nightly run closes by itself: those whose default close day has ended and that 区发改 left
 * open (they are closed as of that day, with the reports submitted by its end).
 */
export function monthsDueToClose(
  asOf: string,
  closedOn: Readonly<Record<string, string>>,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): string[] {
  const due: string[] = [];
  for (let m = addMonths(monthOf(asOf), -1), i = 0; i < 2; m = addMonths(m, 1), i++) {
    if (!closedOn[m] && monthCloseOn(m, rules) < asOf) due.push(m);
  }
  return due;
}

/**
 * Whether 区发改 may close `month` on `today`: not a month not begun, not before its reports are due, and
 * only this month or the last (an older month closes by itself). Problems in Chinese, empty when it may.
 */
export function checkMonthClose(
  month: string,
  today: string,
  rules: ReportingRules = DEFAULT_REPORTING_RULES,
): string[] {
  if (month > monthOf(today)) return [`${month} 尚未开始，不能关账`];
  const due = reportDueOn(month, rules);
  if (today < due) return [`${month} 的月报截止日为${due}，截止前不能关账`];
  if (month < addMonths(monthOf(today), -1)) return [`${month} 已过去，只能关账本月或上月`];
  return [];
}

/** The month 区发改 would close next: the one after the latest closed, or else last month. */
export function nextMonthToClose(latestClosed: string | undefined, today: string): string {
  const last = addMonths(monthOf(today), -1);
  return latestClosed && latestClosed >= last ? addMonths(latestClosed, 1) : last;
}
