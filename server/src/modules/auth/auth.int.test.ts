import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions } from '../../db/schema/index';
import { createTestUsers, login, TEST_PASSWORD } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';

const MINUTE = 60_000;

describe('login, lockout and sessions', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await createTestUsers(ctx.database.db, [
      { username: 'zhang', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'li', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'wang', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      {
        username: 'fresh',
        roles: ['drc'],
        orgCode: 'WJ-DRC',
        scopeCodes: ['320412'],
        mustChangePassword: true,
      },
    ]);
  });
  afterAll(() => ctx.close());

  const attempt = (username: string, password: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

  it('locks after five wrong passwords: the sixth answers 423, audited; 31 minutes later the right one works', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await attempt('zhang', 'wrong-password-1')).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 423, 423]);
    const locked = await attempt('zhang', TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/已锁定.*分钟后再试/);

    const rows = await ctx.database.db.select().from(auditLog).where(eq(auditLog.username, 'zhang'));
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(5);
    expect(actions).toContain('auth.locked');

    ctx.clock.advance(31 * MINUTE);
    const ok = await attempt('zhang', TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.username).toBe('zhang');
  });

  it('answers unknown users exactly like wrong passwords, and locks them the same way', async () => {
    const unknown = await attempt('nobody-here', 'whatever-123');
    const wrong = await attempt('li', 'whatever-123');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toEqual(wrong.json().error);
    for (let i = 0; i < 4; i++) await attempt('nobody-here', 'whatever-123');
    expect((await attempt('nobody-here', 'whatever-123')).statusCode).toBe(423);
  });

  it('ends a session idle for 31 minutes, and keeps one in use', async () => {
    const client = await login(ctx.app, 'li');
    expect((await client.inject({ url: '/api/me' })).statusCode).toBe(200);
    ctx.clock.advance(29 * MINUTE);
    expect((await client.inject({ url: '/api/me' })).statusCode).toBe(200);
    ctx.clock.advance(29 * MINUTE); // 29 minutes after the last request: still alive
    expect((await client.inject({ url: '/api/me' })).statusCode).toBe(200);
    ctx.clock.advance(31 * MINUTE);
    const expired = await client.inject({ url: '/api/me' });
    expect(expired.statusCode).toBe(401);
    const timeouts = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.session_timeout'), eq(auditLog.username, 'li')));
    expect(timeouts).toHaveLength(1);
  });

  it('ends any session 12 hours after login however active it is', async () => {
    const client = await login(ctx.app, 'wang');
    for (let i = 0; i < 25; i++) {
      ctx.clock.advance(29 * MINUTE);
      const res = await client.inject({ url: '/api/me' });
      expect(res.statusCode).toBe(i < 24 ? 200 : 401); // 25 × 29 min = 12 h 5 min
    }
  });

  it('gives a new session id at every login and destroys it at logout', async () => {
    const first = await login(ctx.app, 'wang');
    const second = await login(ctx.app, 'wang');
    expect(first.cookie).not.toBe(second.cookie);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'wang', password: TEST_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'gb_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect((await second.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await second.inject({ url: '/api/me' })).statusCode).toBe(401);
    expect((await first.inject({ url: '/api/me' })).statusCode).toBe(200);
  });

  it('needs the CSRF token on state-changing requests and refuses a foreign origin', async () => {
    const client = await login(ctx.app, 'wang');
    const withoutToken = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: client.cookie },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe('CSRF_FAILED');
    const foreign = await client.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.json().error.code).toBe('CSRF_FAILED');
    // Login: no Origin (scripts, the CLI) is fine, a foreign one is not.
    const foreignLogin = await attempt('wang', TEST_PASSWORD, { origin: 'https://evil.example' });
    expect(foreignLogin.statusCode).toBe(403);
    expect(foreignLogin.json().error.code).toBe('CSRF_FAILED');
    const sameOrigin = await attempt('wang', TEST_PASSWORD, {
      origin: 'http://localhost:80',
      host: 'localhost:80',
    });
    expect(sameOrigin.statusCode).toBe(200);
  });

  it('keeps a user with a temporary password to changing it, with the password policy', async () => {
    const client = await login(ctx.app, 'fresh');
    const blocked = await client.inject({ url: '/api/navigation' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await client.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'fresh1234' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('不能包含用户名');
    const wrongCurrent = await client.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: 'nope', newPassword: 'Better#Pass2025' },
    });
    expect(wrongCurrent.json().error.details.fields[0].field).toBe('currentPassword');
    const changed = await client.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Better#Pass2025' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.inject({ url: '/api/navigation' })).statusCode).toBe(200);
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.password_change'));
    expect(JSON.stringify(audit)).not.toContain('Better#Pass2025');
  });

  it('stores only a hash of the session cookie', async () => {
    const client = await login(ctx.app, 'wang');
    const value = client.cookie.split('=')[1] ?? '';
    const rows = await ctx.database.db.select().from(sessions);
    expect(rows.some((r) => r.tokenHash === value)).toBe(false);
  });
});

describe('login rate limit per IP', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ loginRateLimitPerMinute: 3 });
  });
  afterAll(() => ctx.close());

  it('answers 429 past the limit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (
          await ctx.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: `u${i}`, password: 'x' },
          })
        ).statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});

describe('security policy', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await createTestUsers(ctx.database.db, [
      { username: 'sec9', roles: ['security_admin'], orgCode: 'WJ-DRC' },
      { username: 'sys9', roles: ['system_admin'], orgCode: 'WJ-DRC' },
      { username: 'zhao', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
  });
  afterAll(() => ctx.close());

  it('is set by the security administrator only, and takes effect on login and sessions', async () => {
    const sec = await login(ctx.app, 'sec9');
    const current = (await sec.inject({ url: '/api/security/policy' })).json().policy;
    expect(current).toMatchObject({
      passwordMinLength: 8,
      lockoutMaxFailures: 5,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
    const sys = await login(ctx.app, 'sys9');
    expect((await sys.inject({ url: '/api/security/policy' })).statusCode).toBe(403);

    const tooLax = await sec.inject({
      method: 'PUT',
      url: '/api/security/policy',
      payload: { ...current, passwordMinLength: 4 },
    });
    expect(tooLax.statusCode).toBe(400);
    const stricter = { ...current, lockoutMaxFailures: 3, sessionIdleMinutes: 10 };
    expect(
      (await sec.inject({ method: 'PUT', url: '/api/security/policy', payload: stricter })).statusCode,
    ).toBe(200);

    const zhao = await login(ctx.app, 'zhao');
    ctx.clock.advance(11 * MINUTE);
    expect((await zhao.inject({ url: '/api/me' })).statusCode).toBe(401);
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push(
        (
          await ctx.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'zhao', password: 'wrong-1' },
          })
        ).statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 423]);
  });
});
