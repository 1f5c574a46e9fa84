import { OC4IDS_PUBLIC_STATES, type ParcelGeometry } from '@groundbreak/domain';
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, max, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import {
  completionApplications,
  monthlyReports,
  orgs,
  parcels,
  projectPlans,
  projects,
  projectYearPlans,
  regions,
} from '../../db/schema/index';
import { projectInScope } from '../projects/projects.repository';
import type { Principal } from '../registry';

// What the OC4IDS export reads, and nothing else: an explicit list of project columns that carries no
// personal data (no contact, phone, legal representative, responsible leader or specialist), and the
// project's plan, confirmed monthly reports, year plans, parcel outline and issued completion — loaded a
// batch of projects at a time.

/** The only project columns the export ever reads. */
const PUBLIC_COLUMNS = {
  id: projects.id,
  internalNo: projects.internalNo,
  name: projects.name,
  projectCode: projects.projectCode,
  state: projects.state,
  suspendedFromState: projects.suspendedFromState,
  filedOn: projects.filedOn,
  terminatedOn: projects.terminatedOn,
  regionId: projects.regionId,
  responsibleOrgId: projects.responsibleOrgId,
  builderName: projects.builderName,
  uscc: projects.uscc,
  industryCode: projects.industryCode,
  industryChain: projects.industryChain,
  constructionNature: projects.constructionNature,
  scaleContent: projects.scaleContent,
  location: projects.location,
  longitude: projects.longitude,
  latitude: projects.latitude,
  totalInvestment: projects.totalInvestment,
  signedOn: projects.signedOn,
  plannedStartOn: projects.plannedStartOn,
  actualStartOn: projects.actualStartOn,
  plannedCompletionOn: projects.plannedCompletionOn,
  actualCompletionOn: projects.actualCompletionOn,
  plannedProductionOn: projects.plannedProductionOn,
  actualProductionOn: projects.actualProductionOn,
  landContractOn: projects.landContractOn,
  constructionPermitOn: projects.constructionPermitOn,
  updatedAt: projects.updatedAt,
};

export type PublicProjectRow = {
  [K in keyof typeof PUBLIC_COLUMNS]: (typeof PUBLIC_COLUMNS)[K]['_']['data'] | null;
} & { id: string; internalNo: string; name: string; state: string; regionId: string; updatedAt: Date };

export type ProjectExtras = {
  regionName: string;
  regionCode: string;
  responsibleOrg: { code: string; name: string } | null;
  plan: {
    nodes: { key: string; name: string; approvalCode?: string; actualFinish: string | null }[];
    baseline: { key: string; lateFinish: string | null; earlyFinish: string }[] | null;
  } | null;
  reports: { month: string; monthYuan: number | null; sinceStartYuan: number | null }[];
  yearPlans: { year: number; plannedInvestment: number }[];
  parcels: { parcelNo: string; name: string; geometry: ParcelGeometry }[];
  completion: { filingOn: string | null; titleOn: string | null; jointAcceptanceOn: string | null } | null;
};

/** Projects that are public (see isPublicProject in the domain), as SQL. */
export function isPublicSql(): SQL {
  const states = [...OC4IDS_PUBLIC_STATES];
  return or(
    inArray(projects.state, states),
    and(eq(projects.state, 'SUSPENDED'), inArray(projects.suspendedFromState, states)),
    and(eq(projects.state, 'TERMINATED'), isNotNull(projects.filedOn)),
  ) as SQL;
}

export function createOc4idsRepository(db: Db) {
  return {
    /** A page of public projects in scope, by id after `afterId` (keyset: pages never overlap). */
    async publicPage(
      principal: Principal,
      afterId: string | null,
      limit: number,
    ): Promise<PublicProjectRow[]> {
      return (await db
        .select(PUBLIC_COLUMNS)
        .from(projects)
        .where(
          and(
            isNull(projects.deletedAt),
            projectInScope(principal),
            isPublicSql(),
            afterId ? gt(projects.id, afterId) : undefined,
          ),
        )
        .orderBy(asc(projects.id))
        .limit(limit)) as PublicProjectRow[];
    },

    /** One project in scope (public or not: the caller says why it is refused). */
    async oneInScope(principal: Principal, id: string): Promise<PublicProjectRow | undefined> {
      const [row] = await db
        .select(PUBLIC_COLUMNS)
        .from(projects)
        .where(and(eq(projects.id, id), isNull(projects.deletedAt), projectInScope(principal)));
      return row as PublicProjectRow | undefined;
    },

    /** Everything else the export shows of these projects, by project id. */
    async extrasOf(rows: readonly PublicProjectRow[]): Promise<Map<string, ProjectExtras>> {
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return new Map();
      const regionIds = [...new Set(rows.map((r) => r.regionId))];
      const orgIds = [...new Set(rows.flatMap((r) => (r.responsibleOrgId ? [r.responsibleOrgId] : [])))];
      const [regionRows, orgRows, planRows, reportRows, yearRows, parcelRows, completionRows] =
        await Promise.all([
          db
            .select({ id: regions.id, name: regions.name, code: regions.code })
            .from(regions)
            .where(inArray(regions.id, regionIds)),
          orgIds.length > 0
            ? db
                .select({ id: orgs.id, name: orgs.name, code: orgs.code })
                .from(orgs)
                .where(inArray(orgs.id, orgIds))
            : Promise.resolve([]),
          db
            .select({
              projectId: projectPlans.projectId,
              nodes: projectPlans.nodes,
              baseline: projectPlans.baseline,
            })
            .from(projectPlans)
            .where(and(inArray(projectPlans.projectId, ids), isNull(projectPlans.deletedAt))),
          // Only figures 区发改 confirmed: a draft or a report under review is not yet official.
          db
            .select({
              projectId: monthlyReports.projectId,
              month: monthlyReports.month,
              monthYuan: monthlyReports.monthYuan,
              sinceStartYuan: monthlyReports.sinceStartYuan,
            })
            .from(monthlyReports)
            .where(
              and(
                inArray(monthlyReports.projectId, ids),
                isNull(monthlyReports.deletedAt),
                eq(monthlyReports.status, 'confirmed'),
              ),
            )
            .orderBy(asc(monthlyReports.month)),
          db
            .select({
              projectId: projectYearPlans.projectId,
              year: projectYearPlans.year,
              plannedInvestment: projectYearPlans.plannedInvestment,
            })
            .from(projectYearPlans)
            .where(inArray(projectYearPlans.projectId, ids))
            .orderBy(asc(projectYearPlans.year)),
          db
            .select({
              projectId: parcels.projectId,
              parcelNo: parcels.parcelNo,
              name: parcels.name,
              geometry: parcels.geometry,
            })
            .from(parcels)
            .where(
              and(inArray(parcels.projectId, ids), isNull(parcels.deletedAt), isNotNull(parcels.geometry)),
            )
            .orderBy(asc(parcels.parcelNo)),
          db
            .select({
              projectId: completionApplications.projectId,
              filingOn: completionApplications.filingOn,
              titleOn: completionApplications.titleOn,
              jointAcceptanceOn: completionApplications.jointAcceptanceOn,
            })
            .from(completionApplications)
            .where(
              and(
                inArray(completionApplications.projectId, ids),
                isNull(completionApplications.deletedAt),
                eq(completionApplications.status, 'issued'),
              ),
            ),
        ]);
      const byProject = <T extends { projectId: string | null }>(list: T[]) => {
        const map = new Map<string, T[]>();
        for (const item of list)
          if (item.projectId) map.set(item.projectId, [...(map.get(item.projectId) ?? []), item]);
        return (id: string) => map.get(id) ?? [];
      };
      const reportsOf = byProject(reportRows);
      const yearsOf = byProject(yearRows);
      const parcelsOf = byProject(parcelRows);
      const regionOf = new Map(regionRows.map((r) => [r.id, r]));
      const orgOf = new Map(orgRows.map((o) => [o.id, o]));
      const out = new Map<string, ProjectExtras>();
      for (const row of rows) {
        const region = regionOf.get(row.regionId);
        const org = row.responsibleOrgId ? orgOf.get(row.responsibleOrgId) : undefined;
        const plan = planRows.find((p) => p.projectId === row.id);
        const completion = completionRows.find((c) => c.projectId === row.id);
        out.set(row.id, {
          regionName: region?.name ?? '',
          regionCode: region?.code ?? row.regionId,
          responsibleOrg: org ? { code: org.code, name: org.name } : null,
          plan: plan
            ? {
                nodes: plan.nodes.map((n) => ({
                  key: n.key,
                  name: n.name,
                  ...(n.approvalCode ? { approvalCode: n.approvalCode } : {}),
                  actualFinish: n.actualFinish,
                })),
                baseline: plan.baseline?.nodes ?? null,
              }
            : null,
          reports: reportsOf(row.id).map(({ month, monthYuan, sinceStartYuan }) => ({
            month,
            monthYuan,
            sinceStartYuan,
          })),
          yearPlans: yearsOf(row.id).map(({ year, plannedInvestment }) => ({ year, plannedInvestment })),
          parcels: parcelsOf(row.id).flatMap((p) =>
            p.geometry ? [{ parcelNo: p.parcelNo, name: p.name, geometry: p.geometry }] : [],
          ),
          completion: completion ?? null,
        });
      }
      return out;
    },

    /** How many public projects are in scope and their latest change (a package's publishedDate). */
    async summary(principal: Principal): Promise<{ count: number; latest: Date | null }> {
      const [row] = await db
        .select({ n: count(), latest: max(projects.updatedAt) })
        .from(projects)
        .where(and(isNull(projects.deletedAt), projectInScope(principal), isPublicSql()));
      return { count: row?.n ?? 0, latest: row?.latest ?? null };
    },
  };
}

export type Oc4idsRepository = ReturnType<typeof createOc4idsRepository>;
