import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_TASK_CATEGORIES,
  microVariance,
  TASK_STATUSES,
  TASK_STEPS,
  type TaskStatus,
  type TaskStep,
  taskLight,
} from '@groundbreak/domain';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../clock';
import {
  campaignBatches,
  campaignCategories,
  campaignPhotos,
  campaigns,
  campaignTaskEvents,
  campaignTasks,
  orgs,
  regions,
} from '../db/schema/index';
import { OUTLINES } from '../modules/land/outlines';
import { filesRoot } from '../modules/projects/attachments.service';
import { createTestContext, type TestContext } from '../testing/test-app';
import { seedDemoData } from './seed';
import { seedCampaignCategories, seedDemoCampaign } from './seed-campaigns';
import { seedDemoProjects } from './seed-projects';

// The demo campaign tells the seed's story — 12 微更新 projects in the first batch, some 按期 and some 需加快 —
// and gives every screen of the module something true to show on the day it is loaded.

const TODAY = '2026-11-27';
const MAIN_CITY = ['320412100', 'WJ-GXQ', 'WJ-XTH', 'WJ-NTZ'];

function isInside(point: [number, number], ring: number[][]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi)
      hit = !hit;
  }
  return hit;
}

describe('demo campaign', () => {
  let ctx: TestContext;
  let seeded: { tasks: number };
  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date(`${TODAY}T09:00:00+08:00`));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    seeded = await seedDemoCampaign(ctx.database.db, ctx.clock.now(), { dataDir: ctx.dataDir });
  });
  afterAll(() => ctx.close());
  const db = () => ctx.database.db;
  const allTasks = async () => {
    const rows = await db()
      .select({ task: campaignTasks, regionCode: regions.code, batchName: campaignBatches.name })
      .from(campaignTasks)
      .innerJoin(regions, eq(regions.id, campaignTasks.regionId))
      .leftJoin(campaignBatches, eq(campaignBatches.id, campaignTasks.batchId))
      .orderBy(asc(campaignTasks.taskNo));
    return rows.map((r) => ({ ...r.task, regionCode: r.regionCode, batchName: r.batchName }));
  };

  it('holds the nine default categories, and seeding them again keeps what 区城管局 edited', async () => {
    const rows = await db().select().from(campaignCategories).orderBy(asc(campaignCategories.sortOrder));
    expect(rows.map((r) => r.code)).toEqual(DEFAULT_TASK_CATEGORIES.map((c) => c.code));
    await db()
      .update(campaignCategories)
      .set({ name: '其他攻坚（群租整治）', rectifyWorkingDays: 5 })
      .where(eq(campaignCategories.code, 'G3'));
    expect(await seedCampaignCategories(db())).toBe(0);
    const [g3] = await db().select().from(campaignCategories).where(eq(campaignCategories.code, 'G3'));
    expect(g3).toMatchObject({ name: '其他攻坚（群租整治）', rectifyWorkingDays: 5 });
  });

  it('is Wujin’s 主城区 campaign led by 区城管局, with 第一批 and 第二批', async () => {
    const [campaign] = await db()
      .select({ c: campaigns, region: regions.code, lead: orgs.code })
      .from(campaigns)
      .innerJoin(regions, eq(regions.id, campaigns.regionId))
      .leftJoin(orgs, eq(orgs.id, campaigns.leadOrgId));
    expect(campaign).toMatchObject({ region: '320412', lead: 'WJ-URBAN' });
    expect(campaign?.c).toMatchObject({
      name: '城乡环境大整治·城中村专项行动',
      areaTag: '主城区',
      startOn: '2025-03-01',
      endOn: '2027-12-31',
    });
    expect(campaign?.c.description).toContain('三攻坚三提升一改造');
    const batches = await db().select().from(campaignBatches).orderBy(asc(campaignBatches.sortOrder));
    expect(batches.map((b) => [b.name, b.startOn, b.endOn])).toEqual([
      ['第一批', '2025-03-01', '2025-12-31'],
      ['第二批', '2026-01-01', '2026-12-31'],
    ]);
  });

  it('has the seed’s first batch: 12 微更新 projects over the 主城区 板块, some 按期 and some 需加快', async () => {
    const micro = (await allTasks()).filter((t) => t.categoryCode === 'MR');
    expect(micro).toHaveLength(12);
    expect(micro.every((t) => t.batchName === '第一批')).toBe(true);
    expect(new Set(micro.map((t) => t.regionCode))).toEqual(new Set(MAIN_CITY));
    for (const t of micro) {
      expect(Number.isInteger(t.investmentYuan)).toBe(true);
      expect(t.investmentYuan).toBeGreaterThanOrEqual(500_000);
      expect(t.investmentYuan).toBeLessThanOrEqual(8_000_000);
    }
    const flagged = micro.map((t) => ({ t, v: microVariance(t.microSchedule ?? {}, TODAY) }));
    const onSchedule = flagged.filter((f) => f.v.flag === 'on_schedule').map((f) => f.t);
    const behind = flagged.filter((f) => f.v.flag === 'behind').map((f) => f.t);
    expect(onSchedule.map((t) => t.pointName)).toContain('高铁武进站周边绿化提升');
    expect(behind.map((t) => t.pointName)).toContain('主干道（武宜路）沿线立面改造');
    expect(onSchedule.length).toBeGreaterThanOrEqual(4);
    expect(behind.length).toBeGreaterThanOrEqual(4);
    // 按期: accepted by the plan, every stage done in time. 需加快: accepted late or still open, lit.
    for (const t of onSchedule) {
      expect(t.status).toBe('accepted');
      expect(t.acceptedOn && t.acceptedOn <= t.dueOn).toBe(true);
      expect(t.microSchedule?.accept?.doneOn).toBe(t.acceptedOn);
    }
    for (const t of behind) {
      if (t.status === 'accepted') expect((t.acceptedOn ?? '') > t.dueOn).toBe(true);
      else expect(['in_progress', 'submitted']).toContain(t.status);
    }
    const open = behind.filter((t) => t.status !== 'accepted');
    expect(new Set(open.map((t) => t.status))).toEqual(new Set(['in_progress', 'submitted']));
    expect(open.every((t) => taskLight(t, TODAY).light !== 'green')).toBe(true);
    expect(behind.some((t) => t.status === 'accepted')).toBe(true);
  });

  it('puts the other tasks in every state across the 板块, with overdue ones lit yellow and red', async () => {
    const tasks = await allTasks();
    expect(seeded.tasks).toBe(tasks.length);
    expect(tasks.map((t) => t.taskNo)).toEqual(
      tasks.map((_, i) => `ZZ-2025-${String(i + 1).padStart(4, '0')}`),
    );
    const count = (code: string) => tasks.filter((t) => t.categoryCode === code).length;
    expect(count('CL')).toBeGreaterThanOrEqual(3);
    expect(tasks.filter((t) => t.categoryCode === 'CL').every((t) => t.status === 'accepted')).toBe(true);
    expect(count('G1') + count('G2')).toBeGreaterThanOrEqual(30);
    expect(count('G1') + count('G2')).toBeLessThanOrEqual(40);
    expect(count('T1')).toBeGreaterThan(0);
    expect(count('R1')).toBeGreaterThan(0);
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(TASK_STATUSES));
    const lights = tasks.map((t) => taskLight(t, TODAY));
    expect(lights.some((l) => l.light === 'yellow')).toBe(true);
    expect(lights.some((l) => l.light === 'red')).toBe(true);
    const accepted = tasks.filter((t) => t.status === 'accepted');
    expect(accepted.some((t) => (t.acceptedOn ?? '') <= t.dueOn)).toBe(true);
    expect(accepted.some((t) => (t.acceptedOn ?? '') > t.dueOn)).toBe(true);
    expect(new Set(tasks.map((t) => t.batchName))).toEqual(new Set(['第一批', '第二批']));
    // The points lie in their 板块, and the 板块's government answers for them.
    const boardOrgs = await db().select({ id: orgs.id, code: orgs.code }).from(orgs);
    for (const t of tasks) {
      const outline = OUTLINES.features.find((f) => f.properties.code === t.regionCode);
      expect(isInside([t.lon ?? 0, t.lat ?? 0], outline?.geometry.coordinates[0] ?? [])).toBe(true);
      const org = boardOrgs.find((o) => o.id === t.responsibleOrgId)?.code;
      expect([`${t.regionCode}-GOV`, `${t.regionCode}-ADM`]).toContain(org);
      expect(t.responsiblePerson).toBeTruthy();
    }
    const quantities = (code: string, key: string) =>
      tasks.filter((t) => t.categoryCode === code).every((t) => (t.quantities[key] ?? 0) > 0);
    expect(
      quantities('G1', 'demolishedM2') && quantities('G2', 'hazards') && quantities('R1', 'toilets'),
    ).toBe(true);
  });

  it('records the steps that lead to each task’s state, none after today', async () => {
    const tasks = await allTasks();
    const events = await db().select().from(campaignTaskEvents).orderBy(asc(campaignTaskEvents.at));
    for (const t of tasks) {
      const mine = events.filter((e) => e.taskId === t.id);
      expect(mine[0]).toMatchObject({ step: 'create', toStatus: 'pending', actorName: '区城管局' });
      let status: TaskStatus = 'pending';
      let reason: string | null = null;
      let submittedOn: string | null = null;
      for (const e of mine.slice(1)) {
        const rule = TASK_STEPS[e.step as TaskStep];
        expect(rule.from as readonly TaskStatus[]).toContain(status);
        expect(e).toMatchObject({ fromStatus: status, toStatus: rule.to });
        status = rule.to;
        if (e.step === 'return') reason = e.note;
        if (e.step === 'submit') submittedOn = shanghaiDate(e.at);
      }
      expect(status).toBe(t.status);
      // The task keeps what its last submission and return said, as the server does.
      expect(t.returnReason).toBe(reason);
      expect(t.completedOn).toBe(submittedOn);
      expect(mine.every((e) => e.at <= ctx.clock.now())).toBe(true);
      const expected = { pending: 0, submitted: 100, accepted: 100 } as Record<string, number>;
      if (t.status in expected) expect(t.progress).toBe(expected[t.status]);
    }
    const returned = events.filter((e) => e.step === 'return');
    expect(returned.length).toBeGreaterThan(0);
    expect(returned.every((e) => e.note && e.actorName === '区城管局')).toBe(true);
    expect(events.some((e) => e.step === 'submit' && e.actorName === '湖塘镇经办')).toBe(true);
  });

  it('keeps a before-photo for every task begun and an after-photo for every one submitted, as files', async () => {
    const tasks = await allTasks();
    const photos = await db().select().from(campaignPhotos);
    const referenced = new Set<string>();
    for (const t of tasks) {
      if (t.status !== 'pending') expect(t.beforePhotoIds.length).toBeGreaterThan(0);
      if (t.status === 'submitted' || t.status === 'accepted')
        expect(t.afterPhotoIds.length).toBeGreaterThan(0);
      for (const [kind, ids] of [
        ['before', t.beforePhotoIds],
        ['after', t.afterPhotoIds],
      ] as const) {
        for (const id of ids) {
          const photo = photos.find((p) => p.id === id);
          expect(photo).toMatchObject({ taskId: t.id, kind, contentType: 'image/png' });
          const content = fs.readFileSync(path.join(filesRoot(ctx.dataDir), photo?.storageKey ?? 'none'));
          expect(crypto.createHash('sha256').update(content).digest('hex')).toBe(photo?.sha256);
          expect(content.length).toBe(photo?.sizeBytes);
          expect(content.subarray(1, 4).toString('ascii')).toBe('PNG');
          referenced.add(id);
        }
      }
    }
    expect(photos.every((p) => referenced.has(p.id))).toBe(true);
    expect(photos.every((p) => /^campaign\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/.test(p.storageKey))).toBe(true);
  });

  it('adds nothing when seeded again', async () => {
    const counts = async () =>
      (
        await db().execute<{ c: number; t: number; e: number; p: number }>(sql`
          SELECT (SELECT count(*) FROM campaigns)::int AS c, (SELECT count(*) FROM campaign_tasks)::int AS t,
                 (SELECT count(*) FROM campaign_task_events)::int AS e, (SELECT count(*) FROM campaign_photos)::int AS p`)
      ).rows[0];
    const before = await counts();
    expect(await seedDemoCampaign(db(), ctx.clock.now(), { dataDir: ctx.dataDir })).toEqual({ tasks: 0 });
    expect(await counts()).toEqual(before);
    expect(before?.c).toBe(1);
  });
});

describe('demo campaign built on 2025-03-31', () => {
  it('holds only what had happened by then', async () => {
    const ctx = await createTestContext();
    try {
      // The categories are reference data: every database has them before any demo is loaded.
      const categories = await ctx.database.db.select().from(campaignCategories);
      expect(categories).toHaveLength(DEFAULT_TASK_CATEGORIES.length);
      await seedDemoCampaign(ctx.database.db, ctx.clock.now(), { dataDir: ctx.dataDir });
      const tasks = await ctx.database.db.select().from(campaignTasks);
      expect(tasks.filter((t) => t.categoryCode === 'MR')).toHaveLength(12);
      expect(tasks.every((t) => t.startOn >= '2025-03-01' && t.startOn <= '2025-03-31')).toBe(true);
      expect(tasks.every((t) => (t.acceptedOn ?? '') <= '2025-03-31')).toBe(true);
      const stages = tasks.flatMap((t) => Object.values(t.microSchedule ?? {}));
      expect(stages.every((s) => (s.doneOn ?? '') <= '2025-03-31')).toBe(true);
      const events = await ctx.database.db.select().from(campaignTaskEvents);
      expect(events.every((e) => e.at <= ctx.clock.now())).toBe(true);
    } finally {
      await ctx.close();
    }
  });
});
