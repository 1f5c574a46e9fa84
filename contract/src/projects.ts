import {
  ATTACHMENT_KINDS,
  LAND_USES,
  LIBRARY_CATEGORIES,
  LIBRARY_LEVELS,
  LIBRARY_STATUSES,
  type LibraryLevel,
  PROJECT_STATES,
  type ProjectState,
  START_CATEGORIES,
  SUSPEND_REASONS,
} from '@groundbreak/domain';
import { z } from 'zod';
import { auditListResponse } from './audit';
import { INDUSTRY_CODES } from './industries';
import { INT4_MAX, listQuery, listResponse, rowVersion } from './list';

export {
  ATTACHMENT_KINDS,
  LAND_USES,
  LIBRARY_CATEGORIES,
  LIBRARY_LEVELS,
  LIBRARY_STATUSES,
  PROJECT_STATE_LABELS,
  PROJECT_STATES,
  START_CATEGORIES,
  SUSPEND_REASONS,
} from '@groundbreak/domain';

// The project registry (项目库): records, lifecycle moves, library entries, attachments, annual plans and
// targets. Money is integer 元 on the wire; the UI converts 万元/亿元 input exactly.

/** The article's three stages, for grouping states in the UI. */
export const PROJECT_STAGE_OF: Record<ProjectState, '招引落地' | '开工建设' | '投产达效' | '其他'> = {
  LEAD: '招引落地',
  NEGOTIATING: '招引落地',
  SIGNED: '招引落地',
  FILED: '招引落地',
  LAND_PREP: '招引落地',
  LAND_SUPPLIED: '开工建设',
  APPROVING: '开工建设',
  STARTED: '开工建设',
  COMPLETED: '投产达效',
  IN_PRODUCTION: '投产达效',
  AT_TARGET: '投产达效',
  POST_EVALUATED: '投产达效',
  SUSPENDED: '其他',
  TERMINATED: '其他',
};

export const INVESTOR_ORIGINS = ['domestic', 'foreign', 'hk_macao_tw'] as const;
export const INVESTOR_ORIGIN_LABELS: Record<(typeof INVESTOR_ORIGINS)[number], string> = {
  domestic: '内资',
  foreign: '外资',
  hk_macao_tw: '港澳台',
};
export const CONSTRUCTION_NATURES = ['new', 'expansion', 'renovation', 'tech_upgrade', 'relocation'] as const;
export const CONSTRUCTION_NATURE_LABELS: Record<(typeof CONSTRUCTION_NATURES)[number], string> = {
  new: '新建',
  expansion: '扩建',
  renovation: '改建',
  tech_upgrade: '技术改造',
  relocation: '迁建',
};
export const LAND_USE_LABELS: Record<(typeof LAND_USES)[number], string> = {
  new_land: '新增用地',
  stock_land: '存量用地',
  leased_plant: '租赁厂房',
  no_new_land: '不新增用地(技改)',
};
export const PROJECT_TYPES = [
  'industrial',
  'government',
  'infrastructure',
  'livelihood',
  'ecology',
  'innovation',
  'modern_service',
] as const;
export const PROJECT_TYPE_LABELS: Record<(typeof PROJECT_TYPES)[number], string> = {
  industrial: '产业项目',
  government: '政府投资项目',
  infrastructure: '基础设施',
  livelihood: '民生',
  ecology: '生态环保',
  innovation: '创新载体',
  modern_service: '现代服务业',
};
export const PROJECT_SOURCES = ['overseas', 'by_business', 'fund', 'chain', 'expo', 'other'] as const;
export const PROJECT_SOURCE_LABELS: Record<(typeof PROJECT_SOURCES)[number], string> = {
  overseas: '驻外招商',
  by_business: '以商引商',
  fund: '基金招商',
  chain: '产业链招商',
  expo: '展会',
  other: '其他',
};
/** Local industry chains (重点产业链) [A]: a configurable list; these are Wujin's published ones. */
export const INDUSTRY_CHAINS = [
  '智能电动汽车',
  '新能源',
  '高端装备',
  '新材料(石墨烯)',
  '医疗器械',
  '集成电路',
  '生物医药',
  '文旅',
  '现代服务业',
  '其他',
] as const;

export const LIBRARY_LEVEL_LABELS: Record<LibraryLevel, string> = {
  province: '省重大',
  city: '市重大',
  district: '区重点',
  yi: '亿元库',
};
export const LIBRARY_CATEGORY_LABELS: Record<(typeof LIBRARY_CATEGORIES)[number], string> = {
  implementation: '实施',
  reserve: '储备',
};
export const LIBRARY_STATUS_LABELS: Record<(typeof LIBRARY_STATUSES)[number], string> = {
  applied: '申报中',
  entered: '已入库',
  returned: '已退回',
  withdrawn: '退库',
};
export const START_CATEGORY_LABELS: Record<(typeof START_CATEGORIES)[number], string> = {
  reserve: '储备',
  new: '新建',
  continuing: '续建',
};
export const SUSPEND_REASON_LABELS: Record<(typeof SUSPEND_REASONS)[number], string> = {
  funding: '资金问题',
  market: '市场变化',
  policy: '政策调整',
  land: '土地问题',
  planning: '规划调整',
  enterprise: '企业自身原因',
  other: '其他',
};
export const ATTACHMENT_KIND_LABELS: Record<(typeof ATTACHMENT_KINDS)[number], string> = {
  investment_agreement: '投资协议',
  access_review_opinion: '项目准入评审意见',
  filing_certificate: '备案证/核准批复',
  parcel_red_line_map: '地块红线图',
  land_contract: '土地出让合同',
  lease_or_title: '厂房租赁合同/自有土地权证',
  construction_permit: '施工许可证',
  start_photo: '开工现场照片',
  joint_acceptance: '联合验收意见',
  completion_filing: '竣工验收备案表',
  production_evidence: '投产证明',
  post_evaluation_report: '后评价报告',
  site_photo: '现场照片',
  other: '其他',
};
export const TARGET_METRICS = [
  'library_province',
  'library_city',
  'library_district',
  'library_yi',
  'annual_investment',
  'new_starts',
  'completions',
  'land_digestion',
  'land_revitalisation',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
export const TARGET_METRIC_LABELS: Record<TargetMetric, string> = {
  library_province: '省重大新入库（个）',
  library_city: '市重大新入库（个）',
  library_district: '区重点新入库（个）',
  library_yi: '亿元库新入库（个）',
  annual_investment: '年度完成投资（元）',
  new_starts: '新开工项目（个）',
  completions: '竣工项目（个）',
  land_digestion: '批而未供消化面积（亩）',
  land_revitalisation: '存量盘活面积（亩）',
};

const date = z.iso.date();
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);

/** The editable fields of a project record; every one may be empty until the state that requires it. */
export const projectFields = z.object({
  name: text(100).min(1, '项目名称不能为空'),
  regionId: id,
  investorName: text(100).nullable(),
  investorOrigin: z.enum(INVESTOR_ORIGINS).nullable(),
  industryChain: text(40).nullable(),
  responsibleOrgId: id.nullable(),
  source: z.enum(PROJECT_SOURCES).nullable(),
  builderName: text(100).nullable(),
  uscc: text(18).nullable(),
  legalRepresentative: text(40).nullable(),
  contactName: text(40).nullable(),
  location: text(200).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  constructionNature: z.enum(CONSTRUCTION_NATURES).nullable(),
  landUse: z.enum(LAND_USES).nullable(),
  projectType: z.enum(PROJECT_TYPES).nullable(),
  industryCode: z.enum(INDUSTRY_CODES).nullable(),
  strategicEmerging: z.boolean(),
  totalInvestment: money.nullable(),
  fixedAssetInvestment: money.nullable(),
  equipmentInvestment: money.nullable(),
  foreignInvestmentUsdWan: z.number().min(0).nullable(),
  registeredCapital: money.nullable(),
  landAreaM2: z.number().min(0).nullable(),
  floorAreaM2: z.number().min(0).nullable(),
  plotRatio: z.number().min(0).max(100).nullable(),
  buildingCoverage: z.number().min(0).max(1).nullable(),
  greenRatio: z.number().min(0).max(1).nullable(),
  scaleContent: text(500).nullable(),
  designCapacity: text(100).nullable(),
  committedIntensityWanPerMu: z.number().min(0).nullable(),
  committedSalesYuan: money.nullable(),
  committedTaxWanPerMu: z.number().min(0).nullable(),
  committedJobs: z.number().int().min(0).max(INT4_MAX).nullable(),
  committedEnergyTce: z.number().min(0).nullable(),
  signedOn: date.nullable(),
  accessReviewPassedOn: date.nullable(),
  filedOn: date.nullable(),
  plannedStartOn: date.nullable(),
  actualStartOn: date.nullable(),
  plannedCompletionOn: date.nullable(),
  actualCompletionOn: date.nullable(),
  plannedProductionOn: date.nullable(),
  actualProductionOn: date.nullable(),
  plannedTargetOn: date.nullable(),
  capacityReachedOn: date.nullable(),
  landReadyStart: z.boolean(),
  fourPermitsOn: date.nullable(),
  progressText: text(200).nullable(),
  leaderUserId: id.nullable(),
  specialistUserId: id.nullable(),
  inStats: z.boolean(),
  inStatsOn: date.nullable(),
  approvalStartedOn: date.nullable(),
  constructionPermitNo: text(60).nullable(),
  constructionPermitOn: date.nullable(),
  postEvaluationApprovedOn: date.nullable(),
});
export type ProjectFields = z.infer<typeof projectFields>;

/** Creating: the lead fields are required, everything else optional. 项目代码 may be given at once. */
export const createProjectBody = projectFields.partial().extend({
  name: projectFields.shape.name,
  regionId: id,
  /** A project starts as a lead or in negotiation; later states are reached through their gates. */
  state: z.enum(['LEAD', 'NEGOTIATING']).default('LEAD'),
  projectCode: text(30).nullable().optional(),
  contactPhone: text(20).nullable().optional(),
});
/** Updating: a partial patch with the row version; absent fields stay as they are. */
export const updateProjectBody = projectFields
  .partial()
  .extend({
    version: rowVersion,
    projectCode: text(30).nullable().optional(),
    contactPhone: text(20).nullable().optional(),
    projectCodeReason: text(200).optional(),
  })
  .strict();

export const libraryEntry = z.object({
  id,
  projectId: id,
  level: z.enum(LIBRARY_LEVELS),
  year: z.number().int(),
  category: z.enum(LIBRARY_CATEGORIES),
  status: z.enum(LIBRARY_STATUSES),
  appliedOn: date,
  appliedByName: z.string(),
  enteredOn: date.nullable(),
  decidedByName: z.string().nullable(),
  returnReason: z.string().nullable(),
  sourceDoc: z.string().nullable(),
  notes: z.array(z.string()),
  version: z.number().int(),
});
export type LibraryEntry = z.infer<typeof libraryEntry>;

export const attachment = z.object({
  id,
  projectId: id,
  kind: z.enum(ATTACHMENT_KINDS),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof attachment>;

export const stateChange = z.object({
  id,
  fromState: z.enum(PROJECT_STATES).nullable(),
  toState: z.enum(PROJECT_STATES),
  event: z.enum(['create', 'advance', 'suspend', 'resume', 'terminate']),
  reason: z.string().nullable(),
  overridden: z.boolean(),
  unmet: z.array(z.object({ code: z.string(), message: z.string() })),
  actorName: z.string(),
  at: z.string(),
});
export type StateChange = z.infer<typeof stateChange>;

export const yearPlan = z.object({
  year: z.number().int(),
  plannedInvestment: money,
  version: z.number().int(),
});

/** What the caller may do on this project, so the page shows only what will be accepted. */
export const projectAbilities = z.object({
  edit: z.boolean(),
  editableFields: z.array(z.string()).nullable(),
  editProjectCode: z.boolean(),
  move: z.boolean(),
  override: z.boolean(),
  terminate: z.boolean(),
  delete: z.boolean(),
  applyLibrary: z.boolean(),
  decideLibrary: z.boolean(),
  upload: z.boolean(),
  revealPhone: z.boolean(),
});

export const project = projectFields.extend({
  id,
  internalNo: z.string(),
  projectCode: z.string().nullable(),
  state: z.enum(PROJECT_STATES),
  suspendedFromState: z.enum(PROJECT_STATES).nullable(),
  suspendReasonCategory: z.enum(SUSPEND_REASONS).nullable(),
  suspendReason: z.string().nullable(),
  suspendedOn: date.nullable(),
  expectedResumeOn: date.nullable(),
  terminatedOn: date.nullable(),
  terminateReason: z.string().nullable(),
  regionName: z.string(),
  enterpriseId: id.nullable(),
  responsibleOrgName: z.string().nullable(),
  leaderName: z.string().nullable(),
  specialistName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  levels: z.array(z.enum(LIBRARY_LEVELS)),
  yearCategory: z.object({ start: z.enum(START_CATEGORIES), completing: z.boolean() }).nullable(),
  majorAttraction: z.boolean(),
  isDemo: z.boolean(),
  nextStates: z.array(z.enum(PROJECT_STATES)),
  abilities: projectAbilities,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
});
export type Project = z.infer<typeof project>;
export const projectResponse = z.object({ project });

export const PROJECT_SORTS = [
  'internalNo',
  'name',
  'totalInvestment',
  'plannedStartOn',
  'actualStartOn',
  'updatedAt',
  'state',
] as const;
const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const projectListQuery = listQuery(PROJECT_SORTS).extend({
  q: z.string().trim().max(50).optional(),
  regionId: id.optional(),
  state: commaList(PROJECT_STATES).optional(),
  level: z.enum(LIBRARY_LEVELS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  startCategory: z.enum(START_CATEGORIES).optional(),
  completing: z.enum(['true', 'false']).optional(),
  industrySection: z
    .string()
    .regex(/^[A-T]$/)
    .optional(),
  industryCode: z.enum(INDUSTRY_CODES).optional(),
  industryChain: z.string().max(40).optional(),
  investMin: z.coerce.number().int().min(0).optional(),
  investMax: z.coerce.number().int().min(0).optional(),
  responsibleOrgId: id.optional(),
  leaderUserId: id.optional(),
  landReadyStart: z.enum(['true', 'false']).optional(),
});
export type ProjectListQuery = z.input<typeof projectListQuery>;

/** The export takes the list's filter; full phone numbers only on request, with a reason (audited). */
export const projectExportQuery = projectListQuery.extend({
  fullPhones: z.enum(['true', 'false']).optional(),
  reason: z.string().trim().max(200).optional(),
});

export const projectListItem = z.object({
  id,
  internalNo: z.string(),
  name: z.string(),
  projectCode: z.string().nullable(),
  state: z.enum(PROJECT_STATES),
  regionId: id,
  regionName: z.string(),
  builderName: z.string().nullable(),
  uscc: z.string().nullable(),
  industryChain: z.string().nullable(),
  industryCode: z.string().nullable(),
  totalInvestment: z.number().nullable(),
  levels: z.array(z.enum(LIBRARY_LEVELS)),
  responsibleOrgName: z.string().nullable(),
  leaderName: z.string().nullable(),
  landReadyStart: z.boolean(),
  plannedStartOn: z.string().nullable(),
  actualStartOn: z.string().nullable(),
  updatedAt: z.string(),
  isDemo: z.boolean(),
});
export type ProjectListItem = z.infer<typeof projectListItem>;
export const projectListResponse = listResponse(projectListItem);

export const projectIdParams = z.strictObject({ id });
export const projectChildParams = z.strictObject({ id, childId: id });

export const transitionBody = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('advance'),
    to: z.enum(PROJECT_STATES),
    version: rowVersion,
    override: z.boolean().default(false),
    reason: text(500).optional(),
  }),
  z.strictObject({
    type: z.literal('suspend'),
    version: rowVersion,
    reasonCategory: z.enum(SUSPEND_REASONS).nullable(),
    reason: text(500),
    expectedResumeOn: date.nullable(),
  }),
  z.strictObject({
    type: z.literal('resume'),
    version: rowVersion,
    override: z.boolean().default(false),
    reason: text(500).optional(),
  }),
  z.strictObject({ type: z.literal('terminate'), version: rowVersion, reason: text(500) }),
]);
export type TransitionBody = z.input<typeof transitionBody>;

export const stateHistoryResponse = z.object({ items: z.array(stateChange) });
export const projectHistoryResponse = auditListResponse;

export const applyLibraryBody = z.strictObject({
  level: z.enum(LIBRARY_LEVELS),
  year: z.number().int().min(2000).max(2100),
  category: z.enum(LIBRARY_CATEGORIES),
  sourceDoc: text(200).optional(),
});
export const decideLibraryBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), version: rowVersion, enteredOn: date.optional() }),
  z.strictObject({
    decision: z.literal('return'),
    version: rowVersion,
    reason: text(500).min(1, '请填写退回理由'),
  }),
  z.strictObject({
    decision: z.literal('withdraw'),
    version: rowVersion,
    reason: text(500).min(1, '请填写退库理由'),
  }),
]);
export const libraryEntryResponse = z.object({ entry: libraryEntry });
export const libraryEntriesResponse = z.object({ items: z.array(libraryEntry) });

/** The district's queue of library applications (区发改 decides). */
export const libraryQueueQuery = listQuery(['appliedOn', 'year']).extend({
  status: z.enum(LIBRARY_STATUSES).optional(),
  level: z.enum(LIBRARY_LEVELS).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const libraryQueueItem = libraryEntry.extend({
  projectName: z.string(),
  regionName: z.string(),
  totalInvestment: z.number().nullable(),
});
export const libraryQueueResponse = listResponse(libraryQueueItem);

export const attachmentsResponse = z.object({ items: z.array(attachment) });
export const attachmentResponse = z.object({ attachment });
export const attachmentUploadQuery = z.strictObject({ kind: z.enum(ATTACHMENT_KINDS) });

export const yearPlanBody = z.strictObject({
  plannedInvestment: money,
  version: z.number().int().min(0).max(INT4_MAX),
});
export const yearPlanParams = z.strictObject({ id, year: z.coerce.number().int().min(2000).max(2100) });
export const yearPlansResponse = z.object({ items: z.array(yearPlan) });

export const revealPhoneBody = z.strictObject({ reason: text(200).min(2, '请填写查看原因') });
export const revealPhoneResponse = z.object({ contactPhone: z.string().nullable() });

export const deleteProjectBody = z.strictObject({
  version: rowVersion,
  reason: text(500).min(1, '请填写删除原因'),
});

// Annual plans (年度计划) and targets.
export const annualPlanVersion = z.object({
  id,
  year: z.number().int(),
  version: z.number().int(),
  status: z.enum(['approved', 'superseded']),
  note: z.string().nullable(),
  approvedAt: z.string(),
  approvedByName: z.string(),
  projectCount: z.number().int(),
  plannedInvestmentTotal: z.number(),
});
export const annualPlanYearParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const annualPlanVersionsResponse = z.object({
  items: z.array(annualPlanVersion),
  /** The live (unfrozen) figures a new version would freeze. */
  draft: z.object({ projectCount: z.number().int(), plannedInvestmentTotal: z.number() }),
});
export const approveAnnualPlanBody = z.strictObject({ note: text(500).optional() });
export const annualPlanVersionResponse = z.object({ plan: annualPlanVersion });
export const annualPlanItemsQuery = listQuery(['plannedInvestment', 'name']).extend({
  version: z.coerce.number().int().min(1).max(INT4_MAX).optional(),
  startCategory: z.enum(START_CATEGORIES).optional(),
  regionId: id.optional(),
});
export const annualPlanItem = z.object({
  projectId: id,
  internalNo: z.string(),
  name: z.string(),
  regionName: z.string(),
  startCategory: z.enum(START_CATEGORIES),
  completing: z.boolean(),
  plannedInvestment: z.number(),
});
export const annualPlanItemsResponse = listResponse(annualPlanItem);

export const target = z.object({
  id,
  year: z.number().int(),
  regionId: id,
  regionName: z.string(),
  metric: z.enum(TARGET_METRICS),
  value: z.number(),
  /** The actual so far, counted within the region's subtree; null where the module that owns it is not built. */
  actual: z.number().nullable(),
  version: z.number().int(),
});
export const targetsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  regionId: id.optional(),
});
export const targetsResponse = z.object({ items: z.array(target) });
export const putTargetBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  regionId: id,
  metric: z.enum(TARGET_METRICS),
  value: z.number().int().min(0),
  /** The version the user saw (omitted when setting a new target); a changed target answers 409. */
  version: rowVersion.optional(),
});
export const targetResponse = z.object({ target });

// Saved views of the project list, per user.
export const savedView = z.object({ id, name: z.string(), query: z.string(), createdAt: z.string() });
export const savedViewsResponse = z.object({ items: z.array(savedView) });
export const createSavedViewBody = z.strictObject({
  name: text(40).min(1, '请填写视图名称'),
  query: z.string().max(1000),
});
export const savedViewResponse = z.object({ view: savedView });

/** People a project can name as 责任领导 or 项目专员. */
export const peopleQuery = z.strictObject({ role: z.enum(['leader', 'subarea_operator', 'drc']) });
export const peopleResponse = z.object({
  items: z.array(z.object({ id, displayName: z.string(), orgName: z.string() })),
});
