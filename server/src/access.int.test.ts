import crypto from 'node:crypto';
import { enterpriseListResponse, enterpriseResponse } from '@groundbreak/contract';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprises, users } from './db/schema/index';
import { type Client, createTestUsers, login } from './testing/accounts';
import {
  buildScopeFixture,
  businessWriteRoutes,
  checkScopeMatrix,
  type ScopeFixture,
} from './testing/scope-matrix';
import {
  SCOPE_REGISTRY,
  seedScopeApprovals,
  seedScopeCampaigns,
  seedScopeImports,
  seedScopeLand,
  seedScopeNotifications,
  seedScopeProjects,
  seedScopeReports,
} from './testing/scope-registry';
import { seedScopeAttraction } from './testing/scope-registry.attraction';
import { seedScopeEvaluation } from './testing/scope-registry.evaluation';
import { seedScopeOpenData } from './testing/scope-registry.opendata';
import { createTestContext, type TestContext } from './testing/test-app';

// Data scope and permissions, checked over the whole route table.

describe('scope matrix', () => {
  let ctx: TestContext;
  let fixture: ScopeFixture;
  beforeAll(async () => {
    ctx = await createTestContext();
    fixture = await buildScopeFixture(ctx.app, ctx.database.db, ctx.clock.now());
    await seedScopeNotifications(fixture, ctx.clock.now());
    await seedScopeProjects(fixture, ctx.clock.now());
    await seedScopeImports(fixture, ctx.clock.now());
    await seedScopeLand(fixture, ctx.clock.now());
    await seedScopeApprovals(fixture, ctx.clock.now());
    await seedScopeReports(fixture, ctx.clock.now());
    await seedScopeCampaigns(fixture, ctx.clock.now());
    await seedScopeAttraction(fixture, ctx.clock.now());
    await seedScopeEvaluation(fixture, ctx.clock.now());
    await seedScopeOpenData(fixture, ctx.clock.now());
  });
  afterAll(() => ctx.close());

  it('holds for every route: foreign ids answer 404 and change nothing, lists show only what is in scope', async () => {
    expect(await checkScopeMatrix(fixture, SCOPE_REGISTRY)).toEqual([]);
  });

  it('lets an operator work in their own 板块', async () => {
    const res = await fixture.clients.operatorA.inject({
      method: 'PUT',
      url: `/api/enterprises/${fixture.ids.enterpriseA}`,
      payload: { name: '常州燕龙汽车零部件有限公司（更名）', regionId: fixture.ids.regionA, version: 1 },
    });
    expect(res.statusCode).toBe(200);
    const history = await fixture.clients.operatorA.inject({
      url: `/api/enterprises/${fixture.ids.enterpriseA}/history`,
    });
    expect(history.json().items[0]).toMatchObject({ action: 'enterprise.update', username: 'operatorA' });
    // The enterprise's own staff read the same history; another 板块 does not (covered by the matrix).
    const own = await fixture.clients.enterpriseA.inject({
      url: `/api/enterprises/${fixture.ids.enterpriseA}/history`,
    });
    expect(own.json().total).toBe(1);
  });
});

describe('scope matrix — test of the test', () => {
  let ctx: TestContext;
  let fixture: ScopeFixture;
  // A repository that forgets the scope, behind two routes registered like real ones.
  const leakyRoutes = (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/test/leaky-enterprises',
      {
        config: { action: 'enterprise.read' },
        schema: { response: { 200: enterpriseListResponse.partial() } },
      },
      async () => ({
        items: (await ctx.database.db.select().from(enterprises)).map((e) => ({ ...e, regionName: '' })),
      }),
    );
    r.get(
      '/api/test/leaky-enterprises/:id',
      { config: { action: 'enterprise.read' }, schema: { response: { 200: enterpriseResponse.partial() } } },
      async (request) => {
        const [row] = await ctx.database.db
          .select()
          .from(enterprises)
          .where(eq(enterprises.id, (request.params as { id: string }).id));
        return { enterprise: row ? { ...row, regionName: '' } : undefined };
      },
    );
    r.get(
      '/api/test/unregistered',
      {
        config: { action: 'enterprise.read' },
        schema: { response: { 200: enterpriseListResponse.partial() } },
      },
      async () => ({}),
    );
  };

  beforeAll(async () => {
    ctx = await createTestContext({ extraRoutes: leakyRoutes });
    fixture = await buildScopeFixture(ctx.app, ctx.database.db, ctx.clock.now());
    await seedScopeNotifications(fixture, ctx.clock.now());
    await seedScopeProjects(fixture, ctx.clock.now());
    await seedScopeImports(fixture, ctx.clock.now());
    await seedScopeLand(fixture, ctx.clock.now());
    await seedScopeApprovals(fixture, ctx.clock.now());
    await seedScopeReports(fixture, ctx.clock.now());
    await seedScopeCampaigns(fixture, ctx.clock.now());
    await seedScopeAttraction(fixture, ctx.clock.now());
    await seedScopeEvaluation(fixture, ctx.clock.now());
    await seedScopeOpenData(fixture, ctx.clock.now());
  });
  afterAll(() => ctx.close());

  it('fails when a repository forgets the scope, and when a route is in no table', async () => {
    const registry = {
      ...SCOPE_REGISTRY,
      lists: {
        ...SCOPE_REGISTRY.lists,
        'GET /api/test/leaky-enterprises': SCOPE_REGISTRY.lists['GET /api/enterprises'] ?? {
          callers: [],
          inScope: () => true,
        },
      },
      idRoutes: {
        ...SCOPE_REGISTRY.idRoutes,
        'GET /api/test/leaky-enterprises/:id': {
          callers: ['operatorA' as const],
          foreignId: (f: ScopeFixture) => f.ids.enterpriseB,
        },
      },
    };
    const problems = await checkScopeMatrix(fixture, registry);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^GET \/api\/test\/leaky-enterprises: operatorA sees \d+ item\(s\) outside their scope$/,
        ),
        expect.stringMatching(
          /^GET \/api\/test\/leaky-enterprises: enterpriseA sees \d+ item\(s\) outside their scope$/,
        ),
        'GET /api/test/leaky-enterprises/:id: operatorA reached a foreign object (200, expected 404)',
        'GET /api/test/unregistered: list has no scope check and no exemption',
      ]),
    );
  });
});

describe('role–action matrix', () => {
  let ctx: TestContext;
  const clients: Record<string, Client> = {};
  beforeAll(async () => {
    ctx = await createTestContext();
    await createTestUsers(ctx.database.db, [
      { username: 'leader1', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'sys1', roles: ['system_admin'], orgCode: 'WJ-DRC' },
      { username: 'sec1', roles: ['security_admin'], orgCode: 'WJ-DRC' },
      { username: 'audit1', roles: ['audit_admin'], orgCode: 'WJ-DRC' },
      { username: 'drc1', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'victim', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    for (const name of ['leader1', 'sys1', 'sec1', 'audit1', 'drc1'])
      clients[name] = await login(ctx.app, name);
  });
  afterAll(() => ctx.close());

  it('refuses every business write to leaders and to the three administrators (403)', async () => {
    const routes = businessWriteRoutes(ctx.app.routeTable);
    expect(routes.length).toBeGreaterThan(0);
    const allowed: string[] = [];
    for (const route of routes) {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method) as 'POST' | 'PUT';
      const url = route.url.replace(/:[a-zA-Z]+/g, crypto.randomUUID());
      for (const name of ['leader1', 'sys1', 'sec1', 'audit1']) {
        const res = await clients[name]?.inject({ method, url, payload: {} });
        if (res?.statusCode !== 403) allowed.push(`${name} ${method} ${route.url} → ${res?.statusCode}`);
      }
    }
    expect(allowed).toEqual([]);
  });

  it('keeps each administrator to their own duty (三权分立)', async () => {
    const cases: [string, 'GET' | 'POST' | 'PUT', string, number][] = [
      ['sys1', 'GET', '/api/audit', 403],
      ['sec1', 'GET', '/api/audit', 403],
      ['audit1', 'GET', '/api/audit', 200],
      ['audit1', 'POST', '/api/users', 403],
      ['sec1', 'POST', '/api/users', 403],
      ['sys1', 'PUT', `/api/users/${crypto.randomUUID()}/access`, 403],
      ['audit1', 'PUT', `/api/users/${crypto.randomUUID()}/access`, 403],
      ['drc1', 'GET', '/api/users', 403],
      ['sys1', 'GET', '/api/enterprises', 403],
      ['audit1', 'GET', '/api/enterprises', 403],
      ['leader1', 'GET', '/api/enterprises', 200],
    ];
    const wrong: string[] = [];
    for (const [name, method, url, expected] of cases) {
      const payload =
        method === 'GET' ? undefined : { username: 'x', displayName: 'x', orgId: crypto.randomUUID() };
      const res = await clients[name]?.inject({ method, url, ...(payload ? { payload } : {}) });
      if (res?.statusCode !== expected)
        wrong.push(`${name} ${method} ${url}: ${res?.statusCode} (expected ${expected})`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 409 when one person would hold two administrator roles', async () => {
    const [victim] = await ctx.database.db.select().from(users).where(eq(users.username, 'victim'));
    const res = await clients.sec1?.inject({
      method: 'PUT',
      url: `/api/users/${victim?.id}/access`,
      payload: {
        roles: ['system_admin', 'audit_admin'],
        regionScopeIds: [],
        enterpriseId: null,
        version: victim?.version,
      },
    });
    expect(res?.statusCode).toBe(409);
    expect(res?.json().error.code).toBe('ADMIN_ROLE_CONFLICT');
    const mixed = await clients.sec1?.inject({
      method: 'PUT',
      url: `/api/users/${victim?.id}/access`,
      payload: {
        roles: ['security_admin', 'drc'],
        regionScopeIds: [],
        enterpriseId: null,
        version: victim?.version,
      },
    });
    expect(mixed?.statusCode).toBe(409);
  });

  it('records denied access in the audit log', async () => {
    await clients.sys1?.inject({ url: '/api/audit' });
    const res = await clients.audit1?.inject({ url: '/api/audit?action=access.denied' });
    expect(res?.json().items.some((e: { username: string }) => e.username === 'sys1')).toBe(true);
  });
});

describe('conflicting saves', () => {
  let ctx: TestContext;
  let fixture: ScopeFixture;
  beforeAll(async () => {
    ctx = await createTestContext();
    fixture = await buildScopeFixture(ctx.app, ctx.database.db, ctx.clock.now());
  });
  afterAll(() => ctx.close());

  it('answers a stale enterprise save with 409 naming who saved first and when', async () => {
    const url = `/api/enterprises/${fixture.ids.enterpriseA}`;
    const first = await fixture.clients.operatorA.inject({
      method: 'PUT',
      url,
      payload: { name: '先保存的名称', regionId: fixture.ids.regionA, version: 1 },
    });
    expect(first.statusCode).toBe(200);
    const stale = await fixture.clients.deptCommerce.inject({
      method: 'PUT',
      url,
      payload: { name: '后保存的名称', regionId: fixture.ids.regionA, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { updatedBy: 'operatorA(测试)', version: 2, updatedAt: ctx.clock.now().toISOString() },
    });
  });
});
