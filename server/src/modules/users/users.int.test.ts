import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orgs, regions, users } from '../../db/schema/index';
import { totpAt } from '../../lib/totp';
import { createAdmin } from '../../seed/accounts';
import { type Client, clientFor, createTestUsers, login } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';

/** Sets up two-factor login through the API, as the enrolment page does; returns the secret. */
async function enrol(client: Client, now: Date): Promise<string> {
  const setup = await client.inject({ method: 'POST', url: '/api/me/mfa/setup' });
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret, qrSvg } = setup.json();
  expect(qrSvg).toContain('<svg');
  const enabled = await client.inject({
    method: 'POST',
    url: '/api/me/mfa/enable',
    payload: { code: totpAt(secret, now) },
  });
  expect(enabled.statusCode, enabled.body).toBe(200);
  expect(enabled.json().recoveryCodes).toHaveLength(10);
  return secret;
}

async function changePassword(client: Client, current: string, next: string): Promise<void> {
  const res = await client.inject({
    method: 'POST',
    url: '/api/me/password',
    payload: { currentPassword: current, newPassword: next },
  });
  expect(res.statusCode).toBe(200);
}

describe('bootstrap of a production install', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ mode: 'production' });
  });
  afterAll(() => ctx.close());

  it('sends HSTS and secure cookies in production', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('creates the three administrators, then the security administrator makes a user 区发改', async () => {
    expect(await ctx.database.db.select().from(users)).toEqual([]);
    const now = ctx.clock.now();
    const sys = await createAdmin(ctx.database.db, { role: 'system_admin', username: 'it-zhang' }, now);
    const sec = await createAdmin(ctx.database.db, { role: 'security_admin', username: 'sec-wang' }, now);
    await createAdmin(ctx.database.db, { role: 'audit_admin', username: 'audit-li' }, now);
    await expect(
      createAdmin(ctx.database.db, { role: 'audit_admin', username: 'audit-li' }, now),
    ).rejects.toThrow(/已存在/);

    // Each administrator must change the temporary password first.
    const sysClient = await login(ctx.app, 'it-zhang', sys.password);
    expect((await sysClient.inject({ url: '/api/users' })).json().error.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    await changePassword(sysClient, sys.password, 'Sys#Admin2025');
    // Then, in production, set up two-factor login: administrators may not work without it.
    expect((await sysClient.inject({ url: '/api/users' })).json().error.code).toBe('MFA_ENROLMENT_REQUIRED');
    await enrol(sysClient, ctx.clock.now());

    const [drcOrg] = await ctx.database.db.select().from(orgs).where(eq(orgs.code, 'WJ-DRC'));
    const created = await sysClient.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'xiaoli', displayName: '李晓', orgId: drcOrg?.id, phone: '13812345678' },
    });
    expect(created.statusCode).toBe(200);
    const { user, temporaryPassword } = created.json();
    expect(user).toMatchObject({ roles: [], mustChangePassword: true, phoneMasked: '138****5678' });

    // The system administrator cannot hand out roles.
    const [district] = await ctx.database.db.select().from(regions).where(eq(regions.code, '320412'));
    const access = {
      roles: ['drc'],
      regionScopeIds: [district?.id],
      enterpriseId: null,
      version: user.version,
    };
    expect(
      (await sysClient.inject({ method: 'PUT', url: `/api/users/${user.id}/access`, payload: access }))
        .statusCode,
    ).toBe(403);

    const secClient = await login(ctx.app, 'sec-wang', sec.password);
    await changePassword(secClient, sec.password, 'Sec#Admin2025');
    await enrol(secClient, ctx.clock.now());
    const granted = await secClient.inject({
      method: 'PUT',
      url: `/api/users/${user.id}/access`,
      payload: access,
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().user).toMatchObject({ roles: ['drc'], regionScopes: [{ name: '武进区' }] });

    const xiaoli = await login(ctx.app, 'xiaoli', temporaryPassword);
    await changePassword(xiaoli, temporaryPassword, 'Xiao#Li2025');
    // 区发改 must use two-factor login too (the default policy).
    await enrol(xiaoli, ctx.clock.now());
    const me = (await xiaoli.inject({ url: '/api/me' })).json();
    expect(me.user).toMatchObject({ roles: ['drc'], scopeLabel: '武进区' });
    expect(me.user.actions).toContain('enterprise.write');
    expect((await xiaoli.inject({ url: '/api/enterprises' })).statusCode).toBe(200);
    // Production mode loaded no demo data.
    expect((await xiaoli.inject({ url: '/api/enterprises' })).json().total).toBe(0);

    const trail = await ctx.database.db.select().from(auditLog);
    expect(trail.map((r) => r.action)).toEqual(
      expect.arrayContaining(['user.create', 'auth.password_change', 'user.access_update', 'access.denied']),
    );
    expect(JSON.stringify(trail)).not.toContain('13812345678');
  });
});

describe('account administration', () => {
  let ctx: TestContext;
  let admin: Client;
  let drcOrgId: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    await createTestUsers(ctx.database.db, [
      { username: 'sys2', roles: ['system_admin'], orgCode: 'WJ-DRC' },
      { username: 'sys3', roles: ['system_admin'], orgCode: 'WJ-DRC' },
      { username: 'target', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'sec2', roles: ['security_admin'], orgCode: 'WJ-DRC' },
    ]);
    admin = await login(ctx.app, 'sys2');
    const [drcOrg] = await ctx.database.db.select().from(orgs).where(eq(orgs.code, 'WJ-DRC'));
    drcOrgId = drcOrg?.id ?? '';
  });
  afterAll(() => ctx.close());

  const target = async () =>
    (await ctx.database.db.select().from(users).where(eq(users.username, 'target')))[0];

  it('refuses a duplicate user name (any case) and a bad one', async () => {
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'TARGET', displayName: 'x', orgId: drcOrgId },
    });
    expect(dup.statusCode).toBe(409);
    const bad = await admin.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: '1bad name', displayName: 'x', orgId: drcOrgId },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('username');
  });

  it('ends every session of a user it disables, and the user cannot log in', async () => {
    const session = await login(ctx.app, 'target');
    const before = await target();
    const res = await admin.inject({
      method: 'POST',
      url: `/api/users/${before?.id}/disable`,
      payload: { version: before?.version },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.status).toBe('disabled');
    expect((await session.inject({ url: '/api/me' })).statusCode).toBe(401);
    await expect(login(ctx.app, 'target')).rejects.toThrow(/401/);
    const enabled = await admin.inject({
      method: 'POST',
      url: `/api/users/${before?.id}/enable`,
      payload: { version: res.json().user.version },
    });
    expect(enabled.json().user.status).toBe('active');
  });

  it('answers 409 with who and when when someone else saved first', async () => {
    const other = await login(ctx.app, 'sys3');
    const current = await target();
    const first = await other.inject({
      method: 'POST',
      url: `/api/users/${current?.id}/reset-password`,
      payload: { version: current?.version },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().temporaryPassword).toMatch(/^.{16}$/);
    const stale = await admin.inject({
      method: 'POST',
      url: `/api/users/${current?.id}/disable`,
      payload: { version: current?.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { updatedBy: 'sys3(测试)' },
    });
  });

  it('names the field a role assignment lacks: a 板块 for an operator, a company for an enterprise user', async () => {
    const sec = await login(ctx.app, 'sec2');
    const current = await target();
    const put = (payload: object) =>
      sec.inject({
        method: 'PUT',
        url: `/api/users/${current?.id}/access`,
        payload: { version: current?.version, ...payload },
      });
    const noScope = await put({ roles: ['subarea_operator'], regionScopeIds: [], enterpriseId: null });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json().error.details.fields).toEqual([
      { field: 'regionScopeIds', message: '请选择数据范围' },
    ]);
    const noCompany = await put({ roles: ['enterprise'], regionScopeIds: [], enterpriseId: null });
    expect(noCompany.json().error.details.fields[0].field).toBe('enterpriseId');
  });

  it('pages and filters the user list', async () => {
    const res = await admin.inject({ url: '/api/users?role=system_admin&sort=username' });
    expect(res.json().items.map((u: { username: string }) => u.username)).toEqual(['sys2', 'sys3']);
    expect((await admin.inject({ url: '/api/users?pageSize=7' })).statusCode).toBe(400);
  });

  it('keeps the admin out of a client that lost its CSRF token', async () => {
    const noToken = clientFor(ctx.app, 'sys2', admin.cookie, 'wrong-token');
    const res = await noToken.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'zz1', displayName: 'x', orgId: drcOrgId },
    });
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });
});
