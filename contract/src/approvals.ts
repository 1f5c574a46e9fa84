import { APPROVAL_STATUSES, type ApprovalStatus, type SlaState } from '@groundbreak/domain';
import { z } from 'zod';
import { ORG_KINDS } from './labels';
import { listQuery, listResponse, rowVersion } from './list';

// Approval items: the catalogue, a project's items with their time-limit state, the update a department
// makes, and the department's work queue.

const id = z.string().uuid();
/** A business date the working-day calendar covers (2000–2100): outside it no deadline can be counted. */
const date = z.iso
  .date()
  .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', { message: '日期须在 2000 年至 2100 年之间' });
const text = (max: number) => z.string().trim().max(max);
const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  not_started: '未启动',
  pre_review: '预审中',
  pre_approved: '预审通过',
  accepted: '已受理',
  accepted_with_gaps: '容缺受理',
  done: '已办结',
  refused: '不予许可',
  exempt: '免办',
};

export const SLA_STATE_LABELS: Record<SlaState, string> = {
  not_running: '未计时',
  on_track: '正常',
  due_soon: '临期',
  overdue: '超期',
  done_on_time: '按时办结',
  done_late: '超期办结',
};

export const APPROVAL_STAGE_LABELS: Record<1 | 2 | 3 | 4, string> = {
  1: '立项用地规划许可',
  2: '工程建设许可',
  3: '施工许可',
  4: '竣工验收',
};

export const LIMIT_UNIT_LABELS = { working: '工作日', calendar: '自然日' } as const;

const slaState = z.enum(['not_running', 'on_track', 'due_soon', 'overdue', 'done_on_time', 'done_late']);

export const approvalItem = z.object({
  id,
  code: z.string(),
  stage: z.number().int().min(1).max(4),
  name: z.string(),
  deptKind: z.string(),
  promisedDays: z.number().int(),
  unit: z.enum(['working', 'calendar']),
  prerequisites: z.array(z.string()),
  parallelGroup: z.string().nullable(),
  status: z.enum(APPROVAL_STATUSES),
  appliedOn: date.nullable(),
  acceptedOn: date.nullable(),
  doneOn: date.nullable(),
  dueOn: date.nullable(),
  /** False when the due date falls in (or counts across) a year whose holidays are not configured. */
  dueVerified: z.boolean(),
  documentNo: z.string().nullable(),
  simulated: z.boolean(),
  convertedOn: date.nullable(),
  commitment: z.boolean(),
  commitmentCheckDueOn: date.nullable(),
  commitmentCheckResult: z.string().nullable(),
  gaps: z.string().nullable(),
  gapsDueOn: date.nullable(),
  /** 容缺 documents past their date, or a 告知承诺 check past its date with no result: 红灯. */
  followUpOverdue: z.boolean(),
  note: z.string().nullable(),
  sla: z.object({
    state: slaState,
    remaining: z.number().int().nullable(),
    overdue: z.number().int().nullable(),
    used: z.number().int().nullable(),
  }),
  /** Whether the caller may update it (their department's item, or 区发改). */
  canEdit: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ApprovalItem = z.infer<typeof approvalItem>;

export const projectApprovalsResponse = z.object({
  items: z.array(approvalItem),
  /** Working days from the first 受理 to the last 办结 (or today); null before anything is accepted. */
  wholeProcessDays: z.number().int().nullable(),
  /** Jiangsu's target for the whole process [A]. */
  targetDays: z.number().int(),
  /** 模拟审批 items not converted yet, and whether the land is supplied so that they can be. */
  simulatedOpen: z.number().int(),
  landSupplied: z.boolean(),
  /** Catalogue items that apply and are not on the project yet (generate adds them). */
  missing: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type ProjectApprovals = z.infer<typeof projectApprovalsResponse>;

export const generateApprovalsResponse = z.object({
  added: z.number().int(),
  approvals: projectApprovalsResponse,
});

export const updateApprovalItemBody = z.object({
  status: z.enum(APPROVAL_STATUSES),
  appliedOn: date.nullable(),
  acceptedOn: date.nullable(),
  doneOn: date.nullable(),
  documentNo: text(80).nullable(),
  simulated: z.boolean(),
  commitment: z.boolean(),
  commitmentCheckDueOn: date.nullable(),
  commitmentCheckResult: text(200).nullable(),
  gaps: text(500).nullable(),
  gapsDueOn: date.nullable(),
  note: text(500).nullable(),
  version: rowVersion,
});
export type UpdateApprovalItemBody = z.infer<typeof updateApprovalItemBody>;

export const convertSimulatedResponse = z.object({
  converted: z.number().int(),
  approvals: projectApprovalsResponse,
});

export const APPROVAL_QUEUE_SORTS = ['dueOn', 'acceptedOn', 'name'] as const;

export const approvalQueueQuery = listQuery(APPROVAL_QUEUE_SORTS).extend({
  q: text(50).optional(),
  status: commaList(APPROVAL_STATUSES).optional(),
  /** due_soon and overdue narrow to items whose limit is running. */
  sla: z.enum(['due_soon', 'overdue']).optional(),
});
export type ApprovalQueueQuery = z.input<typeof approvalQueueQuery>;

export const approvalQueueItem = approvalItem.extend({
  project: z.object({ id, name: z.string(), internalNo: z.string(), regionName: z.string() }),
});
export type ApprovalQueueItem = z.infer<typeof approvalQueueItem>;
/** The queue pages through its first 1,000 items by due date; `totalCapped` says there are more. */
export const approvalQueueResponse = listResponse(approvalQueueItem).extend({ totalCapped: z.boolean() });

export const catalogueEntry = z.object({
  id,
  code: z.string(),
  stage: z.number().int().min(1).max(4),
  name: z.string(),
  deptKind: z.string(),
  output: z.string(),
  statutoryDays: z.number().int().nullable(),
  promisedDays: z.number().int(),
  unit: z.enum(['working', 'calendar']),
  prerequisites: z.array(z.string()),
  parallelGroup: z.string().nullable(),
  landUses: z.array(z.string()).nullable(),
  investment: z.enum(['government', 'enterprise']).nullable(),
  automatic: z.boolean(),
  version: z.number().int(),
});
export type CatalogueEntryView = z.infer<typeof catalogueEntry>;
export const catalogueResponse = z.object({ items: z.array(catalogueEntry) });

export const catalogueIdParams = z.object({ id });
export const updateCatalogueEntryBody = z.object({
  promisedDays: z.number().int().min(0).max(365),
  unit: z.enum(['working', 'calendar']),
  deptKind: z.enum(ORG_KINDS),
  parallelGroup: text(10).nullable(),
  automatic: z.boolean(),
  version: rowVersion,
});
export type UpdateCatalogueEntryBody = z.infer<typeof updateCatalogueEntryBody>;

// 倒排 plans: templates, a project's plan with both passes computed, actual dates, approval, revisions.

const durationUnit = z.enum(['working', 'calendar']);
const planNodeKey = z.string().trim().min(1).max(40);
export const templateNode = z.object({
  key: planNodeKey,
  name: text(60).min(1),
  /** A negative duration passes here so that the network check refuses it by the node's name. */
  duration: z.number().int().min(-3650).max(3650),
  unit: durationUnit,
  responsible: text(60),
  approvalCode: z.string().max(40).optional(),
});
export const planLink = z.object({
  from: planNodeKey,
  to: planNodeKey,
  lag: z.number().int().min(0).max(365).optional(),
});

export const planTemplateView = z.object({
  id,
  code: z.string(),
  name: z.string(),
  anchor: z.string(),
  nodes: z.array(templateNode),
  links: z.array(planLink),
  version: z.number().int(),
});
export type PlanTemplateView = z.infer<typeof planTemplateView>;
export const planTemplatesResponse = z.object({ items: z.array(planTemplateView) });
export const planTemplateIdParams = z.object({ id });
export const updatePlanTemplateBody = z.object({
  name: text(60).min(1),
  anchor: planNodeKey,
  nodes: z.array(templateNode).min(1).max(200),
  links: z.array(planLink).max(1000),
  version: rowVersion,
});

export const PLAN_STATUS_LABELS = {
  draft: '草拟',
  subarea_approved: '板块已审核',
  approved: '区发改已审定',
} as const;

export const scheduledPlanNode = templateNode.extend({
  actualStart: date.nullable(),
  actualFinish: date.nullable(),
  earlyStart: date,
  earlyFinish: date,
  lateStart: date.nullable(),
  lateFinish: date.nullable(),
  floatDays: z.number().int().nullable(),
  critical: z.boolean(),
  done: z.boolean(),
  late: z.boolean(),
  /** The linked approval item's state, when the node follows one. */
  approval: z.object({ status: z.enum(APPROVAL_STATUSES), dueOn: date.nullable() }).nullable(),
  /** The node's planned finish when the baseline was frozen, and how far the plan has moved since (days). */
  baselineFinish: date.nullable(),
  varianceDays: z.number().int().nullable(),
});
export type ScheduledPlanNode = z.infer<typeof scheduledPlanNode>;

export const projectPlan = z.object({
  id,
  templateCode: z.string(),
  anchor: z.string(),
  targetOn: date,
  status: z.enum(['draft', 'subarea_approved', 'approved']),
  revision: z.number().int(),
  revisionReason: z.string().nullable(),
  baselineOn: date.nullable(),
  baselineTargetOn: date.nullable(),
  baselineForecast: date.nullable(),
  nodes: z.array(scheduledPlanNode),
  links: z.array(planLink),
  today: date,
  forecast: date,
  infeasible: z.boolean(),
  slipDays: z.number().int(),
  criticalPath: z.array(z.string()),
  version: z.number().int(),
});
export type ProjectPlan = z.infer<typeof projectPlan>;
export const projectPlanResponse = z.object({
  plan: projectPlan.nullable(),
  /** May create and revise the plan (板块 and 区发改). */
  canEdit: z.boolean(),
  /** The nodes whose actual dates the caller may record: those their unit is responsible for (区发改 all). */
  recordable: z.array(planNodeKey),
  /** The approval step the caller may take now, if any. */
  canApprove: z.enum(['subarea', 'district']).nullable(),
});

export const createPlanBody = z.object({ templateCode: z.enum(['A', 'B', 'C']), targetOn: date });
export const planActualBody = z.object({
  actualStart: date.nullable(),
  actualFinish: date.nullable(),
  version: rowVersion,
});
export const planNodeParams = z.object({ id, key: planNodeKey });
export const revisePlanBody = z.object({
  targetOn: date,
  durations: z
    .array(z.object({ key: planNodeKey, duration: z.number().int().min(-3650).max(3650) }))
    .max(200),
  /** 调整原因: required once the plan has a baseline. */
  reason: text(200).nullable(),
  version: rowVersion,
});
export const approvePlanBody = z.object({ version: rowVersion });

// 拿地即开工: a project's readiness before the land deal and its outcome after it.

export const landReadyAssessment = z.object({
  checks: z.array(
    z.object({
      key: z.enum(['design', 'drawings', 'eia', 'land_list', 'permit']),
      label: z.string(),
      owner: z.string(),
      done: z.boolean(),
      on: date.nullable(),
    }),
  ),
  ready: z.number().int(),
  predictedPermitOn: date.nullable(),
  plannedLandOn: date.nullable(),
  daysLandToPermit: z.number().int().nullable(),
  achieved: z.boolean().nullable(),
});
export const projectLandReadyResponse = z.object({
  /** Expected to follow the mode: marked so, or a province/city/district major project on land. */
  expected: z.boolean(),
  contractOn: date.nullable(),
  permitOn: date.nullable(),
  withinDays: z.number().int(),
  assessment: landReadyAssessment,
});
export type ProjectLandReady = z.infer<typeof projectLandReadyResponse>;

export const landReadyListQuery = listQuery(['internalNo']).extend({
  outcome: z.enum(['pending', 'achieved', 'missed']).optional(),
});
export const landReadyListItem = z.object({
  project: z.object({
    id,
    name: z.string(),
    internalNo: z.string(),
    regionId: id,
    regionName: z.string(),
    state: z.string(),
  }),
  contractOn: date.nullable(),
  permitOn: date.nullable(),
  assessment: landReadyAssessment,
});
export type LandReadyListItem = z.infer<typeof landReadyListItem>;
export const landReadyListResponse = listResponse(landReadyListItem).extend({
  /** The rule the outcomes were judged by: the permit within this many days of the land deal. */
  withinDays: z.number().int(),
});

/** The district's approval rules [A] (domain.md §4): when an item is 临期, the whole-process target, 拿地即开工. */
export const approvalRules = z.strictObject({
  /** 临期: this many working days or fewer left (default 2). */
  dueSoonWorkingDays: z.number().int().min(0).max(20),
  /** The whole process from the first 受理 to the last 办结, in working days (Jiangsu: 100). */
  wholeProcessTargetDays: z.number().int().min(1).max(1000),
  /** 拿地即开工 is achieved when the construction permit comes this many days or fewer after the land deal. */
  landReadyWithinDays: z.number().int().min(0).max(60),
});
export type ApprovalRules = z.infer<typeof approvalRules>;
export const approvalRulesResponse = z.object({ rules: approvalRules, canEdit: z.boolean() });
