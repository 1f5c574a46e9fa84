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

  it('accepts production with a strong secret and audit key', () => {
    const config = loadConfig({
      GROUNDBREAK_MODE: 'production',
      SESSION_SECRET: 'k9Vx2LmQ7rT4wZ8pN3bF6hJ1cY5dS0gA',
      AUDIT_HMAC_KEY: 'Zr8qW2nB5vK0xT7mC4yH1jP6dL9sF3gE',
    });
    expect(config.mode).toBe('production');
    expect(config.auditRetentionDays).toBe(365);
  });

  it('refuses production without a strong AUDIT_HMAC_KEY, and a retention under 180 days', () => {
    expect(() =>
      loadConfig({ GROUNDBREAK_MODE: 'production', SESSION_SECRET: 'k9Vx2LmQ7rT4wZ8pN3bF6hJ1cY5dS0gA' }),
    ).toThrow(/AUDIT_HMAC_KEY/);
    expect(() => loadConfig({ AUDIT_RETENTION_DAYS: '90' })).toThrow(/180 天/);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '180' }).auditRetentionDays).toBe(180);
  });
});
