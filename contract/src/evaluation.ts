import {
  COMPLETION_FLAGS,
  COMPLETION_STATUSES,
  type CompletionStatus,
  DISPOSITION_MEASURES,
  type DispositionMeasure,
  EVALUATION_GRADES,
  EVALUATION_INDICATOR_KEYS,
  EVALUATION_KINDS,
  EVALUATION_STATUSES,
  type EvaluationGrade,
  type EvaluationKind,
  type EvaluationStatus,
  OPTIMISATION_CATEGORIES,
  OPTIMISATION_STATUSES,
  type OptimisationCategory,
  type OptimisationStatus,
  RECTIFICATION_STATUSES,
  type RectificationStatus,
} from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

// 竣工即发证 and the post-evaluation loop over HTTP (domain.md §9.1–9.2).
//
// Routes (method, path — action — body → response):
//   竣工即发证
//   GET  /api/projects/:id/completion                — project.read       —                        → completionDetail
//   PUT  /api/projects/:id/completion                — completion.write   — saveCompletionBody     → completionDetail
//        (creates the draft when none exists: version omitted; else the draft's/application's version)
//   POST /api/projects/:id/completion/apply          — completion.write   — applyCompletionBody    → completionDetail
//        (一并申请; 422 GATE_UNMET with details.missingFlags and details.problems)
//   POST /api/projects/:id/completion/issue          — completion.write   — issueCompletionBody    → completionDetail
//        (records the three outputs issued together and moves the project STARTED → COMPLETED in the same
//        transaction; a filing more than 15 days after acceptance is recorded and answered in `warnings`)
//   GET  /api/completion                              — project.read       — completionListQuery    → completionListResponse
//   GET  /api/completion/metrics                      — project.read       — completionMetricsQuery → completionMetrics
//   后评价
//   GET  /api/evaluations                             — evaluation.read    — evaluationListQuery    → evaluationListResponse
//   GET  /api/evaluations/summary                     — evaluation.read    — evaluationSummaryQuery → evaluationSummary
//   GET  /api/evaluations/settings                    — evaluation.read    —                        → evaluationSettingsResponse
//   PUT  /api/evaluations/settings                    — evaluation.admin   — updateEvaluationSettingsBody → evaluationSettingsResponse
//   POST /api/evaluations/generate                    — evaluation.admin   — {}                     → generateEvaluationsResponse
//   GET  /api/evaluations/:id                         — evaluation.read    —                        → evaluationDetail
//   POST /api/evaluations/:id/fill                    — evaluation.write   — fillEvaluationBody     → evaluationDetail
//        (the enterprise, or the 板块 on its behalf; status pending|filled → filled)
//   POST /api/evaluations/:id/verify                  — evaluation.write   — verifyEvaluationBody   → evaluationDetail
//        (板块 / 区发改 only, not the enterprise: approve → verified; otherwise back to pending with the note)
//   POST /api/evaluations/:id/score                   — evaluation.admin   — scoreEvaluationBody    → evaluationDetail
//        (verified → scored, with the settings copied into the task)
//   POST /api/evaluations/:id/notify                  — evaluation.admin   — notifyEvaluationBody   → evaluationDetail
//        (scored → notified; a notification to the enterprise's users)
//   POST /api/evaluations/:id/rectifications          — evaluation.admin   — createRectificationBody → evaluationDetail
//        (only a scored/notified 不合格 evaluation without an open 整改; deadline = issuedOn + 6 months)
//   POST /api/evaluation-rectifications/:id/recheck   — evaluation.admin   — recheckBody            → evaluationDetail (the new re-check)
//   POST /api/evaluations/:id/dispositions            — evaluation.admin   — createDispositionBody  → evaluationDetail
//        (违约处置, only after a failed re-check of this evaluation's 整改)
//   GET  /api/optimisation-actions                    — evaluation.read    — optimisationActionListQuery → optimisationActionListResponse
//   POST /api/optimisation-actions                    — evaluation.admin   — createOptimisationActionBody → optimisationAction
//   PUT  /api/optimisation-actions/:id                — evaluation.admin   — updateOptimisationActionBody → optimisationAction
//   POST /api/optimisation-actions/:id/close          — evaluation.admin   — closeOptimisationActionBody  → optimisationAction
//
// Figures: `fixedAssetYuan` is integer 元 (show as 万元), the dates are 'YYYY-MM-DD', the others plain
// numbers in the unit of EVALUATION_INDICATOR_UNITS.
// Scoring (domain/src/evaluation/scoring.ts): higher-is-better → weight × min(实际/承诺, cap); energy →
// weight × min(承诺/实际, cap); dates → weight × max(0, 1 − 逾期天数/graceDays), a date not yet reached
// counting as late up to the scoring day. An indicator without a committed value is left out (breakdown
// row `scored: false`) and the others' weights rescaled to 100 (`effectiveWeight`); a committed one with
// no actual value scores 0. The project page's tab lists a project's evaluations with `?projectId=`.
// 违约处置 may be recorded on the original evaluation or on its failed re-check (`can.dispose`).

const id = z.string().uuid();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `不超过 ${max} 字` });
const required = (max: number, message: string) => text(max).min(1, { message });

// ---------------------------------------------------------------------------------------------------
// Labels

export const COMPLETION_STATUS_LABELS: Record<CompletionStatus, string> = {
  draft: '填报中',
  applied: '已申请',
  issued: '已发证',
  withdrawn: '已撤回',
};

/** Labels of the eligibility flags (§9.1), from the domain. */
export { COMPLETION_FLAG_LABELS } from '@groundbreak/domain';

export const EVALUATION_KIND_LABELS: Record<EvaluationKind, string> = {
  production: '投产评价',
  target: '达产评价',
  recheck: '整改复核',
};

export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, string> = {
  pending: '待填报',
  filled: '已填报',
  verified: '已核查',
  scored: '已评分',
  notified: '已反馈',
};

export const EVALUATION_GRADE_LABELS: Record<EvaluationGrade, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

export type EvaluationIndicatorKey = (typeof EVALUATION_INDICATOR_KEYS)[number];

export const EVALUATION_INDICATOR_LABELS: Record<EvaluationIndicatorKey, string> = {
  fixedAssetYuan: '固定资产投资',
  intensityWanPerMu: '投资强度',
  startOn: '开工日期',
  completionOn: '竣工日期',
  productionOn: '投产日期',
  plotRatio: '容积率',
  salesWanPerMu: '亩均销售',
  taxWanPerMu: '亩均税收',
  output: '年产量（达产率）',
  jobs: '用工人数',
  energyTce: '综合能耗',
  rdRatio: '研发经费占销售比重',
};

/** Units as shown; `fixedAssetYuan` is stored in 元 and shown in 万元. */
export const EVALUATION_INDICATOR_UNITS: Record<EvaluationIndicatorKey, string> = {
  fixedAssetYuan: '万元',
  intensityWanPerMu: '万元/亩',
  startOn: '日期',
  completionOn: '日期',
  productionOn: '日期',
  plotRatio: '',
  salesWanPerMu: '万元/亩',
  taxWanPerMu: '万元/亩',
  output: '设计产能单位',
  jobs: '人',
  energyTce: '吨标煤',
  rdRatio: '%',
};

export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = {
  open: '整改中',
  rechecking: '复核中',
  passed: '复核通过',
  failed: '复核未通过',
};

export const DISPOSITION_MEASURE_LABELS: Record<DispositionMeasure, string> = {
  suspend_reward: '暂缓奖励兑现',
  recover_reward: '追回奖励',
  adjust_land_price: '调整地价',
  suspend_licence: '暂缓证照',
  recover_land: '收回土地',
  other: '其他',
};

export const OPTIMISATION_CATEGORY_LABELS: Record<OptimisationCategory, string> = {
  admission: '准入标准',
  policy: '招商政策',
  service: '服务流程',
  other: '其他',
};

export const OPTIMISATION_STATUS_LABELS: Record<OptimisationStatus, string> = {
  open: '待落实',
  in_progress: '落实中',
  done: '已完成',
};

// ---------------------------------------------------------------------------------------------------
// 竣工即发证

const completionFlagsShape = {
  premiumPaid: z.boolean(),
  noIllegalConstruction: z.boolean(),
  surveyApproved: z.boolean(),
  jointAcceptancePassed: z.boolean(),
  noSeizure: z.boolean(),
};

export const completionApplication = z.object({
  id,
  projectId: id,
  status: z.enum(COMPLETION_STATUSES),
  surveyReportNo: z.string().nullable(),
  surveyApprovedOn: z.string().nullable(),
  ...completionFlagsShape,
  appliedOn: z.string().nullable(),
  jointAcceptanceNo: z.string().nullable(),
  jointAcceptanceOn: z.string().nullable(),
  filingNo: z.string().nullable(),
  filingOn: z.string().nullable(),
  titleNo: z.string().nullable(),
  titleOn: z.string().nullable(),
  daysAcceptanceToTitle: z.number().int().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type CompletionApplication = z.infer<typeof completionApplication>;

export const completionDetail = z.object({
  project: z.object({
    id,
    name: z.string(),
    state: z.string(),
    regionId: id,
    regionName: z.string(),
    actualCompletionOn: z.string().nullable(),
  }),
  application: completionApplication.nullable(),
  /** The pre-check of the current draft (null without one). */
  eligibility: z
    .object({
      eligible: z.boolean(),
      missingFlags: z.array(z.enum(COMPLETION_FLAGS)),
      problems: z.array(z.string()),
    })
    .nullable(),
  /** Whether the user may edit, apply and issue now (completion.write; project 已开工 or later; not issued yet). */
  canWrite: z.boolean(),
  /** Warnings of the last issue (filing later than 15 days); empty otherwise. */
  warnings: z.array(z.string()),
});
export type CompletionDetail = z.infer<typeof completionDetail>;

export const saveCompletionBody = z.strictObject({
  /** Omitted when creating the draft. */
  version: rowVersion.optional(),
  surveyReportNo: text(50).nullable(),
  surveyApprovedOn: day.nullable(),
  ...completionFlagsShape,
  note: text(500).nullable().optional(),
});

export const applyCompletionBody = z.strictObject({ version: rowVersion, appliedOn: day.optional() });

export const issueCompletionBody = z.strictObject({
  version: rowVersion,
  jointAcceptanceNo: required(50, '请填写联合验收意见书编号'),
  jointAcceptanceOn: day,
  filingNo: required(50, '请填写竣工验收备案表编号'),
  filingOn: day,
  titleNo: required(50, '请填写不动产权证书编号'),
  titleOn: day,
  /** The project's 实际竣工日期 when not recorded yet (defaults to the joint acceptance date). */
  actualCompletionOn: day.optional(),
});

export const completionListItem = z.object({
  id,
  projectId: id,
  projectName: z.string(),
  projectState: z.string(),
  regionId: id,
  regionName: z.string(),
  status: z.enum(COMPLETION_STATUSES),
  appliedOn: z.string().nullable(),
  jointAcceptanceOn: z.string().nullable(),
  filingOn: z.string().nullable(),
  titleNo: z.string().nullable(),
  titleOn: z.string().nullable(),
  daysAcceptanceToTitle: z.number().int().nullable(),
});
export type CompletionListItem = z.infer<typeof completionListItem>;

export const completionListQuery = listQuery([
  'titleOn',
  'appliedOn',
  'projectName',
  'daysAcceptanceToTitle',
] as const).extend({
  status: z.enum(COMPLETION_STATUSES).optional(),
  regionId: id.optional(),
  q: text(50).optional(),
});
export const completionListResponse = listResponse(completionListItem);

export const completionMetricsQuery = z.strictObject({
  /** Year of the title (default: all years). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const completionShareRow = z.object({
  regionId: id,
  regionName: z.string(),
  /** Completed projects with the title issued. */
  issued: z.number().int(),
  /** Of which the title the same day as joint acceptance. */
  sameDay: z.number().int(),
  /** sameDay / issued, 0–1; null with nothing issued. */
  sameDayShare: z.number().nullable(),
  averageDays: z.number().nullable(),
});
export const completionMetrics = z.object({
  byRegion: z.array(completionShareRow),
  total: completionShareRow.omit({ regionId: true, regionName: true }),
});
export type CompletionMetrics = z.infer<typeof completionMetrics>;

// ---------------------------------------------------------------------------------------------------
// 后评价

const figure = z.union([z.number().finite(), day]).nullable();
export const evaluationFigures = z.strictObject({
  fixedAssetYuan: z.number().int().min(0).nullable().optional(),
  intensityWanPerMu: z.number().min(0).nullable().optional(),
  startOn: day.nullable().optional(),
  completionOn: day.nullable().optional(),
  productionOn: day.nullable().optional(),
  plotRatio: z.number().min(0).max(100).nullable().optional(),
  salesWanPerMu: z.number().min(0).nullable().optional(),
  taxWanPerMu: z.number().min(0).nullable().optional(),
  output: z.number().min(0).nullable().optional(),
  jobs: z.number().int().min(0).nullable().optional(),
  energyTce: z.number().min(0).nullable().optional(),
  rdRatio: z.number().min(0).max(100).nullable().optional(),
});
export type EvaluationFigures = z.infer<typeof evaluationFigures>;

export const indicatorScore = z.object({
  key: z.enum(EVALUATION_INDICATOR_KEYS),
  label: z.string(),
  unit: z.string(),
  direction: z.enum(['higher', 'lower', 'date']),
  committed: figure,
  actual: figure,
  ratio: z.number().nullable(),
  daysLate: z.number().nullable(),
  weight: z.number(),
  effectiveWeight: z.number(),
  points: z.number(),
  scored: z.boolean(),
  /** 计算: the one-line calculation. */
  calculation: z.string(),
});
export type IndicatorScoreRow = z.infer<typeof indicatorScore>;

export const evaluationSettings = z.strictObject({
  productionMonths: z.number().int().min(1).max(60),
  targetMonth: z.number().int().min(1).max(12),
  targetDay: z.number().int().min(1).max(31),
  rectificationMonths: z.number().int().min(1).max(36),
  fillDays: z.number().int().min(1).max(365),
  weights: z.strictObject(
    Object.fromEntries(EVALUATION_INDICATOR_KEYS.map((k) => [k, z.number().min(0).max(100)])) as Record<
      EvaluationIndicatorKey,
      z.ZodNumber
    >,
  ),
  cap: z.number().min(1).max(3),
  graceDays: z.number().int().min(1).max(3650),
  cutoffs: z
    .strictObject({
      excellent: z.number().min(0).max(100),
      good: z.number().min(0).max(100),
      pass: z.number().min(0).max(100),
    })
    .refine((c) => c.excellent > c.good && c.good > c.pass, { message: '等级分数线应为 优秀 > 良好 > 合格' }),
});
export type EvaluationSettingsValue = z.infer<typeof evaluationSettings>;

export const evaluationSettingsResponse = z.object({
  settings: evaluationSettings,
  version: z.number().int(),
});
export const updateEvaluationSettingsBody = z.strictObject({
  /** 0 when the defaults were never saved. */
  version: z.number().int().min(0),
  settings: evaluationSettings.refine((s) => Object.values(s.weights).reduce((a, b) => a + b, 0) > 0, {
    message: '权重合计须大于 0',
  }),
});

export const evaluationListItem = z.object({
  id,
  projectId: id,
  projectName: z.string(),
  enterpriseName: z.string().nullable(),
  regionId: id,
  regionName: z.string(),
  industryChain: z.string().nullable(),
  kind: z.enum(EVALUATION_KINDS),
  parentId: id.nullable(),
  dataYear: z.number().int(),
  dueOn: z.string(),
  fillBy: z.string().nullable(),
  status: z.enum(EVALUATION_STATUSES),
  score: z.number().nullable(),
  grade: z.enum(EVALUATION_GRADES).nullable(),
  notifiedOn: z.string().nullable(),
  /** 整改 of this evaluation still open or being re-checked. */
  openRectifications: z.number().int(),
  version: z.number().int(),
});
export type EvaluationListItem = z.infer<typeof evaluationListItem>;

export const evaluationListQuery = listQuery(['dueOn', 'projectName', 'score', 'status'] as const).extend({
  kind: z.enum(EVALUATION_KINDS).optional(),
  status: z.enum(EVALUATION_STATUSES).optional(),
  grade: z.enum(EVALUATION_GRADES).optional(),
  regionId: id.optional(),
  projectId: id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const evaluationListResponse = listResponse(evaluationListItem);

export const rectificationItem = z.object({
  id,
  evaluationId: id,
  noticeNo: z.string(),
  requirements: z.string(),
  issuedOn: z.string(),
  deadlineOn: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  overdue: z.boolean(),
  recheckEvaluationId: id.nullable(),
  closedOn: z.string().nullable(),
  version: z.number().int(),
});
export type RectificationItem = z.infer<typeof rectificationItem>;

export const dispositionItem = z.object({
  id,
  evaluationId: id.nullable(),
  rectificationId: id.nullable(),
  measure: z.enum(DISPOSITION_MEASURES),
  description: z.string(),
  decisionNo: z.string().nullable(),
  decidedOn: z.string(),
  amountYuan: z.number().int().nullable(),
});
export type DispositionItem = z.infer<typeof dispositionItem>;

export const optimisationAction = z.object({
  id,
  evaluationId: id.nullable(),
  projectId: id.nullable(),
  projectName: z.string().nullable(),
  regionId: id,
  regionName: z.string(),
  industryChain: z.string().nullable(),
  category: z.enum(OPTIMISATION_CATEGORIES),
  title: z.string(),
  description: z.string().nullable(),
  ownerOrgId: id.nullable(),
  ownerOrgName: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(OPTIMISATION_STATUSES),
  overdue: z.boolean(),
  closedOn: z.string().nullable(),
  closingNote: z.string().nullable(),
  version: z.number().int(),
});
export type OptimisationActionItem = z.infer<typeof optimisationAction>;

export const evaluationDetail = evaluationListItem.extend({
  committed: evaluationFigures,
  actual: evaluationFigures.nullable(),
  /** Suggested actual figures: the 亩均 annual figures of the data year and the project's dates. */
  prefill: evaluationFigures,
  /** Where the prefill came from, e.g. '2025 年亩均评价数据（A 类）'; null without 亩均 figures. */
  prefillSource: z.string().nullable(),
  settings: evaluationSettings,
  breakdown: z.array(indicatorScore).nullable(),
  summary: z.string().nullable(),
  verifyNote: z.string().nullable(),
  feedback: z.string().nullable(),
  filledAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  scoredAt: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  rectifications: z.array(rectificationItem),
  /** The 整改 this re-check answers (kind recheck). */
  rectifies: rectificationItem.nullable(),
  dispositions: z.array(dispositionItem),
  actions: z.array(optimisationAction),
  /** What the user may do now. */
  can: z.object({
    fill: z.boolean(),
    verify: z.boolean(),
    score: z.boolean(),
    notify: z.boolean(),
    rectify: z.boolean(),
    recheck: z.boolean(),
    dispose: z.boolean(),
    raiseAction: z.boolean(),
  }),
});
export type EvaluationDetail = z.infer<typeof evaluationDetail>;

export const fillEvaluationBody = z.strictObject({ version: rowVersion, actual: evaluationFigures });
export const verifyEvaluationBody = z
  .strictObject({ version: rowVersion, approve: z.boolean(), note: text(500).nullable().optional() })
  .refine((b) => b.approve || (b.note ?? '').length > 0, { message: '退回时请填写核查意见', path: ['note'] });
export const scoreEvaluationBody = z.strictObject({ version: rowVersion });
export const notifyEvaluationBody = z.strictObject({
  version: rowVersion,
  feedback: required(2000, '请填写反馈意见'),
});
export const createRectificationBody = z.strictObject({
  requirements: required(2000, '请填写整改要求'),
  issuedOn: day.optional(),
  /** Default: 整改-YYYY-NNN. */
  noticeNo: text(50).optional(),
});
export const recheckBody = z.strictObject({});
export const createDispositionBody = z.strictObject({
  measure: z.enum(DISPOSITION_MEASURES),
  description: required(2000, '请填写处置内容'),
  decisionNo: text(50).nullable().optional(),
  decidedOn: day,
  amountYuan: z.number().int().min(0).max(1e15).nullable().optional(),
});

export const optimisationActionListQuery = listQuery(['dueOn', 'title', 'status'] as const).extend({
  status: z.enum(OPTIMISATION_STATUSES).optional(),
  category: z.enum(OPTIMISATION_CATEGORIES).optional(),
  regionId: id.optional(),
  evaluationId: id.optional(),
  industryChain: text(50).optional(),
});
export const optimisationActionListResponse = listResponse(optimisationAction);

const actionFields = {
  category: z.enum(OPTIMISATION_CATEGORIES),
  title: required(100, '请填写措施名称'),
  description: text(2000).nullable().optional(),
  ownerOrgId: id.nullable().optional(),
  ownerName: text(50).nullable().optional(),
  dueOn: day,
  industryChain: text(50).nullable().optional(),
};
export const createOptimisationActionBody = z.strictObject({
  /** The evaluation it is raised from (the project and 板块 follow); else a general action of a region. */
  evaluationId: id.optional(),
  regionId: id.optional(),
  ...actionFields,
});
export const updateOptimisationActionBody = z.strictObject({
  version: rowVersion,
  status: z.enum(['open', 'in_progress']),
  ...actionFields,
});
export const closeOptimisationActionBody = z.strictObject({
  version: rowVersion,
  closingNote: required(1000, '请填写完成情况'),
  closedOn: day.optional(),
});

export const evaluationSummaryQuery = z.strictObject({
  /** Data year of the evaluations (default: all). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
const summaryCounts = z.object({
  evaluations: z.number().int(),
  scored: z.number().int(),
  notified: z.number().int(),
  failed: z.number().int(),
  rectificationsOpen: z.number().int(),
  rectificationsPassed: z.number().int(),
  rectificationsFailed: z.number().int(),
  dispositions: z.number().int(),
  actionsOpen: z.number().int(),
  actionsDone: z.number().int(),
});
export type EvaluationSummaryCounts = z.infer<typeof summaryCounts>;
export const evaluationSummary = z.object({
  byChain: z.array(summaryCounts.extend({ industryChain: z.string().nullable() })),
  byRegion: z.array(summaryCounts.extend({ regionId: id, regionName: z.string() })),
  total: summaryCounts,
});
export type EvaluationSummary = z.infer<typeof evaluationSummary>;

export const generateEvaluationsResponse = z.object({
  asOf: z.string(),
  created: z.number().int(),
  items: z.array(
    z.object({
      evaluationId: id,
      projectName: z.string(),
      kind: z.enum(EVALUATION_KINDS),
      dueOn: z.string(),
    }),
  ),
});
