import { eq } from 'drizzle-orm';
import { enterprises, notifications } from '../db/schema/index';
import { createNotificationsRepository } from '../modules/notifications/notifications.repository';
import type { ScopeFixture, ScopeRegistry } from './scope-matrix';

// What the scope-matrix harness checks for each route of the app. A new module adds its routes here;
// the harness fails on any route it finds in neither table.

const enterpriseSnapshot = async (f: ScopeFixture, id: string) =>
  (await f.db.select().from(enterprises).where(eq(enterprises.id, id)))[0] ?? null;

/** The enterprise the caller must not see: the other 板块's (for enterprise users, the other company). */
const foreignEnterprise = (f: ScopeFixture, caller: string) =>
  caller === 'operatorA' || caller === 'enterpriseA' ? f.ids.enterpriseB : f.ids.enterpriseA;

const NOTE_PREFIX = '范围测试消息';

async function notificationIdOf(f: ScopeFixture, caller: string): Promise<string> {
  const [row] = await f.db
    .select()
    .from(notifications)
    .where(eq(notifications.title, `${NOTE_PREFIX}:${caller}`));
  if (!row) throw new Error(`no test notification for ${caller}`);
  return row.id;
}

export const SCOPE_REGISTRY: ScopeRegistry = {
  idRoutes: {
    'GET /api/enterprises/:id': {
      callers: ['operatorA', 'operatorB', 'enterpriseA', 'enterpriseB'],
      foreignId: foreignEnterprise,
    },
    'PUT /api/enterprises/:id': {
      callers: ['operatorA', 'operatorB'],
      foreignId: foreignEnterprise,
      body: (f) => ({ name: '被越权修改的名称', regionId: f.ids.regionA, version: 1 }),
      snapshot: enterpriseSnapshot,
    },
    'GET /api/enterprises/:id/history': {
      callers: ['operatorA', 'operatorB', 'enterpriseA'],
      foreignId: foreignEnterprise,
    },
  },
  lists: {
    'GET /api/enterprises': {
      callers: ['operatorA', 'operatorB', 'deptNrp', 'deptCommerce', 'enterpriseA', 'enterpriseB'],
      query: 'pageSize=100',
      inScope: (item, f, caller) => {
        if (caller === 'enterpriseA') return item.id === f.ids.enterpriseA;
        if (caller === 'enterpriseB') return item.id === f.ids.enterpriseB;
        return f.visibleRegions[caller].has(String(item.regionId));
      },
    },
    'GET /api/notifications': {
      callers: ['operatorA', 'operatorB'],
      inScope: (item, _f, caller) => String(item.title) === `${NOTE_PREFIX}:${caller}`,
    },
  },
  writes: {
    'POST /api/enterprises': {
      callers: ['operatorA', 'operatorB'],
      // 91320412MAPKL5K061 is checksum-valid and not yet registered; the region is the other 板块's.
      body: (f, caller) => ({
        uscc: '91320412MAPKL5K061',
        name: '越权登记的企业',
        regionId: caller === 'operatorA' ? f.ids.regionB : f.ids.regionA,
      }),
      leaked: async (f) =>
        (await f.db.select().from(enterprises).where(eq(enterprises.name, '越权登记的企业'))).length > 0,
    },
    'POST /api/notifications/read': {
      callers: ['operatorA'],
      ignoresForeign: true,
      body: async (f) => ({ ids: [await notificationIdOf(f, 'operatorB')] }),
      leaked: async (f) => {
        const [row] = await f.db
          .select()
          .from(notifications)
          .where(eq(notifications.title, `${NOTE_PREFIX}:operatorB`));
        return row?.readAt !== null;
      },
    },
  },
  exempt: {
    'GET /api/me': "the caller's own account",
    'POST /api/auth/logout': "the caller's own session",
    'POST /api/me/password': "the caller's own password",
    'GET /api/about': 'version and runtime facts; no business data',
    'GET /api/navigation': "the caller's own menu, from the permission table",
    'GET /api/workbench': 'to-dos come from module providers, each of which applies its own scope',
    'GET /api/notifications/unread-count':
      "a count of the caller's own messages (repository filters by recipient)",
    'GET /api/regions': 'reference data every signed-in user may read (no data scope)',
    'GET /api/orgs': 'reference data every signed-in user may read (no data scope)',
    'PUT /api/orgs/:id': 'configuration by the system administrator; organisations carry no data scope',
    'GET /api/enterprises/check-uscc': 'pure check of a code; reads no data',
    'GET /api/users': 'account administration: the administrators manage every account of the installation',
    'POST /api/users': 'account administration (system administrator)',
    'POST /api/users/:id/disable': 'account administration (system administrator)',
    'POST /api/users/:id/enable': 'account administration (system administrator)',
    'POST /api/users/:id/reset-password': 'account administration (system administrator)',
    'PUT /api/users/:id/access': 'role and scope assignment (security administrator)',
    'GET /api/users/enterprise-options':
      'names of enterprises for the security administrator assigning an enterprise user',
    'GET /api/audit': "the whole log is the audit administrator's",
    'GET /api/security/policy': 'installation-wide settings (security administrator)',
    'PUT /api/security/policy': 'installation-wide settings (security administrator)',
  },
};

/** Notifications for two users, so that the inbox list check has something on each side. */
export async function seedScopeNotifications(f: ScopeFixture, now: Date): Promise<void> {
  const repo = createNotificationsRepository(f.db);
  for (const caller of ['operatorA', 'operatorB'] as const) {
    const id = f.userIds.get(caller);
    if (id)
      await repo.insertMany([{ recipientId: id, module: 'test', title: `${NOTE_PREFIX}:${caller}` }], now);
  }
}
