// The official working-day calendar (工作日): approval time limits count China's working days, which are not
// Monday to Friday. The State Council publishes each year's 节假日安排 (public holidays, and the weekend days
// worked in exchange, 调休) late in the year before. A calendar is data — the days that differ from the
// weekend rule, and the years whose arrangement is known — so these functions do no I/O and read no clock.
//
// Days are business dates ('2025-10-09', Asia/Shanghai) handled as whole days since 1970-01-01, so no time
// zone can move them. Compiling a calendar lays out every day from 2000 to 2100 once (a running count of
// working days and the index of each working day): every question after that is a lookup.

export type CalendarDayKind = 'holiday' | 'workday';

/** A calendar as stored: the exceptions to the weekend rule and the years they are complete for. */
export type WorkingCalendarData = {
  /** Years whose arrangement is configured; outside them the weekend rule applies, unverified. */
  verifiedYears: readonly number[];
  /** Days off on a weekday, and weekend days worked (调休); a holiday on a weekend may be listed too. */
  days: ReadonlyArray<{ day: string; kind: CalendarDayKind }>;
};

export type WorkingCalendar = {
  readonly verifiedYears: ReadonlySet<number>;
  /** Working days in [FIRST_DAY, day], per day index. */
  readonly countUpTo: Int32Array;
  /** Day index of the k-th working day (k from 0). */
  readonly workingDayAt: Int32Array;
  readonly working: Uint8Array;
};

export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2100;

const DAY_MS = 86_400_000;
const FIRST = Date.UTC(CALENDAR_FIRST_YEAR, 0, 1) / DAY_MS;
const LAST = Date.UTC(CALENDAR_LAST_YEAR, 11, 31) / DAY_MS;
const SIZE = LAST - FIRST + 1;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a business date; throws on a malformed date or one outside 2000–2100. */
export function dayNumber(day: string): number {
  const m = DATE.exec(day);
  const n = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : Number.NaN;
  if (!m || !Number.isInteger(n)) throw new RangeError(`不是有效的日期：${day}`);
  if (n < FIRST || n > LAST) {
    throw new RangeError(`日期 ${day} 超出工作日历的范围（${CALENDAR_FIRST_YEAR}–${CALENDAR_LAST_YEAR} 年）`);
  }
  // Date.UTC rolls 2025-02-30 over to 2 March: a date that does not come back the same does not exist.
  if (dayString(n) !== day) throw new RangeError(`不是有效的日期：${day}`);
  return n;
}

let names: string[] | undefined;

/** The business date of a day number (from a table laid out once for 2000–2100). */
export function dayString(n: number): string {
  if (!names) {
    names = new Array<string>(SIZE);
    for (let i = 0; i < SIZE; i++) names[i] = new Date((FIRST + i) * DAY_MS).toISOString().slice(0, 10);
  }
  return names[n - FIRST] ?? new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Saturday or Sunday (1970-01-01 was a Thursday). */
export function isWeekend(n: number): boolean {
  const weekday = (((n + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/** Lays the calendar out over 2000–2100; a day listed twice keeps its last kind. */
export function compileCalendar(data: WorkingCalendarData): WorkingCalendar {
  const working = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i++) working[i] = isWeekend(FIRST + i) ? 0 : 1;
  for (const { day, kind } of data.days) working[dayNumber(day) - FIRST] = kind === 'workday' ? 1 : 0;
  const countUpTo = new Int32Array(SIZE);
  let count = 0;
  for (let i = 0; i < SIZE; i++) {
    count += working[i] ?? 0;
    countUpTo[i] = count;
  }
  const workingDayAt = new Int32Array(count);
  for (let i = 0, k = 0; i < SIZE; i++) if (working[i]) workingDayAt[k++] = FIRST + i;
  return { verifiedYears: new Set(data.verifiedYears), countUpTo, workingDayAt, working };
}

export function isWorkingDayNumber(calendar: WorkingCalendar, n: number): boolean {
  return calendar.working[n - FIRST] === 1;
}

export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  return isWorkingDayNumber(calendar, dayNumber(day));
}

function countUpTo(calendar: WorkingCalendar, n: number): number {
  if (n < FIRST || n > LAST) throw new RangeError(`日期 ${dayString(n)} 超出工作日历的范围`);
  return calendar.countUpTo[n - FIRST] ?? 0;
}

function workingDayAt(calendar: WorkingCalendar, k: number): number {
  const n = calendar.workingDayAt[k];
  if (n === undefined) throw new RangeError('工作日计算超出工作日历的范围');
  return n;
}

/**
 * The day `count` working days after day `n` (before it when negative), `n` itself not counted: an item
 * received on n with a limit of 5 working days is due on addWorkingDayNumbers(n, 5). Zero gives n back.
 */
export function addWorkingDayNumbers(calendar: WorkingCalendar, n: number, count: number): number {
  if (!Number.isInteger(count)) throw new RangeError(`工作日数必须是整数：${count}`);
  if (count === 0) return n;
  const upTo = countUpTo(calendar, n);
  if (count > 0) return workingDayAt(calendar, upTo + count - 1);
  const before = upTo - (isWorkingDayNumber(calendar, n) ? 1 : 0);
  return workingDayAt(calendar, before + count);
}

export function addWorkingDays(calendar: WorkingCalendar, day: string, count: number): string {
  return dayString(addWorkingDayNumbers(calendar, dayNumber(day), count));
}

/**
 * Working days in (from, to] — what has elapsed of a limit started on `from` by the end of `to`; negative
 * when `to` is earlier. addWorkingDays(from, workingDaysBetween(from, to)) is `to` whenever `to` is a
 * working day on or after `from`, or before a `from` that is itself a working day.
 */
export function workingDaysBetweenNumbers(calendar: WorkingCalendar, from: number, to: number): number {
  return countUpTo(calendar, to) - countUpTo(calendar, from);
}

export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  return workingDaysBetweenNumbers(calendar, dayNumber(from), dayNumber(to));
}

/** `n` itself when it is a working day, else the first working day after it. */
export function workingDayOnOrAfter(calendar: WorkingCalendar, n: number): number {
  return isWorkingDayNumber(calendar, n) ? n : addWorkingDayNumbers(calendar, n, 1);
}

/** `n` itself when it is a working day, else the last working day before it. */
export function workingDayOnOrBefore(calendar: WorkingCalendar, n: number): number {
  return isWorkingDayNumber(calendar, n) ? n : addWorkingDayNumbers(calendar, n, -1);
}

/** Whether the day's year has a configured arrangement (a deadline there is exact, not a weekend guess). */
export function isVerifiedDay(calendar: WorkingCalendar, day: string): boolean {
  return calendar.verifiedYears.has(Number(day.slice(0, 4)));
}

/** The years from `from` to `to` (inclusive) with no configured arrangement, for the administrator's warning. */
export function unverifiedYears(calendar: WorkingCalendar, fromYear: number, toYear: number): number[] {
  const missing: number[] = [];
  for (let y = fromYear; y <= toYear; y++) if (!calendar.verifiedYears.has(y)) missing.push(y);
  return missing;
}

/** The warning an administrator reads for a year that is not configured yet. */
export function unconfiguredYearWarning(year: number): string {
  return `${year}年节假日安排尚未配置`;
}
