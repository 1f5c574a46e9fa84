import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { editable, id } from './columns';
import { importJobs } from './imports';
import { projects } from './projects';
import { orgs, regions } from './reference';

// The end of the lifecycle (domain.md §9): 竣工即发证 as one integrated application, the post-evaluation
// loop (评估 → 反馈 → 整改 → 复核 → 违约处置, and optimisation actions), and the 亩均 classes and annual
// figures of enterprises, imported per year.

const money = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });

/** 竣工即发证: one application per project; what was checked and what was issued together. */
export const completionApplications = pgTable(
  'completion_applications',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    status: text('status', { enum: ['draft', 'applied', 'issued', 'withdrawn'] }).notNull(),
    /** 多测合一: the one shared survey's report and the day its results were approved. */
    surveyReportNo: text('survey_report_no'),
    surveyApprovedOn: day('survey_approved_on'),
    /** The eligibility flags of §9.1; all true to promise same-day issue. */
    premiumPaid: boolean('premium_paid').notNull().default(false),
    noIllegalConstruction: boolean('no_illegal_construction').notNull().default(false),
    surveyApproved: boolean('survey_approved').notNull().default(false),
    jointAcceptancePassed: boolean('joint_acceptance_passed').notNull().default(false),
    noSeizure: boolean('no_seizure').notNull().default(false),
    appliedOn: day('applied_on'),
    jointAcceptanceNo: text('joint_acceptance_no'),
    jointAcceptanceOn: day('joint_acceptance_on'),
    filingNo: text('filing_no'),
    filingOn: day('filing_on'),
    titleNo: text('title_no'),
    titleOn: day('title_on'),
    /** Days from joint acceptance to the title (target 0), kept when issued. */
    daysAcceptanceToTitle: integer('days_acceptance_to_title'),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    uniqueIndex('completion_applications_project_uq')
      .on(t.projectId)
      .where(sql`${t.deletedAt} IS NULL AND ${t.status} <> 'withdrawn'`),
    index('completion_applications_status_idx').on(t.status),
  ],
);

/**
 * A post-evaluation (后评价) of a project: 投产评价, 达产评价 or a re-check after 整改. The commitments and the
 * indicator settings are copied in when the task is generated, so that a later change of either does not
 * rewrite a past score.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind', { enum: ['production', 'target', 'recheck'] }).notNull(),
    /** The re-checked evaluation (kind recheck). */
    parentId: uuid('parent_id'),
    /** The year whose figures are evaluated. */
    dataYear: integer('data_year').notNull(),
    /** The day the task was due to be generated (12 months after 投产; 1 March after the 达产 year). */
    dueOn: day('due_on').notNull(),
    /** Deadline for the enterprise's figures. */
    fillBy: day('fill_by'),
    status: text('status', {
      enum: ['pending', 'filled', 'verified', 'scored', 'notified'],
    }).notNull(),
    committed: jsonb('committed').$type<unknown>().notNull(),
    actual: jsonb('actual').$type<unknown>(),
    settings: jsonb('settings').$type<unknown>().notNull(),
    breakdown: jsonb('breakdown').$type<unknown>(),
    score: doublePrecision('score'),
    grade: text('grade'),
    filledAt: timestamp('filled_at', { withTimezone: true }),
    filledBy: uuid('filled_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by'),
    verifyNote: text('verify_note'),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    scoredBy: uuid('scored_by'),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    feedback: text('feedback'),
    ...editable(),
  },
  (t) => [
    uniqueIndex('evaluations_generated_uq')
      .on(t.projectId, t.kind, t.dataYear)
      .where(sql`${t.kind} <> 'recheck' AND ${t.deletedAt} IS NULL`),
    index('evaluations_status_idx').on(t.status),
    index('evaluations_project_idx').on(t.projectId),
  ],
);

/** 整改 after a 不合格 evaluation: the notice, its deadline and how the re-check ended. */
export const evaluationRectifications = pgTable(
  'evaluation_rectifications',
  {
    id: id(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    noticeNo: text('notice_no').notNull(),
    requirements: text('requirements').notNull(),
    issuedOn: day('issued_on').notNull(),
    deadlineOn: day('deadline_on').notNull(),
    status: text('status', { enum: ['open', 'rechecking', 'passed', 'failed'] }).notNull(),
    recheckEvaluationId: uuid('recheck_evaluation_id'),
    closedOn: day('closed_on'),
    ...editable(),
  },
  (t) => [
    index('evaluation_rectifications_project_idx').on(t.projectId),
    index('evaluation_rectifications_status_idx').on(t.status, t.deadlineOn),
  ],
);

/** 违约处置 after a failed re-check: the measure of the agreement applied, with its decision. */
export const defaultDispositions = pgTable(
  'default_dispositions',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    evaluationId: uuid('evaluation_id').references(() => evaluations.id),
    rectificationId: uuid('rectification_id').references(() => evaluationRectifications.id),
    /** 暂缓奖励兑现 / 追回奖励 / 调整地价 / 暂缓证照 / 收回土地 / 其他. */
    measure: text('measure').notNull(),
    description: text('description').notNull(),
    decisionNo: text('decision_no'),
    decidedOn: day('decided_on').notNull(),
    amountYuan: money('amount_yuan'),
    ...editable(),
  },
  (t) => [index('default_dispositions_project_idx').on(t.projectId)],
);

/**
 * An optimisation action (优化措施) raised from evaluations: revised admission standards, attraction
 * policy or service process, with an owner and a due date; counted by industry and 板块.
 */
export const optimisationActions = pgTable(
  'optimisation_actions',
  {
    id: id(),
    evaluationId: uuid('evaluation_id').references(() => evaluations.id),
    projectId: uuid('project_id').references(() => projects.id),
    /** The region the action is counted under (the project's 板块, or the district for a general one). */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    industryChain: text('industry_chain'),
    category: text('category', { enum: ['admission', 'policy', 'service', 'other'] }).notNull(),
    title: text('title').notNull(),
    description: text('description'),
    ownerOrgId: uuid('owner_org_id').references(() => orgs.id),
    ownerName: text('owner_name'),
    dueOn: day('due_on').notNull(),
    status: text('status', { enum: ['open', 'in_progress', 'done'] }).notNull(),
    closedOn: day('closed_on'),
    closingNote: text('closing_note'),
    ...editable(),
  },
  (t) => [
    index('optimisation_actions_region_idx').on(t.regionId, t.status),
    index('optimisation_actions_evaluation_idx').on(t.evaluationId),
  ],
);

/**
 * An enterprise's 亩均 evaluation of a year (A/B/C/D/T) and the annual figures it rests on, imported from
 * the district's 工业企业资源集约利用 system; the post-evaluation reads the figures as actual values.
 */
export const muEvaluations = pgTable(
  'mu_evaluations',
  {
    id: id(),
    uscc: text('uscc').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    year: integer('year').notNull(),
    muClass: text('mu_class', { enum: ['A', 'B', 'C', 'D', 'T'] }).notNull(),
    score: doublePrecision('score'),
    salesYuan: money('sales_yuan'),
    taxYuan: money('tax_yuan'),
    landMu: doublePrecision('land_mu'),
    energyTce: doublePrecision('energy_tce'),
    employees: integer('employees'),
    rdYuan: money('rd_yuan'),
    importJobId: uuid('import_job_id').references(() => importJobs.id),
    ...editable(),
  },
  (t) => [
    uniqueIndex('mu_evaluations_uscc_year_uq').on(t.uscc, t.year).where(sql`${t.deletedAt} IS NULL`),
    index('mu_evaluations_year_idx').on(t.year, t.muClass),
  ],
);
