import type { Briefing, StatsOverview } from '@groundbreak/contract';
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { editable, id } from './columns';
import { regions } from './reference';

/**
 * The last computed overview of a region and period, served for STATS_CACHE_SECONDS: twenty leaders
 * opening the province cockpit at nine read one computation, not twenty scans of the year's reports.
 * Shared by every app instance; a row older than the limit is computed again on the next request.
 */
export const statsSnapshots = pgTable(
  'stats_snapshots',
  {
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    /** STATS_SHAPE of the code that computed it: a snapshot of another shape is never served. */
    shape: integer('shape').notNull(),
    body: jsonb('body').$type<StatsOverview>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.year, t.month] })],
);

export const BRIEFING_STATUSES = ['draft', 'issued'] as const;

/**
 * A briefing (简报) of a region and period: generated from the statistics, edited while a draft, then
 * issued with a number of its region and year (第N期). It keeps the overview it was computed from, so an
 * issued briefing can be read against the figures it quoted even after reports are corrected.
 */
export const briefings = pgTable(
  'briefings',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    title: text('title').notNull(),
    paragraphs: jsonb('paragraphs').$type<string[]>().notNull(),
    redList: jsonb('red_list').$type<Briefing['redList']>().notNull(),
    problems: jsonb('problems').$type<Briefing['problems']>().notNull(),
    /** The overview as computed then, of STATS_SHAPE `snapshotShape` (read leniently: issued ones outlive shapes). */
    snapshot: jsonb('snapshot').$type<StatsOverview>().notNull(),
    snapshotShape: integer('snapshot_shape').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    /** Red-light projects of the period in all; `red_list` holds the first of them. */
    redTotal: integer('red_total').notNull(),
    status: text('status', { enum: BRIEFING_STATUSES }).notNull().default('draft'),
    /** 第N期 of its region and the year it was issued in (Asia/Shanghai), given when issued. */
    issueYear: integer('issue_year'),
    issueNo: integer('issue_no'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: uuid('issued_by'),
    ...editable(),
  },
  (t) => [
    index('briefings_region_created_idx').on(t.regionId, t.createdAt).where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('briefings_issue_no_uq')
      .on(t.regionId, t.issueYear, t.issueNo)
      .where(sql`${t.issueNo} IS NOT NULL`),
  ],
);
