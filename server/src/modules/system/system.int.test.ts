import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUsers, login } from '../../testing/accounts';
import { buildOfflineApp } from '../../testing/offline-app';
import { createTestContext, type TestContext } from '../../testing/test-app';

describe('system endpoints', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('reports the process up and the database ready', async () => {
    expect((await ctx.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await ctx.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: 'up' });
  });

  it('answers 503 on /readyz while the database is unreachable, and /healthz stays up', async () => {
    const app = await buildOfflineApp();
    try {
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', database: 'down' });
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      // A request that needs the database gets a quick 503 with a Chinese message, not a 500 or a hang.
      const started = Date.now();
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'someone', password: 'whatever-1A' },
      });
      expect(login.statusCode).toBe(503);
      expect(login.json().error).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        message: expect.stringContaining('数据库暂时不可用'),
      });
      const session = await app.inject({ url: '/api/me', headers: { cookie: 'gb_session=abc' } });
      expect(session.statusCode).toBe(503);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await app.close();
    }
  });

  it('names the version and the database on the about endpoint', async () => {
    expect((await ctx.app.inject({ url: '/api/about' })).statusCode).toBe(401);
    await createTestUsers(ctx.database.db, [
      { username: 'viewer', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    const about = (await (await login(ctx.app, 'viewer')).inject({ url: '/api/about' })).json();
    expect(about.version).toBe('0.0.0-test');
    expect(about.database.kind).toBe(ctx.database.kind);
    expect(about.database.address).not.toMatch(/@|password/);
  });

  it('publishes the OpenAPI document and its UI', async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/orgs', '/api/about', '/readyz']));
    expect(doc.paths['/api/orgs'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'sort', 'kind', 'q']),
    );
    const ui = await ctx.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});
