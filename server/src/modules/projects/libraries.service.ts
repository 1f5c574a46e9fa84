import type { LibraryEntry } from '@groundbreak/contract';
import {
  type LibraryCategory,
  type LibraryLevel,
  type LibraryStatus,
  libraryEntryNotes,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { projectLibraries, projects, regions, users } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { offsetOf, orderByOf, type PageRequest } from '../../lib/paging';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import { projectInScope } from './projects.repository';
import { abilitiesOf, type ProjectsService } from './projects.service';

// Library entry (申报入库): a 板块 applies a project for a level and year; 区发改 approves (the entry date
// is what statistics count by), returns it with a reason, or later withdraws it (退库).

type Deps = { database: Database; audit: AuditRepository; clock: Clock; projects: ProjectsService };

const applicant = alias(users, 'applicant');
const decider = alias(users, 'decider');

const entryColumns = {
  entry: projectLibraries,
  appliedByName: applicant.displayName,
  decidedByName: decider.displayName,
  totalInvestment: projects.totalInvestment,
  landAreaM2: projects.landAreaM2,
  projectName: projects.name,
  regionName: regions.name,
};

type Joined = {
  entry: typeof projectLibraries.$inferSelect;
  appliedByName: string | null;
  decidedByName: string | null;
  totalInvestment: number | null;
  landAreaM2: number | null;
  projectName: string;
  regionName: string;
};

function present(r: Joined): LibraryEntry {
  const e = r.entry;
  return {
    id: e.id,
    projectId: e.projectId,
    level: e.level as LibraryLevel,
    year: e.year,
    category: e.category as LibraryCategory,
    status: e.status as LibraryStatus,
    appliedOn: e.appliedOn,
    appliedByName: r.appliedByName ?? '',
    enteredOn: e.enteredOn,
    decidedByName: r.decidedByName,
    returnReason: e.returnReason,
    sourceDoc: e.sourceDoc,
    notes: e.status === 'applied' ? libraryEntryNotes(e.level as LibraryLevel, r) : [],
    version: e.version,
  };
}

export function createLibrariesService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;

  function joined(where: SQL | undefined) {
    return db
      .select(entryColumns)
      .from(projectLibraries)
      .innerJoin(projects, eq(projects.id, projectLibraries.projectId))
      .innerJoin(regions, eq(regions.id, projects.regionId))
      .leftJoin(applicant, eq(applicant.id, projectLibraries.appliedBy))
      .leftJoin(decider, eq(decider.id, projectLibraries.decidedBy))
      .where(where);
  }

  /** Recomputes the project's entered levels after a decision (the list filters on them). */
  async function refreshLevels(tx: Db, projectId: string): Promise<void> {
    await tx.execute(sql`UPDATE projects SET levels = COALESCE((
        SELECT array_agg(DISTINCT level ORDER BY level) FROM project_libraries
        WHERE project_id = ${projectId} AND status = 'entered' AND deleted_at IS NULL), '{}')
      WHERE id = ${projectId}`);
  }

  return {
    async listForProject(principal: Principal, projectId: string): Promise<LibraryEntry[]> {
      await deps.projects.load(principal, projectId);
      const rows = await joined(
        and(eq(projectLibraries.projectId, projectId), isNull(projectLibraries.deletedAt)),
      ).orderBy(desc(projectLibraries.year), asc(projectLibraries.level));
      return rows.map(present);
    },

    /** The applications and entries of projects in the caller's scope (区发改's queue). */
    async queue(
      principal: Principal,
      f: PageRequest & {
        status?: LibraryStatus | undefined;
        level?: LibraryLevel | undefined;
        year?: number | undefined;
      },
    ) {
      const where: SQL[] = [
        isNull(projectLibraries.deletedAt),
        isNull(projects.deletedAt),
        projectInScope(principal),
      ];
      if (f.status) where.push(eq(projectLibraries.status, f.status));
      if (f.level) where.push(eq(projectLibraries.level, f.level));
      if (f.year) where.push(eq(projectLibraries.year, f.year));
      const order = orderByOf(
        f.sort,
        { appliedOn: projectLibraries.appliedOn, year: projectLibraries.year },
        desc(projectLibraries.appliedOn),
        projectLibraries.id,
      );
      const [rows, [total]] = await Promise.all([
        joined(and(...where))
          .orderBy(...order)
          .limit(f.pageSize)
          .offset(offsetOf(f)),
        db
          .select({ n: count() })
          .from(projectLibraries)
          .innerJoin(projects, eq(projects.id, projectLibraries.projectId))
          .where(and(...where)),
      ]);
      return {
        items: rows.map((r) => ({
          ...present(r),
          projectName: r.projectName,
          regionName: r.regionName,
          totalInvestment: r.totalInvestment,
        })),
        total: total?.n ?? 0,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    async apply(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      body: { level: LibraryLevel; year: number; category: LibraryCategory; sourceDoc?: string | undefined },
    ): Promise<LibraryEntry> {
      const now = clock.now();
      const project = await deps.projects.load(principal, projectId);
      if (!abilitiesOf(principal, project).applyLibrary)
        throw new AppError('FORBIDDEN', '您不能为该项目申报入库');
      if (project.state === 'LEAD' || project.state === 'NEGOTIATING') {
        throw new AppError('VALIDATION_FAILED', '线索和在谈项目不能申报入库，请先签约', {
          fields: [{ field: 'level', message: '签约后才能申报入库' }],
        });
      }
      const id = await db.transaction(async (tx) => {
        const [live] = await tx
          .select({ id: projectLibraries.id, status: projectLibraries.status })
          .from(projectLibraries)
          .where(
            and(
              eq(projectLibraries.projectId, projectId),
              eq(projectLibraries.level, body.level),
              eq(projectLibraries.year, body.year),
              sql`${projectLibraries.status} IN ('applied', 'entered')`,
              isNull(projectLibraries.deletedAt),
            ),
          );
        if (live) {
          throw new AppError(
            'CONFLICT',
            live.status === 'entered' ? '该项目本年度已进入此项目库' : '该项目本年度已申报此项目库，正在审核',
          );
        }
        const [row] = await tx
          .insert(projectLibraries)
          .values({
            projectId,
            level: body.level,
            year: body.year,
            category: body.category,
            status: 'applied',
            appliedOn: shanghaiDate(now),
            appliedBy: principal.userId,
            sourceDoc: body.sourceDoc ?? null,
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          })
          .returning({ id: projectLibraries.id });
        if (!row) throw new Error('library entry not inserted');
        await audit.append(
          tx,
          actor,
          {
            action: 'library.apply',
            objectType: 'project',
            objectId: projectId,
            result: 'success',
            summary: { entryId: row.id, level: body.level, year: body.year, category: body.category },
          },
          now,
        );
        return row.id;
      });
      return this.get(id);
    },

    async decide(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      entryId: string,
      body:
        | { decision: 'approve'; version: number; enteredOn?: string | undefined }
        | { decision: 'return' | 'withdraw'; version: number; reason: string },
    ): Promise<LibraryEntry> {
      const now = clock.now();
      const today = shanghaiDate(now);
      const project = await deps.projects.load(principal, projectId);
      if (!abilitiesOf(principal, project).decideLibrary)
        throw new AppError('FORBIDDEN', '入库审核由区发改办理');
      const [entry] = await db
        .select()
        .from(projectLibraries)
        .where(
          and(
            eq(projectLibraries.id, entryId),
            eq(projectLibraries.projectId, projectId),
            isNull(projectLibraries.deletedAt),
          ),
        );
      if (!entry) throw notFound('入库记录');
      const expected = body.decision === 'withdraw' ? 'entered' : 'applied';
      if (entry.status !== expected) {
        throw new AppError(
          'CONFLICT',
          body.decision === 'withdraw' ? '只有已入库的记录可以退库' : '该申报已处理，请刷新后查看',
        );
      }
      if (
        body.decision === 'approve' &&
        body.enteredOn &&
        (body.enteredOn > today || body.enteredOn < entry.appliedOn)
      ) {
        const message = `入库日期应在申报日期（${entry.appliedOn}）与今天之间`;
        throw new AppError('VALIDATION_FAILED', message, { fields: [{ field: 'enteredOn', message }] });
      }
      const values =
        body.decision === 'approve'
          ? { status: 'entered', enteredOn: body.enteredOn ?? today }
          : body.decision === 'return'
            ? { status: 'returned', returnReason: body.reason }
            : { status: 'withdrawn', returnReason: body.reason };
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(projectLibraries)
          .set({
            ...values,
            decidedBy: principal.userId,
            decidedAt: now,
            updatedAt: now,
            updatedBy: principal.userId,
            version: sql`${projectLibraries.version} + 1`,
          })
          .where(and(eq(projectLibraries.id, entryId), eq(projectLibraries.version, body.version)))
          .returning({ id: projectLibraries.id });
        if (!updated) throw new AppError('VERSION_CONFLICT', '该入库记录已被他人处理，请刷新后查看');
        await refreshLevels(tx, projectId);
        await audit.append(
          tx,
          actor,
          {
            action: `library.${body.decision}`,
            objectType: 'project',
            objectId: projectId,
            result: 'success',
            summary: { entryId, level: entry.level, year: entry.year, ...values },
          },
          now,
        );
      });
      return this.get(entryId);
    },

    async get(entryId: string): Promise<LibraryEntry> {
      const [row] = await joined(eq(projectLibraries.id, entryId));
      if (!row) throw notFound('入库记录');
      return present(row);
    },
  };
}

export type LibrariesService = ReturnType<typeof createLibrariesService>;
