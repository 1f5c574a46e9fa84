import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from './db/schema/index';
import { seedDemoData } from './seed/seed';
import { seedDemoProjects } from './seed/seed-projects';
import { type Client, createTestUsers, login } from './testing/accounts';
import { createTestContext, type TestContext } from './testing/test-app';

// Two people save the same project at the same moment, from two sessions, really concurrently (both
// requests in flight, the pool holding several connections): exactly one wins, the other is told who
// saved first (409), and nothing the winner saved is lost or mixed with the loser's fields.

describe('concurrent edits of one project', () => {
  let ctx: TestContext;
  let a: Client;
  let b: Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'gxqA', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'gxqB', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
    ]);
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    [a, b] = await Promise.all([login(ctx.app, 'gxqA'), login(ctx.app, 'gxqB')]);
  });
  afterAll(() => ctx.close());

  it('lets exactly one of two simultaneous saves win, twenty times over, and keeps the winner’s fields whole', async () => {
    const id = (await a.inject({ url: '/api/projects?pageSize=20&state=STARTED' })).json().items[0].id;
    for (let round = 0; round < 20; round++) {
      const version = (await a.inject({ url: `/api/projects/${id}` })).json().project.version;
      const save = (client: Client, who: string) =>
        client.inject({
          method: 'PATCH',
          url: `/api/projects/${id}`,
          payload: { version, contactName: `${who}${round}`, progressText: `${who}第${round}轮` },
        });
      const [ra, rb] = await Promise.all([save(a, '甲'), save(b, '乙')]);
      const codes = [ra.statusCode, rb.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const loser = ra.statusCode === 409 ? ra : rb;
      expect(loser.json().error.code).toBe('VERSION_CONFLICT');
      const winner = ra.statusCode === 200 ? '甲' : '乙';
      const [row] = await ctx.database.db.select().from(projects).where(eq(projects.id, id));
      expect(row).toMatchObject({
        version: version + 1,
        contactName: `${winner}${round}`,
        progressText: `${winner}第${round}轮`,
      });
    }
  });
});
