import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  checklistProblem,
  compileCalendar,
  DEFAULT_TASK_CATEGORIES,
  daysBetween,
  inspectionOutcome,
  isWorkingDay,
  microVariance,
  pointStatus,
  rectificationDueOn,
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
  calendarDays,
  calendarYears,
  campaignBatches,
  campaignCategories,
  campaignPhotos,
  campaigns,
  campaignTaskEvents,
  campaignTasks,
  maintenanceInspections,
  maintenancePoints,
  orgs,
  rectificationOrders,
  regions,
} from '../db/schema/index';
import { OUTLINES } from '../modules/land/outlines';
import { filesRoot } from '../modules/projects/attachments.service';
import { createTestUsers, login } from '../testing/accounts';
import { createTestContext, type TestContext } from '../testing/test-app';
import { seedDemoData } from './seed';
import { seedCampaignCategories, seedDemoCampaign } from './seed-campaigns';
import { seedDemoProjects } from './seed-projects';

// The demo campaign tells the seed's story — 12 微更新 projects in the first batch, some 按期 and some 需加快 —
// and gives every screen of the module something true to show on the day it is loaded, 长效管护 included: the
// accepted points in the ledger, a month of inspections, a few points due and one rebound with its 整改单.

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
  let seeded: { tasks: number; points: number; inspections: number };
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
  const ledger = async () => {
    const [points, inspections, orders] = await Promise.all([
      db().select().from(maintenancePoints),
      db().select().from(maintenanceInspections).orderBy(asc(maintenanceInspections.inspectedOn)),
      db().select().from(rectificationOrders),
    ]);
    return { points, inspections, orders };
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
    // The rest are inspection photos, each filed with the inspection that lists it.
    const { inspections } = await ledger();
    for (const p of photos.filter((x) => !referenced.has(x.id))) {
      expect(p.kind).toBe('inspection');
      expect(inspections.find((i) => i.id === p.inspectionId)?.photoIds).toEqual([p.id]);
      referenced.add(p.id);
    }
    expect(photos.every((p) => referenced.has(p.id))).toBe(true);
    expect(photos.every((p) => /^campaign\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/.test(p.storageKey))).toBe(true);
  });

  it('enters every accepted task’s point in the 长效管护 ledger as acceptance does', async () => {
    const tasks = await allTasks();
    const { points } = await ledger();
    const categories = await db().select().from(campaignCategories);
    const regionNames = await db().select({ id: regions.id, name: regions.name }).from(regions);
    const accepted = tasks.filter((t) => t.status === 'accepted');
    expect(points).toHaveLength(accepted.length);
    expect(seeded.points).toBe(points.length);
    for (const t of accepted) {
      const category = categories.find((c) => c.code === t.categoryCode);
      const point = points.find((p) => p.taskId === t.id);
      // What MaintenanceService.enter makes of the task on the day it is accepted.
      expect(point).toMatchObject({
        regionId: t.regionId,
        keeper: t.village ?? regionNames.find((r) => r.id === t.regionId)?.name,
        keeperPerson: null,
        checklist: category?.checklist,
        everyDays: category?.inspectEveryDays,
        enteredOn: t.acceptedOn,
        version: 1,
        deletedAt: null,
      });
      expect(shanghaiDate(point?.createdAt ?? new Date(0))).toBe(t.acceptedOn);
    }
    expect(points.some((p) => p.keeper === '湖塘镇')).toBe(true); // a 大扫除 round: kept by its 板块
  });

  it('holds a month of inspections: most points ok, a few due, one rebound with its 整改单 still open', async () => {
    const tasks = await allTasks();
    const { points, inspections, orders } = await ledger();
    const now = ctx.clock.now();
    expect(seeded.inspections).toBe(inspections.length);
    for (const i of inspections) {
      const point = points.find((p) => p.id === i.pointId);
      expect(i.inspectedOn > (point?.enteredOn ?? '')).toBe(true);
      expect(i.inspectedOn < TODAY).toBe(true);
      expect(i.createdAt <= now).toBe(true);
      expect(checklistProblem(point?.checklist ?? [], i.results)).toBeNull();
      expect(i.passed).toBe(inspectionOutcome(i.results, i.score).passed);
      expect(i.inspectorName).toMatch(/^(区城管局 督查科|\S+城管中队 \S+)$/);
      if (i.passed) {
        expect(i.results.every((r) => r.passed)).toBe(true);
        expect(i.score).toBeGreaterThanOrEqual(82);
        expect(i.score).toBeLessThanOrEqual(98);
      }
    }
    expect(new Set(inspections.map((i) => i.inspectorName))).toContain('区城管局 督查科');
    expect(new Set(inspections.map((i) => i.inspectorName))).toContain('湖塘镇城管中队 王强');
    // Each point's last inspection is its latest one.
    for (const p of points) {
      const mine = inspections.filter((i) => i.pointId === p.id).map((i) => i.inspectedOn);
      expect(p.lastInspectedOn).toBe(mine.length > 0 ? mine.sort().at(-1) : null);
    }
    // Most points were inspected in the month before today.
    const recent = points.filter((p) => p.lastInspectedOn && daysBetween(p.lastInspectedOn, TODAY) <= 30);
    expect(recent.length).toBeGreaterThan(points.length / 2);

    // The one rebound: a 违章搭建 point of 湖塘镇 that failed '无复搭复建' with 55 points and a photo.
    const failed = inspections.filter((i) => !i.passed);
    expect(failed).toHaveLength(1);
    const rebound = failed[0];
    const point = points.find((p) => p.id === rebound?.pointId);
    const task = tasks.find((t) => t.id === point?.taskId);
    expect(task).toMatchObject({ categoryCode: 'G1', regionCode: '320412100', status: 'accepted' });
    expect(rebound).toMatchObject({ score: 55, orderId: null, inspectorName: '湖塘镇城管中队 王强' });
    expect(rebound?.note).toContain('彩钢棚');
    expect(rebound?.results.filter((r) => !r.passed).map((r) => r.item)).toEqual(['无复搭复建']);
    expect(daysBetween(rebound?.inspectedOn ?? '', TODAY)).toBeLessThanOrEqual(30);
    // Its 整改单: ZG-<year>-0001, due in 违章搭建's working days on the server's calendar, still open today.
    const [years, days] = await Promise.all([
      db().select({ year: calendarYears.year }).from(calendarYears),
      db().select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays),
    ]);
    const calendar = compileCalendar({ verifiedYears: years.map((y) => y.year), days });
    const [g1] = await db().select().from(campaignCategories).where(eq(campaignCategories.code, 'G1'));
    const dueOn = rectificationDueOn(calendar, rebound?.inspectedOn ?? '', g1?.rectifyWorkingDays ?? 0);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      orderNo: `ZG-${rebound?.inspectedOn.slice(0, 4)}-0001`,
      pointId: point?.id,
      inspectionId: rebound?.id,
      status: 'open',
      closedOn: null,
      dueOn,
      requirement: `不合格项：无复搭复建；得分55分，低于80分。请于${dueOn}前整改到位，申请复查。`,
    });
    expect(isWorkingDay(calendar, dueOn) && dueOn > TODAY).toBe(true);
    expect(orders[0]?.createdAt).toEqual(rebound?.createdAt);
    // Its photo: an inspection photo of the task, filed with the inspection, kept as a file.
    const photos = await db().select().from(campaignPhotos).where(eq(campaignPhotos.kind, 'inspection'));
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({
      taskId: task?.id,
      inspectionId: rebound?.id,
      contentType: 'image/png',
    });
    expect(rebound?.photoIds).toEqual([photos[0]?.id]);
    expect((photos[0]?.uploadedAt ?? now) <= (rebound?.createdAt ?? new Date(0))).toBe(true);
    const content = fs.readFileSync(path.join(filesRoot(ctx.dataDir), photos[0]?.storageKey ?? 'none'));
    expect(crypto.createHash('sha256').update(content).digest('hex')).toBe(photos[0]?.sha256);
    expect(content.length).toBe(photos[0]?.sizeBytes);
    expect(content.subarray(1, 4).toString('ascii')).toBe('PNG');

    // As the ledger shows them today: one rectifying, a few due, most ok.
    const statuses = points.map(
      (p) =>
        pointStatus(
          { ...p, openOrders: orders.filter((o) => o.pointId === p.id && o.status === 'open').length },
          TODAY,
        ).status,
    );
    const n = (s: string) => statuses.filter((x) => x === s).length;
    expect(n('rectifying')).toBe(1);
    expect(n('inspection_due')).toBeGreaterThanOrEqual(2);
    expect(n('inspection_due')).toBeLessThan(points.length / 4);
    expect(n('ok')).toBeGreaterThan(points.length / 2);
  });

  it('shows the rebound through the API: 湖塘镇 ranked with it, and the point listed as rectifying', async () => {
    await createTestUsers(db(), [
      { username: 'cg', roles: ['dept_operator'], orgCode: 'WJ-URBAN', scopeCodes: ['320412'] },
    ]);
    const cg = await login(ctx.app, 'cg');
    const [campaign] = await db().select({ id: campaigns.id }).from(campaigns);
    const progress = (await cg.inject({ url: `/api/campaign-progress?campaignId=${campaign?.id}` })).json();
    const rebounds = Object.fromEntries(
      progress.subareas.map((s: { regionName: string; rebounds: number }) => [s.regionName, s.rebounds]),
    );
    expect(rebounds).toEqual({ 湖塘镇: 1, 武进国家高新区: 0, 常州西太湖科技产业园: 0, 牛塘镇: 0 });
    const ht = progress.subareas.find((s: { regionName: string }) => s.regionName === '湖塘镇');
    expect(ht.calculation).toContain('反弹 1 处 × 5');

    const { orders } = await ledger();
    const rectifying = (
      await cg.inject({ url: `/api/maintenance-points?campaignId=${campaign?.id}&status=rectifying` })
    ).json();
    expect(rectifying.total).toBe(1);
    expect(rectifying.items[0]).toMatchObject({
      id: orders[0]?.pointId,
      status: 'rectifying',
      rebounds: 1,
      task: { categoryCode: 'G1' },
      openOrder: { orderNo: orders[0]?.orderNo, dueOn: orders[0]?.dueOn, overdue: false },
    });
    const detail = (await cg.inject({ url: `/api/maintenance-points/${orders[0]?.pointId}` })).json();
    expect(detail.inspections[0]).toMatchObject({
      passed: false,
      photos: [{ fileName: '原址复搭彩钢棚.png' }],
    });
    const photo = await cg.inject({
      url: `/api/maintenance-points/${orders[0]?.pointId}/photos/${detail.inspections[0].photos[0].id}`,
    });
    expect(photo.statusCode).toBe(200);
    const due = (await cg.inject({ url: '/api/maintenance-points?status=inspection_due' })).json();
    expect(due.total).toBeGreaterThanOrEqual(2);
    expect(due.items.every((p: { status: string }) => p.status === 'inspection_due')).toBe(true);
  });

  it('adds nothing when seeded again', async () => {
    const counts = async () =>
      (
        await db().execute<{
          c: number;
          t: number;
          e: number;
          p: number;
          m: number;
          i: number;
          o: number;
        }>(sql`
          SELECT (SELECT count(*) FROM campaigns)::int AS c, (SELECT count(*) FROM campaign_tasks)::int AS t,
                 (SELECT count(*) FROM campaign_task_events)::int AS e, (SELECT count(*) FROM campaign_photos)::int AS p,
                 (SELECT count(*) FROM maintenance_points)::int AS m,
                 (SELECT count(*) FROM maintenance_inspections)::int AS i,
                 (SELECT count(*) FROM rectification_orders)::int AS o`)
      ).rows[0];
    const before = await counts();
    expect(await seedDemoCampaign(db(), ctx.clock.now(), { dataDir: ctx.dataDir })).toEqual({
      tasks: 0,
      points: 0,
      inspections: 0,
    });
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ c: 1, o: 1 });
    expect(before?.m).toBe(seeded.points);
    expect(before?.i).toBe(seeded.inspections);
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
      // Nothing accepted yet: the maintenance ledger is empty, and no 整改单 is raised.
      expect(await ctx.database.db.select().from(maintenancePoints)).toEqual([]);
      expect(await ctx.database.db.select().from(maintenanceInspections)).toEqual([]);
      expect(await ctx.database.db.select().from(rectificationOrders)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
