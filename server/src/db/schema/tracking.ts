import { REPORT_KINDS } from '@groundbreak/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
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
