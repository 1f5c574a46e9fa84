// Time comes from here so that tests and `run-job --as-of` can pin it.

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at an instant; `advance` moves it (tests). */
export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(at: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = at.getTime();
    },
  };
}

/** The calendar day of an instant in Asia/Shanghai as YYYY-MM-DD. */
// Building a DateTimeFormat costs far more than formatting with one (it showed in the list's profile).
const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

export function shanghaiDate(at: Date): string {
  return SHANGHAI_DAY.format(at);
}

/** Start of a Shanghai calendar day (YYYY-MM-DD) as an instant: that day 00:00 at UTC+8. */
export function startOfShanghaiDay(localDate: string): Date {
  return new Date(`${localDate}T00:00:00+08:00`);
}
