import type { ListResult, ParcelListItem } from '@groundbreak/contract';
import {
  LAND_LIST_ITEM_CODES,
  type LandListEntry,
  type LandListItemCode,
  type LandListStatus,
  type ParcelStatus,
  type ParcelUse,
  type ProjectState,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  idleCases,
  landSupplies,
  parcelListItems,
  parcels,
  projectLandDemands,
  projects,
  regionalAssessments,
  regions,
} from '../../db/schema/index';
import { chineseOrder, containsPattern, offsetOf, orderByOf, type PageRequest } from '../../lib/paging';
import { pathInScope, regionInScope } from '../../lib/scope';
import { projectInScope } from '../projects/projects.repository';
import type { Principal } from '../registry';

// Parcels and what hangs off them, always read through the caller's region scope (a 板块 its own parcels,
// a district department the district). Only this file speaks SQL for the land module.

export type ParcelRow = typeof parcels.$inferSelect;
export type SupplyRow = typeof landSupplies.$inferSelect;
export type IdleCaseRow = typeof idleCases.$inferSelect;
export type AssessmentRow = typeof regionalAssessments.$inferSelect;
export type DemandRow = typeof projectLandDemands.$inferSelect;

export type ParcelFilter = PageRequest & {
  q?: string | undefined;
  regionId?: string | undefined;
  status?: ParcelStatus[] | undefined;
  use?: ParcelUse | undefined;
  approvedUnsupplied?: 'true' | 'false' | undefined;
  idle?: 'yellow' | 'suspected' | 'any' | undefined;
  listComplete?: 'true' | 'false' | undefined;
};

const TOTAL_ITEMS = LAND_LIST_ITEM_CODES.length;

/** Parcels within the caller's regions. */
export function parcelInScope(principal: Principal): SQL {
  return regionInScope(principal, parcels.regionId);
}

/** 批而未供 as SQL: a 农转用/征收 approval and no supply record. */
export const APPROVED_UNSUPPLIED = sql`(${parcels.conversionApprovalNo} IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM land_supplies s WHERE s.parcel_id = ${parcels.id} AND s.deleted_at IS NULL))`;

/** How many of a parcel's list items are satisfied on `today` (own rows, or a regional assessment above it). */
function listDoneSql(today: string): SQL {
  const codes = sql.join(
    LAND_LIST_ITEM_CODES.map((c) => sql`${c}`),
    sql`, `,
  );
  return sql`(SELECT count(*)::int FROM unnest(ARRAY[${codes}]::text[]) AS c(code) WHERE
    EXISTS (SELECT 1 FROM parcel_list_items li WHERE li.parcel_id = p.id AND li.code = c.code
      AND (li.status = 'not_applicable' OR (li.status = 'approved' AND (li.valid_until IS NULL OR li.valid_until >= ${today}::date))))
    OR EXISTS (SELECT 1 FROM regional_assessments ra JOIN regions rr ON rr.id = ra.region_id
      WHERE ra.code = c.code AND ra.deleted_at IS NULL AND r.path LIKE rr.path || '%'
      AND (ra.status = 'not_applicable' OR (ra.status = 'approved' AND (ra.valid_until IS NULL OR ra.valid_until >= ${today}::date)))))`;
}

export function createLandRepository(db: Db) {
  function conditions(principal: Principal, f: ParcelFilter): SQL[] {
    const where: SQL[] = [isNull(parcels.deletedAt), parcelInScope(principal)];
    if (f.regionId) {
      where.push(
        sql`${parcels.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = ${f.regionId}) || '%')`,
      );
    }
    if (f.status && f.status.length > 0) where.push(inArray(parcels.status, f.status));
    if (f.use) where.push(eq(parcels.use, f.use));
    if (f.approvedUnsupplied) {
      where.push(f.approvedUnsupplied === 'true' ? APPROVED_UNSUPPLIED : sql`NOT ${APPROVED_UNSUPPLIED}`);
    }
    if (f.idle === 'any') where.push(sql`${parcels.idleLight} <> 'none'`);
    else if (f.idle) where.push(eq(parcels.idleLight, f.idle));
    if (f.listComplete) {
      where.push(
        f.listComplete === 'true'
          ? sql`${parcels.listDone} = ${TOTAL_ITEMS}`
          : sql`${parcels.listDone} < ${TOTAL_ITEMS}`,
      );
    }
    if (f.q) {
      const pattern = containsPattern(f.q);
      where.push(
        sql`(${parcels.parcelNo} ILIKE ${pattern} OR ${parcels.name} ILIKE ${pattern} OR ${parcels.unitCode} ILIKE ${pattern})`,
      );
    }
    return where;
  }

  return {
    /** One page of parcels with their 板块, project and 批而未供 flag: the list and the export read it. */
    async page(principal: Principal, f: ParcelFilter) {
      const where = and(...conditions(principal, f));
      const [rows, totals] = await Promise.all([
        db
          .select({
            p: parcels,
            regionName: regions.name,
            projectName: projects.name,
            approvedUnsupplied: sql<boolean>`${APPROVED_UNSUPPLIED}`,
          })
          .from(parcels)
          .innerJoin(regions, eq(regions.id, parcels.regionId))
          .leftJoin(projects, eq(projects.id, parcels.projectId))
          .where(where)
          .orderBy(
            ...orderByOf(
              f.sort,
              {
                parcelNo: parcels.parcelNo,
                areaM2: parcels.areaM2,
                status: parcels.status,
                updatedAt: parcels.updatedAt,
                idleDays: parcels.idleDays,
              },
              desc(parcels.updatedAt),
              parcels.id,
            ),
          )
          .limit(f.pageSize)
          .offset(offsetOf(f)),
        db.select({ n: count() }).from(parcels).where(where),
      ]);
      return { rows, total: totals[0]?.n ?? 0 };
    },

    async list(principal: Principal, f: ParcelFilter): Promise<ListResult<ParcelListItem>> {
      const { rows, total } = await this.page(principal, f);
      return {
        items: rows.map(({ p, regionName, projectName, approvedUnsupplied }) => ({
          id: p.id,
          parcelNo: p.parcelNo,
          name: p.name,
          regionId: p.regionId,
          regionName,
          areaM2: p.areaM2,
          use: p.use as ParcelUse,
          status: p.status as ParcelStatus,
          approvedUnsupplied,
          idleLight: p.idleLight as ParcelListItem['idleLight'],
          idleDays: p.idleDays,
          listDone: p.listDone,
          listTotal: TOTAL_ITEMS,
          projectId: p.projectId,
          projectName,
          isDemo: p.isDemo,
          updatedAt: p.updatedAt.toISOString(),
        })),
        total: total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    async findInScope(principal: Principal, id: string, tx: Db = db) {
      const [row] = await tx
        .select({
          p: parcels,
          regionName: regions.name,
          regionPath: regions.path,
          projectName: projects.name,
          projectState: projects.state,
          approvedUnsupplied: sql<boolean>`${APPROVED_UNSUPPLIED}`,
        })
        .from(parcels)
        .innerJoin(regions, eq(regions.id, parcels.regionId))
        .leftJoin(projects, eq(projects.id, parcels.projectId))
        .where(and(eq(parcels.id, id), isNull(parcels.deletedAt), parcelInScope(principal)));
      return row;
    },

    async findByNos(numbers: string[], tx: Db = db): Promise<ParcelRow[]> {
      if (numbers.length === 0) return [];
      return tx
        .select()
        .from(parcels)
        .where(and(inArray(parcels.parcelNo, numbers), isNull(parcels.deletedAt)));
    },

    async numberTaken(parcelNo: string, exceptId?: string, tx: Db = db): Promise<boolean> {
      const [row] = await tx
        .select({ id: parcels.id })
        .from(parcels)
        .where(
          and(
            eq(parcels.parcelNo, parcelNo),
            isNull(parcels.deletedAt),
            exceptId ? sql`${parcels.id} <> ${exceptId}` : undefined,
          ),
        );
      return row !== undefined;
    },

    async insert(tx: Db, values: typeof parcels.$inferInsert): Promise<ParcelRow> {
      const [row] = await tx.insert(parcels).values(values).returning();
      if (!row) throw new Error('parcel not inserted');
      return row;
    },

    /** Updates when the version matches; undefined when someone saved in between. */
    async update(
      tx: Db,
      id: string,
      version: number,
      values: Partial<typeof parcels.$inferInsert>,
    ): Promise<ParcelRow | undefined> {
      const [row] = await tx
        .update(parcels)
        .set({ ...values, version: sql`${parcels.version} + 1` })
        .where(and(eq(parcels.id, id), eq(parcels.version, version), isNull(parcels.deletedAt)))
        .returning();
      return row;
    },

    /**
     * Recounts the list items satisfied on `today` for the parcels given (by id, or every parcel under a
     * region path, or all): the stored count that lists and matching read.
     */
    async recountLists(tx: Db, today: string, which: { ids?: string[]; underPath?: string } = {}) {
      const filter = which.ids
        ? sql`p.id IN (SELECT unnest(string_to_array(${which.ids.join(',')}, ','))::uuid)`
        : which.underPath
          ? sql`r.path LIKE ${`${which.underPath}%`}`
          : sql`true`;
      if (which.ids && which.ids.length === 0) return;
      await tx.execute(sql`
        UPDATE parcels SET list_done = counted.done, list_counted_on = ${today}::date
          FROM (SELECT p.id, ${listDoneSql(today)} AS done
                  FROM parcels p JOIN regions r ON r.id = p.region_id
                 WHERE p.deleted_at IS NULL AND ${filter}) AS counted
         WHERE parcels.id = counted.id AND (parcels.list_done <> counted.done OR parcels.list_counted_on IS DISTINCT FROM ${today}::date)`);
    },

    /** The parcel's own list rows and the regional assessments above it, as entries and as records. */
    async listOf(parcelId: string, regionPath: string) {
      const own = await db.select().from(parcelListItems).where(eq(parcelListItems.parcelId, parcelId));
      const regional = await db
        .select({ a: regionalAssessments })
        .from(regionalAssessments)
        .innerJoin(regions, eq(regions.id, regionalAssessments.regionId))
        .where(and(isNull(regionalAssessments.deletedAt), sql`${regionPath} LIKE ${regions.path} || '%'`));
      return { own, regional: regional.map((r) => r.a) };
    },

    async putListItem(
      tx: Db,
      parcelId: string,
      code: LandListItemCode,
      version: number,
      values: {
        status: LandListStatus;
        docNo: string | null;
        approvedOn: string | null;
        validUntil: string | null;
        conclusion: string | null;
        updatedAt: Date;
        updatedBy: string;
      },
    ): Promise<boolean> {
      if (version === 0) {
        const inserted = await tx
          .insert(parcelListItems)
          .values({ parcelId, code, ...values })
          .onConflictDoNothing()
          .returning({ code: parcelListItems.code });
        return inserted.length > 0;
      }
      const updated = await tx
        .update(parcelListItems)
        .set({ ...values, version: sql`${parcelListItems.version} + 1` })
        .where(
          and(
            eq(parcelListItems.parcelId, parcelId),
            eq(parcelListItems.code, code),
            eq(parcelListItems.version, version),
          ),
        )
        .returning({ code: parcelListItems.code });
      return updated.length > 0;
    },

    async supplyOf(parcelId: string, tx: Db = db): Promise<SupplyRow | undefined> {
      const [row] = await tx
        .select()
        .from(landSupplies)
        .where(and(eq(landSupplies.parcelId, parcelId), isNull(landSupplies.deletedAt)));
      return row;
    },

    async supplyOfProject(projectId: string, tx: Db = db): Promise<SupplyRow | undefined> {
      const [row] = await tx
        .select()
        .from(landSupplies)
        .where(and(eq(landSupplies.projectId, projectId), isNull(landSupplies.deletedAt)))
        .orderBy(desc(landSupplies.updatedAt))
        .limit(1);
      return row;
    },

    /** The parcel earmarked for or supplied to a project (the newest, if several). */
    async parcelOfProject(projectId: string, tx: Db = db): Promise<ParcelRow | undefined> {
      const [row] = await tx
        .select()
        .from(parcels)
        .where(and(eq(parcels.projectId, projectId), isNull(parcels.deletedAt)))
        .orderBy(desc(parcels.updatedAt))
        .limit(1);
      return row;
    },

    async demandOf(projectId: string): Promise<DemandRow | undefined> {
      const [row] = await db
        .select()
        .from(projectLandDemands)
        .where(eq(projectLandDemands.projectId, projectId));
      return row;
    },

    /**
     * Parcels a project could be given, in the caller's scope: available (储备, 批而未供), not earmarked,
     * large enough (at least 80% of the need: a smaller one cannot take the project), with a complete or
     * nearly complete list.
     */
    /**
     * Parcels that may be offered (储备 or 批而未供, not earmarked, large enough, list complete or nearly):
     * only what the score reads, so that thousands of rows come back quickly; names are read for the top.
     */
    async candidates(principal: Principal, minAreaM2: number, maxOpenItems: number) {
      const { rows } = await db.execute<{
        id: string;
        parcel_no: string;
        region_id: string;
        area_m2: number;
        use: string;
        status: string;
        industries: string[];
        plot_ratio_min: number | null;
        plot_ratio_max: number | null;
        intensity_min_wan_per_mu: number | null;
        list_done: number;
        ready_on: string | null;
      }>(sql`
        SELECT id::text, parcel_no, region_id::text, area_m2, use, status, industries,
               plot_ratio_min, plot_ratio_max, intensity_min_wan_per_mu, list_done, ready_on::text
          FROM parcels
         WHERE deleted_at IS NULL AND project_id IS NULL AND status IN ('reserve', 'approved_unsupplied')
           AND area_m2 >= ${minAreaM2} AND list_done >= ${TOTAL_ITEMS - maxOpenItems}
           AND ${parcelInScope(principal)}`);
      return rows.map((r) => ({
        id: r.id,
        parcelNo: r.parcel_no,
        regionId: r.region_id,
        areaM2: r.area_m2,
        use: r.use,
        status: r.status,
        industries: r.industries,
        plotRatioMin: r.plot_ratio_min,
        plotRatioMax: r.plot_ratio_max,
        intensityMinWanPerMu: r.intensity_min_wan_per_mu,
        listDone: r.list_done,
        readyOn: r.ready_on,
      }));
    },

    /** Name and 板块 of a few parcels (the top of a ranking). */
    async parcelNames(ids: string[]): Promise<Map<string, { name: string; regionName: string }>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: parcels.id, name: parcels.name, regionName: regions.name })
        .from(parcels)
        .innerJoin(regions, eq(regions.id, parcels.regionId))
        .where(inArray(parcels.id, ids));
      return new Map(rows.map((r) => [r.id, { name: r.name, regionName: r.regionName }]));
    },

    /** Projects in the caller's scope that wait for land (signed or filed, a demand, no parcel yet). */
    async waitingProjects(projectScope: SQL) {
      return db
        .select({
          id: projects.id,
          internalNo: projects.internalNo,
          name: projects.name,
          state: projects.state,
          regionName: regions.name,
          industryChain: projects.industryChain,
          committedIntensityWanPerMu: projects.committedIntensityWanPerMu,
          demand: projectLandDemands,
        })
        .from(projectLandDemands)
        .innerJoin(projects, eq(projects.id, projectLandDemands.projectId))
        .innerJoin(regions, eq(regions.id, projects.regionId))
        .where(
          and(
            isNull(projects.deletedAt),
            inArray(projects.state, ['SIGNED', 'FILED']),
            sql`NOT EXISTS (SELECT 1 FROM parcels x WHERE x.project_id = ${projects.id} AND x.deleted_at IS NULL)`,
            projectScope,
          ),
        );
    },

    async assessments(
      principal: Principal,
      f: PageRequest & { regionId?: string | undefined; id?: string | undefined },
    ) {
      const where = and(
        isNull(regionalAssessments.deletedAt),
        regionInScope(principal, regionalAssessments.regionId),
        f.regionId ? eq(regionalAssessments.regionId, f.regionId) : undefined,
        f.id ? eq(regionalAssessments.id, f.id) : undefined,
      );
      const [rows, totals] = await Promise.all([
        db
          .select({
            a: regionalAssessments,
            regionName: regions.name,
            parcels: sql<number>`(SELECT count(*)::int FROM parcels p JOIN regions pr ON pr.id = p.region_id
              WHERE p.deleted_at IS NULL AND pr.path LIKE ${regions.path} || '%')`,
          })
          .from(regionalAssessments)
          .innerJoin(regions, eq(regions.id, regionalAssessments.regionId))
          .where(where)
          .orderBy(
            ...orderByOf(
              f.sort,
              { validUntil: regionalAssessments.validUntil, code: regionalAssessments.code },
              asc(chineseOrder(regions.name)),
              regionalAssessments.id,
            ),
          )
          .limit(f.pageSize)
          .offset(offsetOf(f)),
        db.select({ n: count() }).from(regionalAssessments).where(where),
      ]);
      return { rows, total: totals[0]?.n ?? 0 };
    },

    async assessmentInScope(principal: Principal, id: string) {
      const [row] = await db
        .select({ a: regionalAssessments, regionName: regions.name, regionPath: regions.path })
        .from(regionalAssessments)
        .innerJoin(regions, eq(regions.id, regionalAssessments.regionId))
        .where(
          and(
            eq(regionalAssessments.id, id),
            isNull(regionalAssessments.deletedAt),
            regionInScope(principal, regionalAssessments.regionId),
          ),
        );
      return row;
    },

    async idleCaseList(
      principal: Principal,
      f: PageRequest & {
        stage?: string[] | undefined;
        regionId?: string | undefined;
        parcelId?: string | undefined;
      },
    ) {
      const where = and(
        isNull(idleCases.deletedAt),
        f.parcelId ? eq(idleCases.parcelId, f.parcelId) : undefined,
        isNull(parcels.deletedAt),
        parcelInScope(principal),
        f.stage && f.stage.length > 0 ? inArray(idleCases.stage, f.stage) : undefined,
        f.regionId
          ? sql`${parcels.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = ${f.regionId}) || '%')`
          : undefined,
      );
      const [rows, totals] = await Promise.all([
        db
          .select({ c: idleCases, p: parcels, regionName: regions.name, priceYuan: landSupplies.priceYuan })
          .from(idleCases)
          .innerJoin(parcels, eq(parcels.id, idleCases.parcelId))
          .innerJoin(regions, eq(regions.id, parcels.regionId))
          .leftJoin(landSupplies, and(eq(landSupplies.parcelId, parcels.id), isNull(landSupplies.deletedAt)))
          .where(where)
          .orderBy(
            ...orderByOf(
              f.sort,
              { updatedAt: idleCases.updatedAt, stage: idleCases.stage },
              desc(idleCases.updatedAt),
              idleCases.id,
            ),
          )
          .limit(f.pageSize)
          .offset(offsetOf(f)),
        db
          .select({ n: count() })
          .from(idleCases)
          .innerJoin(parcels, eq(parcels.id, idleCases.parcelId))
          .where(where),
      ]);
      return { rows, total: totals[0]?.n ?? 0 };
    },

    async idleCaseInScope(principal: Principal, id: string, tx: Db = db) {
      const [row] = await tx
        .select({ c: idleCases, p: parcels, regionName: regions.name, priceYuan: landSupplies.priceYuan })
        .from(idleCases)
        .innerJoin(parcels, eq(parcels.id, idleCases.parcelId))
        .innerJoin(regions, eq(regions.id, parcels.regionId))
        .leftJoin(landSupplies, and(eq(landSupplies.parcelId, parcels.id), isNull(landSupplies.deletedAt)))
        .where(and(eq(idleCases.id, id), isNull(idleCases.deletedAt), parcelInScope(principal)));
      return row;
    },

    async openIdleCaseOf(parcelId: string, tx: Db = db) {
      const [row] = await tx
        .select()
        .from(idleCases)
        .where(
          and(
            eq(idleCases.parcelId, parcelId),
            isNull(idleCases.deletedAt),
            sql`${idleCases.stage} <> 'closed'`,
          ),
        );
      return row;
    },

    /**
     * Parcels for the map as GeoJSON text built by PostgreSQL (a district's thousands of polygons are
     * never parsed and re-serialised here), and the count of those without a polygon.
     */
    async mapFeatures(
      principal: Principal,
      f: { regionId?: string | undefined; status?: ParcelStatus[] | undefined },
    ): Promise<{ features: string; undrawn: number }> {
      const where = and(...conditions(principal, { ...f, page: 1, pageSize: 1 }));
      const { rows } = await db.execute<{ features: string; undrawn: number }>(sql`
        SELECT coalesce(json_agg(json_build_object(
                 'type', 'Feature', 'id', ${parcels.id}, 'geometry', ${parcels.geometry},
                 'properties', json_build_object('parcelNo', ${parcels.parcelNo}, 'name', ${parcels.name},
                   'status', ${parcels.status}, 'regionName', r.name, 'areaM2', ${parcels.areaM2},
                   'projectName', j.name))
                 ORDER BY ${parcels.parcelNo}) FILTER (WHERE ${parcels.geometry} IS NOT NULL), '[]')::text AS features,
               (count(*) FILTER (WHERE ${parcels.geometry} IS NULL))::int AS undrawn
          FROM ${parcels}
          JOIN regions r ON r.id = ${parcels.regionId}
          LEFT JOIN projects j ON j.id = ${parcels.projectId}
         WHERE ${where}`);
      return { features: rows[0]?.features ?? '[]', undrawn: rows[0]?.undrawn ?? 0 };
    },

    /** Projects as map points: their own coordinates, else the centre of their parcel. */
    async projectPoints(principal: Principal, regionId: string | undefined) {
      const rows = await db
        .select({
          id: projects.id,
          name: projects.name,
          state: projects.state,
          regionName: regions.name,
          lon: sql<
            number | null
          >`coalesce(${projects.longitude}, (SELECT p.centre_lon FROM parcels p WHERE p.project_id = ${projects.id} AND p.deleted_at IS NULL LIMIT 1))`,
          lat: sql<
            number | null
          >`coalesce(${projects.latitude}, (SELECT p.centre_lat FROM parcels p WHERE p.project_id = ${projects.id} AND p.deleted_at IS NULL LIMIT 1))`,
        })
        .from(projects)
        .innerJoin(regions, eq(regions.id, projects.regionId))
        .where(
          and(
            isNull(projects.deletedAt),
            projectInScope(principal),
            regionId
              ? sql`${projects.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = ${regionId}) || '%')`
              : undefined,
          ),
        );
      return rows.flatMap((p) =>
        p.lon !== null && p.lat !== null
          ? [
              {
                id: p.id,
                name: p.name,
                state: p.state as ProjectState,
                regionName: p.regionName,
                position: [p.lon, p.lat] as [number, number],
              },
            ]
          : [],
      );
    },

    /** The path of the district the caller works in (the district above their scope). */
    async districtPath(principal: Principal): Promise<string> {
      const scope = principal.scopePaths[0];
      if (!scope) return '/-none-/';
      const [district] = await db
        .select({ path: regions.path })
        .from(regions)
        .where(and(eq(regions.level, 'district'), sql`${scope} LIKE ${regions.path} || '%'`));
      return district?.path ?? scope;
    },

    /** Region ids by code (the outlines shipped with the app name regions by code). */
    async regionIdsByCode(): Promise<Map<string, string>> {
      const rows = await db
        .select({ id: regions.id, code: regions.code })
        .from(regions)
        .where(isNull(regions.deletedAt));
      return new Map(rows.map((r) => [r.code, r.id]));
    },

    /** The year's land targets (亩) by metric and region. */
    async landTargets(year: number): Promise<Map<string, number>> {
      const rows = await db.execute<{ region_id: string; metric: string; value: number }>(sql`
        SELECT region_id::text, metric, value::float FROM targets
         WHERE year = ${year} AND metric IN ('land_digestion', 'land_revitalisation') AND deleted_at IS NULL`);
      return new Map(rows.rows.map((t) => [`${t.metric}:${t.region_id}`, t.value]));
    },

    /** Per 板块 under a region: what is ready and available, what is asked for, 批而未供, idle, digested. */
    async balance(principal: Principal, districtPath: string, year: number, today: string) {
      const start = `${year}-01-01`;
      const result = await db.execute<{
        region_id: string;
        region_name: string;
        ready: number;
        available: number;
        demand: number;
        waiting: number;
        approved_unsupplied: number;
        idle: number;
        digested: number;
        revitalised: number;
      }>(sql`
        SELECT r.id AS region_id, r.name AS region_name,
          coalesce(sum(p.area_m2) FILTER (WHERE p.status = 'reserve' AND p.project_id IS NULL AND p.list_done = ${TOTAL_ITEMS}), 0)::float AS ready,
          coalesce(sum(p.area_m2) FILTER (WHERE p.status IN ('reserve','approved_unsupplied') AND p.project_id IS NULL), 0)::float AS available,
          coalesce((SELECT sum(d.area_m2) FROM project_land_demands d JOIN projects j ON j.id = d.project_id
             JOIN regions jr ON jr.id = j.region_id
            WHERE j.deleted_at IS NULL AND j.state IN ('SIGNED','FILED') AND jr.path LIKE r.path || '%'
              AND NOT EXISTS (SELECT 1 FROM parcels x WHERE x.project_id = j.id AND x.deleted_at IS NULL)), 0)::float AS demand,
          (SELECT count(*) FROM project_land_demands d JOIN projects j ON j.id = d.project_id
             JOIN regions jr ON jr.id = j.region_id
            WHERE j.deleted_at IS NULL AND j.state IN ('SIGNED','FILED') AND jr.path LIKE r.path || '%'
              AND NOT EXISTS (SELECT 1 FROM parcels x WHERE x.project_id = j.id AND x.deleted_at IS NULL))::int AS waiting,
          coalesce(sum(p.area_m2) FILTER (WHERE p.conversion_approval_no IS NOT NULL AND s.id IS NULL), 0)::float AS approved_unsupplied,
          coalesce(sum(p.area_m2) FILTER (WHERE p.status IN ('suspected_idle','idle')), 0)::float AS idle,
          coalesce(sum(p.area_m2) FILTER (WHERE p.conversion_approval_no IS NOT NULL AND s.contract_on >= ${start}::date
             AND s.contract_on <= ${today}::date), 0)::float AS digested,
          coalesce(sum(p.area_m2) FILTER (WHERE p.source IN ('stock','inefficient','consolidation')
             AND s.contract_on >= ${start}::date AND s.contract_on <= ${today}::date), 0)::float AS revitalised
          FROM regions r
          LEFT JOIN regions pr ON pr.path LIKE r.path || '%'
          LEFT JOIN parcels p ON p.region_id = pr.id AND p.deleted_at IS NULL
          LEFT JOIN land_supplies s ON s.parcel_id = p.id AND s.deleted_at IS NULL
         WHERE r.level = 'subarea' AND r.deleted_at IS NULL AND r.path LIKE ${`${districtPath}%`}
           AND ${pathInScope(principal, sql`r.path`)}
         GROUP BY r.id, r.name, r.path
         ORDER BY r.name COLLATE "zh-x-icu"`);
      return result.rows;
    },
  };
}

export type LandRepository = ReturnType<typeof createLandRepository>;

/** The parcel's own rows and the regional assessments above it, as the entries the domain reads. */
export function entriesOf(
  own: (typeof parcelListItems.$inferSelect)[],
  regional: AssessmentRow[],
): { own: Map<string, LandListEntry>; regional: Map<string, LandListEntry & { id: string; name: string }> } {
  const ownMap = new Map<string, LandListEntry>(
    own.map((o) => [
      o.code,
      {
        code: o.code as LandListItemCode,
        status: o.status as LandListStatus,
        validUntil: o.validUntil,
        source: 'parcel',
      },
    ]),
  );
  const regionalMap = new Map<string, LandListEntry & { id: string; name: string }>();
  // The assessment nearest the parcel wins (a 板块's own over the district's), else the latest valid one.
  for (const a of regional) {
    const current = regionalMap.get(a.code);
    if (!current || (a.validUntil ?? '9999') > (current.validUntil ?? '9999')) {
      regionalMap.set(a.code, {
        code: a.code as LandListItemCode,
        status: a.status as LandListStatus,
        validUntil: a.validUntil,
        source: 'regional',
        id: a.id,
        name: a.name,
      });
    }
  }
  return { own: ownMap, regional: regionalMap };
}
