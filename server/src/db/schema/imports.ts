import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from './columns';

// Sheet imports: one job per uploaded file (its owner, the file's hash, where it is in the two steps
// preview → commit) and one row per sheet row with what the commit would do to it. Any module that
// imports a sheet (projects now; monthly reports, parcels, campaign tasks later) writes here.

export const IMPORT_STATUSES = [
  'reading',
  'previewed',
  'committing',
  'committed',
  'failed',
  'cancelled',
] as const;
export const IMPORT_ROW_ACTIONS = ['create', 'update', 'unchanged', 'error'] as const;

export const importJobs = pgTable(
  'import_jobs',
  {
    id: id(),
    /** What the sheet holds, e.g. 'projects': selects the importer. */
    kind: text('kind').notNull(),
    /** Who uploaded it: only they see and commit the job. */
    userId: uuid('user_id').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Path of the stored upload under the data directory; removed once committed or expired. */
    storageKey: text('storage_key'),
    status: text('status', { enum: IMPORT_STATUSES }).notNull(),
    /** Rows handled so far of the current phase, for the progress bar. */
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    /** Sheets and columns found, ignored columns, skipped rows, counts per action, an earlier identical import. */
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    message: text('message'),
    /** The process running the current phase (host:pid): a restart fails the phases its predecessor left. */
    instance: text('instance'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Also the heartbeat of a running phase: a reading or committing job that stops beating has died. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [
    index('import_jobs_user_idx').on(t.userId, t.createdAt.desc()),
    index('import_jobs_committed_sha_idx').on(t.kind, t.sha256).where(sql`${t.status} = 'committed'`),
  ],
);

export const importJobRows = pgTable(
  'import_job_rows',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    /** Position in the file (sheet order, then row order). */
    seq: integer('seq').notNull(),
    sheet: text('sheet').notNull(),
    /** Excel row number (from 1). */
    rowNumber: integer('row_number').notNull(),
    action: text('action', { enum: IMPORT_ROW_ACTIONS }).notNull(),
    /** The matched object (update/unchanged) or, after commit, the created one. */
    targetId: uuid('target_id'),
    /** The matched object's version at preview: the commit refuses if it moved since. */
    targetVersion: integer('target_version'),
    /** How the row was matched: projectCode, internalNo or an earlier import of the same file. */
    matchedBy: text('matched_by'),
    /** What the user recognises the row by (name and number). */
    label: text('label').notNull(),
    /** What the commit writes (column → value), as the importer needs it. */
    patch: jsonb('patch').$type<Record<string, unknown>>(),
    /** Shown: field, label, before and after as display text. */
    changes: jsonb('changes').$type<{ field: string; label: string; before: string; after: string }[]>(),
    errors: jsonb('errors').$type<{ column: string; header: string; message: string }[]>(),
    warnings: jsonb('warnings').$type<string[]>(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.seq] }),
    index('import_job_rows_action_idx').on(t.jobId, t.action, t.seq),
  ],
);
