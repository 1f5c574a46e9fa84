// Outside channels of the inbox (企业微信 and 钉钉 group robots, plain JSON webhooks, e-mail): when a failed
// delivery is tried again, and what a screen may show of a channel's target without revealing it.

/** How a failed delivery is retried [A: configurable through NOTIFY_MAX_ATTEMPTS and NOTIFY_RETRY_BASE_SECONDS]. */
export type RetryPolicy = {
  /** Attempts in all, the first included; after the last one fails the delivery is 'failed'. */
  maxAttempts: number;
  /** Wait after the first failure; each further failure doubles it. */
  baseSeconds: number;
  /** The longest wait between two attempts. */
  capSeconds: number;
};

/** 8 attempts: 1, 2, 4, 8, 16, 32 and 64 minutes apart, about two hours in all. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseSeconds: 60, capSeconds: 6 * 3600 };

/** Seconds to wait after failed attempt number `attempt` (1-based), or null when it was the last. */
export function retryDelaySeconds(
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number | null {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be a positive integer: ${attempt}`);
  if (attempt >= policy.maxAttempts) return null;
  return Math.min(policy.capSeconds, policy.baseSeconds * 2 ** (attempt - 1));
}

/** Keeps the last four characters of a secret, the rest as asterisks (at least four of them). */
function tail(secret: string): string {
  if (secret.length <= 4) return '****';
  return `****${secret.slice(-4)}`;
}

/**
 * What a screen shows of a webhook URL: scheme, host and path, each query value reduced to its last four
 * characters (a robot's key or access token is in the query), no user or password.
 */
export function webhookHint(url: string): string {
  const parsed = new URL(url);
  const query = [...parsed.searchParams.entries()].map(([k, v]) => `${k}=${tail(v)}`).join('&');
  const path =
    parsed.pathname.length > 40
      ? `${parsed.pathname.slice(0, 20)}…${tail(parsed.pathname)}`
      : parsed.pathname;
  return `${parsed.protocol}//${parsed.host}${path}${query ? `?${query}` : ''}`;
}

/** What a screen shows of e-mail addresses: the first character of each local part and the domain. */
export function emailHint(addresses: readonly string[]): string {
  return addresses
    .map((a) => {
      const at = a.lastIndexOf('@');
      return `${a.slice(0, 1)}***${a.slice(at)}`;
    })
    .join(', ');
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** Splits "a@x.cn; b@y.cn" (commas, semicolons, spaces, new lines) into addresses; null when one is bad. */
export function parseEmailList(text: string): { addresses: string[] } | { bad: string } {
  const addresses = text
    .split(/[\s,;，；]+/)
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
  for (const a of addresses) if (!EMAIL.test(a)) return { bad: a };
  return { addresses: [...new Set(addresses.map((a) => a.toLowerCase()))] };
}
