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

/**
 * The real clock moved by an offset that `set` chooses (null: back to real time). Only browser journeys
 * use it, through TEST_CLOCK=1 outside production, to let a deadline pass in the running app.
 */
export function offsetClock(): Clock & { set(at: Date | null): void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    set: (at) => {
      offset = at ? at.getTime() - Date.now() : 0;
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
