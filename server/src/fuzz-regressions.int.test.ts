import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from './seed/seed';
import { seedDemoProjects } from './seed/seed-projects';
import { type Client, createTestUsers, login } from './testing/accounts';
import { createTestContext, type TestContext } from './testing/test-app';

// What the API fuzzer (npm run test:fuzz) found, each kept as the request that found it. Before each fix
// these answered 500, broke a download off half-way, or answered in a shape the API does not declare.

const PDF = Buffer.from('%PDF-1.4\n%fuzz\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('regressions found by the API fuzzer', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let projectId = '';

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T10:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
    ]);
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), { protector: ctx.protector });
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    projectId = (await gxq.inject({ url: '/api/projects?state=LEAD' })).json().items[0].id;
  });
  afterAll(() => ctx.close());

  const expectBadInput = (res: { statusCode: number; json(): unknown }) => {
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' }, requestId: expect.any(String) });
  };

  it('refuses a row version past PostgreSQL integer range as bad input (was 500)', async () => {
    expectBadInput(
      await drc.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/delete`,
        payload: { version: -996_589_703_621, reason: '测试' },
      }),
    );
    expectBadInput(
      await drc.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/delete`,
        payload: { version: 2_147_483_648, reason: '测试' },
      }),
    );
  });

  it('refuses an export filter the database cannot take before the download starts (was a download cut off)', async () => {
    expectBadInput(await drc.inject({ url: '/api/library-entries/export?year=-999999999990' }));
    expectBadInput(await drc.inject({ url: '/api/library-entries?year=99999999999' }));
    expectBadInput(await drc.inject({ url: '/api/annual-plans/2026/items/export?version=149107092398' }));
    expectBadInput(await drc.inject({ url: '/api/projects?page=99999999999' }));
  });

  it('answers an over-long path segment in the API error format (was Fastify’s own 414 body)', async () => {
    const res = await drc.inject({ url: `/api/projects/imports/${'测'.repeat(120)}/cancel`, method: 'POST' });
    expectBadInput(res);
    expect(res.json().error.message).toContain('参数过长');
    expectBadInput(await drc.inject({ url: '/api/projects/%E0%A4%A' }));
  });

  it('refuses a NUL character or half a surrogate pair in any text, naming the field (was 500)', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"\\ud800","password":"x"}',
    });
    expectBadInput(login);
    expect(login.json().error.details.fields[0].field).toBe('username');
    const view = await gxq.inject({
      method: 'POST',
      url: '/api/saved-views',
      payload: { name: '\u0000', query: '' },
    });
    expectBadInput(view);
    expect(view.json().error.details.fields[0].field).toBe('name');
    expectBadInput(await gxq.inject({ url: '/api/projects?q=%00' }));
  });

  it('answers a body nested ten thousand levels deep with 400, signed in or not (was a stack overflow, 500)', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expectBadInput(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: deep,
      }),
    );
  });

  it('keeps an uploaded file under a clean name when its name holds control characters (was 500)', async () => {
    const boundary = '----fuzz-regression';
    const res = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/attachments?kind=other`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\u0000b.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attachment.fileName).toBe('ab.pdf');
  });

  it('declares every status a route answers, and lists null in the enums of nullable fields', async () => {
    const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries(methods)) {
        for (const status of ['400', '401', '403', '413', '415', '429', '500', '503']) {
          expect(op.responses, `${method} ${path}`).toHaveProperty(status);
        }
      }
    }
    expect(doc.paths['/api/auth/totp']?.post?.responses).toHaveProperty('409');
    expect(doc.paths['/api/me/mfa/disable']?.post?.responses).toHaveProperty('423');
    const stateChange = JSON.stringify(doc.paths['/api/projects/{id}/state-changes']?.get?.responses['200']);
    expect(stateChange).toMatch(/"nullable":true,"type":"string","enum":\[[^\]]*null\]/);
  });
});
