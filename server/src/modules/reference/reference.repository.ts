import type { Enterprise, ListResult, Org, OrgKind, Region } from '@groundbreak/contract';
import { and, asc, count, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { enterprises, orgs, regions } from '../../db/schema/index';
import { chineseOrder, offsetOf, orderByOf, type PageRequest } from '../../lib/paging';

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type OrgFilter = PageRequest & {
  kind?: OrgKind | undefined;
  regionId?: string | undefined;
  q?: string | undefined;
};
export type EnterpriseFilter = PageRequest & { q?: string | undefined };

export function createReferenceRepository(db: Db) {
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

    async listOrgs(filter: OrgFilter): Promise<ListResult<Org>> {
      const conditions: SQL[] = [isNull(orgs.deletedAt)];
      if (filter.kind) conditions.push(eq(orgs.kind, filter.kind));
      if (filter.regionId) conditions.push(eq(orgs.regionId, filter.regionId));
      if (filter.q) {
        const pattern = likePattern(filter.q);
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
        items: rows.map(({ org, regionName }) => ({
          id: org.id,
          code: org.code,
          name: org.name,
          shortName: org.shortName,
          kind: org.kind as OrgKind,
          regionId: org.regionId,
          regionName,
        })),
        total: totals[0]?.n ?? 0,
        page: filter.page,
        pageSize: filter.pageSize,
      };
    },

    async listEnterprises(filter: EnterpriseFilter): Promise<ListResult<Enterprise>> {
      const conditions: SQL[] = [isNull(enterprises.deletedAt)];
      if (filter.q) {
        const pattern = likePattern(filter.q);
        const match = or(ilike(enterprises.name, pattern), ilike(enterprises.uscc, pattern));
        if (match) conditions.push(match);
      }
      const where = and(...conditions);
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(enterprises)
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
        items: rows.map((e) => ({
          id: e.id,
          uscc: e.uscc,
          name: e.name,
          regionId: e.regionId,
          isDemo: e.isDemo,
        })),
        total: totals[0]?.n ?? 0,
        page: filter.page,
        pageSize: filter.pageSize,
      };
    },
  };
}

export type ReferenceRepository = ReturnType<typeof createReferenceRepository>;
