import { createRequire } from 'node:module';

// The official arrangements the calendar starts from: the chinese-days package (MIT) lists every public
// holiday and 调休 working weekend the State Council has published since 2004. A year it does not list is
// not guessed: the administrator enters it (calendar_days) when the notice comes out.

type ChineseDaysFile = { holidays: Record<string, string>; workdays: Record<string, string> };

/** Calendar data (a WorkingCalendarData) whose days carry the holiday's name. */
export type OfficialCalendar = {
  verifiedYears: readonly number[];
  days: ReadonlyArray<{ day: string; kind: 'holiday' | 'workday'; name: string | null }>;
};

let cached: OfficialCalendar | undefined;

/** "Spring Festival,春节,4" → 春节. */
const chineseName = (value: string) => value.split(',')[1]?.trim() || null;

/** The package's years, as calendar data (holidays on weekends included, harmlessly). */
export function officialCalendarData(): OfficialCalendar {
  if (cached) return cached;
  const file = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysFile;
  const days = [
    ...Object.entries(file.holidays).map(([day, v]) => ({
      day,
      kind: 'holiday' as const,
      name: chineseName(v),
    })),
    ...Object.entries(file.workdays).map(([day, v]) => ({
      day,
      kind: 'workday' as const,
      name: chineseName(v),
    })),
  ].sort((a, b) => a.day.localeCompare(b.day));
  const verifiedYears = [...new Set(Object.keys(file.holidays).map((day) => Number(day.slice(0, 4))))].sort();
  cached = { verifiedYears, days };
  return cached;
}
