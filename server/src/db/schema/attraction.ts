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
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './access';
import { editable, id } from './columns';
import { projects } from './projects';
import { regions } from './reference';

// 招商 (domain.md §2.1, §3.2–3.3): a lead is a project in state LEAD or NEGOTIATING; these tables keep what
// the attraction pipeline adds to it — the investor profile and the shared pool (公海), the activity
// timeline, contact people, the scorecard, the review (项目评审/准入) and the signed commitments (承诺指标).

const money = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });

/** What the pipeline knows about a lead beyond the project row, keyed by the project. */
export const leadProfiles = pgTable(
  'lead_profiles',
  {
    projectId: uuid('project_id')
      .primaryKey()
      .references(() => projects.id),
    /** The investor company as registered (投资方 is kept on the project too). */
    companyName: text('company_name').notNull(),
    /** The name with legal-form words, brackets, spaces and punctuation removed: the duplicate key. */
    companyNameNorm: text('company_name_norm').notNull(),
    /** The investor's 统一社会信用代码 when known (a second duplicate key). */
    investorUscc: text('investor_uscc'),
    investorGroup: text('investor_group'),
    /** 内资 / 外资 / 港澳台. */
    investorOrigin: text('investor_origin'),
    intendedProduct: text('intended_product'),
    estimatedLandMu: doublePrecision('estimated_land_mu'),
    /** 驻外招商 / 以商引商 / 基金招商 / 产业链招商 / 展会 / 其他. */
    source: text('source').notNull(),
    /** The person working the lead (招商负责人). */
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    /** In the shared pool: the project then belongs to the district region. */
    inPool: boolean('in_pool').notNull().default(false),
    pooledAt: timestamp('pooled_at', { withTimezone: true }),
    /** How the lead reached its 板块: registered there, claimed from the pool, or assigned by a rule. */
    assignedVia: text('assigned_via', { enum: ['registered', 'claimed', 'rule', 'manual'] }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    /** The region that registered the lead and the day: all a duplicate hint across scope shows. */
    registeredRegionId: uuid('registered_region_id')
      .notNull()
      .references(() => regions.id),
    registeredOn: day('registered_on').notNull(),
    /** Set when merged into another lead (this project is then terminated as a duplicate). */
    mergedIntoProjectId: uuid('merged_into_project_id').references(() => projects.id),
    mergedAt: timestamp('merged_at', { withTimezone: true }),
    mergedBy: uuid('merged_by'),
    /** The latest scorecard result: total, grade and each criterion's calculation. */
    score: doublePrecision('score'),
    grade: text('grade'),
    scoreDetail: jsonb('score_detail').$type<unknown>(),
    scoredAt: timestamp('scored_at', { withTimezone: true }),
    scoredBy: uuid('scored_by'),
    ...editable(),
  },
  (t) => [
    index('lead_profiles_name_norm_idx').on(t.companyNameNorm),
    index('lead_profiles_uscc_idx').on(t.investorUscc).where(sql`${t.investorUscc} IS NOT NULL`),
    index('lead_profiles_pool_idx').on(t.inPool).where(sql`${t.inPool}`),
  ],
);

/** One step of working a lead: a visit, a talk, a site tour …, with the next step and its date. */
export const leadActivities = pgTable(
  'lead_activities',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind').notNull(),
    occurredOn: day('occurred_on').notNull(),
    summary: text('summary').notNull(),
    participants: text('participants'),
    nextStep: text('next_step'),
    nextStepOn: day('next_step_on'),
    nextStepDoneAt: timestamp('next_step_done_at', { withTimezone: true }),
    /** When the reminder of the next step went out (once). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    ...editable(),
  },
  (t) => [
    index('lead_activities_project_idx').on(t.projectId, t.occurredOn),
    index('lead_activities_next_idx').on(t.nextStepOn).where(sql`${t.nextStepDoneAt} IS NULL`),
  ],
);

/** A contact person of a lead; the phone encrypted with a blind index, shown masked. */
export const leadContacts = pgTable(
  'lead_contacts',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    name: text('name').notNull(),
    title: text('title'),
    organisation: text('organisation'),
    phoneCipher: text('phone_cipher'),
    phoneIndex: text('phone_index'),
    note: text('note'),
    ...editable(),
  },
  (t) => [index('lead_contacts_project_idx').on(t.projectId)],
);

/** 项目评审/准入: the meeting, each criterion's finding, the result and its conditions. */
export const projectReviews = pgTable(
  'project_reviews',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    meetingName: text('meeting_name').notNull(),
    meetingOn: day('meeting_on').notNull(),
    criteria: jsonb('criteria').$type<unknown>().notNull(),
    result: text('result', { enum: ['passed', 'conditional', 'rejected'] }).notNull(),
    conditions: text('conditions'),
    ...editable(),
  },
  (t) => [index('project_reviews_project_idx').on(t.projectId, t.meetingOn)],
);

/** The commitments (承诺指标) of the signed investment agreement; signing copies them onto the project. */
export const projectCommitments = pgTable('project_commitments', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id),
  agreementNo: text('agreement_no'),
  signedOn: day('signed_on').notNull(),
  investmentYuan: money('investment_yuan').notNull(),
  fixedAssetYuan: money('fixed_asset_yuan'),
  intensityWanPerMu: doublePrecision('intensity_wan_per_mu').notNull(),
  annualSalesYuan: money('annual_sales_yuan'),
  taxWanPerMu: doublePrecision('tax_wan_per_mu'),
  annualTaxYuan: money('annual_tax_yuan'),
  jobs: integer('jobs'),
  capacityValue: doublePrecision('capacity_value'),
  capacityUnit: text('capacity_unit'),
  energyTce: doublePrecision('energy_tce'),
  rdRatio: doublePrecision('rd_ratio'),
  plotRatio: doublePrecision('plot_ratio'),
  startBy: day('start_by').notNull(),
  completionBy: day('completion_by').notNull(),
  productionBy: day('production_by'),
  /** The agreed year of reaching capacity (达产年). */
  targetYear: integer('target_year'),
  ...editable(),
});
