import { z } from 'zod';

// The working-day calendar: configured years, one year's exceptions to the weekend rule (holidays and
// 调休 working weekends), and a deadline computed on it.

const date = z.iso.date();
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;
const year = z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR);

export const CALENDAR_DAY_KIND_LABELS = { holiday: '放假', workday: '调休上班' } as const;
export const calendarDayKind = z.enum(['holiday', 'workday']);

export const calendarDay = z.object({
  day: date,
  kind: calendarDayKind,
  /** 春节, 国庆节 … */
  name: z.string().trim().max(20).nullable(),
});
export type CalendarDay = z.infer<typeof calendarDay>;

export const calendarYearSummary = z.object({
  year: z.number().int(),
  source: z.enum(['official', 'admin']),
  notice: z.string().nullable(),
  holidays: z.number().int(),
  workdays: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type CalendarYearSummary = z.infer<typeof calendarYearSummary>;

export const calendarYearsResponse = z.object({
  items: z.array(calendarYearSummary),
  /** For the administrator: 「2027年节假日安排尚未配置」 for this year and the next when missing. */
  warnings: z.array(z.string()),
});

export const calendarYearParams = z.object({ year });

export const calendarYearResponse = z.object({
  year: z.number().int(),
  /** False for a year not entered yet: the weekend rule applies and deadlines are unverified. */
  configured: z.boolean(),
  source: z.enum(['official', 'admin']).nullable(),
  notice: z.string().nullable(),
  /** 0 for a year not configured yet. */
  version: z.number().int(),
  days: z.array(calendarDay),
});
export type CalendarYear = z.infer<typeof calendarYearResponse>;

export const saveCalendarYearBody = z.object({
  notice: z.string().trim().max(100).nullable(),
  /** The version read (0 for a year not configured yet): a save that lost the race is 409. */
  version: z.number().int().min(0),
  days: z.array(calendarDay).max(366),
});
export type SaveCalendarYearBody = z.infer<typeof saveCalendarYearBody>;

export const workingDueQuery = z.object({
  from: date,
  days: z.coerce.number().int().min(-1000).max(1000),
});

export const workingDueResponse = z.object({
  from: date,
  days: z.number().int(),
  due: date,
  /** Whether every year the count crossed is configured (else the weekend rule was used). */
  verified: z.boolean(),
  /** The years the count crossed that are not configured (the weekend rule was used). */
  unverifiedYears: z.array(z.number().int()),
});
