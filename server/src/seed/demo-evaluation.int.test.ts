import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  completionApplications,
  defaultDispositions,
  evaluationRectifications,
  evaluations,
  optimisationActions,
  projects,
} from '../db/schema/index';
import { postEvaluationFact } from '../modules/evaluation/evaluation.facts';
import { createTestUsers, login } from '../testing/accounts';
import { createTestContext, type TestContext } from '../testing/test-app';
import { seedDemoEvaluation } from './demo-evaluation';
import { seedDemoData } from './seed';
import { seedDemoProjects } from './seed-projects';

// The demo's 竣工即发证 and post-evaluation data: built on the demo projects, every step of the loop
// present, consistent with the gates, and seeded once.

describe('demo evaluation data', () => {
  let ctx: TestContext;
  let added = 0;
  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T09:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    const deps = { protector: ctx.protector, dataDir: ctx.dataDir };
    added = (await seedDemoEvaluation(ctx.database.db, ctx.clock.now(), deps)).added;
  });
  afterAll(() => ctx.close());
  const db = () => ctx.database.db;

  it('issues titles mostly the same day, a few later, for completed projects only', async () => {
    const apps = await db()
      .select({ a: completionApplications, state: projects.state })
      .from(completionApplications)
      .innerJoin(projects, eq(projects.id, completionApplications.projectId));
    expect(apps.length).toBeGreaterThan(10);
    expect(
      apps.every((r) => ['COMPLETED', 'IN_PRODUCTION', 'AT_TARGET', 'POST_EVALUATED'].includes(r.state)),
    ).toBe(true);
    const days = apps.map((r) => r.a.daysAcceptanceToTitle ?? -1);
    expect(days.filter((d) => d === 0).length).toBeGreaterThan(days.length / 2);
    expect(days.filter((d) => d > 0).length).toBe(2);
  });

  it('has evaluations in every status, an open 整改, a failed re-check with 违约处置, a passed one, actions open and done', async () => {
    const rows = await db().select().from(evaluations);
    for (const s of ['pending', 'filled', 'verified', 'scored', 'notified']) {
      expect(
        rows.some((e) => e.status === s),
        s,
      ).toBe(true);
    }
    expect(rows.some((e) => e.grade === 'fail' && e.kind === 'production')).toBe(true);
    const rects = await db().select().from(evaluationRectifications);
    expect(new Set(rects.map((r) => r.status))).toEqual(new Set(['open', 'failed', 'passed']));
    expect(await db().select().from(defaultDispositions)).toHaveLength(1);
    const actions = await db().select().from(optimisationActions);
    expect(new Set(actions.map((a) => a.status))).toEqual(new Set(['open', 'in_progress', 'done']));
    // The open 整改 keeps its project's post-evaluation gate shut.
    const open = rects.find((r) => r.status === 'open');
    expect((await postEvaluationFact(db(), open?.projectId ?? '')).openRectifications).toBe(1);
  });

  it('answers through the API for 区发改 and is seeded once', async () => {
    await createTestUsers(db(), [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    const drc = await login(ctx.app, 'drc');
    const list = (await drc.inject({ url: '/api/evaluations?pageSize=100' })).json();
    expect(list.total).toBeGreaterThanOrEqual(8);
    for (const item of list.items.slice(0, 3)) {
      expect((await drc.inject({ url: `/api/evaluations/${item.id}` })).statusCode).toBe(200);
    }
    const summary = (await drc.inject({ url: '/api/evaluations/summary' })).json();
    expect(summary.total).toMatchObject({ dispositions: 1, actionsDone: 1, rectificationsOpen: 1 });
    const metrics = (await drc.inject({ url: '/api/completion/metrics' })).json();
    expect(metrics.total.sameDay).toBe(metrics.total.issued - 2);
    expect(added).toBeGreaterThan(20);
    const again = await seedDemoEvaluation(db(), ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    expect(again.added).toBe(0);
  });
});
