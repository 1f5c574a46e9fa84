import type { ParcelGeometry } from '@groundbreak/domain';
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
import { editable, id } from './columns';
import { projects } from './projects';
import { regions } from './reference';

// The land ledger (土地资源台账, domain.md §5 and §10): parcels with their polygon, planning conditions and
// 农转用/征收 approval; each parcel's 用地清单 rows; regional assessments that stand for every parcel of a
// park; the supply record that gives a parcel to a project; a project's land demand; idle-land cases; and
// the programmes (成片开发方案, 全域土地综合整治) parcels belong to.

const money = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });

export const parcels = pgTable(
  'parcels',
  {
    id: id(),
    /** 地块编号 (internal, e.g. WJ-GX-2025-07). */
    parcelNo: text('parcel_no').notNull(),
    /** 宗地代码 / 不动产单元代码, once compiled. */
    unitCode: text('unit_code'),
    name: text('name').notNull(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    location: text('location'),
    /** 四至: 东至…南至…西至…北至…. */
    boundary: text('boundary'),
    geometry: jsonb('geometry').$type<ParcelGeometry>(),
    centreLon: doublePrecision('centre_lon'),
    centreLat: doublePrecision('centre_lat'),
    areaM2: doublePrecision('area_m2').notNull(),
    use: text('use').notNull(),
    source: text('source').notNull(),
    status: text('status').notNull(),
    plotRatioMin: doublePrecision('plot_ratio_min'),
    plotRatioMax: doublePrecision('plot_ratio_max'),
    buildingCoverageMin: doublePrecision('building_coverage_min'),
    greenRatioMax: doublePrecision('green_ratio_max'),
    heightLimitM: doublePrecision('height_limit_m'),
    /** 标准地 控制指标. */
    intensityMinWanPerMu: doublePrecision('intensity_min_wan_per_mu'),
    taxMinWanPerMu: doublePrecision('tax_min_wan_per_mu'),
    /** 准入产业 (重点产业链); empty for any. */
    industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
    /** 农转用/征收 approval: its presence (without a supply) is what makes the parcel 批而未供. */
    conversionBatch: text('conversion_batch'),
    conversionApprovalNo: text('conversion_approval_no'),
    conversionApprovedOn: day('conversion_approved_on'),
    conversionAuthority: text('conversion_authority'),
    /** An approval not carried out within two years may lapse (土地管理法实施条例) [A]. */
    conversionValidUntil: day('conversion_valid_until'),
    /** When the land is expected to be net (净地) and ready for supply. */
    readyOn: day('ready_on'),
    /** The project the parcel is earmarked for (供地准备) or supplied to. */
    projectId: uuid('project_id').references(() => projects.id),
    /** 实际利用, for the idle-land and under-use tests (investment excludes land price and taxes). */
    developedAreaM2: doublePrecision('developed_area_m2'),
    investedYuan: money('invested_yuan'),
    lastProgressOn: day('last_progress_on'),
    /**
     * 用地清单 items satisfied (own rows or a regional assessment covering the parcel, valid on the day it
     * was counted), kept with the parcel so that lists and matching over thousands of parcels need not
     * recount: recounted on every write that touches it and by the daily job (results expire).
     */
    listDone: integer('list_done').notNull().default(0),
    listCountedOn: day('list_counted_on'),
    /** Written by the daily idle-land job. */
    idleLight: text('idle_light').notNull().default('none'),
    idleDays: integer('idle_days'),
    idleReason: text('idle_reason'),
    idleCheckedOn: day('idle_checked_on'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...editable(),
  },
  (t) => [
    uniqueIndex('parcels_no_key').on(t.parcelNo).where(sql`${t.deletedAt} IS NULL`),
    index('parcels_region_idx').on(t.regionId, t.status).where(sql`${t.deletedAt} IS NULL`),
    index('parcels_project_idx').on(t.projectId),
    index('parcels_available_idx')
      .on(t.status, t.areaM2)
      .where(sql`${t.deletedAt} IS NULL AND ${t.projectId} IS NULL`),
  ],
);

/** One row per parcel and 用地清单 item (§5.2); an item without a row is 未开展. */
export const parcelListItems = pgTable(
  'parcel_list_items',
  {
    parcelId: uuid('parcel_id')
      .notNull()
      .references(() => parcels.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    status: text('status').notNull(),
    docNo: text('doc_no'),
    approvedOn: day('approved_on'),
    validUntil: day('valid_until'),
    conclusion: text('conclusion'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.parcelId, t.code] })],
);

/** A 区域评估 done once for a park: it stands for its item on every parcel within the region. */
export const regionalAssessments = pgTable(
  'regional_assessments',
  {
    id: id(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull(),
    docNo: text('doc_no'),
    approvedOn: day('approved_on'),
    validUntil: day('valid_until'),
    conclusion: text('conclusion'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...editable(),
  },
  (t) => [uniqueIndex('regional_assessments_key').on(t.regionId, t.code).where(sql`${t.deletedAt} IS NULL`)],
);

/** 出让 (or 划拨): the record that gives a parcel to a project. One per parcel. */
export const landSupplies = pgTable(
  'land_supplies',
  {
    id: id(),
    parcelId: uuid('parcel_id')
      .notNull()
      .references(() => parcels.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    method: text('method').notNull(),
    announcedOn: day('announced_on'),
    dealOn: day('deal_on'),
    priceYuan: money('price_yuan'),
    grantee: text('grantee'),
    contractNo: text('contract_no'),
    contractOn: day('contract_on'),
    agreedStartOn: day('agreed_start_on'),
    agreedCompletionOn: day('agreed_completion_on'),
    // The 建设用地规划许可证 number lives on the project's LAND_PLAN_PERMIT approval item (migration 0019).
    ...editable(),
  },
  (t) => [
    uniqueIndex('land_supplies_parcel_key').on(t.parcelId).where(sql`${t.deletedAt} IS NULL`),
    index('land_supplies_project_idx').on(t.projectId),
  ],
);

/** What land a project needs (用地需求), the input of matching. */
export const projectLandDemands = pgTable('project_land_demands', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id),
  areaM2: doublePrecision('area_m2').notNull(),
  use: text('use').notNull(),
  plotRatioNeeded: doublePrecision('plot_ratio_needed'),
  preferredRegionId: uuid('preferred_region_id').references(() => regions.id),
  wantedOn: day('wanted_on'),
  note: text('note'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** A 闲置土地 case through the procedure of §10.3 (调查 → 认定 → 处置方案 → 决定 → 执行). */
export const idleCases = pgTable(
  'idle_cases',
  {
    id: id(),
    parcelId: uuid('parcel_id')
      .notNull()
      .references(() => parcels.id),
    stage: text('stage').notNull(),
    cause: text('cause'),
    disposal: text('disposal'),
    noticeOn: day('notice_on'),
    determinationNo: text('determination_no'),
    determinedOn: day('determined_on'),
    plan: text('plan'),
    decisionNo: text('decision_no'),
    decidedOn: day('decided_on'),
    feeYuan: money('fee_yuan'),
    deadlineOn: day('deadline_on'),
    result: text('result'),
    closedOn: day('closed_on'),
    isDemo: boolean('is_demo').notNull().default(false),
    ...editable(),
  },
  (t) => [index('idle_cases_parcel_idx').on(t.parcelId)],
);

/** 成片开发方案 and 全域土地综合整治 programmes, as documents linked to their parcels. */
export const landProgrammes = pgTable('land_programmes', {
  id: id(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  regionId: uuid('region_id')
    .notNull()
    .references(() => regions.id),
  docNo: text('doc_no'),
  approvedOn: day('approved_on'),
  validUntil: day('valid_until'),
  parcelIds: uuid('parcel_ids').array().notNull().default(sql`'{}'::uuid[]`),
  /** 新增耕地 and 腾挪建设用地 (m²) of a consolidation programme. */
  newFarmlandM2: doublePrecision('new_farmland_m2'),
  relocatedLandM2: doublePrecision('relocated_land_m2'),
  isDemo: boolean('is_demo').notNull().default(false),
  ...editable(),
});
