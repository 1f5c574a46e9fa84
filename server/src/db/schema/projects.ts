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
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './access';
import { editable, id } from './columns';
import { enterprises, orgs, regions } from './reference';

// The project registry: one row per project through its whole life (a lead is a project in state LEAD),
// its state changes, library memberships, yearly plans, attachments, annual plan versions and targets.

const money = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });

export const projects = pgTable(
  'projects',
  {
    id: id(),
    internalNo: text('internal_no').notNull(),
    name: text('name').notNull(),
    projectCode: text('project_code'),
    state: text('state').notNull(),
    suspendedFromState: text('suspended_from_state'),
    suspendReasonCategory: text('suspend_reason_category'),
    suspendReason: text('suspend_reason'),
    suspendedOn: day('suspended_on'),
    expectedResumeOn: day('expected_resume_on'),
    terminatedOn: day('terminated_on'),
    terminateReason: text('terminate_reason'),
    /** The 板块 that owns the project; a lead in the shared pool belongs to the district itself. */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    /** The 建设单位 as an enterprise record (matched by USCC): what an enterprise user's scope points at. */
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    investorName: text('investor_name'),
    investorOrigin: text('investor_origin'),
    industryChain: text('industry_chain'),
    responsibleOrgId: uuid('responsible_org_id').references(() => orgs.id),
    source: text('source'),
    builderName: text('builder_name'),
    uscc: text('uscc'),
    legalRepresentative: text('legal_representative'),
    contactName: text('contact_name'),
    /** 联系电话, encrypted (lib/crypto/field-protector); never in clear at rest. */
    contactPhoneCipher: text('contact_phone'),
    /** Blind index of the normalised phone, for an exact search by number. */
    contactPhoneIndex: text('contact_phone_index'),
    location: text('location'),
    longitude: doublePrecision('longitude'),
    latitude: doublePrecision('latitude'),
    constructionNature: text('construction_nature'),
    landUse: text('land_use'),
    projectType: text('project_type'),
    industryCode: text('industry_code'),
    strategicEmerging: boolean('strategic_emerging').notNull().default(false),
    totalInvestment: money('total_investment'),
    fixedAssetInvestment: money('fixed_asset_investment'),
    equipmentInvestment: money('equipment_investment'),
    foreignInvestmentUsdWan: doublePrecision('foreign_investment_usd_wan'),
    registeredCapital: money('registered_capital'),
    landAreaM2: doublePrecision('land_area_m2'),
    floorAreaM2: doublePrecision('floor_area_m2'),
    plotRatio: doublePrecision('plot_ratio'),
    buildingCoverage: doublePrecision('building_coverage'),
    greenRatio: doublePrecision('green_ratio'),
    scaleContent: text('scale_content'),
    designCapacity: text('design_capacity'),
    committedIntensityWanPerMu: doublePrecision('committed_intensity_wan_per_mu'),
    committedSalesYuan: money('committed_sales_yuan'),
    committedTaxWanPerMu: doublePrecision('committed_tax_wan_per_mu'),
    committedJobs: integer('committed_jobs'),
    committedEnergyTce: doublePrecision('committed_energy_tce'),
    signedOn: day('signed_on'),
    accessReviewPassedOn: day('access_review_passed_on'),
    filedOn: day('filed_on'),
    plannedStartOn: day('planned_start_on'),
    actualStartOn: day('actual_start_on'),
    plannedCompletionOn: day('planned_completion_on'),
    actualCompletionOn: day('actual_completion_on'),
    plannedProductionOn: day('planned_production_on'),
    actualProductionOn: day('actual_production_on'),
    plannedTargetOn: day('planned_target_on'),
    capacityReachedOn: day('capacity_reached_on'),
    landReadyStart: boolean('land_ready_start').notNull().default(false),
    fourPermitsOn: day('four_permits_on'),
    progressText: text('progress_text'),
    leaderUserId: uuid('leader_user_id').references(() => users.id),
    specialistUserId: uuid('specialist_user_id').references(() => users.id),
    inStats: boolean('in_stats').notNull().default(false),
    inStatsOn: day('in_stats_on'),
    // Typed facts read by gates until the module that owns them lands (land, approvals, completion).
    parcelCode: text('parcel_code'),
    parcelAvailable: boolean('parcel_available').notNull().default(false),
    landListCompletedOn: day('land_list_completed_on'),
    landContractNo: text('land_contract_no'),
    landContractOn: day('land_contract_on'),
    landPlanningPermitNo: text('land_planning_permit_no'),
    approvalStartedOn: day('approval_started_on'),
    constructionPermitNo: text('construction_permit_no'),
    constructionPermitOn: day('construction_permit_on'),
    postEvaluationApprovedOn: day('post_evaluation_approved_on'),
    /** Library levels the project has entered (any year): kept with project_libraries, for fast filters. */
    levels: text('levels').array().notNull().default(sql`'{}'::text[]`),
    /** Normalised searchable text and its one- and two-character grams (GIN-indexed). */
    searchText: text('search_text').notNull().default(''),
    searchGrams: text('search_grams').array().notNull().default(sql`'{}'::text[]`),
    isDemo: boolean('is_demo').notNull().default(false),
    ...editable(),
  },
  (t) => [
    uniqueIndex('projects_internal_no_key').on(t.internalNo),
    uniqueIndex('projects_project_code_key').on(t.projectCode).where(sql`${t.deletedAt} IS NULL`),
    // Migration 0004 adds INCLUDE (id, levels, total_investment, updated_at, planned_start_on,
    // actual_start_on, enterprise_id) so that the list's ids and total come from an index-only scan.
    index('projects_region_idx').on(t.regionId, t.state).where(sql`${t.deletedAt} IS NULL`),
    index('projects_enterprise_idx').on(t.enterpriseId),
    index('projects_state_idx').on(t.state),
    index('projects_updated_idx').on(t.updatedAt),
    index('projects_investment_idx').on(t.totalInvestment),
    index('projects_levels_idx').using('gin', t.levels),
    index('projects_search_idx').using('gin', t.searchGrams),
    index('projects_contact_phone_idx').on(t.contactPhoneIndex),
    // The lead list (招商线索) newest first: without it every project was read and sorted per page
    // (bench: 20,000 leads among 60,000 projects, p95 1,065 → 266 ms at 20 connections).
    index('projects_leads_created_idx')
      .on(t.createdAt.desc().nullsFirst(), t.id)
      .where(sql`${t.deletedAt} IS NULL AND ${t.state} IN ('LEAD', 'NEGOTIATING')`),
  ],
);

export const projectStateChanges = pgTable(
  'project_state_changes',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    event: text('event').notNull(),
    reason: text('reason'),
    overridden: boolean('overridden').notNull().default(false),
    /** The conditions that were not met when 区发改 overrode the gate. */
    unmet: jsonb('unmet').notNull().default(sql`'[]'::jsonb`),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('project_state_changes_project_idx').on(t.projectId, t.at)],
);

export const projectLibraries = pgTable(
  'project_libraries',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    level: text('level').notNull(),
    year: integer('year').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    appliedOn: day('applied_on').notNull(),
    appliedBy: uuid('applied_by'),
    /** The date the project entered the library: statistics count new entries by it. */
    enteredOn: day('entered_on'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    returnReason: text('return_reason'),
    sourceDoc: text('source_doc'),
    ...editable(),
  },
  (t) => [
    // One live application or membership per project, level and year.
    uniqueIndex('project_libraries_live_key')
      .on(t.projectId, t.level, t.year)
      .where(sql`${t.status} IN ('applied', 'entered') AND ${t.deletedAt} IS NULL`),
    index('project_libraries_entered_idx').on(t.level, t.enteredOn),
    index('project_libraries_status_idx').on(t.status, t.appliedOn),
  ],
);

export const projectYearPlans = pgTable(
  'project_year_plans',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    year: integer('year').notNull(),
    plannedInvestment: money('planned_investment').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.year] })],
);

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** Path below the data directory's files folder. */
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('attachments_project_idx').on(t.projectId, t.kind),
    uniqueIndex('attachments_storage_key').on(t.storageKey),
  ],
);

export const annualPlans = pgTable(
  'annual_plans',
  {
    id: id(),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
    approvedBy: uuid('approved_by'),
    approvedByName: text('approved_by_name').notNull(),
    /** The region whose projects the plan covers (the district). */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
  },
  (t) => [uniqueIndex('annual_plans_year_version_key').on(t.regionId, t.year, t.version)],
);

/** Each project's frozen yearly category and 年度计划投资 in one approved plan version. */
export const annualPlanItems = pgTable(
  'annual_plan_items',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => annualPlans.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    regionId: uuid('region_id').notNull(),
    startCategory: text('start_category').notNull(),
    completing: boolean('completing').notNull(),
    plannedInvestment: money('planned_investment').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.projectId] })],
);

export const targets = pgTable(
  'targets',
  {
    id: id(),
    year: integer('year').notNull(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    metric: text('metric').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
    ...editable(),
  },
  (t) => [uniqueIndex('targets_key').on(t.year, t.regionId, t.metric).where(sql`${t.deletedAt} IS NULL`)],
);

export const savedViews = pgTable(
  'saved_views',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    module: text('module').notNull(),
    name: text('name').notNull(),
    query: text('query').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('saved_views_user_idx').on(t.userId, t.module)],
);
