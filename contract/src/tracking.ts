import { LIBRARY_LEVELS, LIGHT_RULES, REPORT_KINDS, REPORT_STATUSES } from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

// Monthly reports (月报): a project's report for a month as its filler edits it, the workflow steps, the
// month's reports of a scope and who has not reported yet.

const id = z.string().uuid();
/** 报告期 'YYYY-MM', 2000–2100. */
export const reportMonth = z
  .string()
  .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, { message: '报告期格式应为 YYYY-MM' });
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().trim().max(max);

export const monthlyReport = z.object({
  id: id.nullable(),
  projectId: id,
  month: z.string(),
  kind: z.enum(REPORT_KINDS),
  status: z.enum(REPORT_STATUSES),
  monthYuan: z.number().int().nullable(),
  ytdYuan: z.number().int().nullable(),
  sinceStartYuan: z.number().int().nullable(),
  equipmentYuan: z.number().int().nullable(),
  constructionYuan: z.number().int().nullable(),
  progressText: z.string().nullable(),
  planNodeKey: z.string().nullable(),
  nodePercent: z.number().int().nullable(),
  workThisMonth: z.string().nullable(),
  workNextMonth: z.string().nullable(),
  problemsText: z.string().nullable(),
  inStatistics: z.boolean().nullable(),
  statisticsYuan: z.number().int().nullable(),
  fundsInPlaceYuan: z.number().int().nullable(),
  workers: z.number().int().nullable(),
  photos: z.array(z.object({ id, fileName: z.string(), uploadedAt: z.string(), uploadedByName: z.string() })),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  /** 自年初累计 before this month: the sum of the year's earlier reports (null in January or without any). */
  previousYtdYuan: z.number().int().nullable(),
  /** Due date of the report; whether it is late. */
  dueOn: z.string(),
  /** What the reviewers should look at (e.g. 自开工累计 above the total); never blocks. */
  warnings: z.array(z.object({ field: z.string(), message: z.string() })),
  /** 0 while the report is not saved yet. */
  version: z.number().int(),
});
export type MonthlyReport = z.infer<typeof monthlyReport>;

export const monthlyReportResponse = z.object({
  report: monthlyReport,
  project: z.object({
    id,
    name: z.string(),
    internalNo: z.string(),
    totalInvestment: z.number().int().nullable(),
  }),
  /** What the caller may do with it now. */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    review: z.boolean(),
    confirm: z.boolean(),
    return: z.boolean(),
  }),
});

export const reportParams = z.strictObject({ id, month: reportMonth });

export const saveMonthlyReportBody = z.strictObject({
  monthYuan: money.nullable(),
  sinceStartYuan: money.nullable(),
  equipmentYuan: money.nullable(),
  constructionYuan: money.nullable(),
  progressText: text(200).nullable(),
  planNodeKey: text(40).nullable(),
  nodePercent: z.number().int().min(0).max(100).nullable(),
  workThisMonth: text(1000).nullable(),
  workNextMonth: text(1000).nullable(),
  problemsText: text(1000).nullable(),
  inStatistics: z.boolean().nullable(),
  statisticsYuan: money.nullable(),
  fundsInPlaceYuan: money.nullable(),
  workers: z.number().int().min(0).max(1_000_000).nullable(),
  photoIds: z.array(id).max(20),
  /** 0 to create the month's report. */
  version: z.number().int().min(0),
});
export type SaveMonthlyReportBody = z.infer<typeof saveMonthlyReportBody>;

export const REPORT_STEP_VALUES = ['submit', 'review', 'confirm', 'return'] as const;
export const reportStepBody = z.strictObject({
  step: z.enum(REPORT_STEP_VALUES),
  /** Required to return a report. */
  reason: text(200).nullable().optional(),
  version: rowVersion,
});

export const monthlyReportsQuery = listQuery(['internalNo', 'submittedAt']).extend({
  month: reportMonth,
  status: z.enum(REPORT_STATUSES).optional(),
  regionId: id.optional(),
});
export const monthlyReportListItem = z.object({
  id,
  project: z.object({ id, name: z.string(), internalNo: z.string(), regionName: z.string() }),
  month: z.string(),
  kind: z.enum(REPORT_KINDS),
  status: z.enum(REPORT_STATUSES),
  monthYuan: z.number().int().nullable(),
  ytdYuan: z.number().int().nullable(),
  progressText: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export type MonthlyReportListItem = z.infer<typeof monthlyReportListItem>;
export const monthlyReportsResponse = listResponse(monthlyReportListItem);

/** A project's reports, newest first: its investment curve and 形象进度 over time. */
export const monthlyReportHistoryResponse = z.object({
  items: z.array(
    z.object({
      id,
      month: z.string(),
      kind: z.enum(REPORT_KINDS),
      status: z.enum(REPORT_STATUSES),
      monthYuan: z.number().int().nullable(),
      ytdYuan: z.number().int().nullable(),
      sinceStartYuan: z.number().int().nullable(),
      progressText: z.string().nullable(),
    }),
  ),
  /** The project's annual planned investment per year, for the curve's plan and 序时 lines. */
  plans: z.array(z.object({ year: z.number().int(), plannedYuan: z.number().int() })),
});

export const missingReportsQuery = z.strictObject({ month: reportMonth });
export const missingReportsResponse = z.object({
  month: z.string(),
  dueOn: z.string(),
  /** Per 板块 in scope: projects that owe the month's report, and how many have submitted it. */
  regions: z.array(
    z.object({
      regionId: id,
      regionName: z.string(),
      owing: z.number().int(),
      submitted: z.number().int(),
      missing: z.array(z.object({ id, name: z.string(), internalNo: z.string() })),
    }),
  ),
});

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export const LIGHT_LABELS: Record<(typeof LIGHTS)[number], string> = {
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
};
export const LIGHT_RULE_LABELS: Record<(typeof LIGHT_RULES)[number], string> = {
  investment: '投资进度',
  start: '开工',
  statistics: '入统',
  milestone: '倒排节点',
  approval: '审批时限',
  problem: '问题办理',
  report: '月报报送',
  funds: '资金到位',
};
export const LIGHT_RULE_SET_CODES = ['yinchuan', 'wuhan', 'sanya'] as const;

/** The district's light rules: which rule set reads investment against 序时, and whether funds count. */
export const lightRules = z.strictObject({
  ruleSet: z.enum(LIGHT_RULE_SET_CODES),
  fundsEnabled: z.boolean(),
});
export type LightRulesSetting = z.infer<typeof lightRules>;
export const lightRulesResponse = z.object({
  rules: lightRules,
  ruleSets: z.array(z.object({ code: z.enum(LIGHT_RULE_SET_CODES), name: z.string() })),
  canEdit: z.boolean(),
});

export const projectLightQuery = z.strictObject({
  /** Replay: the light as the facts stood on this day (default today). */
  asOf: z.iso.date().optional(),
});
export const projectLightResponse = z.object({
  asOf: z.string(),
  period: z.string(),
  ruleSet: z.enum(LIGHT_RULE_SET_CODES),
  light: z.enum(LIGHTS),
  since: z.string().nullable(),
  findings: z.array(
    z.object({
      rule: z.enum(LIGHT_RULES),
      light: z.enum(LIGHTS),
      since: z.string(),
      explanation: z.string(),
      inputs: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    }),
  ),
});
export type ProjectLightView = z.infer<typeof projectLightResponse>;

const lightFinding = projectLightResponse.shape.findings.element;

/** The red and yellow list (红黄灯清单): live, or the official lights frozen at a month's close. */
export const lightListQuery = listQuery(['internalNo', 'since', 'light']).extend({
  /** Official lights of a closed month; live lights when absent. */
  month: reportMonth.optional(),
  light: z.enum(['red', 'yellow', 'warning']).default('warning'),
  regionId: id.optional(),
  level: z.enum(LIBRARY_LEVELS).optional(),
  rule: z.enum(LIGHT_RULES).optional(),
  q: z.string().trim().max(100).optional(),
});
export const lightListItem = z.object({
  project: z.object({
    id,
    name: z.string(),
    internalNo: z.string(),
    regionName: z.string(),
    levels: z.array(z.string()),
    state: z.string(),
  }),
  light: z.enum(LIGHTS),
  since: z.string().nullable(),
  asOf: z.string(),
  period: z.string(),
  /** The rules that are not green, in rule order, without their inputs (the project's light has them). */
  findings: z.array(lightFinding.omit({ inputs: true })),
  stale: z.boolean(),
});
export const lightListResponse = listResponse(lightListItem).extend({
  counts: z.object({ red: z.number().int(), yellow: z.number().int() }),
  /** The month whose official lights these are; null for live lights. */
  month: z.string().nullable(),
  computedAt: z.string().nullable(),
});
export type LightListResponse = z.infer<typeof lightListResponse>;

/** Closed months (月度关账) and whether the caller may close the next one. */
export const trackingMonthsResponse = z.object({
  items: z.array(
    z.object({
      month: z.string(),
      closedOn: z.string(),
      closedAt: z.string(),
      closedByName: z.string().nullable(),
      projects: z.number().int(),
    }),
  ),
  /** The month 区发改 would close next, and its default close day. */
  next: z.object({ month: z.string(), defaultCloseOn: z.string() }),
  canClose: z.boolean(),
});
export const trackingMonthParams = z.strictObject({ month: reportMonth });
export const trackingMonthsCloseResponse = z.object({
  month: z.string(),
  closedOn: z.string(),
  projects: z.number().int(),
});
