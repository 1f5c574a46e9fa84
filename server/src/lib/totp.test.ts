import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totpAt, verifyTotp } from './totp';

// RFC 6238 Appendix B (SHA-1 seed "12345678901234567890"), RFC 4226 Appendix D, RFC 4648 base32.

const SEED = Buffer.from('12345678901234567890');
const SECRET = base32Encode(SEED);

describe('TOTP', () => {
  it('encodes base32 as RFC 4648 does', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('gives the HOTP values of RFC 4226', () => {
    expect([0, 1, 2, 9].map((c) => hotp(SEED, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('gives the RFC 6238 value at T=%i', (seconds, expected) => {
    expect(totpAt(SECRET, new Date(seconds * 1000), 8)).toBe(expected);
  });

  it('accepts a code within one step of drift, once', () => {
    const at = new Date(1111111111 * 1000);
    const code = totpAt(SECRET, at);
    const step = verifyTotp(SECRET, code, at, null);
    expect(step).toBe(Math.floor(1111111111 / 30));
    expect(verifyTotp(SECRET, code, new Date(at.getTime() + 30_000), null)).toBe(step);
    expect(verifyTotp(SECRET, code, new Date(at.getTime() + 90_000), null)).toBeUndefined();
    // Used once: the same code (its step) is refused afterwards.
    expect(verifyTotp(SECRET, code, at, step ?? 0)).toBeUndefined();
    expect(verifyTotp(SECRET, '12345', at, null)).toBeUndefined();
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('Groundbreak', 'drc', SECRET)).toBe(
      'otpauth://totp/Groundbreak%3Adrc?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Groundbreak&algorithm=SHA1&digits=6&period=30',
    );
  });
});
