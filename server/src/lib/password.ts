import crypto from 'node:crypto';
import { checkPassword, type PasswordPolicy } from '@groundbreak/domain';
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// Argon2id with OWASP's first recommended parameters (19 MiB, 2 passes, 1 lane): ≈ 80 ms a hash on the
// build machines, reported with the auth.login bench case.
// algorithm 2 is Argon2id in @node-rs/argon2's (const) enum.
export const PASSWORD_HASH_PARAMS = {
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the user does not exist keeps the answer time the same as for a wrong password.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummyHash;
}

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!@#$%&*?';

function pick(chars: string): string {
  return chars.charAt(crypto.randomInt(chars.length));
}

/** A random password of 16 characters from all four classes (no look-alikes such as l/1, O/0). */
export function generatePassword(username: string, policy: PasswordPolicy): string {
  for (;;) {
    const all = LOWER + UPPER + DIGITS + SYMBOLS;
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < Math.max(16, policy.minLength)) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto.randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
    }
    const password = chars.join('');
    if (checkPassword(password, username, policy).length === 0) return password;
  }
}

let common: Set<string> | undefined;

/**
 * Whether a (lower-cased) password is on the common-password list shipped with the app (zxcvbn-ts
 * language-common, MIT, about 49,000 entries), for the ASVS profile.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.toLowerCase());
}

/** Random token for cookies and CSRF (256 bits, base64url). */
export function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
