import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id } from './columns';

// Platform tables every module writes to: the in-app inbox and the record of scheduled job runs.

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    /** The user the message is for (users arrive with the accounts module). */
    recipientId: uuid('recipient_id').notNull(),
    module: text('module').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt.desc()),
    index('notifications_unread_idx').on(t.recipientId).where(sql`${t.readAt} IS NULL`),
  ],
);

export const jobRuns = pgTable(
  'job_runs',
  {
    id: id(),
    jobName: text('job_name').notNull(),
    /** Business date the run computed for (Asia/Shanghai). */
    asOf: date('as_of').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    result: text('result', { enum: ['running', 'succeeded', 'failed', 'skipped'] }).notNull(),
    rows: integer('rows'),
    message: text('message'),
    instance: text('instance').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('job_runs_job_idx').on(t.jobName, t.startedAt.desc())],
);

/** Installation-wide settings and markers (e.g. when demo data was loaded). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
