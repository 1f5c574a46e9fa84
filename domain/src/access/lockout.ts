// Login lockout: N consecutive failures within a window lock the name for a while. Pure: the caller
// loads and stores the counter and passes the time.

export type LockoutPolicy = { maxFailures: number; windowMs: number; lockMs: number };

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 30 * 60_000,
};

export type LoginCounter = { failures: number; firstFailureAt: Date | null; lockedUntil: Date | null };

export const EMPTY_COUNTER: LoginCounter = { failures: 0, firstFailureAt: null, lockedUntil: null };

/** True while the name is locked at `now`. */
export function isLocked(counter: LoginCounter, now: Date): boolean {
  return counter.lockedUntil !== null && counter.lockedUntil.getTime() > now.getTime();
}

/** The counter after one more failure at `now`; the failure that reaches the limit locks the name. */
export function recordFailure(
  counter: LoginCounter,
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): LoginCounter {
  const inWindow =
    counter.firstFailureAt !== null &&
    now.getTime() - counter.firstFailureAt.getTime() <= policy.windowMs &&
    !(counter.lockedUntil !== null && counter.lockedUntil.getTime() <= now.getTime());
  const failures = inWindow ? counter.failures + 1 : 1;
  const firstFailureAt = inWindow ? counter.firstFailureAt : now;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  return { failures, firstFailureAt, lockedUntil };
}
