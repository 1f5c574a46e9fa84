import type {
  batchBody,
  CampaignCategory,
  CampaignItem,
  campaignListQuery,
  createCampaignBody,
  createCategoryBody,
  updateBatchBody,
  updateCampaignBody,
  updateCategoryBody,
} from '@groundbreak/contract';
import {
  DEFAULT_MAINTENANCE_RULES,
  DEFAULT_TASK_LIGHT_RULES,
  type MaintenanceRules,
  type TaskLightRules,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../../clock';
import type { Database, Db } from '../../db/database';
import {
  appSettings,
  campaignBatches,
  campaignCategories,
  campaigns,
  campaignTasks,
  orgs,
  regions,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';

// Campaigns (行动) and their batches, and the task categories. A campaign belongs to a district and is set
// up by its lead department (区城管局) or 区发改 (campaign.admin); it is seen by users whose scope lies in
// or over its district — a 板块 sees the district's campaigns, and only its own tasks in them.

const LIGHT_RULES_KEY = 'campaign.task-light-rules';
const MAINTENANCE_RULES_KEY = 'campaign.maintenance-rules';

export function createCampaignsService(deps: { database: Database; clock: Clock; audit: AuditRepository }) {
  const { db } = deps.database;

  /** A campaign is visible when the caller's scope lies within its district or covers it. */
  function campaignVisible(principal: Principal) {
    if (principal.scopePaths.length === 0) return sql`false`;
    const either = principal.scopePaths.map(
      (p) => sql`(cr.path LIKE ${`${p}%`} OR ${p} LIKE cr.path || '%')`,
    );
    // Qualified by hand: drizzle writes a lone table's columns unqualified, which a subquery would rebind.
    return sql`EXISTS (SELECT 1 FROM regions cr WHERE cr.id = "campaigns"."region_id" AND (${sql.join(either, sql` OR `)}))`;
  }

  async function audit(
    tx: Db,
    actor: AuditActor,
    action: string,
    id: string,
    summary: Record<string, unknown>,
  ) {
    await deps.audit.append(
      tx,
      actor,
      { action, objectType: 'campaign', objectId: id, result: 'success', summary },
      deps.clock.now(),
    );
  }

  async function items(principal: Principal, ids: string[]): Promise<CampaignItem[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .select({
        c: campaigns,
        regionName: regions.name,
        leadName: orgs.name,
        tasks: sql<number>`(SELECT count(*)::int FROM campaign_tasks WHERE campaign_tasks.campaign_id = "campaigns"."id"
          AND campaign_tasks.deleted_at IS NULL AND ${regionInScope(principal, campaignTasks.regionId)})`,
      })
      .from(campaigns)
      .innerJoin(regions, eq(regions.id, campaigns.regionId))
      .leftJoin(orgs, eq(orgs.id, campaigns.leadOrgId))
      .where(inArray(campaigns.id, ids));
    const batches = await db
      .select({
        b: campaignBatches,
        tasks: sql<number>`(SELECT count(*)::int FROM campaign_tasks WHERE campaign_tasks.batch_id = "campaign_batches"."id"
          AND campaign_tasks.deleted_at IS NULL AND ${regionInScope(principal, campaignTasks.regionId)})`,
      })
      .from(campaignBatches)
      .where(and(inArray(campaignBatches.campaignId, ids), isNull(campaignBatches.deletedAt)))
      .orderBy(asc(campaignBatches.sortOrder), asc(campaignBatches.startOn));
    const byId = new Map(
      rows.map((r) => [
        r.c.id,
        {
          id: r.c.id,
          name: r.c.name,
          regionId: r.c.regionId,
          regionName: r.regionName,
          leadOrg: r.c.leadOrgId && r.leadName ? { id: r.c.leadOrgId, name: r.leadName } : null,
          areaTag: r.c.areaTag,
          startOn: r.c.startOn,
          endOn: r.c.endOn,
          description: r.c.description,
          batches: batches
            .filter((b) => b.b.campaignId === r.c.id)
            .map((b) => ({
              id: b.b.id,
              name: b.b.name,
              startOn: b.b.startOn,
              endOn: b.b.endOn,
              tasks: b.tasks,
              version: b.b.version,
            })),
          tasks: r.tasks,
          version: r.c.version,
        } satisfies CampaignItem,
      ]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async function load(principal: Principal, id: string) {
    const [row] = await db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, id), isNull(campaigns.deletedAt), campaignVisible(principal)));
    if (!row) throw notFound('专项行动');
    return row;
  }

  async function detail(principal: Principal, id: string): Promise<CampaignItem> {
    await load(principal, id);
    const [item] = await items(principal, [id]);
    if (!item) throw notFound('专项行动');
    return item;
  }

  /** The district a new campaign runs in: the asked one, which must lie in the caller's scope. */
  async function districtOf(principal: Principal, regionId: string | undefined): Promise<string> {
    const wanted = regionId ?? principal.regionScopeIds[0];
    if (!wanted) throw new AppError('VALIDATION_FAILED', '请选择行动所在的区');
    const [r] = await db
      .select({ id: regions.id, path: regions.path, level: regions.level })
      .from(regions)
      .where(and(eq(regions.id, wanted), isNull(regions.deletedAt)));
    if (!r || !principal.scopePaths.some((p) => r.path.startsWith(p))) throw notFound('区域');
    if (r.level !== 'district') throw new AppError('VALIDATION_FAILED', '专项行动以区为单位设立');
    return r.id;
  }

  return {
    load,
    campaignVisible,

    async categories(): Promise<CampaignCategory[]> {
      const rows = await db.select().from(campaignCategories).orderBy(asc(campaignCategories.sortOrder));
      return rows.map((r) => ({
        code: r.code,
        group: r.group,
        name: r.name,
        indicators: r.indicators,
        checklist: r.checklist,
        rectifyWorkingDays: r.rectifyWorkingDays,
        inspectEveryDays: r.inspectEveryDays,
        enabled: r.enabled,
        version: r.version,
      }));
    },

    /** A new category (the configurable others of §11.2). */
    async addCategory(
      actor: AuditActor,
      body: z.output<typeof createCategoryBody>,
    ): Promise<CampaignCategory[]> {
      await db.transaction(async (tx) => {
        const [dup] = await tx
          .select({ code: campaignCategories.code })
          .from(campaignCategories)
          .where(eq(campaignCategories.code, body.code));
        if (dup)
          throw new AppError('VALIDATION_FAILED', `类别代码 ${body.code} 已存在`, {
            fields: [{ field: 'code', message: '类别代码已存在' }],
          });
        const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(campaignCategories);
        await tx
          .insert(campaignCategories)
          .values({ ...body, sortOrder: n, updatedAt: deps.clock.now(), updatedBy: actor.userId });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'campaign.category.create',
            objectType: 'campaign_category',
            objectId: body.code,
            result: 'success',
            summary: { name: body.name },
          },
          deps.clock.now(),
        );
      });
      return this.categories();
    },

    /** Edits a category: what its tasks count, its checklist (for points entered from now on), its days. */
    async updateCategory(
      actor: AuditActor,
      code: string,
      body: z.output<typeof updateCategoryBody>,
    ): Promise<CampaignCategory[]> {
      const [row] = await db.select().from(campaignCategories).where(eq(campaignCategories.code, code));
      if (!row) throw notFound('类别');
      const { version, ...changes } = body;
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(campaignCategories)
          .set({
            ...changes,
            version: sql`${campaignCategories.version} + 1`,
            updatedAt: deps.clock.now(),
            updatedBy: actor.userId,
          })
          .where(and(eq(campaignCategories.code, code), eq(campaignCategories.version, version)))
          .returning({ code: campaignCategories.code });
        if (updated.length === 0) {
          throw await versionConflict(tx, '类别', { ...row, updatedAt: row.updatedAt });
        }
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'campaign.category.update',
            objectType: 'campaign_category',
            objectId: code,
            result: 'success',
            summary: { fields: Object.keys(changes) },
          },
          deps.clock.now(),
        );
      });
      return this.categories();
    },

    /** The pass mark of maintenance inspections [A: 80], as configured. */
    async maintenanceRules(): Promise<MaintenanceRules> {
      const [row] = await db.select().from(appSettings).where(eq(appSettings.key, MAINTENANCE_RULES_KEY));
      return { ...DEFAULT_MAINTENANCE_RULES, ...((row?.value as Partial<MaintenanceRules>) ?? {}) };
    },

    async saveMaintenanceRules(actor: AuditActor, rules: MaintenanceRules): Promise<MaintenanceRules> {
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        await tx
          .insert(appSettings)
          .values({ key: MAINTENANCE_RULES_KEY, value: rules, updatedAt: now })
          .onConflictDoUpdate({ target: appSettings.key, set: { value: rules, updatedAt: now } });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'campaign.maintenance-rules',
            objectType: 'setting',
            result: 'success',
            summary: { ...rules },
          },
          now,
        );
      });
      return rules;
    },

    /** The overdue thresholds of task lights [A: 黄 ≤ 7 days late], as configured. */
    async lightRules(): Promise<TaskLightRules> {
      const [row] = await db.select().from(appSettings).where(eq(appSettings.key, LIGHT_RULES_KEY));
      return { ...DEFAULT_TASK_LIGHT_RULES, ...((row?.value as Partial<TaskLightRules>) ?? {}) };
    },

    async saveLightRules(actor: AuditActor, rules: TaskLightRules): Promise<TaskLightRules> {
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        await tx
          .insert(appSettings)
          .values({ key: LIGHT_RULES_KEY, value: rules, updatedAt: now })
          .onConflictDoUpdate({ target: appSettings.key, set: { value: rules, updatedAt: now } });
        await deps.audit.append(
          tx,
          actor,
          { action: 'campaign.light-rules', objectType: 'setting', result: 'success', summary: { ...rules } },
          now,
        );
      });
      return rules;
    },

    async list(principal: Principal, query: z.output<typeof campaignListQuery>) {
      const where = and(isNull(campaigns.deletedAt), campaignVisible(principal));
      const order =
        query.sort === 'name'
          ? asc(campaigns.name)
          : query.sort === '-name'
            ? desc(campaigns.name)
            : query.sort === 'startOn'
              ? asc(campaigns.startOn)
              : desc(campaigns.startOn);
      const [rows, [total]] = await Promise.all([
        db
          .select({ id: campaigns.id })
          .from(campaigns)
          .where(where)
          .orderBy(order, desc(campaigns.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(campaigns).where(where),
      ]);
      return {
        items: await items(
          principal,
          rows.map((r) => r.id),
        ),
        total: total?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    detail,

    async create(principal: Principal, actor: AuditActor, body: z.output<typeof createCampaignBody>) {
      const regionId = await districtOf(principal, body.regionId);
      const now = deps.clock.now();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(campaigns)
          .values({
            name: body.name,
            regionId,
            leadOrgId: body.leadOrgId ?? null,
            areaTag: body.areaTag ?? null,
            startOn: body.startOn,
            endOn: body.endOn,
            description: body.description ?? null,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: campaigns.id });
        if (!row) throw new Error('campaign not inserted');
        await audit(tx, actor, 'campaign.create', row.id, { name: body.name });
        return row.id;
      });
      return detail(principal, id);
    },

    async update(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof updateCampaignBody>,
    ) {
      const c = await load(principal, id);
      const { version, ...changes } = body;
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(campaigns)
          .set({
            ...changes,
            version: sql`${campaigns.version} + 1`,
            updatedAt: deps.clock.now(),
            updatedBy: actor.userId,
          })
          .where(and(eq(campaigns.id, c.id), eq(campaigns.version, version)))
          .returning({ id: campaigns.id });
        if (updated.length === 0) throw await versionConflict(tx, '专项行动', c);
        await audit(tx, actor, 'campaign.update', c.id, { fields: Object.keys(changes) });
      });
      return detail(principal, id);
    },

    async addBatch(principal: Principal, actor: AuditActor, id: string, body: z.output<typeof batchBody>) {
      const c = await load(principal, id);
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        const [dup] = await tx
          .select({ id: campaignBatches.id })
          .from(campaignBatches)
          .where(
            and(
              eq(campaignBatches.campaignId, c.id),
              eq(campaignBatches.name, body.name),
              isNull(campaignBatches.deletedAt),
            ),
          );
        if (dup)
          throw new AppError('VALIDATION_FAILED', `已有批次“${body.name}”`, {
            fields: [{ field: 'name', message: '批次名称重复' }],
          });
        const [{ n } = { n: 0 }] = await tx
          .select({ n: count() })
          .from(campaignBatches)
          .where(eq(campaignBatches.campaignId, c.id));
        const [row] = await tx
          .insert(campaignBatches)
          .values({
            campaignId: c.id,
            name: body.name,
            startOn: body.startOn,
            endOn: body.endOn,
            sortOrder: n,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: campaignBatches.id });
        await audit(tx, actor, 'campaign.batch.create', c.id, { batchId: row?.id, name: body.name });
      });
      return detail(principal, c.id);
    },

    async updateBatch(
      principal: Principal,
      actor: AuditActor,
      batchId: string,
      body: z.output<typeof updateBatchBody>,
    ) {
      const [b] = await db
        .select()
        .from(campaignBatches)
        .where(and(eq(campaignBatches.id, batchId), isNull(campaignBatches.deletedAt)));
      if (!b) throw notFound('批次');
      await load(principal, b.campaignId).catch(() => {
        throw notFound('批次');
      });
      const { version, ...changes } = body;
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(campaignBatches)
          .set({
            ...changes,
            version: sql`${campaignBatches.version} + 1`,
            updatedAt: deps.clock.now(),
            updatedBy: actor.userId,
          })
          .where(and(eq(campaignBatches.id, b.id), eq(campaignBatches.version, version)))
          .returning({ id: campaignBatches.id });
        if (updated.length === 0) throw await versionConflict(tx, '批次', b);
        await audit(tx, actor, 'campaign.batch.update', b.campaignId, { batchId: b.id, ...changes });
      });
      return detail(principal, b.campaignId);
    },
  };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
