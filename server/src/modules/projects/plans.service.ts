import type { TargetMetric } from '@groundbreak/contract';
import { deriveYearCategory, M2_PER_MU, type StartCategory } from '@groundbreak/domain';
import { and, asc, count, desc, eq, isNull, max, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import {
  annualPlanItems,
  annualPlans,
  projects,
  projectYearPlans,
  regions,
  targets,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { chineseOrder, offsetOf, orderByOf, type PageRequest } from '../../lib/paging';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import { projectInScope } from './projects.repository';

// The annual plan (年度计划) and targets. Approving a plan freezes, per project, the year's start category
// and 年度计划投资 as they stand; statistics read the latest approved version, never the live values.
// Targets are rows (year, region, metric, value) counted against the region's subtree.

type Deps = { database: Database; audit: AuditRepository; clock: Clock };

const inSubtree = (regionColumn: SQLWrapper, regionId: string) =>
  sql`${regionColumn} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = ${regionId}) || '%')`;

/** The projects of a year's plan in a region's subtree: a declared 年度计划投资, not deleted or terminated. */
function yearPlanRows(year: number, regionId: string): SQL | undefined {
  return and(
    eq(projectYearPlans.year, year),
    isNull(projects.deletedAt),
    sql`${projects.state} <> 'TERMINATED'`,
    inSubtree(projects.regionId, regionId),
  );
}

/** What approving freezes per project: its start category and flag derived for the year, and its plan. */
export async function freezePlanItems(tx: Db, year: number, regionId: string) {
  const rows = await tx
    .select({ project: projects, plannedInvestment: projectYearPlans.plannedInvestment })
    .from(projectYearPlans)
    .innerJoin(projects, eq(projects.id, projectYearPlans.projectId))
    .where(yearPlanRows(year, regionId));
  return rows.flatMap(({ project, plannedInvestment }) => {
    const category = deriveYearCategory(project, year);
    return category
      ? [
          {
            projectId: project.id,
            regionId: project.regionId,
            startCategory: category.start,
            completing: category.completing,
            plannedInvestment,
          },
        ]
      : [];
  });
}

export function createPlansService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;

  /** The district a user works in: the district region holding their first scope (or that scope itself). */
  async function districtOf(principal: Principal): Promise<string> {
    const path = principal.scopePaths[0];
    const own = principal.regionScopeIds[0];
    if (!path || !own) throw new AppError('FORBIDDEN', '您没有数据范围');
    const [row] = await db
      .select({ id: regions.id })
      .from(regions)
      .where(and(eq(regions.level, 'district'), sql`${path} LIKE ${regions.path} || '%'`));
    return row?.id ?? own;
  }

  /** What approving now would freeze: the same selection and categories as the approval itself. */
  async function liveFigures(regionId: string, year: number) {
    const items = await freezePlanItems(db, year, regionId);
    return {
      projectCount: items.length,
      plannedInvestmentTotal: items.reduce((sum, it) => sum + it.plannedInvestment, 0),
    };
  }

  async function versions(regionId: string, year: number) {
    const rows = await db
      .select({
        plan: annualPlans,
        projectCount: sql<number>`(SELECT count(*)::int FROM annual_plan_items i WHERE i.plan_id = ${annualPlans.id})`,
        total: sql<string>`(SELECT coalesce(sum(i.planned_investment), 0)::text FROM annual_plan_items i WHERE i.plan_id = ${annualPlans.id})`,
      })
      .from(annualPlans)
      .where(and(eq(annualPlans.regionId, regionId), eq(annualPlans.year, year)))
      .orderBy(desc(annualPlans.version));
    return rows.map((r) => ({
      id: r.plan.id,
      year: r.plan.year,
      version: r.plan.version,
      status: r.plan.status as 'approved' | 'superseded',
      note: r.plan.note,
      approvedAt: r.plan.approvedAt.toISOString(),
      approvedByName: r.plan.approvedByName,
      projectCount: r.projectCount,
      plannedInvestmentTotal: Number(r.total),
    }));
  }

  /** What counts toward each metric within a region's subtree in a year; null where the owner is not built. */
  async function actualOf(metric: TargetMetric, regionId: string, year: number): Promise<number | null> {
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    if (metric.startsWith('library_')) {
      const level = metric.slice('library_'.length);
      const { rows } = await database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM project_libraries l JOIN projects p ON p.id = l.project_id
          WHERE l.level = $1 AND l.status IN ('entered', 'withdrawn') AND l.entered_on >= $2 AND l.entered_on < $3
            AND l.deleted_at IS NULL AND p.deleted_at IS NULL
            AND p.region_id IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = $4) || '%')`,
        [level, from, to, regionId],
      );
      return rows[0]?.n ?? 0;
    }
    if (metric === 'new_starts' || metric === 'completions') {
      const column = metric === 'new_starts' ? projects.actualStartOn : projects.actualCompletionOn;
      const [row] = await db
        .select({ n: count() })
        .from(projects)
        .where(
          and(
            isNull(projects.deletedAt),
            sql`${column} >= ${from}::date AND ${column} < ${to}::date`,
            inSubtree(projects.regionId, regionId),
          ),
        );
      return row?.n ?? 0;
    }
    if (metric === 'land_digestion' || metric === 'land_revitalisation') {
      // Land supplied in the year (contract signed): approved-and-unsupplied land for 消化, stock land
      // (收储, 低效用地, 综合整治) for 盘活. In 亩, as the targets are set.
      const which =
        metric === 'land_digestion'
          ? `p.conversion_approval_no IS NOT NULL`
          : `p.source IN ('stock', 'inefficient', 'consolidation')`;
      const { rows } = await database.pool.query<{ m2: number }>(
        `SELECT coalesce(sum(p.area_m2), 0)::float AS m2 FROM parcels p
           JOIN land_supplies s ON s.parcel_id = p.id AND s.deleted_at IS NULL
          WHERE p.deleted_at IS NULL AND ${which} AND s.contract_on >= $1 AND s.contract_on < $2
            AND p.region_id IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = $3) || '%')`,
        [from, to, regionId],
      );
      return Math.round(((rows[0]?.m2 ?? 0) / M2_PER_MU) * 100) / 100;
    }
    return null; // 年度完成投资 comes with the monthly reports.
  }

  return {
    async listVersions(principal: Principal, year: number) {
      const district = await districtOf(principal);
      return { items: await versions(district, year), draft: await liveFigures(district, year) };
    },

    /** Freezes the year's plan as a new version; the previous approved version is superseded. */
    async approve(principal: Principal, actor: AuditActor, year: number, note: string | undefined) {
      const now = clock.now();
      const district = await districtOf(principal);
      const [covered] = await db
        .select({ id: regions.id })
        .from(regions)
        .where(and(eq(regions.id, district), regionInScope(principal, regions.id)));
      if (!covered) throw new AppError('FORBIDDEN', '年度计划由数据范围覆盖全区的区发改审定');
      const id = await db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`annual_plan:${district}:${year}`}))`);
        const items = await freezePlanItems(tx, year, district);
        if (items.length === 0) {
          throw new AppError('VALIDATION_FAILED', `${year} 年还没有申报年度计划投资的项目，无法审定`);
        }
        const [last] = await tx
          .select({ v: max(annualPlans.version) })
          .from(annualPlans)
          .where(and(eq(annualPlans.regionId, district), eq(annualPlans.year, year)));
        await tx
          .update(annualPlans)
          .set({ status: 'superseded' })
          .where(
            and(
              eq(annualPlans.regionId, district),
              eq(annualPlans.year, year),
              eq(annualPlans.status, 'approved'),
            ),
          );
        const version = (last?.v ?? 0) + 1;
        const [plan] = await tx
          .insert(annualPlans)
          .values({
            year,
            version,
            status: 'approved',
            note: note ?? null,
            approvedAt: now,
            approvedBy: principal.userId,
            approvedByName: principal.displayName,
            regionId: district,
          })
          .returning({ id: annualPlans.id });
        if (!plan) throw new Error('plan not inserted');
        for (let i = 0; i < items.length; i += 1000) {
          await tx
            .insert(annualPlanItems)
            .values(items.slice(i, i + 1000).map((it) => ({ ...it, planId: plan.id })));
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'annual_plan.approve',
            objectType: 'annual_plan',
            objectId: plan.id,
            result: 'success',
            summary: {
              year,
              version,
              projects: items.length,
              plannedInvestment: items.reduce((s, it) => s + it.plannedInvestment, 0),
              note: note ?? null,
            },
          },
          now,
        );
        return plan.id;
      });
      const found = (await versions(district, year)).find((v) => v.id === id);
      if (!found) throw notFound('年度计划');
      return found;
    },

    async items(
      principal: Principal,
      year: number,
      f: PageRequest & {
        version?: number | undefined;
        startCategory?: StartCategory | undefined;
        regionId?: string | undefined;
      },
    ) {
      const district = await districtOf(principal);
      const planWhere = [eq(annualPlans.regionId, district), eq(annualPlans.year, year)];
      planWhere.push(f.version ? eq(annualPlans.version, f.version) : eq(annualPlans.status, 'approved'));
      const [plan] = await db
        .select({ id: annualPlans.id })
        .from(annualPlans)
        .where(and(...planWhere));
      if (!plan) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
      const where: SQL[] = [eq(annualPlanItems.planId, plan.id), projectInScope(principal)];
      if (f.startCategory) where.push(eq(annualPlanItems.startCategory, f.startCategory));
      if (f.regionId) where.push(inSubtree(annualPlanItems.regionId, f.regionId));
      const order = orderByOf(
        f.sort,
        { plannedInvestment: annualPlanItems.plannedInvestment, name: chineseOrder(projects.name) },
        desc(annualPlanItems.plannedInvestment),
        annualPlanItems.projectId,
      );
      const base = db
        .select({
          projectId: annualPlanItems.projectId,
          internalNo: projects.internalNo,
          name: projects.name,
          regionName: regions.name,
          startCategory: annualPlanItems.startCategory,
          completing: annualPlanItems.completing,
          plannedInvestment: annualPlanItems.plannedInvestment,
        })
        .from(annualPlanItems)
        .innerJoin(projects, eq(projects.id, annualPlanItems.projectId))
        .innerJoin(regions, eq(regions.id, annualPlanItems.regionId))
        .where(and(...where));
      const [rows, [total]] = await Promise.all([
        base
          .orderBy(...order)
          .limit(f.pageSize)
          .offset(offsetOf(f)),
        db
          .select({ n: count() })
          .from(annualPlanItems)
          .innerJoin(projects, eq(projects.id, annualPlanItems.projectId))
          .where(and(...where)),
      ]);
      return {
        items: rows.map((r) => ({ ...r, startCategory: r.startCategory as StartCategory })),
        total: total?.n ?? 0,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    async listTargets(principal: Principal, year: number, regionId: string | undefined) {
      const where: SQL[] = [
        eq(targets.year, year),
        isNull(targets.deletedAt),
        regionInScope(principal, targets.regionId),
      ];
      if (regionId) where.push(inSubtree(targets.regionId, regionId));
      const rows = await db
        .select({ target: targets, regionName: regions.name })
        .from(targets)
        .innerJoin(regions, eq(regions.id, targets.regionId))
        .where(and(...where))
        .orderBy(asc(regions.path), asc(targets.metric));
      return Promise.all(
        rows.map(async ({ target, regionName }) => ({
          id: target.id,
          year: target.year,
          regionId: target.regionId,
          regionName,
          metric: target.metric as TargetMetric,
          value: target.value,
          actual: await actualOf(target.metric as TargetMetric, target.regionId, target.year),
          version: target.version,
        })),
      );
    },

    async putTarget(
      principal: Principal,
      actor: AuditActor,
      body: {
        year: number;
        regionId: string;
        metric: TargetMetric;
        value: number;
        version?: number | undefined;
      },
    ) {
      const now = clock.now();
      if (!principal.actions.has('registry.admin')) throw new AppError('FORBIDDEN', '目标由区发改设定');
      const [region] = await db
        .select({ id: regions.id })
        .from(regions)
        .where(and(eq(regions.id, body.regionId), regionInScope(principal, regions.id)));
      if (!region) {
        throw new AppError('VALIDATION_FAILED', '区划不存在或不在您的数据范围内', {
          fields: [{ field: 'regionId', message: '区划不在您的数据范围内' }],
        });
      }
      const id = await db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(targets)
          .where(
            and(
              eq(targets.year, body.year),
              eq(targets.regionId, body.regionId),
              eq(targets.metric, body.metric),
              isNull(targets.deletedAt),
            ),
          );
        if (body.version !== undefined && body.version !== (current?.version ?? 0)) {
          throw new AppError('VERSION_CONFLICT', '该目标已被他人修改，请刷新后再设定', {
            version: current?.version ?? 0,
          });
        }
        let targetId: string;
        if (current) {
          await tx
            .update(targets)
            .set({
              value: body.value,
              version: current.version + 1,
              updatedAt: now,
              updatedBy: principal.userId,
            })
            .where(eq(targets.id, current.id));
          targetId = current.id;
        } else {
          const [row] = await tx
            .insert(targets)
            .values({
              year: body.year,
              regionId: body.regionId,
              metric: body.metric,
              value: body.value,
              createdAt: now,
              updatedAt: now,
              createdBy: principal.userId,
              updatedBy: principal.userId,
            })
            .returning({ id: targets.id });
          if (!row) throw new Error('target not inserted');
          targetId = row.id;
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'target.set',
            objectType: 'target',
            objectId: targetId,
            result: 'success',
            summary: { ...body, before: current?.value ?? null },
          },
          now,
        );
        return targetId;
      });
      const found = (await this.listTargets(principal, body.year, undefined)).find((t) => t.id === id);
      if (!found) throw notFound('目标');
      return found;
    },

    today: () => shanghaiDate(clock.now()),
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
