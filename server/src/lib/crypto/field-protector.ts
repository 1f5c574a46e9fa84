import crypto from 'node:crypto';

// Personal data and second-factor secrets at rest (PIPL; MLPS 8.1.4.8 数据保密性). A protected value is
// stored as `<scheme>:<key id>:<base64url payload>`; an exact-match search goes through a blind index
// (a keyed hash of the normalised value), so nothing in the database reads back without the key. The
// app only talks to the `FieldProtector` interface: the built-in schemes below, or a certified
// cryptographic service (服务器密码机 / 密码服务平台) wrapped in the same calls.

/** Where a value lives: bound into the ciphertext, so a value copied into another column does not open. */
export type FieldContext =
  | 'projects.contact_phone'
  | 'users.phone'
  | 'users.totp_secret'
  | 'notification_channels.target'
  | 'notification_channels.secret'
  | 'lead_contacts.phone';

export type FieldScheme = 'aes-256-gcm' | 'sm4';
export const FIELD_SCHEMES: readonly FieldScheme[] = ['aes-256-gcm', 'sm4'];

export type FieldProtector = {
  /** The scheme new values are written with. */
  readonly scheme: FieldScheme;
  /** Eight hex digits naming the master key (never the key): tells which key a stored value needs. */
  readonly keyId: string;
  encrypt(plain: string, context: FieldContext): Promise<string>;
  decrypt(stored: string, context: FieldContext): Promise<string>;
  /** Equal values give equal indexes; the index cannot be reversed or computed without the key. */
  blindIndex(normalised: string, context: FieldContext): Promise<string>;
  /** A keyed hash for values that are only ever compared, never read back (recovery codes). */
  mac(value: string): Promise<string>;
  /** Whether `value` is what a stored `mac` was made from (constant time; either scheme's MAC). */
  macMatches(value: string, storedMac: string): Promise<boolean>;
};

export class FieldKeyError extends Error {
  override name = 'FieldKeyError';
}

const TAG: Record<FieldScheme, string> = { 'aes-256-gcm': 'a1', sm4: 's1' };
const SCHEME_OF: Record<string, FieldScheme> = { a1: 'aes-256-gcm', s1: 'sm4' };
const STORED = /^(a1|s1):([0-9a-f]{8}):([A-Za-z0-9_-]+)$/;
/** Keyed hashes (blind index, MAC) do not depend on the scheme: switching it leaves every search working. */
const INDEX_TAG = 'i1';
const MAC_TAG = 'm1';

/** The prefix every value this protector writes starts with (`a1:3f9c2a1b:`). */
export function storedPrefix(protector: Pick<FieldProtector, 'scheme' | 'keyId'>): string {
  return `${TAG[protector.scheme]}:${protector.keyId}:`;
}

/** Whether a stored recovery-code hash is already a keyed MAC (older ones were a plain SHA-256). */
export function isMac(stored: string): boolean {
  return stored.startsWith(`${MAC_TAG}:`);
}

/** Whether a stored value is in the protected format (legacy values are plain). */
export function isProtectedValue(stored: string): boolean {
  return STORED.test(stored);
}

/** Scheme and key id of a protected value; null for a plain one. */
export function describeProtectedValue(stored: string): { scheme: FieldScheme; keyId: string } | null {
  const m = STORED.exec(stored);
  const scheme = m?.[1] ? SCHEME_OF[m[1]] : undefined;
  return m?.[2] && scheme ? { scheme, keyId: m[2] } : null;
}

/** Whether a stored value was written by this protector's key and scheme (else it wants rewriting). */
export function isCurrent(protector: FieldProtector, stored: string): boolean {
  return stored.startsWith(storedPrefix(protector));
}

function derive(master: Buffer, purpose: string, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', master, 'groundbreak/field-protection', purpose, length));
}

/**
 * The built-in protector. `master` is the configured key (FIELD_ENCRYPTION_KEY, ≥ 32 characters); each
 * purpose gets its own derived key. Both schemes decrypt always, so switching FIELD_CIPHER only changes
 * what new values are written with (the start-up pass rewrites the old ones).
 * - aes-256-gcm: AES-256-GCM, 96-bit random IV, the context as associated data.
 * - sm4 (GB/T 32907, for 商用密码应用安全性评估): SM4-CBC with a random IV, then HMAC-SM3 over context,
 *   IV and ciphertext (encrypt-then-MAC; Node's OpenSSL has no SM4-GCM).
 * Blind indexes and MACs are HMAC-SM3 (GB/T 32905) whatever the scheme, so that instances or a switch of
 * FIELD_CIPHER never disagree about an index.
 */
export function createFieldProtector(master: Buffer, scheme: FieldScheme = 'aes-256-gcm'): FieldProtector {
  if (master.length < 32) throw new FieldKeyError('字段加密密钥至少 32 个字符');
  const keyId = crypto.createHmac('sha256', master).update('key-id').digest('hex').slice(0, 8);
  const aesKey = derive(master, 'aes-256-gcm', 32);
  const sm4Key = derive(master, 'sm4-cbc', 16);
  const sm4MacKey = derive(master, 'sm4-hmac-sm3', 32);
  const indexKey = derive(master, 'blind-index/sm3', 32);
  const macKey = derive(master, 'secret-mac/sm3', 32);
  const macOf = (value: string) =>
    `${MAC_TAG}:${crypto.createHmac('sm3', macKey).update(value).digest('hex')}`;

  function seal(plain: string, context: FieldContext): string {
    const data = Buffer.from(plain, 'utf8');
    if (scheme === 'aes-256-gcm') {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', aesKey, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(data), cipher.final()]);
      return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    }
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('sm4-cbc', sm4Key, iv);
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    const tag = crypto.createHmac('sm3', sm4MacKey).update(context).update(iv).update(body).digest();
    return Buffer.concat([iv, body, tag]).toString('base64url');
  }

  function open(payload: Buffer, found: FieldScheme, context: FieldContext): string {
    if (found === 'aes-256-gcm') {
      if (payload.length < 28) throw new Error('short');
      const decipher = crypto.createDecipheriv('aes-256-gcm', aesKey, payload.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(payload.subarray(payload.length - 16));
      return Buffer.concat([
        decipher.update(payload.subarray(12, payload.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    }
    if (payload.length < 64) throw new Error('short');
    const iv = payload.subarray(0, 16);
    const body = payload.subarray(16, payload.length - 32);
    const expected = crypto.createHmac('sm3', sm4MacKey).update(context).update(iv).update(body).digest();
    if (!crypto.timingSafeEqual(expected, payload.subarray(payload.length - 32))) throw new Error('mac');
    const decipher = crypto.createDecipheriv('sm4-cbc', sm4Key, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  return {
    scheme,
    keyId,
    async encrypt(plain, context) {
      return `${TAG[scheme]}:${keyId}:${seal(plain, context)}`;
    },
    async decrypt(stored, context) {
      const m = STORED.exec(stored);
      const found = m?.[1] ? SCHEME_OF[m[1]] : undefined;
      if (!m?.[3] || !found) throw new FieldKeyError(`${context} 中的值不是加密格式`);
      if (m[2] !== keyId) {
        throw new FieldKeyError(
          `${context} 中的数据由另一把密钥（${m[2]}）加密，当前 FIELD_ENCRYPTION_KEY 的编号为 ${keyId}：请使用加密这些数据时的密钥`,
        );
      }
      try {
        return open(Buffer.from(m[3], 'base64url'), found, context);
      } catch {
        throw new FieldKeyError(`${context} 中的加密数据无法解密（被改动，或不属于这一列）`);
      }
    },
    async blindIndex(normalised, context) {
      const digest = crypto.createHmac('sm3', indexKey).update(context).update('\0').update(normalised);
      return `${INDEX_TAG}:${digest.digest('base64url').slice(0, 32)}`;
    },
    async mac(value) {
      return macOf(value);
    },
    async macMatches(value, storedMac) {
      const expected = Buffer.from(macOf(value));
      const stored = Buffer.from(storedMac);
      return expected.length === stored.length && crypto.timingSafeEqual(expected, stored);
    },
  };
}
