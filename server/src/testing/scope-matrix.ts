import { isBusinessWrite } from '@groundbreak/domain';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database';
import { enterprises, regions } from '../db/schema/index';
import type { RouteEntry } from '../lib/route-table';
import { seedDemoData } from '../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from './accounts';

// The scope-matrix harness. It walks Fastify's route table itself: every route with an id must have a
// fixture (a foreign id answers 404 and changes nothing), every list a scope check (no item outside the
// caller's scope), every other write a check that it cannot reach outside the caller's scope — or a
// written exemption with its reason. A route in none of these fails the harness.

export const SCOPE_CALLERS = [
  'operatorA', // 板块经办, 武进国家高新区
  'operatorB', // 板块经办, 湖塘镇
  'deptNrp', // 部门经办, 自然资源和规划 (district)
  'nrpA', // 部门经办, 自然资源和规划, its 高新区 office only (land writes with a 板块 scope)
  'deptCommerce', // 部门经办, 商务 (district)
  'enterpriseA', // 企业, 常州燕龙 (in 高新区)
  'enterpriseB', // 企业, 武进湖塘智能电气 (in 湖塘镇)
  'adminB', // 系统管理员 of 湖塘镇 (configuration of its own organisations, e.g. their push channels)
  'industryA', // 部门经办, 工信, its 高新区 office only (scores post-evaluations with a 板块 scope)
] as const;
export type ScopeCaller = (typeof SCOPE_CALLERS)[number];

export type ScopeFixture = {
  app: FastifyInstance;
  db: Db;
  clients: Record<ScopeCaller, Client>;
  userIds: Map<string, string>;
  ids: { regionA: string; regionB: string; enterpriseA: string; enterpriseB: string };
  /** Further objects a module's fixture adds (e.g. projectA, projectB), by name. */
  refs: Record<string, string>;
  /** Region ids each caller may see (their subtrees), for list checks. */
  visibleRegions: Record<ScopeCaller, Set<string>>;
};

export const ENTERPRISE_A_USCC = '91320412MAEUHUXQ7A';
export const ENTERPRISE_B_USCC = '91320412MA2HRWNL9M';

export async function buildScopeFixture(app: FastifyInstance, db: Db, now: Date): Promise<ScopeFixture> {
  await seedDemoData(db, now);
  const userIds = await createTestUsers(db, [
    { username: 'operatorA', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
    {
      username: 'operatorB',
      roles: ['subarea_operator'],
      orgCode: '320412100-GOV',
      scopeCodes: ['320412100'],
    },
    { username: 'deptNrp', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['320412'] },
    { username: 'nrpA', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['WJ-GXQ'] },
    { username: 'deptCommerce', roles: ['dept_operator'], orgCode: 'WJ-COM', scopeCodes: ['320412'] },
    { username: 'enterpriseA', roles: ['enterprise'], orgCode: 'WJ-DRC', enterpriseUscc: ENTERPRISE_A_USCC },
    { username: 'enterpriseB', roles: ['enterprise'], orgCode: 'WJ-DRC', enterpriseUscc: ENTERPRISE_B_USCC },
    { username: 'adminB', roles: ['system_admin'], orgCode: '320412100-GOV', scopeCodes: ['320412100'] },
    { username: 'industryA', roles: ['dept_operator'], orgCode: 'WJ-MIIT', scopeCodes: ['WJ-GXQ'] },
  ]);
  const clients = Object.fromEntries(
    await Promise.all(SCOPE_CALLERS.map(async (c) => [c, await login(app, c)] as const)),
  ) as Record<ScopeCaller, Client>;
  const regionA = await regionIdOf(db, 'WJ-GXQ');
  const regionB = await regionIdOf(db, '320412100');
  const rows = await db.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises);
  const enterpriseA = rows.find((r) => r.uscc === ENTERPRISE_A_USCC)?.id ?? '';
  const enterpriseB = rows.find((r) => r.uscc === ENTERPRISE_B_USCC)?.id ?? '';
  const allRegions = await db
    .select({ id: regions.id, path: regions.path, code: regions.code })
    .from(regions);
  const subtree = (code: string) => {
    const root = allRegions.find((r) => r.code === code);
    return new Set(allRegions.filter((r) => root && r.path.startsWith(root.path)).map((r) => r.id));
  };
  const district = subtree('320412');
  return {
    app,
    db,
    clients,
    userIds,
    ids: { regionA, regionB, enterpriseA, enterpriseB },
    refs: {},
    visibleRegions: {
      operatorA: subtree('WJ-GXQ'),
      operatorB: subtree('320412100'),
      deptNrp: district,
      nrpA: subtree('WJ-GXQ'),
      deptCommerce: district,
      enterpriseA: new Set<string>(),
      enterpriseB: new Set<string>(),
      adminB: subtree('320412100'),
      industryA: subtree('WJ-GXQ'),
    },
  };
}

export type IdRouteCheck = {
  callers: ScopeCaller[];
  /** An object this caller must not reach. */
  foreignId(f: ScopeFixture, caller: ScopeCaller): string;
  body?(f: ScopeFixture): unknown;
  query?: string;
  /** Values for path parameters other than the foreign id (e.g. a year, a child of the foreign object). */
  params?(f: ScopeFixture, caller: ScopeCaller): Record<string, string>;
  /** The stored state of the object, compared before and after the refused request. */
  snapshot?(f: ScopeFixture, id: string): Promise<unknown>;
};

export type ListRouteCheck = {
  callers: ScopeCaller[];
  query?: string;
  /** Prepares at least one item in and one outside each caller's scope, if the fixture lacks them. */
  inScope(item: Record<string, unknown>, f: ScopeFixture, caller: ScopeCaller): boolean;
};

export type WriteRouteCheck = {
  callers: ScopeCaller[];
  /** A request aimed outside the caller's scope. */
  body(f: ScopeFixture, caller: ScopeCaller): unknown | Promise<unknown>;
  /** The route answers success and silently ignores what is out of scope (e.g. marking others' messages). */
  ignoresForeign?: boolean;
  /** Whether anything outside the scope changed (must stay false). */
  leaked(f: ScopeFixture, caller: ScopeCaller): Promise<boolean>;
};

export type ScopeRegistry = {
  idRoutes: Record<string, IdRouteCheck>;
  lists: Record<string, ListRouteCheck>;
  writes: Record<string, WriteRouteCheck>;
  /** Route → why it needs no scope check. */
  exempt: Record<string, string>;
};

function routeKey(route: RouteEntry): string {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return `${methods.filter((m) => m !== 'HEAD').join(',')} ${route.url}`;
}

function fillId(url: string, id: string, params: Record<string, string> = {}): string {
  return url.replace(/:([a-zA-Z]+)/g, (_m, name: string) => params[name] ?? id);
}

/** Runs every registered check; returns the problems found (empty: the matrix holds). */
export async function checkScopeMatrix(f: ScopeFixture, registry: ScopeRegistry): Promise<string[]> {
  const problems: string[] = [];
  for (const route of f.app.routeTable) {
    const action = (route.config as { action?: string } | undefined)?.action;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    if (methods.length === 0 || action === undefined || action === 'public') continue;
    const key = routeKey(route);
    const method = methods[0] as 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
    if (registry.exempt[key]) continue;

    if (route.url.includes(':')) {
      const check = registry.idRoutes[key];
      if (!check) {
        problems.push(`${key}: route with an id has no scope fixture (foreign id → 404) and no exemption`);
        continue;
      }
      for (const caller of check.callers) {
        const id = check.foreignId(f, caller);
        const before = await check.snapshot?.(f, id);
        const res = await f.clients[caller].inject({
          method,
          url: `${fillId(route.url, id, check.params?.(f, caller))}${check.query ? `?${check.query}` : ''}`,
          ...(check.body ? { payload: check.body(f) as object } : {}),
        });
        if (res.statusCode !== 404)
          problems.push(`${key}: ${caller} reached a foreign object (${res.statusCode}, expected 404)`);
        const after = await check.snapshot?.(f, id);
        if (JSON.stringify(before) !== JSON.stringify(after))
          problems.push(`${key}: ${caller} changed a foreign object`);
      }
      continue;
    }

    if (method === 'GET') {
      const check = registry.lists[key];
      if (!check) {
        problems.push(`${key}: list has no scope check and no exemption`);
        continue;
      }
      for (const caller of check.callers) {
        const res = await f.clients[caller].inject({
          method,
          url: `${route.url}${check.query ? `?${check.query}` : ''}`,
        });
        if (res.statusCode !== 200) {
          problems.push(`${key}: ${caller} got ${res.statusCode}`);
          continue;
        }
        const items = (res.json() as { items?: Record<string, unknown>[] }).items ?? [];
        if (items.length === 0) problems.push(`${key}: ${caller} sees nothing, so the check proves nothing`);
        const outside = items.filter((item) => !check.inScope(item, f, caller));
        if (outside.length > 0)
          problems.push(`${key}: ${caller} sees ${outside.length} item(s) outside their scope`);
      }
      continue;
    }

    const check = registry.writes[key];
    if (!check) {
      problems.push(`${key}: write has no scope check and no exemption`);
      continue;
    }
    for (const caller of check.callers) {
      const payload = (await check.body(f, caller)) as object;
      const res = await f.clients[caller].inject({ method, url: route.url, payload });
      if (res.statusCode >= 500) problems.push(`${key}: ${caller} got ${res.statusCode}`);
      if (res.statusCode < 400 && !check.ignoresForeign) {
        problems.push(`${key}: ${caller} wrote outside their scope (${res.statusCode})`);
      }
      if (await check.leaked(f, caller)) problems.push(`${key}: ${caller} changed data outside their scope`);
    }
  }
  return problems;
}

/** Routes whose action is a business write, for the role–action matrix. */
export function businessWriteRoutes(routes: RouteEntry[]): RouteEntry[] {
  return routes.filter((r) => {
    const action = (r.config as { action?: string } | undefined)?.action;
    return action !== undefined && isBusinessWrite(action);
  });
}
