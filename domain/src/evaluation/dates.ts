// Dates of the post-evaluation (domain.md §9.2): when a task falls due and when 整改 must be done.
// Pure: every date is a 'YYYY-MM-DD' parameter.

/**
 * `day` plus `months` calendar months, end-of-month safe: the day is clamped to the last day of the target
 * month (2025-08-31 + 6 months = 2026-02-28; 2027-08-31 + 6 = 2028-02-29).
 */
export function addCalendarMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const d = Number(day.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const dd = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

export type EvaluationSchedule = {
  /** 投产评价: months after 投产 [A: 12]. */
  productionMonths: number;
  /** 达产评价: month and day of the year after the agreed 达产 year [A: 3, 1 — 1 March]. */
  targetMonth: number;
  targetDay: number;
  /** 整改期: months after the notice [A: 6]. */
  rectificationMonths: number;
  /** Days the enterprise has to fill its figures once a task is generated [A: 30]. */
  fillDays: number;
};

/** The day a 投产评价 falls due: `productionMonths` after 投产. */
export function productionEvaluationDueOn(actualProductionOn: string, s: EvaluationSchedule): string {
  return addCalendarMonths(actualProductionOn, s.productionMonths);
}

/** The day a 达产评价 falls due: the configured day of the year after the agreed 达产 year. */
export function targetEvaluationDueOn(targetYear: number, s: EvaluationSchedule): string {
  const month = String(s.targetMonth).padStart(2, '0');
  const last = new Date(Date.UTC(targetYear + 1, s.targetMonth, 0)).getUTCDate();
  const d = String(Math.min(s.targetDay, last)).padStart(2, '0');
  return `${targetYear + 1}-${month}-${d}`;
}

/** The 整改 deadline: `rectificationMonths` after the notice, end-of-month safe. */
export function rectificationDeadline(
  issuedOn: string,
  s: Pick<EvaluationSchedule, 'rectificationMonths'>,
): string {
  return addCalendarMonths(issuedOn, s.rectificationMonths);
}

export type EvaluationCandidate = {
  actualProductionOn: string | null;
  /** The agreed 达产 year (commitment's target year, else the year of the planned 达产 date). */
  targetYear: number | null;
  /** Years for which the project company's annual figures exist (亩均 import). */
  figureYears: readonly number[];
};

export type DueTask = { kind: 'production' | 'target'; dataYear: number; dueOn: string };

/**
 * The evaluation tasks of a project that are due on `asOf`: the 投产评价 from its due day on (not a day
 * before), the 达产评价 from its due day on and only once the 达产 year's annual figures exist. The caller
 * skips those already created (one per project, kind and data year).
 */
export function dueEvaluationTasks(c: EvaluationCandidate, asOf: string, s: EvaluationSchedule): DueTask[] {
  const out: DueTask[] = [];
  if (c.actualProductionOn) {
    const dueOn = productionEvaluationDueOn(c.actualProductionOn, s);
    if (dueOn <= asOf)
      out.push({ kind: 'production', dataYear: Number(c.actualProductionOn.slice(0, 4)), dueOn });
  }
  if (c.targetYear !== null) {
    const dueOn = targetEvaluationDueOn(c.targetYear, s);
    if (dueOn <= asOf && c.figureYears.includes(c.targetYear)) {
      out.push({ kind: 'target', dataYear: c.targetYear, dueOn });
    }
  }
  return out;
}

/** Whether a rectification is overdue on `asOf`: still open (not re-checked) past its deadline. */
export function isRectificationOverdue(
  r: { status: 'open' | 'rechecking' | 'passed' | 'failed'; deadlineOn: string },
  asOf: string,
): boolean {
  return r.status === 'open' && r.deadlineOn < asOf;
}
