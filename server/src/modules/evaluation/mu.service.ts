import type { MuEvaluation, muListQuery } from '@groundbreak/contract';
import { MU_CLASSES, type MuClass, taxPerMuYuan } from '@groundbreak/domain';
import { and, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { enterprises, muEvaluations, regions } from '../../db/schema/index';
import { chineseOrder, containsPattern, offsetOf, orderByOf } from '../../lib/paging';
import { pathInScope } from '../../lib/scope';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';

// Reading the 亩均 classes. Who sees which enterprise's (ours): an enterprise its own; a user whose scope is
// the district (or wider) — 区发改, 工信, the leaders — every enterprise the district evaluated; a 板块 the
// enterprises registered in its area and those building a project in its scope. A project page shows its
// company's classes to anyone who may read the project.

type MuRow = typeof muEvaluations.$inferSelect;
type Listed = Omit<
  MuRow,
  'createdAt' | 'createdBy' | 'updatedBy' | 'deletedAt' | 'version' | 'importJobId'
> & {
  enterpriseId: string | null;
};

function present(row: Listed): MuEvaluation {
  return {
    id: row.id,
    uscc: row.uscc,
    enterpriseName: row.enterpriseName,
    enterpriseId: row.enterpriseId,
    year: row.year,
    muClass: row.muClass,
    score: row.score,
    salesYuan: row.salesYuan,
    taxYuan: row.taxYuan,
    landMu: row.landMu,
    energyTce: row.energyTce,
    employees: row.employees,
    rdYuan: row.rdYuan,
    taxPerMuYuan: taxPerMuYuan(row.taxYuan, row.landMu),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createMuService(deps: { database: Database; projects: ProjectsService }) {
  const { db } = deps.database;
  const columns = {
    id: muEvaluations.id,
    uscc: muEvaluations.uscc,
    enterpriseName: muEvaluations.enterpriseName,
    enterpriseId: enterprises.id,
    year: muEvaluations.year,
    muClass: muEvaluations.muClass,
    score: muEvaluations.score,
    salesYuan: muEvaluations.salesYuan,
    taxYuan: muEvaluations.taxYuan,
    landMu: muEvaluations.landMu,
    energyTce: muEvaluations.energyTce,
    employees: muEvaluations.employees,
    rdYuan: muEvaluations.rdYuan,
    updatedAt: muEvaluations.updatedAt,
  };
  const taxPerMu = sql`(${muEvaluations.taxYuan}::float8 / NULLIF(${muEvaluations.landMu}, 0))`;

  /** The rows the caller may see, as SQL. */
  async function visible(principal: Principal): Promise<SQL> {
    const own = principal.enterpriseId
      ? sql`${muEvaluations.uscc} IN (SELECT e.uscc FROM enterprises e WHERE e.id = ${principal.enterpriseId})`
      : sql`false`;
    if (principal.roles.every((r) => r === 'enterprise') || principal.regionScopeIds.length === 0) return own;
    const wide = await db
      .select({ id: regions.id })
      .from(regions)
      .where(
        and(
          inArray(regions.id, principal.regionScopeIds),
          inArray(regions.level, ['district', 'city', 'province']),
        ),
      )
      .limit(1);
    if (wide.length > 0) return sql`true`;
    const area = pathInScope(principal, sql`r.path`);
    return sql`(${own} OR ${muEvaluations.uscc} IN (
      SELECT p.uscc FROM projects p JOIN regions r ON r.id = p.region_id
       WHERE p.deleted_at IS NULL AND p.uscc IS NOT NULL AND ${area})
      OR ${muEvaluations.uscc} IN (
      SELECT e.uscc FROM enterprises e JOIN regions r ON r.id = e.region_id WHERE e.deleted_at IS NULL AND ${area}))`;
  }

  return {
    async list(principal: Principal, query: z.output<typeof muListQuery>) {
      const base = and(
        isNull(muEvaluations.deletedAt),
        await visible(principal),
        query.year ? eq(muEvaluations.year, query.year) : undefined,
        query.keyword
          ? or(
              ilike(muEvaluations.enterpriseName, containsPattern(query.keyword)),
              ilike(muEvaluations.uscc, containsPattern(query.keyword)),
            )
          : undefined,
      );
      const where = and(base, query.muClass ? eq(muEvaluations.muClass, query.muClass) : undefined);
      const order = orderByOf(
        query.sort,
        {
          year: muEvaluations.year,
          enterpriseName: chineseOrder(muEvaluations.enterpriseName),
          score: muEvaluations.score,
          taxPerMu,
        },
        sql`${muEvaluations.year} DESC, ${muEvaluations.muClass} ASC, ${chineseOrder(muEvaluations.enterpriseName)}`,
        muEvaluations.id,
      );
      const [rows, [total], classes, years] = await Promise.all([
        db
          .select(columns)
          .from(muEvaluations)
          .leftJoin(enterprises, and(eq(enterprises.uscc, muEvaluations.uscc), isNull(enterprises.deletedAt)))
          .where(where)
          .orderBy(...order)
          .limit(query.pageSize)
          .offset(offsetOf(query)),
        db.select({ n: count() }).from(muEvaluations).where(where),
        db
          .select({ muClass: muEvaluations.muClass, n: count() })
          .from(muEvaluations)
          .where(base)
          .groupBy(muEvaluations.muClass),
        db
          .selectDistinct({ year: muEvaluations.year })
          .from(muEvaluations)
          .where(and(isNull(muEvaluations.deletedAt), await visible(principal)))
          .orderBy(desc(muEvaluations.year)),
      ]);
      const counted = new Map(classes.map((c) => [c.muClass, c.n]));
      return {
        items: rows.map(present),
        total: total?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
        distribution: MU_CLASSES.map((muClass: MuClass) => ({ muClass, count: counted.get(muClass) ?? 0 })),
        years: years.map((y) => y.year),
      };
    },

    /** The classes of the project's company per year (the project in scope, else 404). */
    async forProject(principal: Principal, projectId: string) {
      const project = await deps.projects.load(principal, projectId);
      const uscc = project.uscc?.trim().toUpperCase() || null;
      if (!uscc) return { uscc: null, items: [] };
      const rows = await db
        .select(columns)
        .from(muEvaluations)
        .leftJoin(enterprises, and(eq(enterprises.uscc, muEvaluations.uscc), isNull(enterprises.deletedAt)))
        .where(and(eq(muEvaluations.uscc, uscc), isNull(muEvaluations.deletedAt)))
        .orderBy(desc(muEvaluations.year));
      return { uscc, items: rows.map(present) };
    },
  };
}
