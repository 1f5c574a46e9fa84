import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leadActivities, leadContacts, leadProfiles, projectReviews, projects } from '../db/schema/index';
import { attachmentKindsOf, collectGateFacts } from '../modules/projects/gate-facts';
import { createProjectsRepository } from '../modules/projects/projects.repository';
import { createTestUsers, login } from '../testing/accounts';
import { createTestContext, type TestContext } from '../testing/test-app';
import { seedDemoAttraction } from './demo-attraction';
import { seedDemoData } from './seed';
import { seedDemoProjects } from './seed-projects';

// The attraction demo: every demo lead profiled with a timeline and a contact, a pool of six, one investor
// registered by two 板块 under two names, review records behind every passed 准入 — once, however often
// the demo starts.

describe('demo attraction pipeline', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T09:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'shangwu', roles: ['dept_operator'], orgCode: 'WJ-COM', scopeCodes: ['320412'] },
    ]);
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), { protector: ctx.protector });
  });
  afterAll(() => ctx.close());
  const db = () => ctx.database.db;

  it('profiles every demo lead, fills the pool and is idempotent', async () => {
    const first = await seedDemoAttraction(db(), ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    expect(first.added).toBeGreaterThan(100);
    const leads = await db()
      .select({ id: projects.id, profile: leadProfiles.projectId })
      .from(projects)
      .leftJoin(leadProfiles, eq(leadProfiles.projectId, projects.id))
      .where(inArray(projects.state, ['LEAD', 'NEGOTIATING']));
    expect(leads.length).toBeGreaterThan(10);
    expect(leads.filter((l) => !l.profile)).toEqual([]);
    const pool = await db().select().from(leadProfiles).where(eq(leadProfiles.inPool, true));
    expect(pool).toHaveLength(6);
    const withSteps = await db()
      .select({ n: sql<number>`count(DISTINCT ${leadActivities.projectId})::int` })
      .from(leadActivities);
    expect(withSteps[0]?.n).toBe(leads.length);
    const contacts = await db().select().from(leadContacts);
    expect(contacts.every((c) => c.phoneCipher && !/^1\d{10}$/.test(c.phoneCipher))).toBe(true);
    const again = await seedDemoAttraction(db(), ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    expect(again.added).toBe(0);
  });

  it('shows the duplicate pair to 湖塘镇 and 高新区 as a hint, and to 商务 in full', async () => {
    const shangwu = await login(ctx.app, 'shangwu');
    const hutangLead = (
      await shangwu.inject({ url: `/api/leads?keyword=${encodeURIComponent('华晟新能源储能装备')}` })
    ).json().items[0];
    expect(hutangLead).toMatchObject({ regionName: '湖塘镇', possibleDuplicate: true });
    const candidates = (await shangwu.inject({ url: `/api/leads/${hutangLead.id}/duplicates` })).json().items;
    expect(candidates).toEqual([
      expect.objectContaining({ regionName: '武进国家高新区', matchedBy: ['name'] }),
    ]);
    const gxq = await login(ctx.app, 'gxq');
    const pool = (await gxq.inject({ url: '/api/leads/pool' })).json();
    expect(pool.total).toBe(6);
    const due = (await gxq.inject({ url: '/api/leads?nextStepDue=3' })).json();
    expect(due.total).toBeGreaterThan(0);
  });

  it('backs every passed 准入 with a review record, so signed projects keep their gate', async () => {
    const passed = await db()
      .select({ id: projects.id, on: projects.accessReviewPassedOn })
      .from(projects)
      .where(and(eq(projects.isDemo, true), isNotNull(projects.accessReviewPassedOn)));
    expect(passed.length).toBeGreaterThan(50);
    const reviews = await db().select().from(projectReviews);
    const byProject = new Map(reviews.map((r) => [r.projectId, r]));
    expect(passed.filter((p) => !byProject.has(p.id))).toEqual([]);
    // A signed demo project read through the gate facts: the review is there.
    const [signed] = await db().select().from(projects).where(eq(projects.state, 'SIGNED')).limit(1);
    if (!signed) throw new Error('no signed demo project');
    const facts = await collectGateFacts(
      {
        project: await createProjectsRepository(db(), ctx.protector).reveal(signed),
        files: await attachmentKindsOf(db(), signed.id),
        db: db(),
        today: '2026-11-27',
      },
      ['accessReview'],
    );
    expect(facts.accessReview).toEqual({ passedOn: signed.accessReviewPassedOn, file: true });
  });
});
