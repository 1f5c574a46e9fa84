import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to demo mode on 127.0.0.1:3000 with ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'demo', host: '127.0.0.1', port: 3000, databaseUrl: undefined });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('is independent of NODE_ENV', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).mode).toBe('demo');
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', GROUNDBREAK_MODE: 'staging', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'GROUNDBREAK_MODE', 'DATABASE_URL', 'LOG_LEVEL'])
        expect(problems).toContain(name);
    }
  });

  it.each([undefined, 'changeme', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'short-but-random-9f3'])(
    'refuses production without a strong SESSION_SECRET (%s)',
    (secret) => {
      const env = { GROUNDBREAK_MODE: 'production', ...(secret ? { SESSION_SECRET: secret } : {}) };
      expect(() => loadConfig(env)).toThrow(/SESSION_SECRET/);
    },
  );

  it('accepts production with a strong secret, audit key and field key', () => {
    const config = loadConfig({
      GROUNDBREAK_MODE: 'production',
      SESSION_SECRET: 'k9Vx2LmQ7rT4wZ8pN3bF6hJ1cY5dS0gA',
      AUDIT_HMAC_KEY: 'Zr8qW2nB5vK0xT7mC4yH1jP6dL9sF3gE',
      FIELD_ENCRYPTION_KEY: 'Qm3xV8kP1tR6yB0nW4cJ7hL2dF9sG5aE',
    });
    expect(config.mode).toBe('production');
    expect(config.auditRetentionDays).toBe(365);
    expect(config.fieldCipher).toBe('aes-256-gcm');
  });

  it('refuses production without a strong FIELD_ENCRYPTION_KEY, and an unknown cipher', () => {
    const strong = {
      GROUNDBREAK_MODE: 'production',
      SESSION_SECRET: 'k9Vx2LmQ7rT4wZ8pN3bF6hJ1cY5dS0gA',
      AUDIT_HMAC_KEY: 'Zr8qW2nB5vK0xT7mC4yH1jP6dL9sF3gE',
    };
    expect(() => loadConfig(strong)).toThrow(/FIELD_ENCRYPTION_KEY/);
    expect(() => loadConfig({ ...strong, FIELD_ENCRYPTION_KEY: 'a'.repeat(40) })).toThrow(
      /FIELD_ENCRYPTION_KEY/,
    );
    expect(() => loadConfig({ FIELD_CIPHER: 'des' })).toThrow(/FIELD_CIPHER/);
    expect(loadConfig({ FIELD_CIPHER: 'sm4' }).fieldCipher).toBe('sm4');
  });

  it('reads a secret from the file named by <NAME>_FILE, never both', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gb-config-'));
    const file = path.join(dir, 'field.key');
    fs.writeFileSync(file, 'Qm3xV8kP1tR6yB0nW4cJ7hL2dF9sG5aE\n');
    try {
      expect(loadConfig({ FIELD_ENCRYPTION_KEY_FILE: file }).fieldEncryptionKey).toBe(
        'Qm3xV8kP1tR6yB0nW4cJ7hL2dF9sG5aE',
      );
      expect(() =>
        loadConfig({
          FIELD_ENCRYPTION_KEY_FILE: file,
          FIELD_ENCRYPTION_KEY: 'Qm3xV8kP1tR6yB0nW4cJ7hL2dF9sG5aE',
        }),
      ).toThrow(/只能设置一个/);
      expect(() => loadConfig({ SESSION_SECRET_FILE: path.join(dir, 'missing') })).toThrow(/无法读取/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses production without a strong AUDIT_HMAC_KEY, and a retention under 180 days', () => {
    expect(() =>
      loadConfig({ GROUNDBREAK_MODE: 'production', SESSION_SECRET: 'k9Vx2LmQ7rT4wZ8pN3bF6hJ1cY5dS0gA' }),
    ).toThrow(/AUDIT_HMAC_KEY/);
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '90' })).toThrow(/180 天/);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '180' }).auditRetentionDays).toBe(180);
  });
});
