import type { LandReadyListItem, landReadyListQuery, ProjectLandReady } from '@groundbreak/contract';
import { type ApprovalStatus, assessLandReady, type LandReadyItem } from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database } from '../../db/database';
import { projectApprovalItems, projectLandDemands, projects, regions } from '../../db/schema/index';
import type { CalendarService } from '../calendar/calendar.service';
import { landListFact } from '../land/land.facts';
import { projectInScope } from '../projects/projects.repository';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';
import type { ApprovalRulesStore } from './approval-rules';

// 拿地即开工 (domain.md §4.3) for a project and for the 区发改's list of every project in the mode: readiness
// from the approval items (预审, 环评, the permit prepared) and the parcel's 用地清单, the permit predicted
// against the planned land date; after the deal, the days from the land contract to the construction permit.

/** Land projects marked for the mode, or in a province, city or district major-project library. */
const expectedSql = sql`(${projects.landReadyStart} OR ${projects.levels} && ARRAY['province','city','district']::text[])
  AND ${projects.landUse} IN ('new_land', 'stock_land')`;
// (The outer columns are written qualified: inside a subquery an unqualified "id" would be the inner table's.)
const contractOnSql = sql<string | null>`(SELECT s.contract_on::text FROM land_supplies s
  WHERE s.project_id = "projects"."id" AND s.deleted_at IS NULL ORDER BY s.updated_at DESC LIMIT 1)`;
const permitOnSql = sql<string | null>`COALESCE((SELECT min(a.done_on)::text FROM project_approval_items a
  WHERE a.project_id = "projects"."id" AND a.code IN ('CONSTRUCTION_PERMIT', 'PILE_PERMIT') AND a.status = 'done'
    AND a.deleted_at IS NULL), "projects"."construction_permit_on"::text)`;

export function createLandReadyService(deps: {
  database: Database;
  clock: Clock;
  projects: ProjectsService;
  calendar: CalendarService;
  /** The mode is achieved when the permit comes within `landReadyWithinDays` of the land contract [A]. */
  rules: ApprovalRulesStore;
}) {
  const { db } = deps.database;

  type Subject = { projectId: string; contractOn: string | null; permitOn: string | null };

  /**
   * The readiness of several projects at once: their approval items and land demands in one query each, the
   * parcels' 用地清单 side by side (a list page assesses twenty projects).
   */
  async function assessAll(subjects: readonly Subject[], day: string, withinDays: number) {
    const ids = subjects.map((s) => s.projectId);
    if (ids.length === 0) return [];
    const [items, demands, lists, cal] = await Promise.all([
      db
        .select()
        .from(projectApprovalItems)
        .where(and(inArray(projectApprovalItems.projectId, ids), isNull(projectApprovalItems.deletedAt))),
      db
        .select({ projectId: projectLandDemands.projectId, wantedOn: projectLandDemands.wantedOn })
        .from(projectLandDemands)
        .where(inArray(projectLandDemands.projectId, ids)),
      Promise.all(ids.map((id) => landListFact(db, id, day))),
      deps.calendar.calendar(),
    ]);
    return subjects.map((s, index) =>
      assessLandReady({
        calendar: cal,
        items: items
          .filter((i) => i.projectId === s.projectId)
          .map(
            (i): LandReadyItem => ({
              code: i.code,
              status: i.status as ApprovalStatus,
              promisedDays: i.promisedDays,
              unit: i.unit,
              on: i.doneOn ?? i.acceptedOn ?? shanghaiDate(i.updatedAt),
            }),
          ),
        landListComplete: lists[index]?.complete ?? false,
        plannedLandOn: demands.find((d) => d.projectId === s.projectId)?.wantedOn ?? null,
        contractOn: s.contractOn,
        permitOn: s.permitOn,
        today: day,
        achieveWithinDays: withinDays,
      }),
    );
  }

  return {
    async forProject(principal: Principal, projectId: string): Promise<ProjectLandReady> {
      const project = await deps.projects.load(principal, projectId);
      const [row] = await db
        .select({ expected: sql<boolean>`${expectedSql}`, contractOn: contractOnSql, permitOn: permitOnSql })
        .from(projects)
        .where(eq(projects.id, project.id));
      const contractOn = row?.contractOn ?? null;
      const permitOn = row?.permitOn ?? null;
      const withinDays = (await deps.rules.current()).landReadyWithinDays;
      return {
        expected: row?.expected ?? false,
        contractOn,
        permitOn,
        withinDays,
        assessment: (
          await assessAll(
            [{ projectId: project.id, contractOn, permitOn }],
            shanghaiDate(deps.clock.now()),
            withinDays,
          )
        )[0] as ReturnType<typeof assessLandReady>,
      };
    },

    /** Every project in the mode in scope, with its readiness and outcome; filter by outcome. */
    async list(principal: Principal, query: z.output<typeof landReadyListQuery>) {
      const withinDays = (await deps.rules.current()).landReadyWithinDays;
      const where: SQL[] = [
        isNull(projects.deletedAt),
        projectInScope(principal),
        expectedSql,
        sql`${projects.state} <> 'TERMINATED'`,
      ];
      // Pending until both the land contract and the permit are there.
      if (query.outcome === 'pending') where.push(sql`(${permitOnSql} IS NULL OR ${contractOnSql} IS NULL)`);
      if (query.outcome === 'achieved' || query.outcome === 'missed') {
        const within = sql`(${permitOnSql})::date - (${contractOnSql})::date <= ${withinDays}`;
        where.push(sql`${permitOnSql} IS NOT NULL AND ${contractOnSql} IS NOT NULL`);
        where.push(query.outcome === 'achieved' ? within : sql`NOT ${within}`);
      }
      const condition = and(...where);
      const descending = query.sort === '-internalNo';
      const [rows, [total]] = await Promise.all([
        db
          .select({
            id: projects.id,
            name: projects.name,
            internalNo: projects.internalNo,
            regionId: projects.regionId,
            regionName: regions.name,
            state: projects.state,
            contractOn: contractOnSql,
            permitOn: permitOnSql,
          })
          .from(projects)
          .innerJoin(regions, eq(regions.id, projects.regionId))
          .where(condition)
          .orderBy(descending ? desc(projects.internalNo) : asc(projects.internalNo))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(projects).where(condition),
      ]);
      const day = shanghaiDate(deps.clock.now());
      const assessments = await assessAll(
        rows.map((r) => ({ projectId: r.id, contractOn: r.contractOn, permitOn: r.permitOn })),
        day,
        withinDays,
      );
      const items: LandReadyListItem[] = rows.map((r, index) => ({
        project: {
          id: r.id,
          name: r.name,
          internalNo: r.internalNo,
          regionId: r.regionId,
          regionName: r.regionName,
          state: r.state,
        },
        contractOn: r.contractOn,
        permitOn: r.permitOn,
        assessment: assessments[index] as ReturnType<typeof assessLandReady>,
      }));
      return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize, withinDays };
    },
  };
}
