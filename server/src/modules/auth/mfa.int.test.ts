import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions } from '../../db/schema/index';
import { totpAt } from '../../lib/totp';
import { type Client, clientFor, createTestUsers, login, TEST_PASSWORD } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';

// Two-factor login (TOTP, RFC 6238): who must use it (administrators always, 区发改 and 部门经办 by default,
// demo accounts exempt outside production), enrolment, the second step of a login with each code used once
// and wrong codes locked like passwords, recovery codes, switching off, an administrator's reset, and the
// security administrator's per-role policy.

const SECOND = 1000;

describe('two-factor login', () => {
  let ctx: TestContext;

  const passwordStep = (username: string, password = TEST_PASSWORD) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  /** The waiting session a right password opens, as a client. */
  async function waiting(username: string): Promise<Client> {
    const res = await passwordStep(username);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ mfaRequired: true, csrfToken: expect.any(String) });
    const cookie = res.cookies.find((c) => c.name === 'gb_session');
    return clientFor(ctx.app, username, `gb_session=${cookie?.value}`, res.json().csrfToken);
  }

  /** The secret as stored: encrypted at rest, opened with the app's key. */
  async function storedSecret(username: string): Promise<string> {
    const row = await ctx.database.db.query.users.findFirst({
      where: (u, { eq: e }) => e(u.username, username),
    });
    expect(row?.totpSecretCipher).toMatch(/^a1:[0-9a-f]{8}:/);
    return ctx.protector.decrypt(row?.totpSecretCipher ?? '', 'users.totp_secret');
  }

  const code = (client: Client, value: string) =>
    client.inject({ method: 'POST', url: '/api/auth/totp', payload: { code: value } });

  async function enrol(client: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
    const { secret } = (await client.inject({ method: 'POST', url: '/api/me/mfa/setup' })).json();
    const res = await client.inject({
      method: 'POST',
      url: '/api/me/mfa/enable',
      payload: { code: totpAt(secret, ctx.clock.now()) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return { secret, recoveryCodes: res.json().recoveryCodes };
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await createTestUsers(ctx.database.db, [
      { username: 'realdrc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'], isDemo: false },
      { username: 'demodrc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      {
        username: 'op',
        roles: ['subarea_operator'],
        orgCode: 'WJ-GXQ-ADM',
        scopeCodes: ['WJ-GXQ'],
        isDemo: false,
      },
      { username: 'sysmfa', roles: ['system_admin'], orgCode: 'WJ-DRC', isDemo: false },
      { username: 'secmfa', roles: ['security_admin'], orgCode: 'WJ-DRC', isDemo: false },
    ]);
  });
  afterAll(() => ctx.close());

  it('keeps a 区发改 without a second factor to its enrolment; a demo account in demo mode is exempt; a 板块经办 is only offered it', async () => {
    const real = await login(ctx.app, 'realdrc');
    expect((await real.inject({ url: '/api/me' })).json().user).toMatchObject({
      mustEnrollMfa: true,
      mfaEnabled: false,
    });
    const refused = await real.inject({ url: '/api/projects' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('MFA_ENROLMENT_REQUIRED');
    expect((await real.inject({ url: '/api/me/mfa' })).json()).toMatchObject({
      enabled: false,
      required: true,
    });
    const demo = await login(ctx.app, 'demodrc');
    expect((await demo.inject({ url: '/api/projects' })).statusCode).toBe(200);
    const op = await login(ctx.app, 'op');
    expect((await op.inject({ url: '/api/me/mfa' })).json()).toMatchObject({ required: false });
    expect((await op.inject({ url: '/api/projects' })).statusCode).toBe(200);
  });

  it('enrols with the first code, then asks for a code at every login, each code once, wrong ones locked like passwords', async () => {
    const real = await login(ctx.app, 'realdrc');
    const { secret } = await enrol(real);
    expect((await real.inject({ url: '/api/projects' })).statusCode).toBe(200);

    ctx.clock.advance(31 * SECOND);
    const first = await waiting('realdrc');
    // The password alone opens nothing.
    expect((await first.inject({ url: '/api/me' })).statusCode).toBe(401);
    expect((await first.inject({ url: '/api/projects' })).statusCode).toBe(401);
    const current = totpAt(secret, ctx.clock.now());
    const ok = await code(first, current);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user).toMatchObject({ username: 'realdrc', mfaEnabled: true, mustEnrollMfa: false });
    // A new session id replaced the waiting one.
    const full = clientFor(
      ctx.app,
      'realdrc',
      `gb_session=${ok.cookies.find((c) => c.name === 'gb_session')?.value}`,
      ok.json().csrfToken,
    );
    expect((await full.inject({ url: '/api/projects' })).statusCode).toBe(200);
    expect((await first.inject({ url: '/api/me' })).statusCode).toBe(401);

    // The same code again, in another login within its 30 seconds: refused.
    const replay = await waiting('realdrc');
    expect((await code(replay, current)).statusCode).toBe(401);
    // Four more wrong codes make five: locked, and the waiting session ends.
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) answers.push((await code(replay, '000000')).statusCode);
    expect(answers).toEqual([401, 401, 401, 423]);
    expect((await code(replay, totpAt(secret, ctx.clock.now()))).statusCode).toBe(401);
    const actions = (
      await ctx.database.db.select().from(auditLog).where(eq(auditLog.username, 'realdrc'))
    ).map((a) => a.action);
    expect(actions.filter((a) => a === 'auth.mfa_failed')).toHaveLength(5);
    expect(actions).toContain('auth.mfa_enable');
    ctx.clock.advance(31 * 60 * SECOND);
  });

  it('counts wrong codes across fresh password logins and in parallel: the password cannot reset them', async () => {
    await createTestUsers(ctx.database.db, [
      {
        username: 'guess',
        roles: ['subarea_operator'],
        orgCode: 'WJ-GXQ-ADM',
        scopeCodes: ['WJ-GXQ'],
        isDemo: false,
      },
    ]);
    await enrol(await login(ctx.app, 'guess'));
    ctx.clock.advance(31 * SECOND);
    const first = await waiting('guess');
    for (let i = 0; i < 3; i++) expect((await code(first, '111111')).statusCode).toBe(401);
    // A new login with the right password: the count goes on.
    const second = await waiting('guess');
    const parallel = await Promise.all([code(second, '222222'), code(second, '333333')]);
    expect(parallel.map((r) => r.statusCode).sort()).toEqual([401, 423]);
    expect(parallel.find((r) => r.statusCode === 401)?.json().error.code).toBe('MFA_CODE_INVALID');
    ctx.clock.advance(31 * 60 * SECOND);
  });

  it('lets a recovery code in once, when the phone is lost', async () => {
    const op = await login(ctx.app, 'op');
    const { recoveryCodes } = await enrol(op);
    const [recovery] = recoveryCodes;
    const first = await waiting('op');
    expect((await code(first, recovery ?? '')).statusCode).toBe(200);
    const second = await waiting('op');
    expect((await code(second, recovery ?? '')).statusCode).toBe(401);
    expect((await (await login(ctx.app, 'demodrc')).inject({ url: '/api/me' })).statusCode).toBe(200);
  });

  it('switches off with the password where only offered, never where required; an administrator resets a lost phone', async () => {
    ctx.clock.advance(31 * SECOND);
    const opWaiting = await waiting('op');
    const [row] = await ctx.database.db.select().from(sessions);
    expect(row).toBeDefined();
    const op = await code(opWaiting, totpAt(await storedSecret('op'), ctx.clock.now()));
    expect(op.statusCode, op.body).toBe(200);
    const opClient = clientFor(
      ctx.app,
      'op',
      `gb_session=${op.cookies.find((c) => c.name === 'gb_session')?.value}`,
      op.json().csrfToken,
    );
    const opSecret = await storedSecret('op');
    ctx.clock.advance(31 * SECOND);
    const off = (password: string, value: string) =>
      opClient.inject({ method: 'POST', url: '/api/me/mfa/disable', payload: { password, code: value } });
    expect((await off('nope', totpAt(opSecret, ctx.clock.now()))).statusCode).toBe(400);
    expect((await off(TEST_PASSWORD, '000000')).statusCode).toBe(400);
    expect((await off(TEST_PASSWORD, totpAt(opSecret, ctx.clock.now()))).statusCode).toBe(200);
    expect((await passwordStep('op')).json().user.username).toBe('op');

    // The system administrator must enrol before working, then resets 区发改's second factor.
    const sys = await login(ctx.app, 'sysmfa');
    expect((await sys.inject({ url: '/api/users' })).json().error.code).toBe('MFA_ENROLMENT_REQUIRED');
    await enrol(sys);
    const users = (await sys.inject({ url: '/api/users?pageSize=100' })).json().items;
    const realId = users.find((u: { username: string }) => u.username === 'realdrc').id;
    expect((await sys.inject({ method: 'POST', url: `/api/users/${realId}/reset-mfa` })).statusCode).toBe(
      200,
    );
    const again = await login(ctx.app, 'realdrc');
    expect((await again.inject({ url: '/api/me' })).json().user.mustEnrollMfa).toBe(true);
    const refusedOff = await again.inject({
      method: 'POST',
      url: '/api/me/mfa/disable',
      payload: { password: TEST_PASSWORD, code: '123456' },
    });
    expect(refusedOff.statusCode).toBe(403);
  });

  it('follows the security administrator’s per-role policy; the administrators stay required', async () => {
    const sec = await login(ctx.app, 'secmfa');
    await enrol(sec);
    const policy = (await sec.inject({ url: '/api/security/policy' })).json().policy;
    expect(policy.mfaRequiredRoles).toEqual(['drc', 'dept_operator']);
    const saved = await sec.inject({
      method: 'PUT',
      url: '/api/security/policy',
      payload: { ...policy, mfaRequiredRoles: [] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const real = await login(ctx.app, 'realdrc');
    expect((await real.inject({ url: '/api/projects' })).statusCode).toBe(200);
    expect((await real.inject({ url: '/api/me/mfa' })).json().required).toBe(false);
  });
});
