import {
  CATEGORY_GROUPS,
  type ChecklistResult,
  type MicroSchedule,
  type QuantityIndicator,
  TASK_STATUSES,
} from '@groundbreak/domain';
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
import { orgs, regions } from './reference';

// 城中村专项行动 (domain.md §11): the campaign and its batches, the task categories (seeded from the domain's
// list, editable), the rectification tasks of the 板块 with their history and their before/after photos.

/** A task category: what a task of it counts, what an inspection of its points checks, its 整改 days. */
export const campaignCategories = pgTable('campaign_categories', {
  code: text('code').primaryKey(),
  group: text('group', { enum: CATEGORY_GROUPS }).notNull(),
  name: text('name').notNull(),
  indicators: jsonb('indicators').$type<QuantityIndicator[]>().notNull(),
  checklist: jsonb('checklist').$type<string[]>().notNull(),
  rectifyWorkingDays: integer('rectify_working_days').notNull(),
  inspectEveryDays: integer('inspect_every_days').notNull(),
  sortOrder: integer('sort_order').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** A campaign (行动): its district, the lead department, its period and an area tag such as 主城区. */
export const campaigns = pgTable('campaigns', {
  id: id(),
  name: text('name').notNull(),
  regionId: uuid('region_id')
    .notNull()
    .references(() => regions.id),
  leadOrgId: uuid('lead_org_id').references(() => orgs.id),
  areaTag: text('area_tag'),
  startOn: date('start_on', { mode: 'string' }).notNull(),
  endOn: date('end_on', { mode: 'string' }).notNull(),
  description: text('description'),
  ...editable(),
});

/** A batch (批次, 第一批 …) of a campaign, with its own period. */
export const campaignBatches = pgTable(
  'campaign_batches',
  {
    id: id(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    name: text('name').notNull(),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }).notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [
    uniqueIndex('campaign_batches_name_uq').on(t.campaignId, t.name).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** A rectification task (整治任务) at a point of a 板块. */
export const campaignTasks = pgTable(
  'campaign_tasks',
  {
    id: id(),
    /** ZZ-2025-0001: the campaign's year and a running number. */
    taskNo: text('task_no').notNull(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    batchId: uuid('batch_id').references(() => campaignBatches.id),
    categoryCode: text('category_code')
      .notNull()
      .references(() => campaignCategories.code),
    /** The 板块 (town, street or zone) the point lies in. */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    village: text('village'),
    pointName: text('point_name').notNull(),
    address: text('address'),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    description: text('description').notNull(),
    requirement: text('requirement'),
    responsibleOrgId: uuid('responsible_org_id').references(() => orgs.id),
    responsiblePerson: text('responsible_person'),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    completedOn: date('completed_on', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    acceptedBy: uuid('accepted_by'),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('pending'),
    /** 进度 in per cent, as the 板块 reports it. */
    progress: integer('progress').notNull().default(0),
    /** The category's quantities (拆除违建面积 …) by indicator key. */
    quantities: jsonb('quantities').$type<Record<string, number>>().notNull().default({}),
    /** 投资 of a 微更新 project, in 元. */
    investmentYuan: bigint('investment_yuan', { mode: 'number' }),
    /** A 微更新 project's design → build → finish → accept schedule. */
    microSchedule: jsonb('micro_schedule').$type<MicroSchedule>(),
    returnReason: text('return_reason'),
    beforePhotoIds: uuid('before_photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    afterPhotoIds: uuid('after_photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    ...editable(),
  },
  (t) => [
    uniqueIndex('campaign_tasks_no_uq').on(t.taskNo),
    index('campaign_tasks_region_status_idx').on(t.regionId, t.status).where(sql`${t.deletedAt} IS NULL`),
    index('campaign_tasks_campaign_idx').on(t.campaignId, t.batchId).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** Every step of a task: who, when, from which state to which, and the note (a return's reason). */
export const campaignTaskEvents = pgTable(
  'campaign_task_events',
  {
    id: id(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => campaignTasks.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    step: text('step').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
  },
  (t) => [index('campaign_task_events_task_idx').on(t.taskId, t.at)],
);

export const CAMPAIGN_PHOTO_KINDS = ['before', 'after', 'inspection'] as const;

/**
 * A photo of a task (整改前 / 整改后) or of a maintenance inspection of its point, stored under the data
 * directory's files like project attachments.
 */
export const campaignPhotos = pgTable(
  'campaign_photos',
  {
    id: id(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => campaignTasks.id),
    kind: text('kind', { enum: CAMPAIGN_PHOTO_KINDS }).notNull(),
    /** The inspection an inspection photo was filed with; null until the inspection is recorded. */
    inspectionId: uuid('inspection_id'),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('campaign_photos_task_idx').on(t.taskId, t.kind),
    uniqueIndex('campaign_photos_storage_key').on(t.storageKey),
  ],
);

/**
 * 长效管护 (domain.md §11.3): an accepted task's point in the maintenance ledger — the village or community
 * that keeps it, its category's checklist and how often it is inspected.
 */
export const maintenancePoints = pgTable(
  'maintenance_points',
  {
    id: id(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => campaignTasks.id),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    keeper: text('keeper').notNull(),
    keeperPerson: text('keeper_person'),
    checklist: jsonb('checklist').$type<string[]>().notNull(),
    everyDays: integer('every_days').notNull(),
    enteredOn: date('entered_on', { mode: 'string' }).notNull(),
    lastInspectedOn: date('last_inspected_on', { mode: 'string' }),
    ...editable(),
  },
  (t) => [
    uniqueIndex('maintenance_points_task_uq').on(t.taskId),
    index('maintenance_points_region_idx').on(t.regionId).where(sql`${t.deletedAt} IS NULL`),
  ],
);

/** An inspection (巡查) of a maintained point: each checklist item passed or not, a score, photos. */
export const maintenanceInspections = pgTable(
  'maintenance_inspections',
  {
    id: id(),
    pointId: uuid('point_id')
      .notNull()
      .references(() => maintenancePoints.id),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    inspectorId: uuid('inspector_id'),
    inspectorName: text('inspector_name').notNull(),
    results: jsonb('results').$type<ChecklistResult[]>().notNull(),
    score: integer('score').notNull(),
    passed: boolean('passed').notNull(),
    note: text('note'),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The 整改单 this inspection re-inspects, when one was open. */
    orderId: uuid('order_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('maintenance_inspections_point_idx').on(t.pointId, t.inspectedOn)],
);

export const ORDER_STATUSES = ['open', 'closed'] as const;

/** A 整改单: raised by a failed inspection, due in the category's working days, closed by a passing re-inspection. */
export const rectificationOrders = pgTable(
  'rectification_orders',
  {
    id: id(),
    orderNo: text('order_no').notNull(),
    pointId: uuid('point_id')
      .notNull()
      .references(() => maintenancePoints.id),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => maintenanceInspections.id),
    requirement: text('requirement').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('open'),
    closedOn: date('closed_on', { mode: 'string' }),
    closedByInspectionId: uuid('closed_by_inspection_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('rectification_orders_no_uq').on(t.orderNo),
    index('rectification_orders_point_idx').on(t.pointId, t.status),
  ],
);
