import type { AgendaItem, LightFinding } from '@groundbreak/domain';
import {
  MEETING_STATUSES,
  MEETING_TYPES,
  PROBLEM_CATEGORIES,
  PROBLEM_COMPLEXITIES,
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  REPORT_KINDS,
  TICKET_KINDS,
  TICKET_STATUSES,
} from '@groundbreak/domain';
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
import { orgs, regions } from './reference';

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
    // The red and yellow lists of a scope: a page and the counts read it alone (index-only).
    index('project_lights_region_light_idx')
      .on(t.regionId, t.light, t.since, t.projectId)
      .where(sql`${t.light} <> 'green'`),
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

/**
 * A problem (问题, domain.md §7.5) on a project: where it came from, its category, whom 区发改 assigned it to
 * and by when, how far it has climbed (L1–L4) and since when it is under 督办, and how it was struck off.
 */
export const problems = pgTable(
  'problems',
  {
    id: id(),
    /** 问题编号, e.g. WT-2025-0001 [A]. */
    problemNo: text('problem_no').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /** The project's region (taken from it on insert and following it), so lists scope on the problem. */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    source: text('source', { enum: PROBLEM_SOURCES }).notNull(),
    /** What it was raised from: the report's month, the ticket's or the meeting's id. */
    sourceRef: text('source_ref'),
    category: text('category', { enum: PROBLEM_CATEGORIES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: PROBLEM_STATUSES }).notNull().default('collected'),
    complexity: text('complexity', { enum: PROBLEM_COMPLEXITIES }),
    leadOrgId: uuid('lead_org_id').references(() => orgs.id),
    coOrgIds: uuid('co_org_ids').array().notNull().default(sql`'{}'::uuid[]`),
    limitWorkingDays: integer('limit_working_days'),
    assignedOn: date('assigned_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    /** The time limit first set, before any extension. */
    originalDueOn: date('original_due_on', { mode: 'string' }),
    /** Extension asked: the day asked for and why. */
    requestedDueOn: date('requested_due_on', { mode: 'string' }),
    extensionReason: text('extension_reason'),
    level: text('level', { enum: ['L1', 'L2', 'L3', 'L4'] })
      .notNull()
      .default('L1'),
    levelSince: date('level_since', { mode: 'string' }).notNull(),
    escalations: integer('escalations').notNull().default(0),
    /** The day it went under 督办 (overdue while being worked); null when it never did. */
    supervisedOn: date('supervised_on', { mode: 'string' }),
    needsPolicy: boolean('needs_policy').notNull().default(false),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    resolution: text('resolution'),
    /** 销号依据: the project's attachments. */
    evidenceIds: uuid('evidence_ids').array().notNull().default(sql`'{}'::uuid[]`),
    closedOn: date('closed_on', { mode: 'string' }),
    /** Struck off on the enterprise's confirmation, or on 区发改's verification. */
    closedHow: text('closed_how', { enum: ['enterprise', 'verified'] }),
    ...editable(),
  },
  (t) => [
    uniqueIndex('problems_no_key').on(t.problemNo),
    index('problems_region_status_idx').on(t.regionId, t.status).where(sql`${t.deletedAt} IS NULL`),
    index('problems_project_idx').on(t.projectId).where(sql`${t.deletedAt} IS NULL`),
    index('problems_lead_org_idx').on(t.leadOrgId, t.status).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** 办理情况: every step and note on a problem, in order. */
export const problemEvents = pgTable(
  'problem_events',
  {
    id: id(),
    problemId: uuid('problem_id')
      .notNull()
      .references(() => problems.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    orgName: text('org_name'),
    step: text('step').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
  },
  (t) => [index('problem_events_problem_idx').on(t.problemId, t.at)],
);

/**
 * A dispatch meeting (调度会): its kind, day, chair and units, the scope whose projects it reviews, the
 * agenda (drawn from the red lights and overdue problems, then edited) and the minutes.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    type: text('type', { enum: MEETING_TYPES }).notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    chair: text('chair').notNull(),
    unitIds: uuid('unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The district or the 板块 whose projects it reviews. */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
    agenda: jsonb('agenda').$type<AgendaItem[]>().notNull(),
    minutes: text('minutes'),
    ...editable(),
  },
  (t) => [index('meetings_region_held_idx').on(t.regionId, t.heldOn).where(sql`${t.deletedAt} IS NULL`)],
);

/** 议定事项: what a meeting decided, and the problem it became or updated. */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    text: text('text').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    problemId: uuid('problem_id')
      .notNull()
      .references(() => problems.id),
    /** Whether the decision made a new problem or gave an existing one a new lead unit and time limit. */
    createdProblem: boolean('created_problem').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('meeting_decisions_meeting_idx').on(t.meetingId)],
);

/** A 帮办代办 service ticket (domain.md §6.3): what the enterprise asked, who helps, where it stands, the rating. */
export const serviceTickets = pgTable(
  'service_tickets',
  {
    id: id(),
    /** 工单号, e.g. BB-2025-0001 [A]. */
    ticketNo: text('ticket_no').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    kind: text('kind', { enum: TICKET_KINDS }).notNull(),
    /** 服务事项: approval catalogue codes and free items (水电气报装, 政策兑现 …). */
    items: text('items').array().notNull().default(sql`'{}'::text[]`),
    description: text('description').notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('pending'),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    helperUserId: uuid('helper_user_id'),
    helperName: text('helper_name'),
    doneOn: date('done_on', { mode: 'string' }),
    rating: integer('rating'),
    ratingNote: text('rating_note'),
    ratedOn: date('rated_on', { mode: 'string' }),
    poorRatedOn: date('poor_rated_on', { mode: 'string' }),
    calledBackOn: date('called_back_on', { mode: 'string' }),
    callbackNote: text('callback_note'),
    rectifiedOn: date('rectified_on', { mode: 'string' }),
    rerating: integer('rerating'),
    closedOn: date('closed_on', { mode: 'string' }),
    ...editable(),
  },
  (t) => [
    uniqueIndex('service_tickets_no_key').on(t.ticketNo),
    index('service_tickets_region_status_idx').on(t.regionId, t.status).where(sql`${t.deletedAt} IS NULL`),
    index('service_tickets_project_idx').on(t.projectId).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** A ticket's history: each step with who took it and the note. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: id(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => serviceTickets.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    step: text('step').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.at)],
);
