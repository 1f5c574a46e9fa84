import type { PlanLink, TemplateNode } from '@groundbreak/domain';
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { editable, id } from './columns';
import { projects } from './projects';
import { regions } from './reference';

// Approvals (审批, domain.md §4): the catalogue of approval items the 区发改 keeps, and each project's items
// tracked from 申请 through 受理 to 办结 against their limits. An item copies what it was generated with
// (department, limit, prerequisites), so that a later change of the catalogue applies to new items only.

const day = (name: string) => date(name, { mode: 'string' });

export const approvalCatalogue = pgTable(
  'approval_catalogue',
  {
    id: id(),
    code: text('code').notNull(),
    stage: integer('stage').notNull(),
    name: text('name').notNull(),
    /** Organisation kind of the competent department. */
    deptKind: text('dept_kind').notNull(),
    output: text('output').notNull(),
    statutoryDays: integer('statutory_days'),
    promisedDays: integer('promised_days').notNull(),
    unit: text('unit', { enum: ['working', 'calendar'] }).notNull(),
    prerequisites: text('prerequisites').array().notNull().default(sql`'{}'::text[]`),
    parallelGroup: text('parallel_group'),
    /** 用地方式 it applies to; null for any. */
    landUses: text('land_uses').array(),
    investment: text('investment', { enum: ['government', 'enterprise'] }),
    /** Generated for every project it applies to; false for items added by hand. */
    automatic: boolean('automatic').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [uniqueIndex('approval_catalogue_code_key').on(t.code).where(sql`${t.deletedAt} IS NULL`)],
);

export const projectApprovalItems = pgTable(
  'project_approval_items',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    /**
     * The project's region, carried by the item as every business row carries its region: the department
     * queue is scoped and counted from the item's own index. A trigger (migration 0021) follows the project
     * when it moves to another 板块, and retires the items when the project is deleted.
     */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    code: text('code').notNull(),
    stage: integer('stage').notNull(),
    name: text('name').notNull(),
    deptKind: text('dept_kind').notNull(),
    promisedDays: integer('promised_days').notNull(),
    unit: text('unit', { enum: ['working', 'calendar'] }).notNull(),
    prerequisites: text('prerequisites').array().notNull().default(sql`'{}'::text[]`),
    parallelGroup: text('parallel_group'),
    sortOrder: integer('sort_order').notNull().default(0),
    status: text('status').notNull().default('not_started'),
    appliedOn: day('applied_on'),
    acceptedOn: day('accepted_on'),
    doneOn: day('done_on'),
    /** 受理 + the limit, on the calendar of the day it was accepted. */
    dueOn: day('due_on'),
    documentNo: text('document_no'),
    /** 模拟审批: handled before the land is supplied; 转正 (convertedOn) once it is. */
    simulated: boolean('simulated').notNull().default(false),
    convertedOn: day('converted_on'),
    /** 告知承诺: issued on the applicant's commitment, checked afterwards. */
    commitment: boolean('commitment').notNull().default(false),
    commitmentCheckDueOn: day('commitment_check_due_on'),
    commitmentCheckResult: text('commitment_check_result'),
    /** 容缺受理: the missing documents and the date they are due. */
    gaps: text('gaps'),
    gapsDueOn: day('gaps_due_on'),
    note: text('note'),
    ...editable(),
  },
  (t) => [
    uniqueIndex('project_approval_items_project_code_key')
      .on(t.projectId, t.code)
      .where(sql`${t.deletedAt} IS NULL`),
    // The department work queue: running items of one department, soonest due first.
    // (id last, so that the page's order — due date, then id — comes straight from the index.)
    index('project_approval_items_queue_idx')
      .on(t.deptKind, t.dueOn, t.id)
      .where(sql`${t.deletedAt} IS NULL AND ${t.status} IN ('accepted', 'accepted_with_gaps', 'pre_review')`),
    // …and how many of them lie in a scope: counted from this index alone, region by region.
    index('project_approval_items_scope_idx')
      .on(t.deptKind, t.regionId)
      .where(sql`${t.deletedAt} IS NULL AND ${t.status} IN ('accepted', 'accepted_with_gaps', 'pre_review')`),
  ],
);

/** A 倒排 template (§7.2) as the 区发改 keeps it: nodes with durations and links, one anchor. */
export const planTemplates = pgTable(
  'plan_templates',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    anchor: text('anchor').notNull(),
    nodes: jsonb('nodes').$type<TemplateNode[]>().notNull(),
    links: jsonb('links').$type<PlanLink[]>().notNull(),
    ...editable(),
  },
  (t) => [uniqueIndex('plan_templates_code_key').on(t.code).where(sql`${t.deletedAt} IS NULL`)],
);

export type PlanNodeRecord = TemplateNode & { actualStart: string | null; actualFinish: string | null };
/** The dates a node was planned at when the plan was approved. */
export type BaselineNode = {
  key: string;
  lateStart: string | null;
  lateFinish: string | null;
  earlyFinish: string;
};

/**
 * A project's reverse-scheduled plan: the template's network (as edited for the project), the target of
 * its anchor, the actual dates, and — once 区发改 approves — the baseline frozen from that day's schedule.
 */
export const projectPlans = pgTable(
  'project_plans',
  {
    id: id(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    templateCode: text('template_code').notNull(),
    anchor: text('anchor').notNull(),
    targetOn: day('target_on').notNull(),
    nodes: jsonb('nodes').$type<PlanNodeRecord[]>().notNull(),
    links: jsonb('links').$type<PlanLink[]>().notNull(),
    /** draft → subarea_approved (板块) → approved (区发改, baseline frozen); a revision goes back to draft. */
    status: text('status', { enum: ['draft', 'subarea_approved', 'approved'] })
      .notNull()
      .default('draft'),
    /** 1 for the first plan; each revision after a baseline adds one, with its reason. */
    revision: integer('revision').notNull().default(1),
    revisionReason: text('revision_reason'),
    baseline: jsonb('baseline').$type<{ targetOn: string; forecast: string; nodes: BaselineNode[] }>(),
    baselineOn: day('baseline_on'),
    ...editable(),
  },
  (t) => [uniqueIndex('project_plans_project_key').on(t.projectId).where(sql`${t.deletedAt} IS NULL`)],
);
