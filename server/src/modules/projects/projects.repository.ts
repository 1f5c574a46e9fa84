import { parseSort } from '@groundbreak/contract';
import { type LibraryLevel, type ProjectState, phoneIndexKey, phoneSearchKey } from '@groundbreak/domain';
import { searchTerm } from '@groundbreak/domain/search';
import { and, asc, count, eq, gte, inArray, isNull, lte, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import { orgs, projects, projectYearPlans, regions, users } from '../../db/schema/index';
import type { FieldProtector } from '../../lib/crypto/field-protector';
import { chineseOrder, containsPattern, offsetOf, type PageRequest } from '../../lib/paging';
import { enterpriseOwnedInScope, regionWithinScope } from '../../lib/scope';
import type { Principal } from '../registry';

type StoredProject = typeof projects.$inferSelect;
type ProtectedColumns = 'contactPhoneCipher' | 'contactPhoneIndex';
/** A project as services see it: the contact phone in clear — the repository encrypts and decrypts it. */
export type ProjectRow = Omit<StoredProject, ProtectedColumns> & { contactPhone: string | null };
/** Values to write, in the services' terms (a phone in clear, encrypted on the way in). */
export type ProjectValues = Partial<Omit<typeof projects.$inferInsert, ProtectedColumns>> & {
  contactPhone?: string | null;
};
const PHONE = 'projects.contact_phone' as const;

export type ProjectFilter = PageRequest & {
  q?: string | undefined;
  regionId?: string | undefined;
  state?: ProjectState[] | undefined;
  level?: LibraryLevel | undefined;
  year?: number | undefined;
  startCategory?: 'reserve' | 'new' | 'continuing' | undefined;
  completing?: 'true' | 'false' | undefined;
  industrySection?: string | undefined;
  industryCode?: string | undefined;
  industryChain?: string | undefined;
  investMin?: number | undefined;
  investMax?: number | undefined;
  responsibleOrgId?: string | undefined;
  leaderUserId?: string | undefined;
  landReadyStart?: 'true' | 'false' | undefined;
};

/** A project is visible to users whose region scope holds its 板块, and to its own company's staff. */
export function projectInScope(principal: Principal): SQL {
  return enterpriseOwnedInScope(principal, projects.enterpriseId, projects.regionId);
}

/** The yearly start category (§3.4) of a project in year Y, as SQL, mirroring deriveYearCategory. */
export function startCategorySql(year: number): SQL {
  const start = `${year}-01-01`;
  const next = `${year + 1}-01-01`;
  const p = projects;
  return sql`CASE
    WHEN ${p.actualCompletionOn} < ${start}::date THEN NULL
    WHEN ${p.actualStartOn} < ${start}::date THEN 'continuing'
    WHEN ${p.actualStartOn} >= ${start}::date AND ${p.actualStartOn} < ${next}::date THEN 'new'
    WHEN ${p.plannedStartOn} < ${next}::date THEN 'new'
    ELSE 'reserve' END`;
}

export function completingSql(year: number): SQL {
  const start = `${year}-01-01`;
  const next = `${year + 1}-01-01`;
  const p = projects;
  return sql`COALESCE(${startCategorySql(year)} IN ('new', 'continuing') AND (
    (${p.actualCompletionOn} >= ${start}::date AND ${p.actualCompletionOn} < ${next}::date) OR
    (${p.actualCompletionOn} IS NULL AND ${p.plannedCompletionOn} >= ${start}::date AND ${p.plannedCompletionOn} < ${next}::date)), false)`;
}

const STATE_ORDER = sql.raw(
  `array_position(ARRAY['LEAD','NEGOTIATING','SIGNED','FILED','LAND_PREP','LAND_SUPPLIED','APPROVING','STARTED','COMPLETED','IN_PRODUCTION','AT_TARGET','POST_EVALUATED','SUSPENDED','TERMINATED'], projects.state)`,
);

const leader = alias(users, 'leader');

/** Values as stored: a phone becomes its ciphertext and blind index; absent stays absent. */
export async function protectProjectValues<T extends ProjectValues>(protector: FieldProtector, values: T) {
  const { contactPhone, ...rest } = values;
  if (contactPhone === undefined) return rest;
  if (contactPhone === null) return { ...rest, contactPhoneCipher: null, contactPhoneIndex: null };
  return {
    ...rest,
    contactPhoneCipher: await protector.encrypt(contactPhone, PHONE),
    contactPhoneIndex: await protector.blindIndex(phoneIndexKey(contactPhone), PHONE),
  };
}

export function createProjectsRepository(db: Db, protector: FieldProtector) {
  /** A stored row as services see it (phone decrypted). */
  async function reveal(row: StoredProject): Promise<ProjectRow> {
    const { contactPhoneCipher, contactPhoneIndex: _index, ...rest } = row;
    return {
      ...rest,
      contactPhone: contactPhoneCipher ? await protector.decrypt(contactPhoneCipher, PHONE) : null,
    };
  }

  const protect = <T extends ProjectValues>(values: T) => protectProjectValues(protector, values);

  /** The blind index a search text looks up when it is a whole phone number. */
  async function phoneIndexOf(q: string | undefined): Promise<string | null> {
    const key = q ? phoneSearchKey(q) : null;
    return key ? protector.blindIndex(key, PHONE) : null;
  }

  function conditions(
    principal: Principal,
    f: ProjectFilter,
    currentYear: number,
    phoneIndex: string | null,
  ): SQL[] {
    const where: SQL[] = [isNull(projects.deletedAt)];
    const enterpriseOnly = principal.roles.length === 1 && principal.roles[0] === 'enterprise';
    const own = principal.enterpriseId ? eq(projects.enterpriseId, principal.enterpriseId) : sql`false`;
    if (enterpriseOnly) {
      where.push(own);
      if (f.regionId)
        where.push(regionWithinScope({ ...principal, scopePaths: ['/'] }, projects.regionId, f.regionId));
    } else {
      const inRegions = regionWithinScope(principal, projects.regionId, f.regionId);
      where.push(principal.enterpriseId ? sql`(${own} OR ${inRegions})` : inRegions);
    }
    if (f.state && f.state.length > 0) where.push(inArray(projects.state, f.state));
    // A level alone: the library the project has entered in any year; with a year: that year's library (the
    // statistics of a year count it so, and drill down here).
    if (f.level && f.year !== undefined) {
      where.push(sql`EXISTS (SELECT 1 FROM project_libraries l WHERE l.project_id = ${projects.id} AND l.level = ${f.level}
        AND l.year = ${f.year} AND l.status = 'entered' AND l.deleted_at IS NULL)`);
    } else if (f.level) where.push(sql`${projects.levels} @> ARRAY[${f.level}]::text[]`);
    const year = f.year ?? currentYear;
    if (f.startCategory) where.push(sql`${startCategorySql(year)} = ${f.startCategory}`);
    if (f.completing)
      where.push(f.completing === 'true' ? completingSql(year) : sql`NOT ${completingSql(year)}`);
    if (f.industryCode) where.push(eq(projects.industryCode, f.industryCode));
    else if (f.industrySection) where.push(sql`${projects.industryCode} LIKE ${`${f.industrySection}%`}`);
    if (f.industryChain) where.push(eq(projects.industryChain, f.industryChain));
    if (f.investMin !== undefined) where.push(gte(projects.totalInvestment, f.investMin));
    if (f.investMax !== undefined) where.push(lte(projects.totalInvestment, f.investMax));
    if (f.responsibleOrgId) where.push(eq(projects.responsibleOrgId, f.responsibleOrgId));
    if (f.leaderUserId) where.push(eq(projects.leaderUserId, f.leaderUserId));
    if (f.landReadyStart) where.push(eq(projects.landReadyStart, f.landReadyStart === 'true'));
    const term = f.q ? searchTerm(f.q) : null;
    if (term) {
      const grams = sql`${projects.searchGrams} @> ARRAY[${sql.join(
        term.grams.map((g) => sql`${g}`),
        sql`, `,
      )}]::text[]`;
      const text = term.substring
        ? sql`${grams} AND ${projects.searchText} LIKE ${containsPattern(term.term)}`
        : grams;
      // A whole phone number also finds the project whose contact has it (exact match, blind index).
      where.push(phoneIndex ? sql`((${text}) OR ${projects.contactPhoneIndex} = ${phoneIndex})` : text);
    }
    return where;
  }

  return {
    /**
     * One page of the list as the JSON the API sends, built by PostgreSQL in one statement: the page's
     * ids come from the filter and sort alone (an index-only scan where the covering index serves the
     * filters), only those rows are joined and turned into JSON, and the total is counted in the same
     * round trip. The rows never become JavaScript objects. The shape is `projectListResponse`
     * (checked in the integration tests).
     */
    reveal,
    protect,
    /** A phone kept somewhere other than its row (an import's staged patch), encrypted all the same. */
    sealPhone: (plain: string) => protector.encrypt(plain, PHONE),
    openPhone: (sealed: string) => protector.decrypt(sealed, PHONE),

    async list(principal: Principal, f: ProjectFilter, currentYear: number): Promise<string> {
      const where = and(...conditions(principal, f, currentYear, await phoneIndexOf(f.q)));
      const sortable: Record<string, SQLWrapper> = {
        internalNo: projects.internalNo,
        name: chineseOrder(projects.name),
        totalInvestment: projects.totalInvestment,
        plannedStartOn: projects.plannedStartOn,
        actualStartOn: projects.actualStartOn,
        updatedAt: projects.updatedAt,
        state: STATE_ORDER,
      };
      const parsed = parseSort(f.sort);
      const key = (parsed && sortable[parsed.field]) || projects.updatedAt;
      const descending = parsed ? parsed.direction === 'desc' : true;
      // Plain ASC/DESC (PostgreSQL's default null placement) so that the btree indexes can serve the order.
      const direction = descending ? sql`DESC` : sql`ASC`;
      const page = db
        .select({ id: projects.id, k: sql`${key}`.as('k') })
        .from(projects)
        .where(where)
        .orderBy(sql`${key} ${direction}`, asc(projects.id))
        .limit(f.pageSize)
        .offset(offsetOf(f))
        .as('page');
      const p = projects;
      const item = sql`json_build_object(
        'id', ${p.id}, 'internalNo', ${p.internalNo}, 'name', ${p.name}, 'projectCode', ${p.projectCode},
        'state', ${p.state}, 'regionId', ${p.regionId}, 'regionName', ${regions.name},
        'builderName', ${p.builderName}, 'uscc', ${p.uscc}, 'industryChain', ${p.industryChain},
        'industryCode', ${p.industryCode}, 'totalInvestment', ${p.totalInvestment}, 'levels', ${p.levels},
        'responsibleOrgName', ${orgs.shortName}, 'leaderName', ${leader.displayName},
        'landReadyStart', ${p.landReadyStart}, 'plannedStartOn', ${p.plannedStartOn},
        'actualStartOn', ${p.actualStartOn},
        'updatedAt', to_char(${p.updatedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'isDemo', ${p.isDemo})`;
      const total = db.select({ n: count() }).from(projects).where(where);
      const result = await db.execute<{ body: string }>(sql`SELECT json_build_object(
          'items', coalesce((
            SELECT json_agg(${item} ORDER BY ${page.k} ${direction}, ${page.id})
            FROM ${page}
            JOIN ${projects} ON ${projects.id} = ${page.id}
            JOIN ${regions} ON ${regions.id} = ${projects.regionId}
            LEFT JOIN ${orgs} ON ${orgs.id} = ${projects.responsibleOrgId}
            LEFT JOIN "users" "leader" ON ${leader.id} = ${projects.leaderUserId}), '[]'::json),
          'total', (${total}),
          'page', ${f.page}::int,
          'pageSize', ${f.pageSize}::int)::text AS body`);
      return result.rows[0]?.body ?? '{"items":[],"total":0}';
    },

    /**
     * Every project the filter selects, in the list's default order, read in batches so that an export of
     * tens of thousands of rows is written while it is read. At most `limit` rows.
     */
    async *exportRows(principal: Principal, f: ProjectFilter, currentYear: number, limit: number) {
      const where = conditions(principal, f, currentYear, await phoneIndexOf(f.q));
      const batch = 2000;
      // Keyset pages (newest change first): each batch starts where the last ended, so that the 25th
      // batch of a 50,000-row export costs what the first does (an OFFSET would re-read all before it).
      // The cursor is PostgreSQL's own text of the timestamp: a JS Date would drop its microseconds.
      let after: { updatedAt: string; id: string } | undefined;
      for (let done = 0; done < limit; ) {
        const rows = await db
          .select({
            project: projects,
            regionName: regions.name,
            orgName: orgs.shortName,
            leaderName: leader.displayName,
            yearPlan: projectYearPlans.plannedInvestment,
            cursor: sql<string>`${projects.updatedAt}::text`,
          })
          .from(projects)
          .innerJoin(regions, eq(regions.id, projects.regionId))
          .leftJoin(orgs, eq(orgs.id, projects.responsibleOrgId))
          .leftJoin(leader, eq(leader.id, projects.leaderUserId))
          .leftJoin(
            projectYearPlans,
            and(eq(projectYearPlans.projectId, projects.id), eq(projectYearPlans.year, currentYear)),
          )
          .where(
            and(
              ...where,
              after
                ? sql`(${projects.updatedAt}, ${projects.id}) < (${after.updatedAt}::timestamptz, ${after.id}::uuid)`
                : undefined,
            ),
          )
          .orderBy(sql`${projects.updatedAt} DESC`, sql`${projects.id} DESC`)
          .limit(Math.min(batch, limit - done));
        for (const r of rows) {
          yield {
            ...(await reveal(r.project)),
            regionName: r.regionName,
            responsibleOrgName: r.orgName,
            leaderName: r.leaderName,
            yearPlan: r.yearPlan,
          };
        }
        done += rows.length;
        const last = rows.at(-1);
        if (rows.length < batch || !last) return;
        after = { updatedAt: last.cursor, id: last.project.id };
      }
    },

    async findInScope(principal: Principal, id: string, tx: Db = db): Promise<ProjectRow | undefined> {
      const [row] = await tx
        .select()
        .from(projects)
        .where(and(eq(projects.id, id), isNull(projects.deletedAt), projectInScope(principal)));
      return row && reveal(row);
    },

    async findRow(id: string, reader: Db = db): Promise<ProjectRow | undefined> {
      const [row] = await reader.select().from(projects).where(eq(projects.id, id));
      return row && reveal(row);
    },

    /** Names shown next to ids on the detail page. */
    async namesFor(row: ProjectRow): Promise<{
      regionName: string;
      responsibleOrgName: string | null;
      leaderName: string | null;
      specialistName: string | null;
      updatedByName: string | null;
    }> {
      const ids = [row.leaderUserId, row.specialistUserId, row.updatedBy].filter((x): x is string =>
        Boolean(x),
      );
      const [region] = await db
        .select({ name: regions.name })
        .from(regions)
        .where(eq(regions.id, row.regionId));
      const [org] = row.responsibleOrgId
        ? await db.select({ name: orgs.shortName }).from(orgs).where(eq(orgs.id, row.responsibleOrgId))
        : [];
      const people =
        ids.length > 0
          ? await db
              .select({ id: users.id, name: users.displayName })
              .from(users)
              .where(inArray(users.id, ids))
          : [];
      const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? null;
      return {
        regionName: region?.name ?? '',
        responsibleOrgName: org?.name ?? null,
        leaderName: nameOf(row.leaderUserId),
        specialistName: nameOf(row.specialistUserId),
        updatedByName: nameOf(row.updatedBy),
      };
    },

    async insert(
      tx: Db,
      values: ProjectValues &
        Pick<typeof projects.$inferInsert, 'name' | 'regionId' | 'internalNo' | 'state'>,
    ): Promise<ProjectRow> {
      const [row] = await tx
        .insert(projects)
        .values(await protect(values))
        .returning();
      if (!row) throw new Error('insert returned no row');
      return reveal(row);
    },

    /** Updates when the version matches; undefined when it does not (a concurrent save won). */
    async update(
      tx: Db,
      id: string,
      version: number,
      values: ProjectValues,
    ): Promise<ProjectRow | undefined> {
      const [row] = await tx
        .update(projects)
        .set({ ...(await protect(values)), version: sql`${projects.version} + 1` })
        .where(and(eq(projects.id, id), eq(projects.version, version), isNull(projects.deletedAt)))
        .returning();
      return row && reveal(row);
    },

    /** The next internal number of a year for a prefix (WJ-2025-0001), under a transaction lock. */
    async nextInternalNo(tx: Db, prefix: string, year: number): Promise<string> {
      const [next] = await this.allocateInternalNos(tx, prefix, year, 1);
      if (!next) throw new Error('no internal number allocated');
      return next;
    },

    /**
     * `count` consecutive internal numbers (four digits at least, more past 9999), under a transaction
     * lock held until the caller's transaction ends, so that concurrent registrations never collide.
     */
    async allocateInternalNos(tx: Db, prefix: string, year: number, count: number): Promise<string[]> {
      const head = `${prefix}-${year}-`;
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`internal_no:${head}`}))`);
      const [row] = await tx
        .select({
          last: sql<number | null>`max(substring(${projects.internalNo} FROM ${head.length + 1}::int)::int)`,
        })
        .from(projects)
        .where(
          sql`${projects.internalNo} LIKE ${`${head}%`} AND substring(${projects.internalNo} FROM ${head.length + 1}::int) ~ '^[0-9]{1,9}$'`,
        );
      const first = Number(row?.last ?? 0) + 1;
      return Array.from({ length: count }, (_v, i) => `${head}${String(first + i).padStart(4, '0')}`);
    },

    async codeTaken(tx: Db, code: string, exceptId?: string): Promise<boolean> {
      const where = [eq(projects.projectCode, code), isNull(projects.deletedAt)];
      if (exceptId) where.push(sql`${projects.id} <> ${exceptId}`);
      const [row] = await tx
        .select({ id: projects.id })
        .from(projects)
        .where(and(...where));
      return row !== undefined;
    },

    /** Region ids of 板块 (subarea level) and the given region's own level, for ownership checks. */
    async regionLevel(regionId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ level: regions.level })
        .from(regions)
        .where(and(eq(regions.id, regionId), isNull(regions.deletedAt)));
      return row?.level;
    },

    async userExists(id: string, role: string): Promise<boolean> {
      const [row] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, id), isNull(users.deletedAt), sql`${users.roles} @> ARRAY[${role}]::text[]`));
      return row !== undefined;
    },

    async people(role: string): Promise<{ id: string; displayName: string; orgName: string }[]> {
      return db
        .select({ id: users.id, displayName: users.displayName, orgName: orgs.shortName })
        .from(users)
        .innerJoin(orgs, eq(orgs.id, users.orgId))
        .where(
          and(
            isNull(users.deletedAt),
            eq(users.status, 'active'),
            sql`${users.roles} @> ARRAY[${role}]::text[]`,
          ),
        )
        .orderBy(asc(users.displayName))
        .limit(500);
    },
  };
}

export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;
