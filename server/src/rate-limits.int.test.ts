import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from './seed/seed';
import { type Client, createTestUsers, login } from './testing/accounts';
import { createTestContext, type TestContext } from './testing/test-app';

// Exports and imports are heavy: past the per-user limit they answer 429 with Retry-After, per user (two
// people behind one office address each keep their own allowance).

describe('rate limits on exports and imports', () => {
  let ctx: TestContext;
  let gxq: Client;
  let drc: Client;
  beforeAll(async () => {
    ctx = await createTestContext({ heavyRateLimitPerMinute: 2 });
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    [gxq, drc] = await Promise.all([login(ctx.app, 'gxq'), login(ctx.app, 'drc')]);
  });
  afterAll(() => ctx.close());

  it('answers the third export in a minute with 429 and Retry-After; another user still exports', async () => {
    const codes: number[] = [];
    let last: Awaited<ReturnType<Client['inject']>> | undefined;
    for (let i = 0; i < 3; i++) {
      last = await gxq.inject({ url: i === 1 ? '/api/enterprises/export' : '/api/projects/export' });
      codes.push(last.statusCode);
    }
    expect(codes).toEqual([200, 200, 429]);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(last?.json().error.message).toMatch(/导出过于频繁，请 \d+ 秒后再试/);
    expect((await drc.inject({ url: '/api/projects/export' })).statusCode).toBe(200);
  });

  it('limits sheet uploads the same way', async () => {
    const upload = () =>
      gxq.inject({
        method: 'POST',
        url: '/api/projects/imports',
        payload: Buffer.from(
          '--b\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nx\r\n--b--\r\n',
        ),
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
    const codes = [(await upload()).statusCode, (await upload()).statusCode, (await upload()).statusCode];
    expect(codes).toEqual([200, 200, 429]);
  });
});
