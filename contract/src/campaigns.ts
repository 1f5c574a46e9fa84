import {
  CATEGORY_GROUPS,
  MICRO_STAGES,
  TASK_STATUSES,
  TASK_STEP_NAMES,
  type TaskStep,
} from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

// 城中村专项行动 over HTTP (domain.md §11): campaigns and batches, task categories, the tasks of the 板块 with
// their workflow, photos and lights, and the progress of each 板块 with the ranking and the map's points.

const id = z.string().uuid();
const LIGHTS = ['green', 'yellow', 'red'] as const;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `不超过 ${max} 字` });
const required = (max: number, message: string) => text(max).min(1, { message });

export const campaignCategory = z.object({
  code: z.string(),
  group: z.enum(CATEGORY_GROUPS),
  name: z.string(),
  indicators: z.array(z.object({ key: z.string(), label: z.string(), unit: z.string() })),
  checklist: z.array(z.string()),
  rectifyWorkingDays: z.number().int(),
  inspectEveryDays: z.number().int(),
  enabled: z.boolean(),
  version: z.number().int(),
});
export type CampaignCategory = z.infer<typeof campaignCategory>;

const categoryFields = {
  group: z.enum(CATEGORY_GROUPS),
  name: required(50, '请填写类别名称'),
  indicators: z
    .array(
      z.object({
        key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,29}$/, { message: '指标代码为字母开头的字母数字' }),
        label: required(30, '请填写指标名称'),
        unit: required(10, '请填写单位'),
      }),
    )
    .max(10, { message: '数量指标不超过 10 个' })
    .refine((list) => new Set(list.map((i) => i.key)).size === list.length, { message: '指标代码重复' }),
  checklist: z
    .array(required(100, '检查项不能为空'))
    .min(1, { message: '至少一个管护检查项' })
    .max(20, { message: '检查项不超过 20 个' })
    .refine((list) => new Set(list).size === list.length, { message: '检查项重复' }),
  rectifyWorkingDays: z.number().int().min(1).max(60),
  inspectEveryDays: z.number().int().min(1).max(365),
  enabled: z.boolean(),
};

/** A category 区城管局 adds (the "configurable others" of the seed's list). */
export const createCategoryBody = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9]{0,7}$/, { message: '类别代码为大写字母开头，不超过 8 位' }),
  ...categoryFields,
});
export const updateCategoryBody = z.strictObject({ version: rowVersion, ...categoryFields });

/** The pass mark of a maintenance inspection (with every checklist item passed) [A: 80]. */
export const maintenanceRules = z.strictObject({ passScore: z.number().int().min(0).max(100) });
export const campaignCategoryListResponse = z.object({ items: z.array(campaignCategory) });

export const campaignBatch = z.object({
  id,
  name: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  tasks: z.number().int(),
  version: z.number().int(),
});

export const campaignItem = z.object({
  id,
  name: z.string(),
  regionId: id,
  regionName: z.string(),
  leadOrg: z.object({ id, name: z.string() }).nullable(),
  areaTag: z.string().nullable(),
  startOn: z.string(),
  endOn: z.string(),
  description: z.string().nullable(),
  batches: z.array(campaignBatch),
  tasks: z.number().int(),
  version: z.number().int(),
});
export type CampaignItem = z.infer<typeof campaignItem>;

export const campaignListQuery = listQuery(['startOn', 'name'] as const);
export const campaignListResponse = listResponse(campaignItem);

export const createCampaignBody = z
  .strictObject({
    name: required(100, '请填写行动名称'),
    regionId: id.optional(),
    leadOrgId: id.nullable().optional(),
    areaTag: text(50).nullable().optional(),
    startOn: day,
    endOn: day,
    description: text(2000).nullable().optional(),
  })
  .refine((b) => b.endOn >= b.startOn, { message: '结束日期不能早于开始日期', path: ['endOn'] });

export const updateCampaignBody = z
  .strictObject({
    version: rowVersion,
    name: required(100, '请填写行动名称'),
    leadOrgId: id.nullable().optional(),
    areaTag: text(50).nullable().optional(),
    startOn: day,
    endOn: day,
    description: text(2000).nullable().optional(),
  })
  .refine((b) => b.endOn >= b.startOn, { message: '结束日期不能早于开始日期', path: ['endOn'] });

export const batchBody = z
  .strictObject({
    name: required(50, '请填写批次名称，如：第一批'),
    startOn: day,
    endOn: day,
  })
  .refine((b) => b.endOn >= b.startOn, { message: '结束日期不能早于开始日期', path: ['endOn'] });

export const updateBatchBody = z
  .strictObject({ version: rowVersion, name: required(50, '请填写批次名称'), startOn: day, endOn: day })
  .refine((b) => b.endOn >= b.startOn, { message: '结束日期不能早于开始日期', path: ['endOn'] });

const microSchedule = z
  .partialRecord(z.enum(MICRO_STAGES), z.object({ plannedOn: day, doneOn: day.nullable().optional() }))
  .nullable();

const quantities = z.record(z.string().max(40), z.number().min(0).max(1e9));

const taskFields = {
  categoryCode: z.string().min(1, { message: '请选择类别' }).max(20),
  batchId: id.nullable().optional(),
  village: text(100).nullable().optional(),
  pointName: required(200, '请填写点位名称'),
  address: text(300).nullable().optional(),
  lon: z.number().min(73).max(136).nullable().optional(),
  lat: z.number().min(3).max(54).nullable().optional(),
  description: required(4000, '请描述存在的问题'),
  requirement: text(4000).nullable().optional(),
  responsibleOrgId: id.nullable().optional(),
  responsiblePerson: text(50).nullable().optional(),
  startOn: day,
  dueOn: day,
  quantities: quantities.optional(),
  /** 微更新 investment in 元. */
  investmentYuan: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  microSchedule: microSchedule.optional(),
};

export const createTaskBody = z
  .strictObject({ campaignId: id, regionId: id, ...taskFields })
  .refine((b) => b.dueOn >= b.startOn, { message: '计划完成日期不能早于开始日期', path: ['dueOn'] });
export type CreateTaskBody = z.input<typeof createTaskBody>;

export const updateTaskBody = z
  .strictObject({
    version: rowVersion,
    ...taskFields,
    progress: z.number().int().min(0).max(100).optional(),
  })
  .refine((b) => b.dueOn >= b.startOn, { message: '计划完成日期不能早于开始日期', path: ['dueOn'] });
export type UpdateTaskBody = z.input<typeof updateTaskBody>;

export const taskStepBody = z.strictObject({
  step: z.enum(TASK_STEP_NAMES as [TaskStep, ...TaskStep[]]),
  version: rowVersion,
  /** A return's reason; a note for the others. */
  note: text(1000).nullable().optional(),
  /** 实际完成日期 when submitting (default: today). */
  completedOn: day.optional(),
});

export const taskListQuery = listQuery(['dueOn', 'taskNo', 'startOn'] as const).extend({
  campaignId: id.optional(),
  batchId: id.optional(),
  regionId: id.optional(),
  categoryCode: z.string().max(20).optional(),
  status: z.enum([...TASK_STATUSES, 'open']).optional(),
  light: z.enum(LIGHTS).optional(),
  /** Not accepted and past the due date (黄灯 and 红灯 together). */
  overdue: z.enum(['true', 'false']).optional(),
  q: text(100).optional(),
});

/** The overdue thresholds of task lights: up to this many days late 黄灯, beyond 红灯. */
export const taskLightRules = z.strictObject({ yellowMaxDaysLate: z.number().int().min(0).max(365) });

const photo = z.object({
  id,
  kind: z.enum(['before', 'after']),
  fileName: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string(),
});

export const taskItem = z.object({
  id,
  taskNo: z.string(),
  campaign: z.object({ id, name: z.string() }),
  batch: z.object({ id, name: z.string() }).nullable(),
  categoryCode: z.string(),
  categoryName: z.string(),
  regionId: id,
  regionName: z.string(),
  village: z.string().nullable(),
  pointName: z.string(),
  address: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  status: z.enum(TASK_STATUSES),
  startOn: z.string(),
  dueOn: z.string(),
  completedOn: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  progress: z.number().int(),
  light: z.enum(LIGHTS),
  daysLate: z.number().int(),
  lightExplanation: z.string(),
  investmentYuan: z.number().int().nullable(),
  /** 按期 / 需加快 of a 微更新 project; null for other categories. */
  microFlag: z.enum(['on_schedule', 'behind']).nullable(),
  version: z.number().int(),
});
export type TaskItem = z.infer<typeof taskItem>;
export const taskListResponse = listResponse(taskItem);

export const taskResponse = z.object({
  task: taskItem.extend({
    description: z.string(),
    requirement: z.string().nullable(),
    responsibleOrg: z.object({ id, name: z.string() }).nullable(),
    responsiblePerson: z.string().nullable(),
    quantities: z.record(z.string(), z.number()),
    microSchedule: microSchedule,
    microExplanation: z.string().nullable(),
    returnReason: z.string().nullable(),
  }),
  category: campaignCategory,
  photos: z.array(photo),
  events: z.array(
    z.object({
      id,
      at: z.string(),
      actorName: z.string(),
      step: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  /** The steps the caller may take now, and whether it may edit the task and its photos. */
  can: z.record(z.enum(TASK_STEP_NAMES as [TaskStep, ...TaskStep[]]), z.boolean()),
  canEdit: z.boolean(),
});
export type TaskResponse = z.infer<typeof taskResponse>;

export const campaignPhotoResponse = photo;

export const progressQuery = z.strictObject({
  campaignId: id,
  batchId: id.optional(),
  /** The day the lights and 按时完成率 are read on (default: today). */
  asOf: day.optional(),
});

const progressFigures = z.object({
  total: z.number().int(),
  accepted: z.number().int(),
  overdue: z.number().int(),
  due: z.number().int(),
  onTime: z.number().int(),
  completionRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});

export const progressResponse = z.object({
  asOf: z.string(),
  campaign: z.object({ id, name: z.string() }),
  totals: progressFigures,
  byCategory: z.array(progressFigures.extend({ code: z.string(), name: z.string() })),
  /** Each 板块 of the campaign's district, ranked: its figures, by category, score and calculation. */
  subareas: z.array(
    progressFigures.extend({
      regionId: id,
      regionName: z.string(),
      rebounds: z.number().int(),
      score: z.number(),
      rank: z.number().int(),
      calculation: z.string(),
      byCategory: z.array(
        z.object({
          code: z.string(),
          total: z.number().int(),
          accepted: z.number().int(),
          overdue: z.number().int(),
        }),
      ),
    }),
  ),
  /** The points with a position, coloured by state on the map. */
  points: z.array(
    z.object({
      id,
      taskNo: z.string(),
      pointName: z.string(),
      regionName: z.string(),
      categoryName: z.string(),
      status: z.enum(TASK_STATUSES),
      light: z.enum(LIGHTS),
      lon: z.number(),
      lat: z.number(),
    }),
  ),
  /** 微更新 projects with their 按期 / 需加快 flag. */
  micro: z.array(
    z.object({
      id,
      taskNo: z.string(),
      pointName: z.string(),
      regionName: z.string(),
      status: z.enum(TASK_STATUSES),
      investmentYuan: z.number().int().nullable(),
      flag: z.enum(['on_schedule', 'behind']),
      explanation: z.string(),
    }),
  ),
});
export type ProgressResponse = z.infer<typeof progressResponse>;

// ---- 长效管护: the maintenance ledger, inspections and 整改单 ----

export const POINT_STATUSES = ['ok', 'rectifying', 'inspection_due'] as const;

export const maintenancePointListQuery = listQuery(['enteredOn', 'lastInspectedOn'] as const).extend({
  campaignId: id.optional(),
  regionId: id.optional(),
  status: z.enum(POINT_STATUSES).optional(),
  q: text(100).optional(),
});

const order = z.object({
  id,
  orderNo: z.string(),
  requirement: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  closedOn: z.string().nullable(),
  /** Open and past its due date on the day. */
  overdue: z.boolean(),
});

export const maintenancePoint = z.object({
  id,
  task: z.object({
    id,
    taskNo: z.string(),
    pointName: z.string(),
    categoryCode: z.string(),
    categoryName: z.string(),
    village: z.string().nullable(),
    acceptedOn: z.string().nullable(),
  }),
  regionId: id,
  regionName: z.string(),
  keeper: z.string(),
  keeperPerson: z.string().nullable(),
  everyDays: z.number().int(),
  enteredOn: z.string(),
  lastInspectedOn: z.string().nullable(),
  nextInspectionOn: z.string(),
  daysOverdue: z.number().int(),
  status: z.enum(POINT_STATUSES),
  /** Failed inspections since acceptance (反弹). */
  rebounds: z.number().int(),
  openOrder: order.nullable(),
  version: z.number().int(),
});
export type MaintenancePoint = z.infer<typeof maintenancePoint>;
export const maintenancePointListResponse = listResponse(maintenancePoint);

export const inspectionItem = z.object({
  id,
  inspectedOn: z.string(),
  inspectorName: z.string(),
  results: z.array(
    z.object({ item: z.string(), passed: z.boolean(), note: z.string().nullable().optional() }),
  ),
  score: z.number().int(),
  passed: z.boolean(),
  explanation: z.string(),
  note: z.string().nullable(),
  photos: z.array(z.object({ id, fileName: z.string() })),
  /** The 整改单 this inspection re-inspected. */
  orderId: id.nullable(),
});

export const maintenancePointResponse = z.object({
  point: maintenancePoint,
  checklist: z.array(z.string()),
  /** The score an inspection needs, with every item passed. */
  passScore: z.number().int(),
  inspections: z.array(inspectionItem),
  orders: z.array(order),
  canInspect: z.boolean(),
  canEdit: z.boolean(),
});
export type MaintenancePointResponse = z.infer<typeof maintenancePointResponse>;

export const updatePointBody = z.strictObject({
  version: rowVersion,
  keeper: required(100, '请填写管护责任村（社区）'),
  keeperPerson: text(50).nullable().optional(),
  everyDays: z
    .number()
    .int()
    .min(1, { message: '巡查周期至少 1 天' })
    .max(365, { message: '巡查周期不超过 365 天' }),
});

export const inspectionBody = z.strictObject({
  inspectedOn: day,
  results: z
    .array(
      z.object({
        item: required(100, '检查项不能为空'),
        passed: z.boolean(),
        note: text(500).nullable().optional(),
      }),
    )
    .min(1, { message: '请逐项填写检查结果' })
    .max(50),
  score: z.number().int().min(0, { message: '得分 0–100' }).max(100, { message: '得分 0–100' }),
  note: text(2000).nullable().optional(),
  photoIds: z.array(id).max(20).default([]),
});
export type InspectionBody = z.input<typeof inspectionBody>;

export const inspectionPhotoResponse = z.object({ id, fileName: z.string(), uploadedAt: z.string() });
