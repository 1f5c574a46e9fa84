import { createRequire } from 'node:module';
import type { WorkingCalendarData } from '@groundbreak/domain';

// The official arrangements the calendar starts from: the chinese-days package (MIT) lists every public
// holiday and 调休 working weekend the State Council has published since 2004. A year it does not list is
// not guessed: the administrator enters it (calendar_days) when the notice comes out.

type ChineseDaysFile = { holidays: Record<string, string>; workdays: Record<string, string> };

let cached: WorkingCalendarData | undefined;

/** The package's years, as calendar data (holidays on weekends included, harmlessly). */
export function officialCalendarData(): WorkingCalendarData {
  if (cached) return cached;
  const file = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysFile;
  const days = [
    ...Object.keys(file.holidays).map((day) => ({ day, kind: 'holiday' as const })),
    ...Object.keys(file.workdays).map((day) => ({ day, kind: 'workday' as const })),
  ].sort((a, b) => a.day.localeCompare(b.day));
  const verifiedYears = [...new Set(Object.keys(file.holidays).map((day) => Number(day.slice(0, 4))))].sort();
  cached = { verifiedYears, days };
  return cached;
}
