import type {
  BriefingSummary,
  briefingListQuery,
  createBriefingBody,
  issueBriefingBody,
  SavedBriefing,
  updateBriefingBody,
} from '@groundbreak/contract';
import { and, asc, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { briefings, regions, users } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import { type createBriefingGenerator, STATS_SHAPE } from './stats.service';

// Briefings (简报) kept: generated from the statistics of a scope and period, edited as a draft, issued
// with the number of its region and year (第N期). A briefing keeps the overview it was computed from; once
// issued its text and figures no longer change. Seen by users whose scope covers its region; written by
// 区发改 and the 板块 (stats.write) within theirs.

type BriefingRow = typeof briefings.$inferSelect;
const creator = alias(users, 'creator');
const issuer = alias(users, 'issuer');

export function createBriefingsService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditRepository;
  generator: ReturnType<typeof createBriefingGenerator>;
}) {
  const { db } = deps.database;

  const summaryColumns = {
    b: briefings,
    regionName: regions.name,
    createdByName: creator.displayName,
    issuedByName: issuer.displayName,
  };
  const fromBriefings = () =>
    db
      .select(summaryColumns)
      .from(briefings)
      .innerJoin(regions, eq(regions.id, briefings.regionId))
      .leftJoin(creator, eq(creator.id, briefings.createdBy))
      .leftJoin(issuer, eq(issuer.id, briefings.issuedBy));
  type Joined = Awaited<ReturnType<ReturnType<typeof fromBriefings>['execute']>>[number];

  function summary(r: Joined): BriefingSummary {
    return {
      id: r.b.id,
      regionId: r.b.regionId,
      regionName: r.regionName,
      year: r.b.year,
      month: r.b.month,
      title: r.b.title,
      status: r.b.status,
      issueYear: r.b.issueYear,
      issueNo: r.b.issueNo,
      issuedAt: r.b.issuedAt?.toISOString() ?? null,
      issuedByName: r.issuedByName,
      createdAt: r.b.createdAt.toISOString(),
      createdByName: r.createdByName,
      computedAt: r.b.computedAt.toISOString(),
      version: r.b.version,
    };
  }

  async function load(principal: Principal, id: string): Promise<Joined> {
    const [row] = await fromBriefings().where(
      and(eq(briefings.id, id), isNull(briefings.deletedAt), regionInScope(principal, briefings.regionId)),
    );
    if (!row) throw notFound('简报');
    return row;
  }

  function detail(principal: Principal, r: Joined): SavedBriefing {
    return {
      ...summary(r),
      paragraphs: r.b.paragraphs,
      redTotal: r.b.redTotal,
      redList: r.b.redList,
      problems: r.b.problems,
      snapshot: r.b.snapshot,
      canEdit: r.b.status === 'draft' && principal.actions.has('stats.write'),
    };
  }

  /** A draft the caller may change, at the version the edit was based on. */
  async function draftOf(principal: Principal, id: string, version: number): Promise<BriefingRow> {
    const { b } = await load(principal, id);
    if (b.status !== 'draft') throw new AppError('CONFLICT', '简报已印发，不能再修改或删除');
    if (b.version !== version) throw await versionConflict(db, '简报', b);
    return b;
  }

  function audit(tx: Db, actor: AuditActor, action: string, id: string, summary: Record<string, unknown>) {
    return deps.audit.append(
      tx,
      actor,
      { action, objectType: 'briefing', objectId: id, result: 'success', summary },
      deps.clock.now(),
    );
  }

  /** The versioned update of a draft, with its audit record, in one transaction. */
  async function change(
    actor: AuditActor,
    b: BriefingRow,
    action: string,
    set: Partial<typeof briefings.$inferInsert>,
    auditSummary: Record<string, unknown>,
    extra?: (tx: Db) => Promise<Partial<typeof briefings.$inferInsert>>,
  ): Promise<void> {
    await db.transaction(async (tx) => {
      const more = extra ? await extra(tx) : {};
      const now = deps.clock.now();
      const updated = await tx
        .update(briefings)
        .set({
          ...set,
          ...more,
          version: sql`${briefings.version} + 1`,
          updatedAt: now,
          updatedBy: actor.userId,
        })
        .where(and(eq(briefings.id, b.id), eq(briefings.version, b.version), eq(briefings.status, 'draft')))
        .returning({ id: briefings.id });
      if (updated.length === 0) {
        // Who saved first: the row as it is now, not as this request read it.
        const [current] = await tx.select().from(briefings).where(eq(briefings.id, b.id));
        if (current && current.status !== 'draft')
          throw new AppError('CONFLICT', '简报已印发，不能再修改或删除');
        throw await versionConflict(tx, '简报', current ?? b);
      }
      await audit(tx, actor, action, b.id, { ...auditSummary, ...more });
    });
  }

  return {
    async list(principal: Principal, query: z.output<typeof briefingListQuery>) {
      const where: SQL | undefined = and(
        isNull(briefings.deletedAt),
        regionInScope(principal, briefings.regionId),
        query.regionId ? eq(briefings.regionId, query.regionId) : undefined,
        query.status ? eq(briefings.status, query.status) : undefined,
        query.year ? eq(briefings.year, query.year) : undefined,
      );
      const order =
        query.sort === 'period' || query.sort === '-period'
          ? [
              (query.sort === 'period' ? asc : desc)(briefings.year),
              (query.sort === 'period' ? asc : desc)(briefings.month),
              desc(briefings.createdAt),
            ]
          : [(query.sort === 'createdAt' ? asc : desc)(briefings.createdAt)];
      const [rows, [total]] = await Promise.all([
        fromBriefings()
          .where(where)
          .orderBy(...order, desc(briefings.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(briefings).where(where),
      ]);
      return { items: rows.map(summary), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
    },

    async detail(principal: Principal, id: string): Promise<SavedBriefing> {
      return detail(principal, await load(principal, id));
    },

    /** Generates the briefing of a scope and period from today's data and keeps it as a draft. */
    async create(
      principal: Principal,
      actor: AuditActor,
      body: z.output<typeof createBriefingBody>,
    ): Promise<SavedBriefing> {
      const { briefing, overview } = await deps.generator.compose(principal, body);
      const now = deps.clock.now();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(briefings)
          .values({
            regionId: overview.region.id,
            year: overview.year,
            month: overview.month,
            title: briefing.title,
            paragraphs: briefing.paragraphs,
            redList: briefing.redList,
            problems: briefing.problems,
            snapshot: overview,
            snapshotShape: STATS_SHAPE,
            computedAt: new Date(overview.computedAt),
            redTotal: briefing.redTotal,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: briefings.id });
        if (!row) throw new Error('briefing not inserted');
        await audit(tx, actor, 'briefing.create', row.id, {
          title: briefing.title,
          region: overview.region.name,
          period: `${overview.year}-${String(overview.month).padStart(2, '0')}`,
        });
        return row.id;
      });
      return this.detail(principal, id);
    },

    async update(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof updateBriefingBody>,
    ): Promise<SavedBriefing> {
      const b = await draftOf(principal, id, body.version);
      await change(
        actor,
        b,
        'briefing.update',
        { title: body.title, paragraphs: body.paragraphs },
        { title: body.title, paragraphs: body.paragraphs.length },
      );
      return this.detail(principal, id);
    },

    /** Issues a draft as 第N期 of its region and year; its text and figures are final from then on. */
    async issue(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof issueBriefingBody>,
    ): Promise<SavedBriefing> {
      const b = await draftOf(principal, id, body.version);
      const now = deps.clock.now();
      await change(
        actor,
        b,
        'briefing.issue',
        { status: 'issued', issuedAt: now, issuedBy: actor.userId },
        { title: b.title },
        async (tx) => {
          // Numbered within the region and the year of issue (a December briefing issued in January is
          // the new year's first), one after another whoever issues at the same moment.
          const issueYear = Number(shanghaiDate(now).slice(0, 4));
          await tx.execute(
            sql`SELECT pg_advisory_xact_lock(hashtext(${`briefing-no:${b.regionId}:${issueYear}`}))`,
          );
          const [last] = await tx
            .select({ n: sql<number>`coalesce(max(${briefings.issueNo}), 0)::int` })
            .from(briefings)
            .where(and(eq(briefings.regionId, b.regionId), eq(briefings.issueYear, issueYear)));
          return { issueYear, issueNo: (last?.n ?? 0) + 1 };
        },
      );
      return this.detail(principal, id);
    },

    /** Deletes a draft (an issued briefing stays on record). */
    async remove(principal: Principal, actor: AuditActor, id: string, version: number): Promise<void> {
      const b = await draftOf(principal, id, version);
      await change(actor, b, 'briefing.delete', { deletedAt: deps.clock.now() }, { title: b.title });
    },
  };
}

export type BriefingsService = ReturnType<typeof createBriefingsService>;
