import type { Enterprise, ListResult, Org, OrgKind, Region } from '@groundbreak/contract';
import { and, asc, count, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { enterprises, orgs, regions } from '../../db/schema/index';
import { chineseOrder, containsPattern, offsetOf, orderByOf, type PageRequest } from '../../lib/paging';
import { buildsProjectInScope, enterpriseOwnedInScope, regionInScope } from '../../lib/scope';
import type { Principal } from '../registry';

export type OrgFilter = PageRequest & {
  kind?: OrgKind | undefined;
  regionId?: string | undefined;
  q?: string | undefined;
};
export type EnterpriseFilter = PageRequest & { q?: string | undefined };
export type EnterpriseRow = typeof enterprises.$inferSelect;
export type OrgRow = typeof orgs.$inferSelect;

/** An enterprise is edited by users whose region scope holds its region (and seen by its own staff). */
function enterpriseScope(principal: Principal): SQL {
  return enterpriseOwnedInScope(principal, enterprises.id, enterprises.regionId);
}

/** …and read, too, by users who see a project it builds. */
function enterpriseReadScope(principal: Principal): SQL {
  const own = enterpriseScope(principal);
  if (principal.roles.length === 1 && principal.roles[0] === 'enterprise') return own;
  return sql`(${own} OR ${buildsProjectInScope(principal, enterprises.id)})`;
}

function presentOrg(org: OrgRow, regionName: string): Org {
  return {
    id: org.id,
    code: org.code,
    name: org.name,
    shortName: org.shortName,
    kind: org.kind as OrgKind,
    regionId: org.regionId,
    regionName,
    version: org.version,
  };
}

export function createReferenceRepository(db: Db) {
  function presentEnterprise(e: EnterpriseRow, regionName: string): Enterprise {
    return {
      id: e.id,
      uscc: e.uscc,
      name: e.name,
      regionId: e.regionId,
      regionName,
      isDemo: e.isDemo,
      version: e.version,
    };
  }

  return {
    async listRegions(): Promise<Region[]> {
      const rows = await db
        .select()
        .from(regions)
        .where(isNull(regions.deletedAt))
        .orderBy(asc(regions.path), asc(regions.sortOrder));
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        level: r.level,
        kind: r.kind,
        parentId: r.parentId,
        aliases: r.aliases,
        sortOrder: r.sortOrder,
      }));
    },

    /** True when the region exists and lies in the principal's scope. */
    async isRegionInScope(principal: Principal, regionId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: regions.id })
        .from(regions)
        .where(
          and(eq(regions.id, regionId), isNull(regions.deletedAt), regionInScope(principal, regions.id)),
        );
      return row !== undefined;
    },

    async listOrgs(filter: OrgFilter): Promise<ListResult<Org>> {
      const conditions: SQL[] = [isNull(orgs.deletedAt)];
      if (filter.kind) conditions.push(eq(orgs.kind, filter.kind));
      if (filter.regionId) conditions.push(eq(orgs.regionId, filter.regionId));
      if (filter.q) {
        const pattern = containsPattern(filter.q);
        const match = or(
          ilike(orgs.name, pattern),
          ilike(orgs.shortName, pattern),
          ilike(orgs.code, pattern),
        );
        if (match) conditions.push(match);
      }
      const where = and(...conditions);
      const [rows, totals] = await Promise.all([
        db
          .select({ org: orgs, regionName: regions.name })
          .from(orgs)
          .innerJoin(regions, eq(regions.id, orgs.regionId))
          .where(where)
          .orderBy(
            ...orderByOf(
              filter.sort,
              { name: chineseOrder(orgs.name), kind: orgs.kind, code: orgs.code },
              asc(orgs.code),
              orgs.id,
            ),
          )
          .limit(filter.pageSize)
          .offset(offsetOf(filter)),
        db.select({ n: count() }).from(orgs).where(where),
      ]);
      return {
        items: rows.map(({ org, regionName }) => presentOrg(org, regionName)),
        total: totals[0]?.n ?? 0,
        page: filter.page,
        pageSize: filter.pageSize,
      };
    },

    async findOrg(id: string): Promise<(Org & { row: OrgRow }) | undefined> {
      const [found] = await db
        .select({ org: orgs, regionName: regions.name })
        .from(orgs)
        .innerJoin(regions, eq(regions.id, orgs.regionId))
        .where(and(eq(orgs.id, id), isNull(orgs.deletedAt)));
      if (!found) return undefined;
      return { ...presentOrg(found.org, found.regionName), row: found.org };
    },

    async updateOrg(
      tx: Db,
      id: string,
      version: number,
      values: { name: string; shortName: string; updatedAt: Date; updatedBy: string | null },
    ): Promise<OrgRow | undefined> {
      const [row] = await tx
        .update(orgs)
        .set({ ...values, version: sql`${orgs.version} + 1` })
        .where(and(eq(orgs.id, id), eq(orgs.version, version), isNull(orgs.deletedAt)))
        .returning();
      return row;
    },

    async listEnterprisesInScope(
      principal: Principal,
      filter: EnterpriseFilter,
    ): Promise<ListResult<Enterprise>> {
      const conditions: SQL[] = [isNull(enterprises.deletedAt), enterpriseReadScope(principal)];
      if (filter.q) {
        const pattern = containsPattern(filter.q);
        const match = or(ilike(enterprises.name, pattern), ilike(enterprises.uscc, pattern));
        if (match) conditions.push(match);
      }
      const where = and(...conditions);
      const [rows, totals] = await Promise.all([
        db
          .select({ enterprise: enterprises, regionName: regions.name })
          .from(enterprises)
          .innerJoin(regions, eq(regions.id, enterprises.regionId))
          .where(where)
          .orderBy(
            ...orderByOf(
              filter.sort,
              {
                name: chineseOrder(enterprises.name),
                uscc: enterprises.uscc,
                createdAt: enterprises.createdAt,
              },
              asc(chineseOrder(enterprises.name)),
              enterprises.id,
            ),
          )
          .limit(filter.pageSize)
          .offset(offsetOf(filter)),
        db.select({ n: count() }).from(enterprises).where(where),
      ]);
      return {
        items: rows.map((r) => presentEnterprise(r.enterprise, r.regionName)),
        total: totals[0]?.n ?? 0,
        page: filter.page,
        pageSize: filter.pageSize,
      };
    },

    async findEnterpriseInScope(principal: Principal, id: string): Promise<Enterprise | undefined> {
      const [row] = await db
        .select({ enterprise: enterprises, regionName: regions.name })
        .from(enterprises)
        .innerJoin(regions, eq(regions.id, enterprises.regionId))
        .where(and(eq(enterprises.id, id), isNull(enterprises.deletedAt), enterpriseReadScope(principal)));
      return row ? presentEnterprise(row.enterprise, row.regionName) : undefined;
    },

    async findEnterpriseRow(id: string): Promise<EnterpriseRow | undefined> {
      const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id));
      return row;
    },

    /** Any registration of this credit code, whoever may see it (duplicates are refused across 板块). */
    async findEnterpriseByUscc(uscc: string): Promise<EnterpriseRow | undefined> {
      const [row] = await db
        .select()
        .from(enterprises)
        .where(and(eq(enterprises.uscc, uscc), isNull(enterprises.deletedAt)));
      return row;
    },

    async insertEnterprise(tx: Db, values: typeof enterprises.$inferInsert): Promise<EnterpriseRow> {
      const [row] = await tx.insert(enterprises).values(values).returning();
      if (!row) throw new Error('enterprise not inserted');
      return row;
    },

    /** Updates an enterprise the principal may see, when the version matches. */
    async updateEnterpriseInScope(
      tx: Db,
      principal: Principal,
      id: string,
      version: number,
      values: { name: string; regionId: string; updatedAt: Date; updatedBy: string },
    ): Promise<EnterpriseRow | undefined> {
      const [row] = await tx
        .update(enterprises)
        .set({ ...values, version: sql`${enterprises.version} + 1` })
        .where(
          and(
            eq(enterprises.id, id),
            eq(enterprises.version, version),
            isNull(enterprises.deletedAt),
            enterpriseScope(principal),
          ),
        )
        .returning();
      return row;
    },

    async regionName(id: string): Promise<string> {
      const [row] = await db.select({ name: regions.name }).from(regions).where(eq(regions.id, id));
      return row?.name ?? '';
    },
  };
}

export type ReferenceRepository = ReturnType<typeof createReferenceRepository>;
