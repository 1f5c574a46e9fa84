import type { LightFinding } from '@groundbreak/domain';
import { REPORT_KINDS } from '@groundbreak/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
import { projects } from './projects';
import { regions } from './reference';

// Tracking (推, domain.md §7.3): the monthly report of each project — investment done this month and its
// running totals, 形象进度 and site photos for a started project, 前期 progress for one not started — filled
// by the enterprise or the 板块, reviewed by the 板块, confirmed (locked) by 区发改.

const money = (name: string) => bigint(name, { mode: 'number' });

export const monthlyReports = pgTable(
  'monthly_reports',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** The project's region (a trigger follows a move to another 板块), so lists scope on the report. */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    /** 报告期 'YYYY-MM'. */
    month: text('month').notNull(),
    kind: text('kind', { enum: REPORT_KINDS }).notNull(),
    status: text('status').notNull().default('draft'),
    /** 本月完成投资, 自年初累计 (computed from the previous month's), 自开工累计; integer 元. */
    monthYuan: money('month_yuan'),
    ytdYuan: money('ytd_yuan'),
    sinceStartYuan: money('since_start_yuan'),
    equipmentYuan: money('equipment_yuan'),
    constructionYuan: money('construction_yuan'),
    /** 形象进度 (started) or this month's 前期 progress (not started). */
    progressText: text('progress_text'),
    /** The 倒排 plan node reached and how far along it is. */
    planNodeKey: text('plan_node_key'),
    nodePercent: integer('node_percent'),
    workThisMonth: text('work_this_month'),
    workNextMonth: text('work_next_month'),
    problemsText: text('problems_text'),
    inStatistics: boolean('in_statistics'),
    statisticsYuan: money('statistics_yuan'),
    fundsInPlaceYuan: money('funds_in_place_yuan'),
    workers: integer('workers'),
    /** Site photos: the project's attachments of kind site_photo. */
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    returnReason: text('return_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by'),
    ...editable(),
  },
  (t) => [
    uniqueIndex('monthly_reports_project_month_key')
      .on(t.projectId, t.month)
      .where(sql`${t.deletedAt} IS NULL`),
    // A month's reports of a scope, by status (the review lists, the missing-report count).
    index('monthly_reports_month_region_idx')
      .on(t.month, t.regionId, t.status)
      .where(sql`${t.deletedAt} IS NULL`),
  ],
);

/**
 * A closed month (月度关账): the day 区发改 locked it, or the nightly run on its default day. From then on its
 * reports take no more changes, 序时 reads it, and the lights of that day are kept as its official lights.
 */
export const trackingMonths = pgTable('tracking_months', {
  month: text('month').primaryKey(),
  closedOn: date('closed_on', { mode: 'string' }).notNull(),
  closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
  /** The user who locked it; null when the nightly run closed it on the default day. */
  closedBy: uuid('closed_by'),
  projects: integer('projects').notNull().default(0),
});

const lightColumns = () => ({
  projectId: uuid('project_id')
    .notNull()
    .references(() => projects.id),
  /** The project's region (kept with it, as the reports'), so the red list scopes on the light. */
  regionId: uuid('region_id')
    .notNull()
    .references(() => regions.id),
  light: text('light', { enum: ['green', 'yellow', 'red'] }).notNull(),
  since: date('since', { mode: 'string' }),
  /** The day the light was read as of, and the month whose close 序时 read. */
  asOf: date('as_of', { mode: 'string' }).notNull(),
  period: text('period').notNull(),
  ruleSet: text('rule_set').notNull(),
  findings: jsonb('findings').$type<LightFinding[]>().notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});

/**
 * Each tracked project's live light, stored for the red list: recomputed when one of its facts changes
 * (triggers mark it stale; the tracking module refreshes its own writes at once, a job the rest within
 * minutes) and every night.
 */
export const projectLights = pgTable(
  'project_lights',
  {
    ...lightColumns(),
    stale: boolean('stale').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.projectId] }),
    // The red and yellow lists of a scope.
    index('project_lights_region_light_idx').on(t.regionId, t.light).where(sql`${t.light} <> 'green'`),
    index('project_lights_stale_idx').on(t.projectId).where(sql`${t.stale}`),
  ],
);

/** The official light of each project at a month's close, frozen then. */
export const projectLightMonths = pgTable(
  'project_light_months',
  { month: text('month').notNull(), ...lightColumns() },
  (t) => [
    primaryKey({ columns: [t.month, t.projectId] }),
    index('project_light_months_region_idx').on(t.month, t.regionId, t.light),
  ],
);
