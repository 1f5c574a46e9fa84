import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  addDays,
  type ChecklistResult,
  compileCalendar,
  DEFAULT_TASK_CATEGORIES,
  dayNumber,
  dayString,
  inspectionOutcome,
  rectificationDueOn,
  TASK_STEPS,
  type TaskStatus,
  type WorkingCalendar,
  workingDayOnOrBefore,
} from '@groundbreak/domain';
import { eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { shanghaiDate } from '../clock';
import type { Db } from '../db/database';
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
import { filesRoot } from '../modules/projects/attachments.service';
import {
  DEMO_CAMPAIGN,
  DEMO_MAINTENANCE,
  type DemoStep,
  type DemoTask,
  demoCampaignTasks,
  LEAD_ACTOR,
  type Subarea,
  stepAt,
} from './demo-campaign';

// 城中村专项行动 (domain.md §11): the task categories every installation has (reference data, seeded at every
// start), and the demo campaign (demo-campaign.ts) loaded as the steps its tasks took up to `now` — each
// step an event, a before-photo when work starts and an after-photo with every submission, so that the
// task's state, dates and photos are what its history says. Every accepted task's point is in the 长效管护
// ledger as acceptance puts it there, with the month of inspections before `now` (demoMaintenance).

/** Adds the default task categories the table lacks; a category 区城管局 has edited is left as it is. */
export async function seedCampaignCategories(db: Db): Promise<number> {
  const have = new Set(
    (await db.select({ code: campaignCategories.code }).from(campaignCategories)).map((r) => r.code),
  );
  const missing = DEFAULT_TASK_CATEGORIES.map((c, i) => ({ c, i })).filter(({ c }) => !have.has(c.code));
  if (missing.length === 0) return 0;
  await db
    .insert(campaignCategories)
    .values(
      missing.map(({ c, i }) => ({
        code: c.code,
        group: c.group,
        name: c.name,
        indicators: [...c.indicators],
        checklist: [...c.checklist],
        rectifyWorkingDays: c.rectifyWorkingDays,
        inspectEveryDays: c.inspectEveryDays,
        sortOrder: i,
      })),
    )
    .onConflictDoNothing();
  return missing.length;
}

/** A small valid PNG (320×240, a solid colour crossed by a band of another shade) standing for a photo. */
function demoPng(rgb: readonly [number, number, number], band: readonly [number, number, number]): Buffer {
  const [width, height] = [320, 240];
  const raw = Buffer.alloc((1 + width * 3) * height);
  for (let y = 0; y < height; y++) {
    const colour = y >= 96 && y < 144 ? band : rgb;
    for (let x = 0; x < width; x++) raw.set(colour, y * (1 + width * 3) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type PhotoRow = typeof campaignPhotos.$inferInsert;
type PhotoKind = 'before' | 'after' | 'inspection';
/** Writes a photo's file as an upload on `on` (at `at`) would be stored, and gives its row. */
type PhotoFiler = (
  taskId: string,
  kind: PhotoKind,
  fileName: string,
  on: string,
  at: Date,
  by: string,
) => PhotoRow;
type PhotoWriter = (
  taskId: string,
  kind: 'before' | 'after',
  fileName: string,
  s: DemoStep,
  by: string,
) => PhotoRow;

/** 进度 as a 板块 reports it: a 微更新 project by the stage it reached, another task by the time it has had. */
function reportedProgress(t: DemoTask, status: TaskStatus, today: string): number {
  if (status !== 'in_progress') return { pending: 0, returned: 85, submitted: 100, accepted: 100 }[status];
  const schedule = t.microSchedule;
  if (schedule) return schedule.build?.doneOn ? 70 : schedule.design?.doneOn ? 35 : 10;
  const span = Date.parse(t.dueOn) - Date.parse(t.startOn);
  const elapsed = Math.min(1, (Date.parse(today) - Date.parse(t.startOn)) / Math.max(span, 1));
  return Math.min(90, Math.max(10, Math.round(elapsed * 8) * 10));
}

/** Replays a task's steps taken by now: its row fields, its events and its photos. */
function historyOf(t: DemoTask, id: string, today: string, photoOf: PhotoWriter) {
  let status: TaskStatus = 'pending';
  let submittedOn: string | null = null;
  let acceptedOn: string | null = null;
  let returnReason: string | null = null;
  const events: (typeof campaignTaskEvents.$inferInsert)[] = [];
  const photos: PhotoRow[] = [];
  for (const s of t.steps) {
    const lead = s.step === 'create' || s.step === 'accept' || s.step === 'return';
    const actorName = lead ? LEAD_ACTOR : t.subarea.actor;
    const from = s.step === 'create' ? null : status;
    if (s.step !== 'create') {
      const rule = TASK_STEPS[s.step];
      if (!(rule.from as readonly TaskStatus[]).includes(status)) {
        throw new Error(`demo campaign: ${t.pointName} cannot ${s.step} when ${status}`);
      }
      status = rule.to;
    }
    events.push({
      taskId: id,
      at: stepAt(s),
      actorName,
      step: s.step,
      fromStatus: from,
      toStatus: status,
      note: s.note ?? null,
    });
    if (s.step === 'start') photos.push(photoOf(id, 'before', '整改前.png', s, actorName));
    if (s.step === 'submit') {
      photos.push(photoOf(id, 'after', submittedOn ? '整改后（复查）.png' : '整改后.png', s, actorName));
      submittedOn = s.on;
    }
    if (s.step === 'accept') acceptedOn = s.on;
    if (s.step === 'return') returnReason = s.note ?? null;
  }
  return {
    fields: {
      status,
      progress: reportedProgress(t, status, today),
      // As the server keeps them: the last submission's day and the last return's reason stay on the task.
      completedOn: submittedOn,
      acceptedOn,
      returnReason,
      beforePhotoIds: photos.filter((p) => p.kind === 'before').map((p) => p.id as string),
      afterPhotoIds: photos.filter((p) => p.kind === 'after').map((p) => p.id as string),
    },
    events,
    photos,
  };
}

/** An accepted task of the demo, as the maintenance ledger takes it in. */
type EnteredTask = {
  id: string;
  categoryCode: string;
  regionId: string;
  regionName: string;
  village: string | null;
  subarea: Subarea;
  acceptedOn: string;
  acceptedAt: Date;
};
type CategoryRow = typeof campaignCategories.$inferSelect;

/** The working day on or before `day` (inspections are made on working days). */
const workingOnOrBefore = (calendar: WorkingCalendar, day: string) =>
  dayString(workingDayOnOrBefore(calendar, dayNumber(day)));

/**
 * 长效管护 as the server would hold it by today. Each accepted task's point as `enter` makes it at acceptance
 * (kept by its village, else its 板块; its category's checklist and frequency; from the day of acceptance).
 * In the month before today most points are inspected once, every item passed and scored 82–98, by their
 * 板块's 城管中队 or, spot-checking, the district; every seventh was last inspected longer ago than its
 * frequency (待巡查). One 违章搭建 point of 湖塘镇 passed a month earlier and failed a few days ago: a rebound,
 * whose 整改单 is due in the category's working days as `inspect` counts them, and is still open.
 */
function demoMaintenance(input: {
  entered: readonly EnteredTask[];
  categories: ReadonlyMap<string, CategoryRow>;
  calendar: WorkingCalendar;
  today: string;
  /** The day of the rebound's failed inspection, and its 整改单's number. */
  failedOn: string;
  orderNo: string;
  photoOf: PhotoFiler;
}) {
  const { calendar, today, failedOn } = input;
  const spec = DEMO_MAINTENANCE.rebound;
  const rebound = input.entered
    .filter(
      (e) =>
        e.subarea.code === spec.subarea && e.categoryCode === spec.categoryCode && e.acceptedOn < failedOn,
    )
    .sort((a, b) => a.acceptedOn.localeCompare(b.acceptedOn))[0];
  const points: (typeof maintenancePoints.$inferInsert)[] = [];
  const inspections: (typeof maintenanceInspections.$inferInsert)[] = [];
  const orders: (typeof rectificationOrders.$inferInsert)[] = [];
  const photos: PhotoRow[] = [];
  input.entered.forEach((e, i) => {
    const category = input.categories.get(e.categoryCode);
    if (!category) throw new Error(`demo campaign: unknown category ${e.categoryCode}`);
    const everyDays = category.inspectEveryDays;
    const pointId = uuidv7();
    // The days it was inspected: once this month; longer ago than its frequency; or, the rebound, last month
    // and a few days ago. Never on or before the day it entered the ledger.
    const visits: { on: string; failed: boolean }[] = [];
    const visit = (day: string, failed = false) => {
      const on = workingOnOrBefore(calendar, day);
      if (on > e.acceptedOn) visits.push({ on, failed });
    };
    if (e === rebound) {
      visit(addDays(failedOn, -everyDays));
      visits.push({ on: failedOn, failed: true });
    } else if (i % 7 === 3) visit(addDays(today, -(everyDays + 6 + (i % 9))));
    else visit(addDays(today, -(1 + ((i * 11) % Math.max(1, Math.min(27, everyDays - 1))))));

    let updatedAt = e.acceptedAt;
    for (const [k, v] of visits.entries()) {
      const district = !v.failed && (i + k) % 4 === 1;
      const inspectorName = district ? DEMO_MAINTENANCE.districtInspector : e.subarea.inspector;
      const at = new Date(`${v.on}T${district ? '14' : '10'}:30:00+08:00`);
      const failedItem = category.checklist.includes(spec.failedItem)
        ? spec.failedItem
        : category.checklist[category.checklist.length - 1];
      const results: ChecklistResult[] = category.checklist.map((item) => ({
        item,
        passed: !(v.failed && item === failedItem),
      }));
      const score = v.failed ? spec.score : 82 + ((i * 7 + k * 5) % 17);
      const outcome = inspectionOutcome(results, score);
      const id = uuidv7();
      const photo = v.failed
        ? input.photoOf(
            e.id,
            'inspection',
            spec.photoName,
            v.on,
            new Date(at.getTime() - 10 * 60_000),
            inspectorName,
          )
        : null;
      if (photo) photos.push({ ...photo, inspectionId: id });
      inspections.push({
        id,
        pointId,
        inspectedOn: v.on,
        inspectorId: null,
        inspectorName,
        results,
        score,
        passed: outcome.passed,
        note: v.failed ? spec.note : null,
        photoIds: photo ? [photo.id as string] : [],
        orderId: null,
        createdAt: at,
      });
      if (!outcome.passed) {
        const dueOn = rectificationDueOn(calendar, v.on, category.rectifyWorkingDays);
        orders.push({
          orderNo: input.orderNo,
          pointId,
          inspectionId: id,
          requirement: `${outcome.explanation}。请于${dueOn}前整改到位，申请复查。`,
          dueOn,
          createdAt: at,
          createdBy: null,
        });
      }
      updatedAt = at;
    }
    points.push({
      id: pointId,
      taskId: e.id,
      regionId: e.regionId,
      keeper: e.village ?? e.regionName,
      keeperPerson: null,
      checklist: category.checklist,
      everyDays,
      enteredOn: e.acceptedOn,
      lastInspectedOn: visits.at(-1)?.on ?? null,
      createdAt: e.acceptedAt,
      updatedAt,
    });
  });
  return { points, inspections, orders, photos };
}

/** The working-day calendar as the server compiles it from the calendar tables. */
async function workingCalendar(db: Db): Promise<WorkingCalendar> {
  const years = await db.select({ year: calendarYears.year }).from(calendarYears);
  const days = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays);
  return compileCalendar({ verifiedYears: years.map((y) => y.year), days });
}

/** Loads the demo campaign once (a database that holds a campaign of its name, even deleted, is left alone). */
export async function seedDemoCampaign(
  db: Db,
  now: Date,
  options: { dataDir: string },
): Promise<{ tasks: number; points: number; inspections: number }> {
  const [existing] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.name, DEMO_CAMPAIGN.name))
    .limit(1);
  if (existing) return { tasks: 0, points: 0, inspections: 0 };
  await seedCampaignCategories(db);
  const categories = new Map((await db.select().from(campaignCategories)).map((c) => [c.code, c] as const));
  const calendar = await workingCalendar(db);
  const today = shanghaiDate(now);
  const planned = demoCampaignTasks(today);
  const regionRows = await db
    .select({ id: regions.id, code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, [DEMO_CAMPAIGN.districtCode, ...planned.map((t) => t.subarea.code)]));
  const orgRows = await db
    .select({ id: orgs.id, code: orgs.code })
    .from(orgs)
    .where(inArray(orgs.code, [DEMO_CAMPAIGN.leadOrgCode, ...planned.map((t) => t.subarea.org)]));
  const regionOf = (code: string) => {
    const row = regionRows.find((r) => r.code === code);
    if (!row) throw new Error(`reference data missing: region ${code}`);
    return row;
  };
  const orgOf = (code: string) => orgRows.find((o) => o.code === code)?.id ?? null;

  // What has happened by now: the tasks created by then, with the steps taken so far, numbered in that order.
  const created = (t: DemoTask) => stepAt(t.steps[0] as DemoStep);
  const tasks = planned
    .filter((t) => t.startOn >= DEMO_CAMPAIGN.startOn && created(t) <= now)
    .map((t) => ({ ...t, steps: t.steps.filter((s) => stepAt(s) <= now) }))
    .sort((a, b) => created(a).getTime() - created(b).getTime());

  const images = {
    before: demoPng([0x8a, 0x7f, 0x72], [0x6b, 0x55, 0x40]),
    after: demoPng([0x4c, 0xaf, 0x50], [0x81, 0xc7, 0x84]),
    // A blue 彩钢 shed put up again on the cleared ground.
    inspection: demoPng([0x9a, 0x94, 0x88], [0x2f, 0x6d, 0xb5]),
  };
  const digest = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
  const digests = {
    before: digest(images.before),
    after: digest(images.after),
    inspection: digest(images.inspection),
  };
  const root = filesRoot(options.dataDir);
  // Stored as the server stores an upload: files/campaign/YYYY/MM/<id>, one file per row.
  const fileOf: PhotoFiler = (taskId, kind, fileName, on, at, by) => {
    const id = uuidv7();
    const storageKey = `campaign/${on.slice(0, 4)}/${on.slice(5, 7)}/${id}`;
    fs.mkdirSync(path.dirname(path.join(root, storageKey)), { recursive: true });
    fs.writeFileSync(path.join(root, storageKey), images[kind]);
    const sizeBytes = images[kind].length;
    const file = { contentType: 'image/png', sizeBytes, sha256: digests[kind], storageKey };
    return { id, taskId, kind, fileName, ...file, uploadedByName: by, uploadedAt: at };
  };
  const photoOf: PhotoWriter = (taskId, kind, fileName, s, by) =>
    fileOf(taskId, kind, fileName, s.on, stepAt(s), by);

  return db.transaction(async (tx) => {
    const since = new Date(`${DEMO_CAMPAIGN.startOn}T09:00:00+08:00`);
    const [campaign] = await tx
      .insert(campaigns)
      .values({
        name: DEMO_CAMPAIGN.name,
        regionId: regionOf(DEMO_CAMPAIGN.districtCode).id,
        leadOrgId: orgOf(DEMO_CAMPAIGN.leadOrgCode),
        areaTag: DEMO_CAMPAIGN.areaTag,
        startOn: DEMO_CAMPAIGN.startOn,
        endOn: DEMO_CAMPAIGN.endOn,
        description: DEMO_CAMPAIGN.description,
        createdAt: since,
        updatedAt: since,
      })
      .returning({ id: campaigns.id });
    if (!campaign) throw new Error('demo campaign not inserted');
    const batches = await tx
      .insert(campaignBatches)
      .values(
        DEMO_CAMPAIGN.batches.map((b, i) => ({
          ...b,
          campaignId: campaign.id,
          sortOrder: i,
          createdAt: since,
          updatedAt: since,
        })),
      )
      .returning({ id: campaignBatches.id, startOn: campaignBatches.startOn });
    // A task belongs to the last batch begun by its start.
    const batchOf = (day: string) =>
      batches.filter((b) => b.startOn <= day).sort((a, b) => b.startOn.localeCompare(a.startOn))[0]?.id ??
      null;
    const year = DEMO_CAMPAIGN.startOn.slice(0, 4);

    const taskRows: (typeof campaignTasks.$inferInsert)[] = [];
    const eventRows: (typeof campaignTaskEvents.$inferInsert)[] = [];
    const photoRows: PhotoRow[] = [];
    const entered: EnteredTask[] = [];
    tasks.forEach((t, n) => {
      const id = uuidv7();
      const history = historyOf(t, id, today, photoOf);
      const region = regionOf(t.subarea.code);
      taskRows.push({
        id,
        taskNo: `ZZ-${year}-${String(n + 1).padStart(4, '0')}`,
        campaignId: campaign.id,
        batchId: batchOf(t.startOn),
        categoryCode: t.categoryCode,
        regionId: region.id,
        village: t.village,
        pointName: t.pointName,
        address: `武进区${region.name}${t.village ?? ''}`,
        lon: t.lonLat[0],
        lat: t.lonLat[1],
        description: t.description,
        requirement: t.requirement,
        responsibleOrgId: orgOf(t.subarea.org),
        responsiblePerson: t.person,
        startOn: t.startOn,
        dueOn: t.dueOn,
        quantities: t.quantities,
        investmentYuan: t.investmentYuan,
        microSchedule: t.microSchedule,
        ...history.fields,
        version: t.steps.length,
        createdAt: created(t),
        updatedAt: stepAt(t.steps[t.steps.length - 1] as DemoStep),
      });
      eventRows.push(...history.events);
      photoRows.push(...history.photos);
      const accept = t.steps.findLast((s) => s.step === 'accept');
      if (history.fields.status === 'accepted' && history.fields.acceptedOn && accept) {
        entered.push({
          id,
          categoryCode: t.categoryCode,
          regionId: region.id,
          regionName: region.name,
          village: t.village,
          subarea: t.subarea,
          acceptedOn: history.fields.acceptedOn,
          acceptedAt: stepAt(accept),
        });
      }
    });
    if (taskRows.length > 0) {
      await tx.insert(campaignTasks).values(taskRows);
      await tx.insert(campaignTaskEvents).values(eventRows);
    }

    // 长效管护: numbered after any 整改单 of the year already held, as `inspect` numbers them.
    const failedOn = workingOnOrBefore(calendar, addDays(today, -DEMO_MAINTENANCE.rebound.daysAgo));
    const prefix = `ZG-${failedOn.slice(0, 4)}-`;
    const [last] = await tx
      .select({
        n: sql<number>`coalesce(max(substring(${rectificationOrders.orderNo} from 9)::int), 0)::int`,
      })
      .from(rectificationOrders)
      .where(sql`${rectificationOrders.orderNo} LIKE ${`${prefix}%`}`);
    const kept = demoMaintenance({
      entered,
      categories,
      calendar,
      today,
      failedOn,
      orderNo: `${prefix}${String((last?.n ?? 0) + 1).padStart(4, '0')}`,
      photoOf: fileOf,
    });
    photoRows.push(...kept.photos);
    if (photoRows.length > 0) await tx.insert(campaignPhotos).values(photoRows);
    if (kept.points.length > 0) await tx.insert(maintenancePoints).values(kept.points);
    if (kept.inspections.length > 0) await tx.insert(maintenanceInspections).values(kept.inspections);
    if (kept.orders.length > 0) await tx.insert(rectificationOrders).values(kept.orders);
    return { tasks: taskRows.length, points: kept.points.length, inspections: kept.inspections.length };
  });
}
