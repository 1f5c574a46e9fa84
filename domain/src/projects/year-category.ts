// Yearly plan category (计划类别, domain.md §3.4): a start category — 储备, 新建 (新开工) or 续建 — and a flag
// "planned to complete this year" (竣工) that a 新建 or 续建 project may also carry.

export const START_CATEGORIES = ['reserve', 'new', 'continuing'] as const;
export type StartCategory = (typeof START_CATEGORIES)[number];
export type YearCategory = { start: StartCategory; completing: boolean };

export type ScheduleDates = {
  plannedStartOn: string | null;
  actualStartOn: string | null;
  plannedCompletionOn: string | null;
  actualCompletionOn: string | null;
};

/**
 * The category of a project in year `year`, derived from its dates; null when the project has no place
 * in that year's plan (completed before the year began). Dates are local dates (YYYY-MM-DD).
 */
export function deriveYearCategory(d: ScheduleDates, year: number): YearCategory | null {
  const yearStart = `${year}-01-01`;
  const nextYearStart = `${year + 1}-01-01`;
  const inYear = (date: string | null) => date !== null && date >= yearStart && date < nextYearStart;
  if (d.actualCompletionOn && d.actualCompletionOn < yearStart) return null;
  let start: StartCategory;
  if (d.actualStartOn && d.actualStartOn < yearStart) start = 'continuing';
  else if (inYear(d.actualStartOn)) start = 'new';
  else if (d.plannedStartOn && d.plannedStartOn < nextYearStart) start = 'new';
  else start = 'reserve';
  const completing =
    start !== 'reserve' &&
    (inYear(d.actualCompletionOn) || (!d.actualCompletionOn && inYear(d.plannedCompletionOn)));
  return { start, completing };
}
