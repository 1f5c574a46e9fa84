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

  it('accepts production with a strong secret', () => {
    const config = loadConfig({
      GROUNDBREAK_MODE: 'production',
      SESSION_SECRET: 'k9Vx2LmQ7rT4wZ8pN3bF6hJ1cY5dS0gA',
    });
    expect(config.mode).toBe('production');
  });
});
