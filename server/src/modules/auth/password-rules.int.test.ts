import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, users } from '../../db/schema/index';
import { createJobRunner } from '../../jobs/runner';
import { type Client, createTestUsers, login, TEST_PASSWORD } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { disableInactiveAccountsJob } from '../users/users.jobs';

// Password history, maximum age, the two policy profiles (MLPS: classes + rotation; ASVS: 12 characters +
// the common-password list, no rotation), accounts unused for 90 days disabled by the daily job, and an
// administrator ending one user's sessions or everyone's.

const DAY = 86_400_000;
const quiet = { info: () => undefined, error: () => undefined };

describe('password rules and account hygiene', () => {
  let ctx: TestContext;
  let sec: Client;

  const change = (client: Client, currentPassword: string, newPassword: string) =>
    client.inject({ method: 'POST', url: '/api/me/password', payload: { currentPassword, newPassword } });
  const policyOf = async () => (await sec.inject({ url: '/api/security/policy' })).json().policy;
  const setPolicy = async (patch: Record<string, unknown>) => {
    const res = await sec.inject({
      method: 'PUT',
      url: '/api/security/policy',
      payload: { ...(await policyOf()), ...patch },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    await createTestUsers(ctx.database.db, [
      { username: 'sec1', roles: ['security_admin'], orgCode: 'WJ-DRC' },
      { username: 'sys1', roles: ['system_admin'], orgCode: 'WJ-DRC' },
      { username: 'hist', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'aged', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'asvs', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'idle', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'busy', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'oldadmin', roles: ['audit_admin'], orgCode: 'WJ-DRC' },
    ]);
    sec = await login(ctx.app, 'sec1');
  });
  afterAll(() => ctx.close());

  it('refuses any of the last five passwords, and accepts the sixth one back', async () => {
    const client = await login(ctx.app, 'hist');
    const passwords = [
      TEST_PASSWORD,
      'Lamp#2025a',
      'Lamp#2025b',
      'Lamp#2025c',
      'Lamp#2025d',
      'Lamp#2025e',
      'Lamp#2025f',
    ];
    for (let i = 1; i < 6; i++) {
      ctx.clock.advance(60_000);
      const res = await change(client, passwords[i - 1] as string, passwords[i] as string);
      expect(res.statusCode, res.body).toBe(200);
    }
    // Current: Hist#2025e; the last five before it: TEST_PASSWORD, a, b, c, d.
    const reused = await change(client, 'Lamp#2025e', 'Lamp#2025b');
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.message).toContain('最近 5 次用过的密码');
    ctx.clock.advance(60_000);
    expect((await change(client, 'Lamp#2025e', 'Lamp#2025f')).statusCode).toBe(200);
    ctx.clock.advance(60_000);
    // Now TEST_PASSWORD is six changes back.
    expect((await change(client, 'Lamp#2025f', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('sends a user whose password is older than 90 days to the forced change at login (MLPS), audited', async () => {
    await ctx.database.db
      .update(users)
      .set({ passwordChangedAt: new Date(ctx.clock.now().getTime() - 91 * DAY) })
      .where(eq(users.username, 'aged'));
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'aged', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    const audited = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.password_expired'));
    expect(audited.map((a) => a.username)).toEqual(['aged']);
  });

  it('ASVS: 12 characters, no class rules, the common-password list, no rotation', async () => {
    await setPolicy({ passwordProfile: 'ASVS', passwordMinLength: 12 });
    const tooShortForAsvs = await sec.inject({
      method: 'PUT',
      url: '/api/security/policy',
      payload: { ...(await policyOf()), passwordMinLength: 10 },
    });
    expect(tooShortForAsvs.statusCode).toBe(400);
    const client = await login(ctx.app, 'asvs');
    const common = await change(client, TEST_PASSWORD, 'password1234');
    expect(common.statusCode).toBe(400);
    expect(common.json().error.message).toContain('常见密码');
    expect((await change(client, TEST_PASSWORD, 'Short#2025')).json().error.message).toContain(
      '至少 12 个字符',
    );
    // Lower-case letters and spaces only: fine under ASVS.
    expect((await change(client, TEST_PASSWORD, 'river stone lantern')).statusCode).toBe(200);
    // No rotation: an old password does not expire.
    await ctx.database.db
      .update(users)
      .set({ passwordChangedAt: new Date(ctx.clock.now().getTime() - 400 * DAY), mustChangePassword: false })
      .where(eq(users.username, 'aged'));
    const aged = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'aged', password: TEST_PASSWORD },
    });
    expect(aged.json().user.mustChangePassword).toBe(false);
    await setPolicy({ passwordProfile: 'MLPS', passwordMinLength: 8, passwordMaxAgeDays: 90 });
  });

  it('disables accounts unused for 90 days (not the administrators), ending their sessions, audited', async () => {
    const now = ctx.clock.now();
    const idle = await login(ctx.app, 'idle');
    await ctx.database.db
      .update(users)
      .set({ lastLoginAt: new Date(now.getTime() - 91 * DAY), updatedAt: new Date(now.getTime() - 91 * DAY) })
      .where(eq(users.username, 'idle'));
    await ctx.database.db
      .update(users)
      .set({
        lastLoginAt: new Date(now.getTime() - 200 * DAY),
        updatedAt: new Date(now.getTime() - 200 * DAY),
      })
      .where(eq(users.username, 'oldadmin'));
    await ctx.database.db
      .update(users)
      .set({ lastLoginAt: new Date(now.getTime() - 10 * DAY) })
      .where(eq(users.username, 'busy'));
    const runner = createJobRunner({
      database: ctx.database,
      jobs: [disableInactiveAccountsJob],
      clock: ctx.clock,
      log: quiet,
      dataDir: ctx.dataDir,
    });
    const run = await runner.runJob('accounts.disable-inactive', { trigger: 'manual' });
    expect(run.result).toBe('succeeded');
    const rows = await ctx.database.db.select().from(users);
    const status = (name: string) => rows.find((u) => u.username === name)?.status;
    expect([status('idle'), status('busy'), status('oldadmin')]).toEqual(['disabled', 'active', 'active']);
    expect((await idle.inject({ url: '/api/me' })).statusCode).toBe(401);
    // Re-enabled by an administrator today, the account is not disabled again by the next night's run.
    await ctx.database.db
      .update(users)
      .set({ status: 'active', updatedAt: now })
      .where(eq(users.username, 'idle'));
    await runner.runJob('accounts.disable-inactive', { trigger: 'manual' });
    expect((await ctx.database.db.select().from(users).where(eq(users.username, 'idle')))[0]?.status).toBe(
      'active',
    );
    const audited = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.disable'));
    expect(
      audited.find((a) => (a.summary as { username?: string }).username === 'idle')?.summary,
    ).toMatchObject({
      reason: 'inactive',
      inactiveDays: 90,
    });
  });

  it('lets the system administrator end one user’s sessions and the security administrator everyone’s but their own', async () => {
    const sys = await login(ctx.app, 'sys1');
    const busy = await login(ctx.app, 'busy');
    const busyId = (await busy.inject({ url: '/api/me' })).json().user.id;
    const ended = await sys.inject({ method: 'POST', url: `/api/users/${busyId}/end-sessions` });
    expect(ended.json()).toEqual({ ended: 1 });
    expect((await busy.inject({ url: '/api/me' })).statusCode).toBe(401);
    expect((await busy.inject({ method: 'POST', url: '/api/security/end-all-sessions' })).statusCode).toBe(
      401,
    );
    // Ending everyone's is the security administrator's, not the system administrator's.
    expect((await sys.inject({ method: 'POST', url: '/api/security/end-all-sessions' })).statusCode).toBe(
      403,
    );
    const again = await login(ctx.app, 'busy');
    const all = await sec.inject({ method: 'POST', url: '/api/security/end-all-sessions' });
    expect(all.statusCode).toBe(200);
    expect(all.json().ended).toBeGreaterThanOrEqual(2);
    expect((await again.inject({ url: '/api/me' })).statusCode).toBe(401);
    expect((await sys.inject({ url: '/api/me' })).statusCode).toBe(401);
    expect((await sec.inject({ url: '/api/me' })).statusCode).toBe(200);
    expect(await ctx.database.db.select().from(sessions)).toHaveLength(1);
    const actions = (await ctx.database.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toContain('user.end_sessions');
    expect(actions).toContain('security.end_all_sessions');
  });
});
