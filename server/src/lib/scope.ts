import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Principal } from '../modules/registry';

// Data scope in SQL, decided in one place. A user sees the subtrees of their region scopes; an enterprise
// user sees their own company; nothing else. Repositories add these conditions to every read and write.

/** Rows whose region lies in one of the principal's region subtrees. */
export function regionInScope(principal: Principal, regionId: AnyPgColumn): SQL {
  if (principal.scopePaths.length === 0) return sql`false`;
  const patterns = principal.scopePaths.map((p) => sql`${`${p}%`}`);
  return sql`${regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE ANY(ARRAY[${sql.join(patterns, sql`, `)}]::text[]))`;
}

/**
 * Enterprises that build a project the principal may see (a 板块 reads the company of its own project even
 * when another 板块 registered it). For reads only: the record stays the registering 板块's to edit.
 */
export function buildsProjectInScope(principal: Principal, enterpriseId: AnyPgColumn): SQL {
  if (principal.scopePaths.length === 0) return sql`false`;
  const patterns = principal.scopePaths.map((p) => sql`${`${p}%`}`);
  return sql`${enterpriseId} IN (SELECT p.enterprise_id FROM projects p WHERE p.deleted_at IS NULL AND p.enterprise_id IS NOT NULL AND p.region_id IN (SELECT r.id FROM regions r WHERE r.path LIKE ANY(ARRAY[${sql.join(patterns, sql`, `)}]::text[])))`;
}

/** Rows of an enterprise-owned resource: the enterprise user's own company, else by region scope. */
export function enterpriseOwnedInScope(
  principal: Principal,
  enterpriseId: AnyPgColumn,
  regionId: AnyPgColumn,
): SQL {
  const own = principal.enterpriseId ? sql`${enterpriseId} = ${principal.enterpriseId}` : sql`false`;
  if (principal.roles.includes('enterprise') && principal.roles.length === 1) return own;
  return sql`(${own} OR ${regionInScope(principal, regionId)})`;
}

/**
 * Rows whose region lies in the principal's scope and, when given, under one region, as one semi-join
 * on regions: the planner then knows how many regions qualify (a whole province or 73 板块 of one city)
 * and drives an index-only scan per region, or hashes the regions against a keyword's matches. (Two
 * separate conditions made it filter every row; `= ANY(ARRAY(…))` hid the region count from it.)
 */
export function regionWithinScope(principal: Principal, regionId: AnyPgColumn, under?: string): SQL {
  if (principal.scopePaths.length === 0) return sql`false`;
  const patterns = principal.scopePaths.map((p) => sql`${`${p}%`}`);
  const within = under
    ? sql` AND r.path LIKE (SELECT s.path FROM regions s WHERE s.id = ${under}) || '%'`
    : sql``;
  // One scope (the usual case) is a constant prefix, which the path index serves.
  const inScope =
    patterns.length === 1
      ? sql`r.path LIKE ${patterns[0]}`
      : sql`r.path LIKE ANY(ARRAY[${sql.join(patterns, sql`, `)}]::text[])`;
  return sql`${regionId} IN (SELECT r.id FROM regions r WHERE ${inScope}${within})`;
}

/** A region path (as SQL, e.g. `r.path`) within one of the principal's subtrees. */
export function pathInScope(principal: Principal, path: SQL): SQL {
  if (principal.scopePaths.length === 0) return sql`false`;
  return sql`(${sql.join(
    principal.scopePaths.map((p) => sql`${path} LIKE ${`${p}%`}`),
    sql` OR `,
  )})`;
}

/**
 * Rows that belong to a project and carry its region (approval items, monthly reports): in scope by that
 * region, or — for an enterprise's staff — by the project's company, as projects themselves are scoped.
 */
export function projectChildInScope(
  principal: Principal,
  regionId: AnyPgColumn,
  projectId: AnyPgColumn,
  under?: string,
): SQL {
  const own = principal.enterpriseId
    ? sql`${projectId} IN (SELECT p.id FROM projects p WHERE p.enterprise_id = ${principal.enterpriseId})`
    : undefined;
  if (own && principal.roles.includes('enterprise') && principal.roles.length === 1) return own;
  const region = regionWithinScope(principal, regionId, under);
  return own ? sql`(${own} OR ${region})` : region;
}
