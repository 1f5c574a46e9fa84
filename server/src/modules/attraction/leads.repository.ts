import type { LeadListItem } from '@groundbreak/contract';
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { leadProfiles, orgs, projects, regions, users } from '../../db/schema/index';
import { projectInScope } from '../projects/projects.repository';
import type { Principal } from '../registry';

// Reads of the attraction pipeline: a lead is a project in 招商线索 or 在谈 joined to its profile (a
// registry lead nobody has profiled yet shows with empty profile columns).

export const LEAD_STATES = ['LEAD', 'NEGOTIATING'] as const;
const owner = alias(users, 'lead_owner');

/** The earliest open next step of a lead (day and text), for lists and the due filter. */
export const nextStepOnSql = sql<string | null>`(SELECT min(a.next_step_on)::text FROM lead_activities a
  WHERE a.project_id = ${projects.id} AND a.deleted_at IS NULL AND a.next_step_done_at IS NULL)`;
const nextStepSql = sql<string | null>`(SELECT a.next_step FROM lead_activities a
  WHERE a.project_id = ${projects.id} AND a.deleted_at IS NULL AND a.next_step_done_at IS NULL
    AND a.next_step_on IS NOT NULL ORDER BY a.next_step_on, a.created_at LIMIT 1)`;

/** Another live lead (not merged, not terminated) with the same name key or USCC. */
export const possibleDuplicateSql = sql<boolean>`COALESCE(EXISTS (SELECT 1 FROM lead_profiles o
  JOIN projects op ON op.id = o.project_id
  WHERE o.project_id <> ${projects.id} AND o.deleted_at IS NULL AND o.merged_into_project_id IS NULL
    AND op.deleted_at IS NULL AND op.state <> 'TERMINATED'
    AND (o.company_name_norm = ${leadProfiles.companyNameNorm}
      OR (o.investor_uscc IS NOT NULL AND o.investor_uscc = ${leadProfiles.investorUscc}))), false)`;

/** The columns of a lead list row. */
export const leadListColumns = {
  id: projects.id,
  internalNo: projects.internalNo,
  name: projects.name,
  state: projects.state,
  regionId: projects.regionId,
  regionName: regions.name,
  hasProfile: sql<boolean>`(${leadProfiles.projectId} IS NOT NULL)`,
  profileVersion: leadProfiles.version,
  companyName: sql<string | null>`COALESCE(${leadProfiles.companyName}, ${projects.investorName})`,
  investorOrigin: sql<string | null>`COALESCE(${leadProfiles.investorOrigin}, ${projects.investorOrigin})`,
  intendedProduct: leadProfiles.intendedProduct,
  source: sql<string | null>`COALESCE(${leadProfiles.source}, ${projects.source})`,
  industryChain: projects.industryChain,
  totalInvestment: projects.totalInvestment,
  estimatedLandMu: leadProfiles.estimatedLandMu,
  score: leadProfiles.score,
  grade: leadProfiles.grade,
  ownerUserId: leadProfiles.ownerUserId,
  ownerName: owner.displayName,
  inPool: sql<boolean>`COALESCE(${leadProfiles.inPool}, false)`,
  assignedVia: leadProfiles.assignedVia,
  registeredOn: sql<
    string | null
  >`COALESCE(${leadProfiles.registeredOn}::text, ((${projects.createdAt} AT TIME ZONE 'Asia/Shanghai')::date)::text)`,
  nextStep: nextStepSql,
  nextStepOn: nextStepOnSql,
  possibleDuplicate: possibleDuplicateSql,
  updatedAt: projects.updatedAt,
  isDemo: projects.isDemo,
};

type LeadListRow = {
  [K in keyof typeof leadListColumns]: unknown;
};

/** A list row as the contract has it. */
export function toLeadListItem(r: LeadListRow): LeadListItem {
  return {
    ...(r as unknown as LeadListItem),
    updatedAt: (r.updatedAt as Date).toISOString(),
    totalInvestment: r.totalInvestment === null ? null : Number(r.totalInvestment),
  };
}

/** FROM projects ⟕ lead_profiles ⋈ regions ⟕ owner: the join every lead read uses. */
export function leadsFrom(db: Db) {
  return db
    .select(leadListColumns)
    .from(projects)
    .leftJoin(leadProfiles, and(eq(leadProfiles.projectId, projects.id), isNull(leadProfiles.deletedAt)))
    .innerJoin(regions, eq(regions.id, projects.regionId))
    .leftJoin(owner, eq(owner.id, leadProfiles.ownerUserId));
}

/** Live leads: in 招商线索/在谈, not deleted, not merged away. */
export function liveLead(): SQL {
  // A merged lead is terminated in the merge's own transaction, so the states alone exclude it; naming no
  // lead_profiles column here lets PostgreSQL drop the join from the list's count (bench, 9,723 leads of a
  // district among 20,000: 17.5 → 10.0 ms).
  return and(isNull(projects.deletedAt), inArray(projects.state, [...LEAD_STATES])) as SQL;
}

/** Leads in the caller's scope. */
export function leadInScope(principal: Principal): SQL {
  return projectInScope(principal);
}

/**
 * Pool leads the caller may see and claim: a pool lead belongs to its district (its region), so a caller
 * reaches the pools of the districts it works in — a district inside its scope (区发改, 商务, a city) or the
 * district above its scope (a 板块). Another district's pool stays out of sight.
 */
export function poolInReach(principal: Principal): SQL {
  if (principal.scopePaths.length === 0) return sql`false`;
  const reach = sql.join(
    principal.scopePaths.map((p) => sql`(d.path LIKE ${`${p}%`} OR ${p} LIKE d.path || '%')`),
    sql` OR `,
  );
  return sql`${projects.regionId} IN (SELECT d.id FROM regions d WHERE ${reach})`;
}

/** Whether the district of a region (a pool lead's, or a claimed one's) is one whose pool the caller reaches. */
export async function inPoolReach(db: Db, principal: Principal, regionId: string): Promise<boolean> {
  const { rows } = await db.execute<{ path: string }>(sql`
    SELECT d.path FROM regions d, regions r
     WHERE r.id = ${regionId} AND d.level = 'district' AND r.path LIKE d.path || '%'
     ORDER BY length(d.path) DESC LIMIT 1`);
  const district = rows[0]?.path;
  if (!district) return false;
  return principal.scopePaths.some((p) => p.startsWith(district) || district.startsWith(p));
}

/** The district region above a region (the pool's owner), or the region itself when it is one. */
export async function districtOf(db: Db, regionId: string): Promise<{ id: string; name: string } | null> {
  const { rows } = await db.execute<{ id: string; name: string }>(sql`
    SELECT d.id, d.name FROM regions d, regions r
     WHERE r.id = ${regionId} AND d.level = 'district' AND r.path LIKE d.path || '%'
     ORDER BY length(d.path) DESC LIMIT 1`);
  return rows[0] ?? null;
}

/** The 板块's own organisation (its 管委会 / 镇政府), to be the lead's 责任单位 when it takes the lead. */
export async function subareaOrgOf(db: Db, regionId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(eq(orgs.regionId, regionId), isNull(orgs.deletedAt)))
    .orderBy(orgs.code)
    .limit(1);
  return row?.id ?? null;
}

export async function regionRow(
  db: Db,
  regionId: string,
): Promise<{ id: string; name: string; level: string } | null> {
  const [row] = await db
    .select({ id: regions.id, name: regions.name, level: regions.level })
    .from(regions)
    .where(and(eq(regions.id, regionId), isNull(regions.deletedAt)));
  return row ?? null;
}
