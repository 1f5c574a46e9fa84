import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { editable, id } from './columns';
import { orgs } from './reference';

// Platform tables every module writes to: the in-app inbox, its outside channels (group robots, plain JSON
// webhooks, e-mail) with their delivery log, and the record of scheduled job runs.

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

export const NOTIFICATION_CHANNEL_KINDS = ['wecom', 'dingtalk', 'json', 'email'] as const;

/**
 * An organisation's outside channel: a 企业微信 or 钉钉 group robot, a plain JSON webhook or e-mail addresses.
 * The target (a URL carrying the robot's key, or the addresses) and the signing secret are encrypted; the
 * hint is what screens show.
 */
export const notificationChannels = pgTable(
  'notification_channels',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: NOTIFICATION_CHANNEL_KINDS }).notNull(),
    target: text('target').notNull(),
    targetHint: text('target_hint').notNull(),
    secret: text('secret'),
    /** instant: each message as it comes; digest: one message a day listing them. */
    mode: text('mode', { enum: ['instant', 'digest'] }).notNull(),
    /** Modules whose messages it carries; empty: all. */
    modules: text('modules').array().notNull().default(sql`'{}'::text[]`),
    enabled: boolean('enabled').notNull().default(true),
    ...editable(),
  },
  (t) => [index('notification_channels_org_idx').on(t.orgId).where(sql`${t.deletedAt} IS NULL`)],
);

/**
 * One message for one channel, written in the transaction of the change it reports (an outbox): sent by the
 * delivery job outside any business transaction, retried with backoff. A digest channel's messages wait
 * as 'held' until the daily digest gathers them into one delivery ('batched', digest_id).
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: id(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => notificationChannels.id),
    kind: text('kind', { enum: ['message', 'digest', 'test'] }).notNull(),
    status: text('status', { enum: ['pending', 'held', 'batched', 'sent', 'failed'] }).notNull(),
    module: text('module').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the job may next try it (pending); a claim pushes it ahead so that a crash retries it later. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    digestId: uuid('digest_id'),
  },
  (t) => [
    index('notification_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('notification_deliveries_held_idx').on(t.channelId).where(sql`${t.status} = 'held'`),
    index('notification_deliveries_channel_idx').on(t.channelId, t.createdAt.desc()),
  ],
);

/** Every attempt to send a delivery, failed or not. */
export const notificationAttempts = pgTable(
  'notification_attempts',
  {
    id: id(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => notificationDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    ok: boolean('ok').notNull(),
    /** The HTTP status (webhooks) or the SMTP reply code, when there was one. */
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('notification_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);
