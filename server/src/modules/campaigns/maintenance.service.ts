import type { Readable } from 'node:stream';
import type {
  inspectionBody,
  MaintenancePoint,
  MaintenancePointResponse,
  maintenancePointListQuery,
  updatePointBody,
} from '@groundbreak/contract';
import {
  checklistProblem,
  inspectionOutcome,
  type MaintenanceRules,
  pointStatus,
  rectificationDueOn,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import {
  campaignCategories,
  campaignPhotos,
  campaignTasks,
  maintenanceInspections,
  maintenancePoints,
  rectificationOrders,
  regions,
  users,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { CalendarService } from '../calendar/calendar.service';
import { createNotificationsRepository } from '../notifications/notifications.repository';
import type { Principal } from '../registry';
import { createCampaignPhotoStore } from './campaign-photos';

// 长效管护 (domain.md §11.3): every accepted task's point enters the maintenance ledger, kept by its village or
// community with its category's checklist and inspection frequency. The 板块 inspects monthly and the district
// spot-checks, on a phone: each item passed or not, a score, photos. A failed inspection is a rebound (反弹)
// and raises a 整改单 due in the category's working days; the next inspection of the point re-inspects it and,
// passing, closes it. Rebounds count against the 板块 in the campaign ranking.

type PointRow = typeof maintenancePoints.$inferSelect;

export function createMaintenanceService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditRepository;
  calendar: CalendarService;
  dataDir: string;
  maxBytes: number;
  /** The configured pass mark (campaign settings). */
  rules: () => Promise<MaintenanceRules>;
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

  const columns = {
    p: maintenancePoints,
    taskNo: campaignTasks.taskNo,
    pointName: campaignTasks.pointName,
    categoryCode: campaignTasks.categoryCode,
    categoryName: campaignCategories.name,
    village: campaignTasks.village,
    acceptedOn: campaignTasks.acceptedOn,
    campaignId: campaignTasks.campaignId,
    responsibleOrgId: campaignTasks.responsibleOrgId,
    regionName: regions.name,
  };
  const fromPoints = () =>
    db
      .select(columns)
      .from(maintenancePoints)
      .innerJoin(campaignTasks, eq(campaignTasks.id, maintenancePoints.taskId))
      .innerJoin(campaignCategories, eq(campaignCategories.code, campaignTasks.categoryCode))
      .innerJoin(regions, eq(regions.id, maintenancePoints.regionId));
  type Joined = Awaited<ReturnType<ReturnType<typeof fromPoints>['execute']>>[number];

  async function present(rows: Joined[], day: string): Promise<MaintenancePoint[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.p.id);
    const [orders, failures] = await Promise.all([
      db
        .select()
        .from(rectificationOrders)
        .where(and(inArray(rectificationOrders.pointId, ids), eq(rectificationOrders.status, 'open'))),
      db
        .select({ pointId: maintenanceInspections.pointId, n: count() })
        .from(maintenanceInspections)
        .where(and(inArray(maintenanceInspections.pointId, ids), eq(maintenanceInspections.passed, false)))
        .groupBy(maintenanceInspections.pointId),
    ]);
    return rows.map((r) => {
      const open = orders.find((o) => o.pointId === r.p.id) ?? null;
      const s = pointStatus(
        {
          enteredOn: r.p.enteredOn,
          lastInspectedOn: r.p.lastInspectedOn,
          everyDays: r.p.everyDays,
          openOrders: open ? 1 : 0,
        },
        day,
      );
      return {
        id: r.p.id,
        task: {
          id: r.p.taskId,
          taskNo: r.taskNo,
          pointName: r.pointName,
          categoryCode: r.categoryCode,
          categoryName: r.categoryName,
          village: r.village,
          acceptedOn: r.acceptedOn,
        },
        regionId: r.p.regionId,
        regionName: r.regionName,
        keeper: r.p.keeper,
        keeperPerson: r.p.keeperPerson,
        everyDays: r.p.everyDays,
        enteredOn: r.p.enteredOn,
        lastInspectedOn: r.p.lastInspectedOn,
        nextInspectionOn: s.nextInspectionOn,
        daysOverdue: s.daysOverdue,
        status: s.status,
        rebounds: failures.find((f) => f.pointId === r.p.id)?.n ?? 0,
        openOrder: open
          ? {
              id: open.id,
              orderNo: open.orderNo,
              requirement: open.requirement,
              dueOn: open.dueOn,
              status: open.status,
              closedOn: open.closedOn,
              overdue: open.dueOn < day,
            }
          : null,
        version: r.p.version,
      };
    });
  }

  async function load(principal: Principal, id: string): Promise<Joined> {
    const [row] = await fromPoints().where(
      and(
        eq(maintenancePoints.id, id),
        isNull(maintenancePoints.deletedAt),
        regionInScope(principal, maintenancePoints.regionId),
      ),
    );
    if (!row) throw notFound('管护点位');
    return row;
  }

  const mayInspect = (principal: Principal) =>
    principal.actions.has('campaign.write') || principal.actions.has('campaign.admin');

  async function detail(principal: Principal, id: string): Promise<MaintenancePointResponse> {
    const r = await load(principal, id);
    const day = today();
    const rules = await deps.rules();
    const [point] = await present([r], day);
    if (!point) throw notFound('管护点位');
    const [inspections, orders, photos] = await Promise.all([
      db
        .select()
        .from(maintenanceInspections)
        .where(eq(maintenanceInspections.pointId, id))
        .orderBy(
          desc(maintenanceInspections.inspectedOn),
          desc(maintenanceInspections.createdAt),
          desc(maintenanceInspections.id),
        ),
      db
        .select()
        .from(rectificationOrders)
        .where(eq(rectificationOrders.pointId, id))
        .orderBy(desc(rectificationOrders.createdAt), desc(rectificationOrders.id)),
      db
        .select({
          id: campaignPhotos.id,
          fileName: campaignPhotos.fileName,
          inspectionId: campaignPhotos.inspectionId,
        })
        .from(campaignPhotos)
        .where(
          and(
            eq(campaignPhotos.taskId, r.p.taskId),
            eq(campaignPhotos.kind, 'inspection'),
            isNull(campaignPhotos.deletedAt),
          ),
        ),
    ]);
    return {
      point,
      checklist: r.p.checklist,
      passScore: rules.passScore,
      inspections: inspections.map((i) => ({
        id: i.id,
        inspectedOn: i.inspectedOn,
        inspectorName: i.inspectorName,
        results: i.results,
        score: i.score,
        passed: i.passed,
        explanation: inspectionOutcome(i.results, i.score, rules).explanation,
        note: i.note,
        photos: photos
          .filter((p) => p.inspectionId === i.id)
          .map((p) => ({ id: p.id, fileName: p.fileName })),
        orderId: i.orderId,
      })),
      orders: orders.map((o) => ({
        id: o.id,
        orderNo: o.orderNo,
        requirement: o.requirement,
        dueOn: o.dueOn,
        status: o.status,
        closedOn: o.closedOn,
        overdue: o.status === 'open' && o.dueOn < day,
      })),
      canInspect: mayInspect(principal),
      canEdit: mayInspect(principal),
    };
  }

  function audit(tx: Db, actor: AuditActor, action: string, id: string, summary: Record<string, unknown>) {
    return deps.audit.append(
      tx,
      actor,
      { action, objectType: 'maintenance_point', objectId: id, result: 'success', summary },
      deps.clock.now(),
    );
  }

  return {
    /**
     * Enters an accepted task's point into the ledger (in the acceptance's transaction): kept by its village
     * or community, with its category's checklist and frequency, from the day of acceptance.
     */
    async enter(tx: Db, task: typeof campaignTasks.$inferSelect, acceptedOn: string, regionName: string) {
      const [category] = await tx
        .select()
        .from(campaignCategories)
        .where(eq(campaignCategories.code, task.categoryCode));
      if (!category) throw new Error(`unknown category ${task.categoryCode}`);
      const now = deps.clock.now();
      await tx
        .insert(maintenancePoints)
        .values({
          taskId: task.id,
          regionId: task.regionId,
          keeper: task.village ?? regionName,
          keeperPerson: null,
          checklist: category.checklist,
          everyDays: category.inspectEveryDays,
          enteredOn: acceptedOn,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing();
    },

    async list(principal: Principal, query: z.output<typeof maintenancePointListQuery>) {
      const day = today();
      const where: SQL[] = [
        isNull(maintenancePoints.deletedAt),
        regionInScope(principal, maintenancePoints.regionId),
      ];
      if (query.campaignId) where.push(eq(campaignTasks.campaignId, query.campaignId));
      if (query.regionId) {
        where.push(
          sql`${maintenancePoints.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT path FROM regions WHERE id = ${query.regionId}) || '%')`,
        );
      }
      if (query.q)
        where.push(
          sql`(${campaignTasks.pointName} ILIKE ${`%${query.q}%`} OR ${maintenancePoints.keeper} ILIKE ${`%${query.q}%`})`,
        );
      // The status in SQL as pointStatus reads it: an open 整改单, else the inspection due by the frequency.
      const hasOpen = sql`EXISTS (SELECT 1 FROM rectification_orders o WHERE o.point_id = "maintenance_points"."id" AND o.status = 'open')`;
      const due = sql`(coalesce(${maintenancePoints.lastInspectedOn}, ${maintenancePoints.enteredOn}) + ${maintenancePoints.everyDays}) <= ${day}::date`;
      if (query.status === 'rectifying') where.push(hasOpen);
      else if (query.status === 'inspection_due') where.push(sql`NOT ${hasOpen} AND ${due}`);
      else if (query.status === 'ok') where.push(sql`NOT ${hasOpen} AND NOT ${due}`);
      const direction = query.sort?.startsWith('-') ? desc : asc;
      const column = query.sort?.includes('lastInspectedOn')
        ? maintenancePoints.lastInspectedOn
        : maintenancePoints.enteredOn;
      const base = () =>
        db
          .select({ n: count() })
          .from(maintenancePoints)
          .innerJoin(campaignTasks, eq(campaignTasks.id, maintenancePoints.taskId));
      const [rows, [total]] = await Promise.all([
        fromPoints()
          .where(and(...where))
          .orderBy(direction(column), asc(campaignTasks.taskNo))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        base().where(and(...where)),
      ]);
      return {
        items: await present(rows, day),
        total: total?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    detail,

    async update(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof updatePointBody>,
    ) {
      const r = await load(principal, id);
      if (!mayInspect(principal)) throw new AppError('FORBIDDEN', '您不能修改管护台账');
      const { version, ...changes } = body;
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(maintenancePoints)
          .set({
            ...changes,
            version: sql`${maintenancePoints.version} + 1`,
            updatedAt: deps.clock.now(),
            updatedBy: actor.userId,
          })
          .where(and(eq(maintenancePoints.id, id), eq(maintenancePoints.version, version)))
          .returning({ id: maintenancePoints.id });
        if (updated.length === 0) throw await versionConflict(tx, '管护点位', r.p as PointRow);
        await audit(tx, actor, 'maintenance_point.update', id, changes);
      });
      return detail(principal, id);
    },

    /**
     * Records an inspection. Failed with no 整改单 open: a rebound, and a 整改单 due in the category's working
     * days, told to the point's responsible unit. With one open: the re-inspection, which closes it if it passes.
     */
    async inspect(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof inspectionBody>,
    ) {
      const r = await load(principal, id);
      if (!mayInspect(principal)) throw new AppError('FORBIDDEN', '您不能填写巡查记录');
      const day = today();
      const field = (name: string, message: string) =>
        new AppError('VALIDATION_FAILED', message, { fields: [{ field: name, message }] });
      if (body.inspectedOn > day) throw field('inspectedOn', '巡查日期不能晚于今天');
      if (body.inspectedOn < r.p.enteredOn) throw field('inspectedOn', '巡查日期不能早于纳入管护的日期');
      const problem = checklistProblem(r.p.checklist, body.results);
      if (problem) throw field('results', problem);
      const photoIds = [...new Set(body.photoIds)];
      if (photoIds.length > 0) {
        const found = await db
          .select({ id: campaignPhotos.id })
          .from(campaignPhotos)
          .where(
            and(
              inArray(campaignPhotos.id, photoIds),
              eq(campaignPhotos.taskId, r.p.taskId),
              eq(campaignPhotos.kind, 'inspection'),
              isNull(campaignPhotos.inspectionId),
              isNull(campaignPhotos.deletedAt),
            ),
          );
        if (found.length !== photoIds.length) throw field('photoIds', '照片不存在或已用于其他巡查');
      }
      const outcome = inspectionOutcome(body.results, body.score, await deps.rules());
      const [category] = await db
        .select()
        .from(campaignCategories)
        .where(eq(campaignCategories.code, r.categoryCode));
      const calendar = await deps.calendar.calendar();
      const now = deps.clock.now();
      const inspectionId = uuidv7();
      await db.transaction(async (tx) => {
        // One inspection of a point at a time: the open 整改单 is read and closed under the point's row lock.
        await tx.execute(sql`SELECT 1 FROM maintenance_points WHERE id = ${id}::uuid FOR UPDATE`);
        const [open] = await tx
          .select()
          .from(rectificationOrders)
          .where(and(eq(rectificationOrders.pointId, id), eq(rectificationOrders.status, 'open')));
        await tx.insert(maintenanceInspections).values({
          id: inspectionId,
          pointId: id,
          inspectedOn: body.inspectedOn,
          inspectorId: principal.userId,
          inspectorName: principal.displayName,
          results: body.results,
          score: body.score,
          passed: outcome.passed,
          note: body.note ?? null,
          photoIds,
          orderId: open?.id ?? null,
          createdAt: now,
        });
        if (photoIds.length > 0) {
          await tx.update(campaignPhotos).set({ inspectionId }).where(inArray(campaignPhotos.id, photoIds));
        }
        await tx
          .update(maintenancePoints)
          .set({
            lastInspectedOn: sql`greatest(${maintenancePoints.lastInspectedOn}, ${body.inspectedOn}::date)`,
            updatedAt: now,
          })
          .where(eq(maintenancePoints.id, id));
        let orderNo: string | null = null;
        if (open && outcome.passed) {
          await tx
            .update(rectificationOrders)
            .set({ status: 'closed', closedOn: body.inspectedOn, closedByInspectionId: inspectionId })
            .where(eq(rectificationOrders.id, open.id));
        } else if (!open && !outcome.passed) {
          const prefix = `ZG-${body.inspectedOn.slice(0, 4)}-`;
          await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`rectification-no:${prefix}`}))`);
          const [last] = await tx
            .select({
              n: sql<number>`coalesce(max(substring(${rectificationOrders.orderNo} from 9)::int), 0)::int`,
            })
            .from(rectificationOrders)
            .where(sql`${rectificationOrders.orderNo} LIKE ${`${prefix}%`}`);
          orderNo = `${prefix}${String((last?.n ?? 0) + 1).padStart(4, '0')}`;
          const dueOn = rectificationDueOn(calendar, body.inspectedOn, category?.rectifyWorkingDays ?? 15);
          await tx.insert(rectificationOrders).values({
            orderNo,
            pointId: id,
            inspectionId,
            requirement: `${outcome.explanation}。请于${dueOn}前整改到位，申请复查。`,
            dueOn,
            createdAt: now,
            createdBy: actor.userId,
          });
          const recipients = (
            await tx
              .select({ id: users.id })
              .from(users)
              .where(
                and(
                  eq(users.status, 'active'),
                  r.responsibleOrgId ? eq(users.orgId, r.responsibleOrgId) : sql`false`,
                ),
              )
          )
            .map((u) => u.id)
            .filter((u) => u !== actor.userId);
          await notes.insertMany(
            recipients.map((recipientId) => ({
              recipientId,
              module: 'campaigns',
              title: `管护巡查不合格（反弹），请限期整改：${r.pointName}`,
              body: `${orderNo} · ${r.regionName} · ${outcome.explanation} · 期限${dueOn}`,
              link: `/campaigns/maintenance/${id}`,
            })),
            now,
            tx,
          );
        }
        await audit(tx, actor, 'maintenance_point.inspect', id, {
          inspectionId,
          inspectedOn: body.inspectedOn,
          score: body.score,
          passed: outcome.passed,
          ...(open ? { reinspects: open.orderNo } : {}),
          ...(orderNo ? { orderNo } : {}),
        });
      });
      return detail(principal, id);
    },

    async uploadPhoto(
      principal: Principal,
      actor: AuditActor,
      id: string,
      file: { fileName: string; stream: Readable },
    ) {
      const r = await load(principal, id);
      if (!mayInspect(principal)) throw new AppError('FORBIDDEN', '您不能上传巡查照片');
      const photo = await photos.store(file, (stored) =>
        db.transaction(async (tx) => {
          await tx.insert(campaignPhotos).values({
            ...stored,
            taskId: r.p.taskId,
            kind: 'inspection',
            uploadedBy: principal.userId,
            uploadedByName: principal.displayName,
          });
          await audit(tx, actor, 'maintenance_point.photo', id, {
            photoId: stored.id,
            fileName: stored.fileName,
            sha256: stored.sha256,
          });
        }),
      );
      return { id: photo.id, fileName: photo.fileName, uploadedAt: photo.uploadedAt.toISOString() };
    },

    async openPhoto(principal: Principal, id: string, photoId: string) {
      const r = await load(principal, id);
      return photos.open(r.p.taskId, photoId);
    },
  };
}

export type MaintenanceService = ReturnType<typeof createMaintenanceService>;
