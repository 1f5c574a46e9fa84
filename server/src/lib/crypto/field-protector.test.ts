import { describe, expect, it } from 'vitest';
import {
  createFieldProtector,
  describeProtectedValue,
  FIELD_SCHEMES,
  FieldKeyError,
  isCurrent,
  isProtectedValue,
} from './field-protector';

const KEY = Buffer.from('a-test-field-key-of-forty-characters-long', 'utf8');
const OTHER = Buffer.from('another-test-field-key-of-forty-characters', 'utf8');

describe.each(FIELD_SCHEMES)('field protection with %s', (scheme) => {
  const protector = createFieldProtector(KEY, scheme);

  it('reads back what it wrote, and writes no digit of the number in clear', async () => {
    const stored = await protector.encrypt('13812345678', 'projects.contact_phone');
    expect(isProtectedValue(stored)).toBe(true);
    expect(stored).not.toMatch(/1234|5678|138/);
    expect(describeProtectedValue(stored)).toEqual({ scheme, keyId: protector.keyId });
    expect(await protector.decrypt(stored, 'projects.contact_phone')).toBe('13812345678');
  });

  it('writes the same number differently each time (random IV), yet indexes it the same', async () => {
    const a = await protector.encrypt('13812345678', 'users.phone');
    const b = await protector.encrypt('13812345678', 'users.phone');
    expect(a).not.toBe(b);
    expect(await protector.blindIndex('13812345678', 'users.phone')).toBe(
      await protector.blindIndex('13812345678', 'users.phone'),
    );
    expect(await protector.blindIndex('13812345678', 'users.phone')).not.toBe(
      await protector.blindIndex('13812345679', 'users.phone'),
    );
  });

  it('refuses a value moved to another column, a changed byte, and another key', async () => {
    const stored = await protector.encrypt('13812345678', 'projects.contact_phone');
    await expect(protector.decrypt(stored, 'users.phone')).rejects.toThrow(FieldKeyError);
    const body = stored.slice(stored.lastIndexOf(':') + 1);
    const flipped = `${stored.slice(0, stored.lastIndexOf(':') + 1)}${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    await expect(protector.decrypt(flipped, 'projects.contact_phone')).rejects.toThrow(/无法解密/);
    const other = createFieldProtector(OTHER, scheme);
    await expect(other.decrypt(stored, 'projects.contact_phone')).rejects.toThrow(/另一把密钥/);
    expect(await other.blindIndex('13812345678', 'users.phone')).not.toBe(
      await protector.blindIndex('13812345678', 'users.phone'),
    );
  });

  it('checks a recovery code against its keyed hash, and no other code', async () => {
    const stored = await protector.mac('k7p2-m9x4');
    expect(stored).not.toContain('k7p2');
    expect(await protector.macMatches('k7p2-m9x4', stored)).toBe(true);
    expect(await protector.macMatches('k7p2-m9x5', stored)).toBe(false);
    expect(await createFieldProtector(OTHER, scheme).macMatches('k7p2-m9x4', stored)).toBe(false);
  });

  it('keeps Chinese and long text intact', async () => {
    const text = '常州市武进区湖塘镇'.repeat(40);
    expect(
      await protector.decrypt(await protector.encrypt(text, 'users.totp_secret'), 'users.totp_secret'),
    ).toBe(text);
  });
});

describe('switching scheme', () => {
  it('reads values written by the other scheme under the same key, and says they want rewriting', async () => {
    const aes = createFieldProtector(KEY, 'aes-256-gcm');
    const sm4 = createFieldProtector(KEY, 'sm4');
    const old = await aes.encrypt('0519-86681234', 'projects.contact_phone');
    expect(await sm4.decrypt(old, 'projects.contact_phone')).toBe('0519-86681234');
    expect(isCurrent(sm4, old)).toBe(false);
    expect(isCurrent(aes, old)).toBe(true);
    expect(isCurrent(aes, '13812345678')).toBe(false);
  });

  it('indexes and MACs alike under either scheme, so a switch leaves every search working', async () => {
    const aes = createFieldProtector(KEY, 'aes-256-gcm');
    const sm4 = createFieldProtector(KEY, 'sm4');
    expect(await sm4.blindIndex('13812345678', 'users.phone')).toBe(
      await aes.blindIndex('13812345678', 'users.phone'),
    );
    expect(await sm4.macMatches('k7p2-m9x4', await aes.mac('k7p2-m9x4'))).toBe(true);
  });

  it('refuses a key shorter than 32 characters', () => {
    expect(() => createFieldProtector(Buffer.from('short'), 'aes-256-gcm')).toThrow(FieldKeyError);
  });
});
