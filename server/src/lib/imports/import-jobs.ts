import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  type ColumnSpec,
  cleanFileName,
  type Grid,
  locateTable,
  readRows,
  type Table,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../clock';
import { isProcessAlive } from '../../db/data-dir';
import type { Database, Db } from '../../db/database';
import { type IMPORT_ROW_ACTIONS, importJobRows, importJobs } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import type { JobDefinition } from '../../jobs/runner';
import type { AuditActor, AuditRepository } from '../../modules/audit/audit.repository';
import type { Principal } from '../../modules/registry';
import { DEFAULT_READ_LIMITS, type ReadLimits, readWorkbookFile } from '../excel/read-workbook';
import { removeStrayFiles } from '../files';
import { offsetOf, type PageRequest } from '../paging';
import { receiveFile } from '../receive-file';

// Importing a sheet in two steps. Upload: the file is stored and hashed, read off the request thread, and
// every row is planned (create, update, unchanged or error) into import_job_rows — the dry-run preview.
// Commit: every planned row is written in one transaction, or none is. A module supplies an Importer
// (how its rows are matched, checked and written); this file owns the rest, the same for every sheet.

export type ImportRowAction = (typeof IMPORT_ROW_ACTIONS)[number];
export type RowChange = { field: string; label: string; before: string; after: string };
export type RowError = { column: string; header: string; message: string };

export type RowPlan = {
  sheet: string;
  rowNumber: number;
  action: ImportRowAction;
  targetId: string | null;
  targetVersion: number | null;
  matchedBy: string | null;
  label: string;
  patch: Record<string, unknown> | null;
  changes: RowChange[];
  errors: RowError[];
  warnings: string[];
};

/** A row the commit writes: what it needs of the plan, without the preview's display text. */
export type StoredRow = Pick<
  RowPlan,
  'sheet' | 'rowNumber' | 'action' | 'targetId' | 'targetVersion' | 'label' | 'patch'
> & { seq: number };

export type Progress = (done: number) => Promise<void>;

export type Importer = {
  kind: string;
  /** What the sheet is called in messages ("项目"). */
  title: string;
  columns: readonly ColumnSpec[];
  /** The permission an importing user must hold. */
  action: Parameters<Principal['actions']['has']>[0];
  /**
   * Matches, checks and compares every read row. `earlier` maps "sheet!row" of an identical file already
   * committed to the object that row created, so that the same file imported twice changes nothing.
   */
  plan(input: {
    principal: Principal;
    tables: Table[];
    earlier: ReadonlyMap<string, string>;
    progress: Progress;
  }): Promise<RowPlan[]>;
  /** Writes the planned rows in the given transaction; returns the ids of created objects by seq. */
  commit(
    tx: Db,
    input: { principal: Principal; actor: AuditActor; jobId: string; rows: StoredRow[]; progress: Progress },
  ): Promise<Map<number, string>>;
};

export type ImportSummary = {
  sheets: {
    sheet: string;
    headerRow: number;
    columns: { letter: string; header: string; label: string }[];
  }[];
  /** Columns of the file the importer does not read, per sheet: shown, never silently dropped. */
  ignored: { sheet: string; headers: string[] }[];
  sheetsWithoutHeader: string[];
  skipped: { blank: number; summary: number };
  counts: Record<ImportRowAction, number>;
  /** The same file (by SHA-256) was committed before: when and by which job. */
  sameAs: { jobId: string; committedAt: string } | null;
  committed?: { created: number; updated: number };
};

export type ImportJob = {
  id: string;
  kind: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  status: (typeof importJobs.$inferSelect)['status'];
  progress: { done: number; total: number };
  summary: ImportSummary | null;
  message: string | null;
  createdAt: string;
  committedAt: string | null;
};

/** This process, as recorded on the phases it runs. */
export const INSTANCE = `${os.hostname()}:${process.pid}`;

/**
 * At start-up: the reading or committing phases an earlier process on this host left behind (killed,
 * crashed) failed. Their transaction was rolled back by PostgreSQL; the job says so at once instead of
 * after the heartbeat timeout. Phases of live processes (other instances) are left alone.
 */
export async function failOrphanedImports(db: Db, now: Date): Promise<number> {
  const running = await db
    .select({ id: importJobs.id, instance: importJobs.instance })
    .from(importJobs)
    .where(inArray(importJobs.status, ['reading', 'committing']));
  const host = os.hostname();
  const orphaned = running.filter((job) => {
    const [jobHost, pid] = (job.instance ?? '').split(':');
    if (jobHost !== host) return false;
    return Number(pid) === process.pid || !isProcessAlive(Number(pid));
  });
  if (orphaned.length === 0) return 0;
  await db
    .update(importJobs)
    .set({ status: 'failed', message: '服务在导入过程中停止，没有写入任何数据，请重新导入', updatedAt: now })
    .where(
      and(
        inArray(
          importJobs.id,
          orphaned.map((j) => j.id),
        ),
        inArray(importJobs.status, ['reading', 'committing']),
      ),
    );
  return orphaned.length;
}

/** A running phase that has not beaten for this long died with its process. */
export const STALE_AFTER_MS = 5 * 60 * 1000;
/** Previews and their files are kept this long. */
export const KEEP_PREVIEW_MS = 7 * 24 * 60 * 60 * 1000;
const ROW_BATCH = 1000;
/** Sheet rows read between two yields to the event loop. */
const READ_SLICE = 2000;
/** Workbooks read at once by this process; later uploads wait their turn. */
const CONCURRENT_READS = 2;

/** At most `limit` tasks at once; the rest wait in order. */
export function createLimiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await task();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
  };
}

/** readTables, a slice of rows at a time, so that a long sheet does not hold other users' requests. */
async function readTablesInSlices(
  grids: readonly Grid[],
  columns: readonly ColumnSpec[],
): Promise<{ tables: Table[]; sheetsWithoutHeader: string[] }> {
  const tables: Table[] = [];
  const sheetsWithoutHeader: string[] = [];
  for (const grid of grids) {
    const head = locateTable(grid, columns);
    if (!head) {
      if (grid.rows.some((r) => r.some((v) => v !== null && String(v).trim() !== ''))) {
        sheetsWithoutHeader.push(grid.name);
      }
      continue;
    }
    const table: Table = { ...head, rows: [], skipped: { blank: 0, summary: 0 } };
    for (let from = head.headerRow; from < grid.rows.length; from += READ_SLICE) {
      const slice = readRows(grid, head, from, from + READ_SLICE);
      table.rows.push(...slice.rows);
      table.skipped.blank += slice.skipped.blank;
      table.skipped.summary += slice.skipped.summary;
      await breathe();
    }
    tables.push(table);
  }
  return { tables, sheetsWithoutHeader };
}
const PROGRESS_EVERY = 250;

export function importsRoot(dataDir: string): string {
  return path.join(dataDir, 'imports');
}

function present(row: typeof importJobs.$inferSelect, now: Date): ImportJob {
  const running = row.status === 'reading' || row.status === 'committing';
  const dead = running && now.getTime() - row.updatedAt.getTime() > STALE_AFTER_MS;
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    status: dead ? 'failed' : row.status,
    progress: { done: row.progressDone, total: row.progressTotal },
    summary: (row.summary as ImportSummary | null) ?? null,
    message: dead ? '导入过程意外中断（服务重启或出错），没有写入任何数据，请重新上传' : row.message,
    createdAt: row.createdAt.toISOString(),
    committedAt: row.committedAt?.toISOString() ?? null,
  };
}

const emptyCounts = (): Record<ImportRowAction, number> => ({ create: 0, update: 0, unchanged: 0, error: 0 });

/** Yields to the event loop so that a long plan or commit does not hold other users' requests. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createImportJobs(deps: {
  database: Database;
  clock: Clock;
  audit: AuditRepository;
  dataDir: string;
  importer: Importer;
  limits?: ReadLimits;
}) {
  const { database, clock, audit, importer } = deps;
  const db = database.db;
  const limits = deps.limits ?? DEFAULT_READ_LIMITS;
  const root = importsRoot(deps.dataDir);
  /** Background phases still running in this process (tests and shutdown wait for them). */
  const running = new Map<string, Promise<void>>();
  const reading = createLimiter(CONCURRENT_READS);

  function track(id: string, work: Promise<void>): void {
    // A phase records its own failure on the job; what escapes that (the database gone) is only logged.
    const guarded = work.catch((error: unknown) => {
      console.error(`import ${id}: ${error instanceof Error ? error.message : String(error)}`);
    });
    running.set(id, guarded);
    void guarded.finally(() => running.delete(id));
  }

  async function touch(id: string, values: Partial<typeof importJobs.$inferInsert>) {
    await db
      .update(importJobs)
      .set({ ...values, updatedAt: clock.now() })
      .where(eq(importJobs.id, id));
  }

  function progressOf(id: string): Progress {
    let last = 0;
    return async (done) => {
      if (done - last < PROGRESS_EVERY) return;
      last = done;
      await touch(id, { progressDone: done });
      await breathe();
    };
  }

  async function own(principal: Principal, id: string): Promise<typeof importJobs.$inferSelect> {
    const [row] = await db
      .select()
      .from(importJobs)
      .where(
        and(
          eq(importJobs.id, id),
          eq(importJobs.userId, principal.userId),
          eq(importJobs.kind, importer.kind),
        ),
      );
    if (!row) throw notFound('导入批次');
    return row;
  }

  function removeFile(storageKey: string | null) {
    if (storageKey) fs.rmSync(path.join(deps.dataDir, storageKey), { force: true });
  }

  /** Reads and plans the stored file: the dry run. */
  async function preview(principal: Principal, job: typeof importJobs.$inferSelect): Promise<void> {
    try {
      if (!job.storageKey) throw new AppError('VALIDATION_FAILED', '导入文件已清理，请重新上传');
      const grids = await reading.run(async () => {
        await touch(job.id, {});
        return readWorkbookFile(path.join(deps.dataDir, job.storageKey as string), limits);
      });
      const { tables, sheetsWithoutHeader } = await readTablesInSlices(grids, importer.columns);
      const total = tables.reduce((n, t) => n + t.rows.length, 0);
      await touch(job.id, { progressTotal: total, progressDone: 0 });
      const earlierJob = await sameFileCommitted(job);
      const earlier = new Map<string, string>();
      if (earlierJob) {
        const rows = await db
          .select({
            sheet: importJobRows.sheet,
            rowNumber: importJobRows.rowNumber,
            id: importJobRows.targetId,
          })
          .from(importJobRows)
          .where(and(eq(importJobRows.jobId, earlierJob.id), eq(importJobRows.action, 'create')));
        for (const r of rows) if (r.id) earlier.set(`${r.sheet}!${r.rowNumber}`, r.id);
      }
      const plans = await importer.plan({ principal, tables, earlier, progress: progressOf(job.id) });
      const counts = emptyCounts();
      for (const p of plans) counts[p.action]++;
      await db.transaction(async (tx) => {
        await tx.delete(importJobRows).where(eq(importJobRows.jobId, job.id));
        for (let i = 0; i < plans.length; i += ROW_BATCH) {
          await tx.insert(importJobRows).values(
            plans.slice(i, i + ROW_BATCH).map((p, j) => ({
              jobId: job.id,
              seq: i + j,
              ...p,
              changes: p.changes.length ? p.changes : null,
              errors: p.errors.length ? p.errors : null,
              warnings: p.warnings.length ? p.warnings : null,
            })),
          );
        }
        const summary: ImportSummary = {
          sheets: tables.map((t) => ({
            sheet: t.sheet,
            headerRow: t.headerRow,
            columns: t.columns.map((c) => ({ letter: c.letter, header: c.header, label: c.spec.label })),
          })),
          ignored: tables
            .filter((t) => t.ignored.length > 0)
            .map((t) => ({ sheet: t.sheet, headers: t.ignored })),
          sheetsWithoutHeader,
          skipped: tables.reduce(
            (s, t) => ({ blank: s.blank + t.skipped.blank, summary: s.summary + t.skipped.summary }),
            { blank: 0, summary: 0 },
          ),
          counts,
          sameAs: earlierJob
            ? { jobId: earlierJob.id, committedAt: earlierJob.committedAt?.toISOString() ?? '' }
            : null,
        };
        const message =
          tables.length === 0
            ? `没有找到${importer.title}表头：请使用导入模板，或确认表头含“项目名称”等列名`
            : null;
        await tx
          .update(importJobs)
          .set({
            status: tables.length === 0 ? 'failed' : 'previewed',
            summary,
            message,
            progressDone: total,
            updatedAt: clock.now(),
          })
          .where(eq(importJobs.id, job.id));
      });
    } catch (error) {
      await touch(job.id, { status: 'failed', message: messageOf(error) });
      removeFile(job.storageKey);
    }
  }

  async function sameFileCommitted(job: typeof importJobs.$inferSelect) {
    const [row] = await db
      .select()
      .from(importJobs)
      .where(
        and(
          eq(importJobs.kind, job.kind),
          eq(importJobs.sha256, job.sha256),
          eq(importJobs.status, 'committed'),
        ),
      )
      .orderBy(desc(importJobs.committedAt))
      .limit(1);
    return row;
  }

  async function write(principal: Principal, actor: AuditActor, job: typeof importJobs.$inferSelect) {
    try {
      const rows: StoredRow[] = await db
        .select({
          seq: importJobRows.seq,
          sheet: importJobRows.sheet,
          rowNumber: importJobRows.rowNumber,
          action: importJobRows.action,
          targetId: importJobRows.targetId,
          targetVersion: importJobRows.targetVersion,
          label: importJobRows.label,
          patch: importJobRows.patch,
        })
        .from(importJobRows)
        .where(and(eq(importJobRows.jobId, job.id), inArray(importJobRows.action, ['create', 'update'])))
        .orderBy(asc(importJobRows.seq));
      await touch(job.id, { progressTotal: rows.length, progressDone: 0 });
      const now = clock.now();
      await db.transaction(async (tx) => {
        // Two previews of one file must not both be committed: the second would create its rows again.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`import:${job.kind}:${job.sha256}`}))`);
        const sameAs = (job.summary as ImportSummary | null)?.sameAs?.jobId ?? null;
        const [other] = await tx
          .select({ id: importJobs.id, committedAt: importJobs.committedAt })
          .from(importJobs)
          .where(
            and(
              eq(importJobs.kind, job.kind),
              eq(importJobs.sha256, job.sha256),
              eq(importJobs.status, 'committed'),
              sql`${importJobs.id} <> ${job.id}`,
              sameAs ? sql`${importJobs.id} <> ${sameAs}` : undefined,
            ),
          )
          .limit(1);
        if (other) {
          throw new AppError(
            'CONFLICT',
            '同一文件已在这次预览之后导入过，请重新上传以生成新的预览（不会重复新建）',
          );
        }
        const created = await importer.commit(tx, {
          principal,
          actor,
          jobId: job.id,
          rows,
          progress: progressOf(job.id),
        });
        // The created objects, so that the same file uploaded again is matched to them.
        const seqs = [...created.keys()];
        for (let i = 0; i < seqs.length; i += ROW_BATCH) {
          const chunk = seqs.slice(i, i + ROW_BATCH);
          await tx.execute(sql`
            UPDATE import_job_rows AS r SET target_id = v.target_id
            FROM (SELECT unnest(${`{${chunk.join(',')}}`}::int[]) AS seq,
                         unnest(${`{${chunk.map((s) => created.get(s)).join(',')}}`}::uuid[]) AS target_id) AS v
            WHERE r.job_id = ${job.id} AND r.seq = v.seq`);
        }
        const summary = {
          ...(job.summary as ImportSummary),
          committed: { created: created.size, updated: rows.length - created.size },
        };
        const finished = await tx
          .update(importJobs)
          .set({
            status: 'committed',
            summary,
            storageKey: null,
            progressDone: rows.length,
            committedAt: now,
            updatedAt: clock.now(),
          })
          .where(and(eq(importJobs.id, job.id), eq(importJobs.status, 'committing')))
          .returning({ id: importJobs.id });
        if (finished.length === 0) throw new AppError('CONFLICT', '该导入批次已被取消');
        // What was written is in the objects and the audit log; the rows keep only what matches a re-upload.
        await tx.update(importJobRows).set({ patch: null }).where(eq(importJobRows.jobId, job.id));
        await audit.append(
          tx,
          actor,
          {
            action: 'import.commit',
            objectType: 'import_job',
            objectId: job.id,
            result: 'success',
            summary: {
              kind: job.kind,
              fileName: job.fileName,
              created: created.size,
              updated: rows.length - created.size,
            },
          },
          now,
        );
      });
    } catch (error) {
      await db
        .update(importJobs)
        .set({ status: 'failed', message: `没有写入任何数据：${messageOf(error)}`, updatedAt: clock.now() })
        .where(and(eq(importJobs.id, job.id), eq(importJobs.status, 'committing')));
    }
    removeFile(job.storageKey);
  }

  return {
    importer,

    /** Stores the upload and starts its preview; resolves once the job exists. */
    async upload(
      principal: Principal,
      actor: AuditActor,
      file: { fileName: string; stream: Readable },
    ): Promise<ImportJob> {
      if (!principal.actions.has(importer.action))
        throw new AppError('FORBIDDEN', `您不能导入${importer.title}`);
      const id = uuidv7();
      const now = clock.now();
      const month = now.toISOString().slice(0, 7).replace('-', '/');
      const storageKey = path.join('imports', month, `${id}.xlsx`);
      fs.mkdirSync(path.join(root, month), { recursive: true });
      const received = await receiveFile(file.stream, path.join(deps.dataDir, storageKey), limits.maxBytes);
      const fileName = cleanFileName(file.fileName) || '导入.xlsx';
      const [row] = await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(importJobs)
          .values({
            id,
            kind: importer.kind,
            userId: principal.userId,
            fileName,
            sha256: received.sha256,
            sizeBytes: received.size,
            storageKey,
            status: 'reading',
            instance: INSTANCE,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await audit.append(
          tx,
          actor,
          {
            action: 'import.upload',
            objectType: 'import_job',
            objectId: id,
            result: 'success',
            summary: { kind: importer.kind, fileName, sha256: received.sha256, sizeBytes: received.size },
          },
          now,
        );
        return inserted;
      });
      if (!row) throw new Error('import job not inserted');
      track(id, preview(principal, row));
      return present(row, clock.now());
    },

    async get(principal: Principal, id: string): Promise<ImportJob> {
      return present(await own(principal, id), clock.now());
    },

    /** The caller's own imports of this kind, newest first. */
    async list(principal: Principal, page: PageRequest) {
      const where = and(eq(importJobs.userId, principal.userId), eq(importJobs.kind, importer.kind));
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(importJobs)
          .where(where)
          .orderBy(desc(importJobs.createdAt))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: count() }).from(importJobs).where(where),
      ]);
      const now = clock.now();
      return {
        items: rows.map((r) => present(r, now)),
        total: totals[0]?.n ?? 0,
        page: page.page,
        pageSize: page.pageSize,
      };
    },

    /** The preview's rows, optionally of one action, in file order. */
    async rows(
      principal: Principal,
      id: string,
      filter: PageRequest & { action?: ImportRowAction | undefined },
    ) {
      await own(principal, id);
      const where = and(
        eq(importJobRows.jobId, id),
        filter.action ? eq(importJobRows.action, filter.action) : undefined,
      );
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(importJobRows)
          .where(where)
          .orderBy(asc(importJobRows.seq))
          .limit(filter.pageSize)
          .offset(offsetOf(filter)),
        db.select({ n: count() }).from(importJobRows).where(where),
      ]);
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          sheet: r.sheet,
          rowNumber: r.rowNumber,
          action: r.action,
          targetId: r.targetId,
          matchedBy: r.matchedBy,
          label: r.label,
          changes: r.changes ?? [],
          errors: r.errors ?? [],
          warnings: r.warnings ?? [],
        })),
        total: totals[0]?.n ?? 0,
        page: filter.page,
        pageSize: filter.pageSize,
      };
    },

    /** Starts writing a clean preview; every row in one transaction or none. */
    async commit(principal: Principal, actor: AuditActor, id: string): Promise<ImportJob> {
      const job = await own(principal, id);
      const summary = job.summary as ImportSummary | null;
      if (job.status !== 'previewed' || !summary) {
        throw new AppError(
          'CONFLICT',
          job.status === 'committed' ? '该文件已经导入' : '该导入批次不能再提交',
        );
      }
      if (summary.counts.error > 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          `预览中有 ${summary.counts.error} 行存在错误：请在表格中改正后重新上传，导入要么全部成功，要么不写入`,
        );
      }
      if (summary.counts.create + summary.counts.update === 0) {
        throw new AppError('CONFLICT', '表格与系统中的数据一致，没有需要导入的变化');
      }
      const [claimed] = await db
        .update(importJobs)
        .set({ status: 'committing', progressDone: 0, instance: INSTANCE, updatedAt: clock.now() })
        .where(and(eq(importJobs.id, id), eq(importJobs.status, 'previewed')))
        .returning();
      if (!claimed) throw new AppError('CONFLICT', '该导入批次正在提交或已经提交');
      track(id, write(principal, actor, claimed));
      return present(claimed, clock.now());
    },

    async cancel(principal: Principal, actor: AuditActor, id: string): Promise<ImportJob> {
      const job = await own(principal, id);
      if (job.status !== 'previewed' && job.status !== 'failed') {
        throw new AppError('CONFLICT', '只能取消尚未提交的导入');
      }
      const now = clock.now();
      const [row] = await db.transaction(async (tx) => {
        const updated = await tx
          .update(importJobs)
          .set({ status: 'cancelled', storageKey: null, updatedAt: now })
          .where(and(eq(importJobs.id, id), inArray(importJobs.status, ['previewed', 'failed'])))
          .returning();
        if (updated.length === 0) throw new AppError('CONFLICT', '只能取消尚未提交的导入');
        await tx.delete(importJobRows).where(eq(importJobRows.jobId, id));
        await audit.append(
          tx,
          actor,
          { action: 'import.cancel', objectType: 'import_job', objectId: id, result: 'success' },
          now,
        );
        return updated;
      });
      removeFile(job.storageKey);
      if (!row) throw notFound('导入批次');
      return present(row, now);
    },

    /** The job once its running phase ends, or as it stands after `ms` (a large file is still going). */
    async answer(principal: Principal, id: string, ms: number): Promise<ImportJob> {
      const work = running.get(id);
      if (work) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
        clearTimeout(timer);
      }
      return present(await own(principal, id), clock.now());
    },

    /** Resolves once every phase this process started has ended (tests, shutdown). */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },
  };
}

export type ImportJobs = ReturnType<typeof createImportJobs>;

function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  // The database's own error, not the statement a query builder wraps it in.
  const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message?: string };
  if (cause.code === '23505')
    return '与已有数据重复（如项目代码已被另一个项目使用），请重新上传以生成新的预览';
  return `处理时出错：${cause.message ?? String(error)}`;
}

/**
 * Removes previews older than a week (their rows and files) and marks phases that died with their
 * process as failed. Committed jobs keep their rows: a later upload of the same file finds them.
 */
export const expireImportsJob: JobDefinition = {
  name: 'imports.expire',
  description: '清理一周前未提交的导入预览及其文件，标记意外中断的导入',
  schedule: '25 3 * * *',
  async run({ database, dataDir, now }) {
    const rows = await expireImports(database.db, dataDir, now);
    return { rows };
  },
};

export async function expireImports(db: Db, dataDir: string, now: Date): Promise<number> {
  const before = new Date(now.getTime() - KEEP_PREVIEW_MS);
  const stale = await db
    .update(importJobs)
    .set({ status: 'failed', message: '导入过程意外中断，没有写入任何数据，请重新上传', updatedAt: now })
    .where(
      and(
        inArray(importJobs.status, ['reading', 'committing']),
        lt(importJobs.updatedAt, new Date(now.getTime() - STALE_AFTER_MS)),
      ),
    )
    .returning({ id: importJobs.id });
  const old = await db
    .update(importJobs)
    .set({
      status: sql`CASE WHEN ${importJobs.status} = 'previewed' THEN 'cancelled' ELSE ${importJobs.status} END`,
      storageKey: null,
    })
    .where(
      and(inArray(importJobs.status, ['previewed', 'failed', 'cancelled']), lt(importJobs.createdAt, before)),
    )
    .returning({ id: importJobs.id, status: importJobs.status });
  if (old.length > 0) {
    await db.delete(importJobRows).where(
      inArray(
        importJobRows.jobId,
        old.map((o) => o.id),
      ),
    );
  }
  // Files of jobs that no longer point at them (and leftovers of a crash during upload).
  const keep = new Set(
    (
      await db
        .select({ key: importJobs.storageKey })
        .from(importJobs)
        .where(sql`${importJobs.storageKey} IS NOT NULL`)
    ).map((r) => r.key),
  );
  const removed = removeStrayFiles(importsRoot(dataDir), {
    isKept: (relative) => keep.has(path.join('imports', relative)),
    olderThanMs: STALE_AFTER_MS,
    now,
  });
  return stale.length + old.length + removed;
}
