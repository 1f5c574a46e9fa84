import { CSRF_HEADER } from '@groundbreak/contract';
import type { Role } from '@groundbreak/domain';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from '../db/database';
import { enterprises, orgs, regions, users } from '../db/schema/index';
import { hashPassword } from '../lib/password';

// Test users and signed-in clients: a client carries the session cookie and the CSRF token like a browser.

export const TEST_PASSWORD = 'Groundbreak#2025';

export type TestUserSpec = {
  username: string;
  roles: Role[];
  orgCode: string;
  scopeCodes?: string[];
  enterpriseUscc?: string;
  mustChangePassword?: boolean;
  /**
   * Test users are demo accounts unless said otherwise: outside production mode they are exempt from
   * two-factor login, as the demo accounts are. `false` for a test of the enforcement itself.
   */
  isDemo?: boolean;
};

let cachedHash: Promise<string> | undefined;

/** Inserts users directly (all with TEST_PASSWORD); returns their ids by user name. */
export async function createTestUsers(db: Db, specs: TestUserSpec[]): Promise<Map<string, string>> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await cachedHash;
  const [regionRows, orgRows, enterpriseRows] = await Promise.all([
    db.select({ id: regions.id, code: regions.code }).from(regions),
    db.select({ id: orgs.id, code: orgs.code }).from(orgs),
    db.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises),
  ]);
  const region = new Map(regionRows.map((r) => [r.code, r.id]));
  const org = new Map(orgRows.map((o) => [o.code, o.id]));
  const enterprise = new Map(enterpriseRows.map((e) => [e.uscc, e.id]));
  const ids = new Map<string, string>();
  for (const spec of specs) {
    const orgId = org.get(spec.orgCode);
    if (!orgId) throw new Error(`test user ${spec.username}: unknown org ${spec.orgCode}`);
    const [row] = await db
      .insert(users)
      .values({
        username: spec.username,
        displayName: `${spec.username}(测试)`,
        passwordHash,
        roles: spec.roles,
        orgId,
        regionScopes: (spec.scopeCodes ?? []).map((code) => {
          const id = region.get(code);
          if (!id) throw new Error(`unknown region ${code}`);
          return id;
        }),
        enterpriseId: spec.enterpriseUscc ? (enterprise.get(spec.enterpriseUscc) ?? null) : null,
        mustChangePassword: spec.mustChangePassword ?? false,
        isDemo: spec.isDemo ?? true,
      })
      .returning({ id: users.id });
    if (row) ids.set(spec.username, row.id);
  }
  return ids;
}

export type Client = {
  username: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  csrfToken: string;
  cookie: string;
};

/** Logs in through the API, as a browser would; throws when login does not answer 200. */
export async function login(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'gb_session');
  if (!cookie) throw new Error('no session cookie');
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return clientFor(app, username, `gb_session=${cookie.value}`, csrfToken);
}

export function clientFor(app: FastifyInstance, username: string, cookie: string, csrfToken: string): Client {
  return {
    username,
    cookie,
    csrfToken,
    inject: (options) =>
      app.inject({
        ...options,
        headers: { ...(options.headers ?? {}), cookie, [CSRF_HEADER]: csrfToken },
      }),
  };
}

export async function regionIdOf(db: Db, code: string): Promise<string> {
  const [row] = await db.select({ id: regions.id }).from(regions).where(eq(regions.code, code));
  if (!row) throw new Error(`unknown region ${code}`);
  return row.id;
}
