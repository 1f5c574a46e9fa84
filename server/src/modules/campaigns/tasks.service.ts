import type { Readable } from 'node:stream';
import type {
  createTaskBody,
  TaskItem,
  TaskResponse,
  taskListQuery,
  taskStepBody,
  updateTaskBody,
} from '@groundbreak/contract';
import {
  type Light,
  MICRO_FLAG_LABELS,
  mayTakeTaskStep,
  microVariance,
  TASK_OPEN_STATUSES,
  TASK_STATUS_LABELS,
  TASK_STEP_NAMES,
  TASK_STEPS,
  type TaskLightRules,
  type TaskStatus,
  type TaskStep,
  taskLight,
  taskStepProblem,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import {
  campaignBatches,
  campaignCategories,
  campaignPhotos,
  campaigns,
  campaignTaskEvents,
  campaignTasks,
  orgs,
  regions,
  users,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import { createNotificationsRepository } from '../notifications/notifications.repository';
import type { Principal } from '../registry';
import { createCampaignPhotoStore } from './campaign-photos';
import type { CampaignsService } from './campaigns.service';

// The rectification tasks of a campaign (整治任务, domain.md §11.2). A 板块 registers the tasks of its points,
// starts them, and submits each for acceptance with after-photos; the lead department (区城管局) or 区发改
// accepts it (销号) or sends it back with a reason (退回整改). Every step is kept with who and when, audited,
// and told to the other side. A task is seen by users whose scope covers its 板块; its light is its overdue
// state on the day, explained as the project lights are. Photos are stored under the data directory's files
// (campaign/YYYY/MM/<id>) with their SHA-256, images only.

type TaskRow = typeof campaignTasks.$inferSelect;
const _PHOTO_TYPES = new Set(['png', 'jpeg']);

export function createTasksService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditRepository;
  campaigns: CampaignsService;
  dataDir: string;
  maxBytes: number;
  /** In the acceptance's transaction: the point enters the maintenance ledger (长效管护). */
  onAccepted?: (tx: Db, task: TaskRow, acceptedOn: string, regionName: string) => Promise<void>;
}) {
  const { db } = deps.database;
  const notes = createNotificationsRepository(db);
  const photos = createCampaignPhotoStore({
    db,
    clock: deps.clock,
    dataDir: deps.dataDir,
    maxBytes: deps.maxBytes,
  });
  const today = () => shanghaiDate(deps.clock.now());

  const listColumns = {
    t: campaignTasks,
    campaignName: campaigns.name,
    batchName: campaignBatches.name,
    categoryName: campaignCategories.name,
    categoryGroup: campaignCategories.group,
    regionName: regions.name,
  };
  const fromTasks = () =>
    db
      .select(listColumns)
      .from(campaignTasks)
      .innerJoin(campaigns, eq(campaigns.id, campaignTasks.campaignId))
      .leftJoin(campaignBatches, eq(campaignBatches.id, campaignTasks.batchId))
      .innerJoin(campaignCategories, eq(campaignCategories.code, campaignTasks.categoryCode))
      .innerJoin(regions, eq(regions.id, campaignTasks.regionId));
  type Joined = Awaited<ReturnType<ReturnType<typeof fromTasks>['execute']>>[number];

  function item(r: Joined, rules: TaskLightRules, day: string): TaskItem {
    const light = taskLight(r.t, day, rules);
    const micro =
      r.categoryGroup === 'micro' && r.t.microSchedule ? microVariance(r.t.microSchedule, day) : null;
    return {
      id: r.t.id,
      taskNo: r.t.taskNo,
      campaign: { id: r.t.campaignId, name: r.campaignName },
      batch: r.t.batchId && r.batchName ? { id: r.t.batchId, name: r.batchName } : null,
      categoryCode: r.t.categoryCode,
      categoryName: r.categoryName,
      regionId: r.t.regionId,
      regionName: r.regionName,
      village: r.t.village,
      pointName: r.t.pointName,
      address: r.t.address,
      lon: r.t.lon,
      lat: r.t.lat,
      status: r.t.status,
      startOn: r.t.startOn,
      dueOn: r.t.dueOn,
      completedOn: r.t.completedOn,
      acceptedOn: r.t.acceptedOn,
      progress: r.t.progress,
      light: light.light,
      daysLate: light.daysLate,
      lightExplanation: light.explanation,
      investmentYuan: r.t.investmentYuan,
      microFlag: micro?.flag ?? null,
      version: r.t.version,
    };
  }

  async function load(principal: Principal, id: string): Promise<Joined> {
    const [row] = await fromTasks().where(
      and(
        eq(campaignTasks.id, id),
        isNull(campaignTasks.deletedAt),
        regionInScope(principal, campaignTasks.regionId),
      ),
    );
    if (!row) throw notFound('整治任务');
    return row;
  }

  /** The 板块 that owns the task (campaign.write within its scope), or the lead department (campaign.admin). */
  function actorOf(principal: Principal) {
    return {
      isSubarea: principal.actions.has('campaign.write'),
      isLead: principal.actions.has('campaign.admin'),
    };
  }

  function mayEdit(principal: Principal, t: TaskRow): boolean {
    return mayEditTask(principal, t.status);
  }

  async function detail(principal: Principal, id: string): Promise<TaskResponse> {
    const r = await load(principal, id);
    const rules = await deps.campaigns.lightRules();
    const day = today();
    const [category] = (await deps.campaigns.categories()).filter((c) => c.code === r.t.categoryCode);
    if (!category) throw new Error(`unknown category ${r.t.categoryCode}`);
    const [photos, events, [org]] = await Promise.all([
      db
        .select()
        .from(campaignPhotos)
        .where(
          and(
            eq(campaignPhotos.taskId, id),
            inArray(campaignPhotos.kind, ['before', 'after']),
            isNull(campaignPhotos.deletedAt),
          ),
        )
        .orderBy(asc(campaignPhotos.uploadedAt)),
      db
        .select()
        .from(campaignTaskEvents)
        .where(eq(campaignTaskEvents.taskId, id))
        .orderBy(asc(campaignTaskEvents.at), asc(campaignTaskEvents.id)),
      r.t.responsibleOrgId
        ? db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, r.t.responsibleOrgId))
        : Promise.resolve([]),
    ]);
    const micro =
      r.categoryGroup === 'micro' && r.t.microSchedule ? microVariance(r.t.microSchedule, day) : null;
    const actor = actorOf(principal);
    return {
      task: {
        ...item(r, rules, day),
        description: r.t.description,
        requirement: r.t.requirement,
        responsibleOrg: org ?? null,
        responsiblePerson: r.t.responsiblePerson,
        quantities: r.t.quantities,
        microSchedule: r.t.microSchedule ?? null,
        microExplanation: micro ? `${MICRO_FLAG_LABELS[micro.flag]}：${micro.explanation}` : null,
        returnReason: r.t.returnReason,
      },
      category,
      photos: photos.map((p) => ({
        id: p.id,
        kind: p.kind === 'after' ? ('after' as const) : ('before' as const),
        fileName: p.fileName,
        uploadedAt: p.uploadedAt.toISOString(),
        uploadedByName: p.uploadedByName,
      })),
      events: events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actorName: e.actorName,
        step: e.step,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
      })),
      can: Object.fromEntries(
        TASK_STEP_NAMES.map((s) => [s, mayTakeTaskStep(actor, s, r.t.status)]),
      ) as Record<TaskStep, boolean>,
      canEdit: mayEdit(principal, r.t),
    };
  }

  async function event(
    tx: Db,
    principal: Principal,
    taskId: string,
    step: string,
    from: TaskStatus | null,
    to: TaskStatus | null,
    note: string | null,
  ) {
    await tx.insert(campaignTaskEvents).values({
      taskId,
      at: deps.clock.now(),
      actorId: principal.userId,
      actorName: principal.displayName,
      step,
      fromStatus: from,
      toStatus: to,
      note,
    });
  }

  function audit(tx: Db, actor: AuditActor, action: string, id: string, summary: Record<string, unknown>) {
    return deps.audit.append(
      tx,
      actor,
      { action, objectType: 'campaign_task', objectId: id, result: 'success', summary },
      deps.clock.now(),
    );
  }

  /** Active users of these organisations, but the one acting. */
  async function usersOf(tx: Db, orgIds: (string | null)[], except: string | null): Promise<string[]> {
    const ids = orgIds.filter((o): o is string => !!o);
    if (ids.length === 0) return [];
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.orgId, ids), eq(users.status, 'active')));
    return rows.map((r) => r.id).filter((u) => u !== except);
  }

  /** The region a task may be registered in: under the campaign's district and within the caller's scope. */
  async function checkRegion(principal: Principal, campaignRegionId: string, regionId: string) {
    const [pair] = await db
      .select({
        path: regions.path,
        districtPath: sql<string>`(SELECT path FROM regions WHERE id = ${campaignRegionId})`,
      })
      .from(regions)
      .where(and(eq(regions.id, regionId), isNull(regions.deletedAt)));
    if (!pair || !principal.scopePaths.some((p) => pair.path.startsWith(p))) throw notFound('板块');
    if (!pair.path.startsWith(pair.districtPath) || pair.path === pair.districtPath) {
      throw new AppError('VALIDATION_FAILED', '整治任务须落在本行动所在区的板块', {
        fields: [{ field: 'regionId', message: '请选择本区的板块' }],
      });
    }
  }

  async function checkFields(
    campaignId: string,
    body: { categoryCode: string; batchId?: string | null; responsibleOrgId?: string | null },
  ) {
    const [category] = await db
      .select()
      .from(campaignCategories)
      .where(eq(campaignCategories.code, body.categoryCode));
    if (!category?.enabled) {
      throw new AppError('VALIDATION_FAILED', '类别不存在或已停用', {
        fields: [{ field: 'categoryCode', message: '请选择类别' }],
      });
    }
    if (body.batchId) {
      const [b] = await db
        .select({ id: campaignBatches.id })
        .from(campaignBatches)
        .where(
          and(
            eq(campaignBatches.id, body.batchId),
            eq(campaignBatches.campaignId, campaignId),
            isNull(campaignBatches.deletedAt),
          ),
        );
      if (!b)
        throw new AppError('VALIDATION_FAILED', '批次不属于本行动', {
          fields: [{ field: 'batchId', message: '请选择本行动的批次' }],
        });
    }
    if (body.responsibleOrgId) {
      const [o] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, body.responsibleOrgId));
      if (!o)
        throw new AppError('VALIDATION_FAILED', '责任单位不存在', {
          fields: [{ field: 'responsibleOrgId', message: '请选择责任单位' }],
        });
    }
    return category;
  }

  return {
    load,

    async list(principal: Principal, query: z.output<typeof taskListQuery>) {
      const rules = await deps.campaigns.lightRules();
      const day = today();
      const where: SQL[] = [
        isNull(campaignTasks.deletedAt),
        regionInScope(principal, campaignTasks.regionId),
      ];
      if (query.campaignId) where.push(eq(campaignTasks.campaignId, query.campaignId));
      if (query.batchId) where.push(eq(campaignTasks.batchId, query.batchId));
      if (query.regionId) {
        where.push(
          sql`${campaignTasks.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT path FROM regions WHERE id = ${query.regionId}) || '%')`,
        );
      }
      if (query.categoryCode) where.push(eq(campaignTasks.categoryCode, query.categoryCode));
      if (query.status === 'open') where.push(inArray(campaignTasks.status, [...TASK_OPEN_STATUSES]));
      else if (query.status) where.push(eq(campaignTasks.status, query.status));
      if (query.light) {
        // The light in SQL as taskLight computes it: open and past due, by how many days.
        const late = sql`(${day}::date - ${campaignTasks.dueOn})`;
        const open = sql`${campaignTasks.status} <> 'accepted'`;
        where.push(
          query.light === 'red'
            ? sql`${open} AND ${late} > ${rules.yellowMaxDaysLate}`
            : query.light === 'yellow'
              ? sql`${open} AND ${late} BETWEEN 1 AND ${rules.yellowMaxDaysLate}`
              : sql`NOT (${open} AND ${late} > 0)`,
        );
      }
      if (query.overdue === 'true') {
        where.push(sql`${campaignTasks.status} <> 'accepted' AND ${campaignTasks.dueOn} < ${day}::date`);
      } else if (query.overdue === 'false') {
        where.push(
          sql`NOT (${campaignTasks.status} <> 'accepted' AND ${campaignTasks.dueOn} < ${day}::date)`,
        );
      }
      if (query.q) {
        const like = `%${query.q}%`;
        const match = or(
          ilike(campaignTasks.pointName, like),
          ilike(campaignTasks.taskNo, like),
          ilike(campaignTasks.village, like),
          ilike(campaignTasks.address, like),
        );
        if (match) where.push(match);
      }
      const direction = query.sort?.startsWith('-') ? desc : asc;
      const field = query.sort?.replace(/^-/, '') ?? 'dueOn';
      const column =
        field === 'taskNo'
          ? campaignTasks.taskNo
          : field === 'startOn'
            ? campaignTasks.startOn
            : campaignTasks.dueOn;
      const [rows, [total]] = await Promise.all([
        fromTasks()
          .where(and(...where))
          .orderBy(direction(column), asc(campaignTasks.taskNo))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db
          .select({ n: count() })
          .from(campaignTasks)
          .where(and(...where)),
      ]);
      return {
        items: rows.map((r) => item(r, rules, day)),
        total: total?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    detail,

    async create(principal: Principal, actor: AuditActor, body: z.output<typeof createTaskBody>) {
      const campaign = await deps.campaigns.load(principal, body.campaignId);
      await checkRegion(principal, campaign.regionId, body.regionId);
      await checkFields(campaign.id, body);
      const now = deps.clock.now();
      const id = await db.transaction(async (tx) => {
        // ZZ-<campaign year>-0001 …, one after another whoever registers at the same moment.
        const prefix = `ZZ-${campaign.startOn.slice(0, 4)}-`;
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`campaign-task-no:${prefix}`}))`);
        const [last] = await tx
          .select({ n: sql<number>`coalesce(max(substring(${campaignTasks.taskNo} from 9)::int), 0)::int` })
          .from(campaignTasks)
          .where(sql`${campaignTasks.taskNo} LIKE ${`${prefix}%`}`);
        const taskNo = `${prefix}${String((last?.n ?? 0) + 1).padStart(4, '0')}`;
        const [row] = await tx
          .insert(campaignTasks)
          .values({
            taskNo,
            campaignId: campaign.id,
            batchId: body.batchId ?? null,
            categoryCode: body.categoryCode,
            regionId: body.regionId,
            village: body.village ?? null,
            pointName: body.pointName,
            address: body.address ?? null,
            lon: body.lon ?? null,
            lat: body.lat ?? null,
            description: body.description,
            requirement: body.requirement ?? null,
            responsibleOrgId: body.responsibleOrgId ?? null,
            responsiblePerson: body.responsiblePerson ?? null,
            startOn: body.startOn,
            dueOn: body.dueOn,
            quantities: body.quantities ?? {},
            investmentYuan: body.investmentYuan ?? null,
            microSchedule: body.microSchedule ?? null,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: campaignTasks.id });
        if (!row) throw new Error('task not inserted');
        await event(tx, principal, row.id, 'create', null, 'pending', null);
        await audit(tx, actor, 'campaign_task.create', row.id, { taskNo, pointName: body.pointName });
        return row.id;
      });
      return detail(principal, id);
    },

    async update(principal: Principal, actor: AuditActor, id: string, body: z.output<typeof updateTaskBody>) {
      const r = await load(principal, id);
      if (!mayEdit(principal, r.t)) {
        throw new AppError(
          r.t.status === 'accepted' ? 'CONFLICT' : 'FORBIDDEN',
          r.t.status === 'accepted' ? '任务已验收销号，不能再修改' : '待验收的任务由牵头部门处理',
        );
      }
      await checkFields(r.t.campaignId, body);
      const { version, ...changes } = body;
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(campaignTasks)
          .set({
            ...changes,
            version: sql`${campaignTasks.version} + 1`,
            updatedAt: deps.clock.now(),
            updatedBy: actor.userId,
          })
          .where(and(eq(campaignTasks.id, r.t.id), eq(campaignTasks.version, version)))
          .returning({ id: campaignTasks.id });
        if (updated.length === 0) throw await versionConflict(tx, '整治任务', r.t);
        await event(tx, principal, r.t.id, 'edit', r.t.status, r.t.status, null);
        await audit(tx, actor, 'campaign_task.update', r.t.id, { fields: Object.keys(changes) });
      });
      return detail(principal, id);
    },

    async step(principal: Principal, actor: AuditActor, id: string, body: z.output<typeof taskStepBody>) {
      const r = await load(principal, id);
      const t = r.t;
      if (!mayTakeTaskStep(actorOf(principal), body.step, t.status)) {
        throw new AppError(
          (TASK_STEPS[body.step].from as readonly TaskStatus[]).includes(t.status) ? 'FORBIDDEN' : 'CONFLICT',
          `当前状态（${TASK_STATUS_LABELS[t.status]}）下您不能${TASK_STEPS[body.step].label}`,
        );
      }
      if (t.version !== body.version) throw await versionConflict(db, '整治任务', t);
      const after = await db
        .select({ n: count() })
        .from(campaignPhotos)
        .where(
          and(
            eq(campaignPhotos.taskId, t.id),
            eq(campaignPhotos.kind, 'after'),
            isNull(campaignPhotos.deletedAt),
          ),
        );
      const problem = taskStepProblem(body.step, { afterPhotos: after[0]?.n ?? 0, reason: body.note });
      if (problem) {
        throw new AppError('VALIDATION_FAILED', problem, {
          fields: [{ field: body.step === 'return' ? 'note' : 'photos', message: problem }],
        });
      }
      const day = today();
      const to = TASK_STEPS[body.step].to;
      const completedOn = body.step === 'submit' ? (body.completedOn ?? day) : t.completedOn;
      if (body.step === 'submit' && completedOn && completedOn > day) {
        throw new AppError('VALIDATION_FAILED', '实际完成日期不能晚于今天', {
          fields: [{ field: 'completedOn', message: '实际完成日期不能晚于今天' }],
        });
      }
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(campaignTasks)
          .set({
            status: to,
            completedOn,
            progress: body.step === 'submit' || body.step === 'accept' ? 100 : t.progress,
            acceptedOn: body.step === 'accept' ? day : t.acceptedOn,
            acceptedBy: body.step === 'accept' ? actor.userId : t.acceptedBy,
            returnReason: body.step === 'return' ? (body.note ?? null) : t.returnReason,
            version: sql`${campaignTasks.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(and(eq(campaignTasks.id, t.id), eq(campaignTasks.version, t.version)))
          .returning({ id: campaignTasks.id });
        if (updated.length === 0) throw await versionConflict(tx, '整治任务', t);
        await event(tx, principal, t.id, body.step, t.status, to, body.note ?? null);
        if (body.step === 'accept') await deps.onAccepted?.(tx, t, day, r.regionName);
        await audit(tx, actor, `campaign_task.${body.step}`, t.id, {
          taskNo: t.taskNo,
          from: t.status,
          to,
          ...(body.note ? { note: body.note } : {}),
        });
        // The other side is told: the lead department of a submission, the 板块 of the decision.
        const [campaign] = await tx
          .select({ leadOrgId: campaigns.leadOrgId })
          .from(campaigns)
          .where(eq(campaigns.id, t.campaignId));
        const recipients =
          body.step === 'submit'
            ? await usersOf(tx, [campaign?.leadOrgId ?? null], actor.userId)
            : body.step === 'accept' || body.step === 'return'
              ? await usersOf(tx, [t.responsibleOrgId], actor.userId)
              : [];
        const title =
          body.step === 'submit'
            ? `整治任务待验收：${t.pointName}`
            : body.step === 'accept'
              ? `整治任务已验收销号：${t.pointName}`
              : `整治任务被退回整改：${t.pointName}`;
        await notes.insertMany(
          recipients.map((recipientId) => ({
            recipientId,
            module: 'campaigns',
            title,
            body: `${t.taskNo} · ${r.regionName}${body.step === 'return' && body.note ? ` · 原因：${body.note}` : ''}`,
            link: `/campaigns/tasks/${t.id}`,
          })),
          now,
          tx,
        );
      });
      return detail(principal, id);
    },

    /** Stores a before- or after-photo of a task the caller may edit (images only, by content). */
    async uploadPhoto(
      principal: Principal,
      actor: AuditActor,
      id: string,
      kind: 'before' | 'after',
      file: { fileName: string; stream: Readable },
    ) {
      const r = await load(principal, id);
      const t = r.t;
      const allowed: readonly TaskStatus[] =
        kind === 'before' ? ['pending', 'in_progress', 'returned'] : ['in_progress', 'returned'];
      if (!allowed.includes(t.status) || !mayEdit(principal, t)) {
        throw new AppError(
          'CONFLICT',
          kind === 'before'
            ? `${TASK_STATUS_LABELS[t.status]}的任务不能再补整改前照片`
            : '整改后照片在整治中或退回整改时上传',
        );
      }
      const photo = await photos.store(file, (stored) =>
        db.transaction(async (tx) => {
          await tx.insert(campaignPhotos).values({
            ...stored,
            taskId: t.id,
            kind,
            uploadedBy: principal.userId,
            uploadedByName: principal.displayName,
          });
          await tx
            .update(campaignTasks)
            .set(
              kind === 'before'
                ? { beforePhotoIds: sql`array_append(${campaignTasks.beforePhotoIds}, ${stored.id}::uuid)` }
                : { afterPhotoIds: sql`array_append(${campaignTasks.afterPhotoIds}, ${stored.id}::uuid)` },
            )
            .where(eq(campaignTasks.id, t.id));
          await event(tx, principal, t.id, `photo.${kind}`, t.status, t.status, stored.fileName);
          await audit(tx, actor, 'campaign_task.photo', t.id, {
            photoId: stored.id,
            kind,
            fileName: stored.fileName,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
          });
        }),
      );
      return {
        id: photo.id,
        kind,
        fileName: photo.fileName,
        uploadedAt: photo.uploadedAt.toISOString(),
        uploadedByName: principal.displayName,
      };
    },

    async openPhoto(principal: Principal, id: string, photoId: string) {
      await load(principal, id);
      return photos.open(id, photoId);
    },

    /** Removes a photo while the task is still being worked (a submitted or accepted task keeps its evidence). */
    async deletePhoto(principal: Principal, actor: AuditActor, id: string, photoId: string) {
      const r = await load(principal, id);
      if (!mayEdit(principal, r.t) || !['pending', 'in_progress', 'returned'].includes(r.t.status)) {
        throw new AppError('CONFLICT', '待验收或已销号的任务不能删除照片');
      }
      const [p] = await db
        .select()
        .from(campaignPhotos)
        .where(
          and(
            eq(campaignPhotos.id, photoId),
            eq(campaignPhotos.taskId, id),
            isNull(campaignPhotos.deletedAt),
          ),
        );
      if (!p) throw notFound('照片');
      await db.transaction(async (tx) => {
        await tx
          .update(campaignPhotos)
          .set({ deletedAt: deps.clock.now() })
          .where(eq(campaignPhotos.id, p.id));
        await tx
          .update(campaignTasks)
          .set({
            beforePhotoIds: sql`array_remove(${campaignTasks.beforePhotoIds}, ${p.id}::uuid)`,
            afterPhotoIds: sql`array_remove(${campaignTasks.afterPhotoIds}, ${p.id}::uuid)`,
          })
          .where(eq(campaignTasks.id, id));
        await event(tx, principal, id, 'photo.delete', r.t.status, r.t.status, p.fileName);
        await audit(tx, actor, 'campaign_task.photo.delete', id, { photoId: p.id, kind: p.kind });
      });
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;

/** The light a task has on a day (the progress page and the map colour by it). */
export function lightOf(
  t: { status: TaskStatus; dueOn: string; acceptedOn: string | null },
  day: string,
  rules: TaskLightRules,
): Light {
  return taskLight(t, day, rules).light;
}

/** Whether the caller may change a task in this state: the 板块 until it is submitted, the lead until accepted. */
export function mayEditTask(principal: Principal, status: TaskStatus): boolean {
  if (status === 'accepted') return false;
  return (
    principal.actions.has('campaign.admin') ||
    (principal.actions.has('campaign.write') && status !== 'submitted')
  );
}
