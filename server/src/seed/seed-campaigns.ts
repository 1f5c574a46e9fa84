import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DEFAULT_TASK_CATEGORIES, TASK_STEPS, type TaskStatus } from '@groundbreak/domain';
import { eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { shanghaiDate } from '../clock';
import type { Db } from '../db/database';
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
import { filesRoot } from '../modules/projects/attachments.service';
import {
  DEMO_CAMPAIGN,
  type DemoStep,
  type DemoTask,
  demoCampaignTasks,
  LEAD_ACTOR,
  stepAt,
} from './demo-campaign';

// 城中村专项行动 (domain.md §11): the task categories every installation has (reference data, seeded at every
// start), and the demo campaign (demo-campaign.ts) loaded as the steps its tasks took up to `now` — each
// step an event, a before-photo when work starts and an after-photo with every submission, so that the
// task's state, dates and photos are what its history says.

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

/** Loads the demo campaign once (a database that holds a campaign of its name, even deleted, is left alone). */
export async function seedDemoCampaign(
  db: Db,
  now: Date,
  options: { dataDir: string },
): Promise<{ tasks: number }> {
  const [existing] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.name, DEMO_CAMPAIGN.name))
    .limit(1);
  if (existing) return { tasks: 0 };
  await seedCampaignCategories(db);
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
  };
  const digests = {
    before: crypto.createHash('sha256').update(images.before).digest('hex'),
    after: crypto.createHash('sha256').update(images.after).digest('hex'),
  };
  const root = filesRoot(options.dataDir);
  // Stored as the server stores an upload: files/campaign/YYYY/MM/<id>, one file per row.
  const photoOf: PhotoWriter = (taskId, kind, fileName, s, by) => {
    const id = uuidv7();
    const storageKey = `campaign/${s.on.slice(0, 4)}/${s.on.slice(5, 7)}/${id}`;
    fs.mkdirSync(path.dirname(path.join(root, storageKey)), { recursive: true });
    fs.writeFileSync(path.join(root, storageKey), images[kind]);
    const sizeBytes = images[kind].length;
    const file = { contentType: 'image/png', sizeBytes, sha256: digests[kind], storageKey };
    return { id, taskId, kind, fileName, ...file, uploadedByName: by, uploadedAt: stepAt(s) };
  };

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
    });
    if (taskRows.length > 0) {
      await tx.insert(campaignTasks).values(taskRows);
      await tx.insert(campaignTaskEvents).values(eventRows);
    }
    if (photoRows.length > 0) await tx.insert(campaignPhotos).values(photoRows);
    return { tasks: taskRows.length };
  });
}
