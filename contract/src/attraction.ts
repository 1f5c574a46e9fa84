import { PROJECT_STATES } from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';
import { INVESTOR_ORIGINS, PROJECT_SOURCES } from './projects';

// 招商 over HTTP (domain.md §2.1, §3.2–3.3): leads (projects in 招商线索/在谈) with their investor profile,
// the shared pool (公海) with claiming and rule-based assignment, duplicates across 板块 and their merge, the
// activity timeline with next steps, contact people, the scorecard, the review (项目评审/准入), signing with
// the commitments (承诺指标), and the funnel.
//
// Routes (action in brackets; :id is the lead's project id):
//   GET  /api/leads                         [attraction.read]  leadListQuery → leadListResponse
//   POST /api/leads                         [attraction.write] createLeadBody → leadCreatedResponse
//   GET  /api/leads/duplicate-check         [attraction.read]  duplicateCheckQuery → duplicateHintResponse
//                                           (sanctioned view: only 板块 name + registration date)
//   GET  /api/leads/pool                    [attraction.read]  poolListQuery → leadListResponse (sanctioned view)
//   POST /api/leads/assign                  [attraction.admin] (no body) → assignResultResponse
//   GET  /api/leads/:id                     [attraction.read]  → leadResponse (any project in scope; profile may be null)
//   PUT  /api/leads/:id                     [attraction.write] updateLeadBody → leadResponse
//   POST /api/leads/:id/claim               [attraction.write] claimBody → leadResponse (409 when already claimed)
//   POST /api/leads/:id/release             [attraction.write] releaseBody → leadResponse (admin or owner 板块)
//   GET  /api/leads/:id/duplicates          [attraction.admin] → duplicateCandidatesResponse
//   POST /api/leads/:id/merge               [attraction.admin] mergeBody → leadResponse (the kept lead)
//   GET  /api/leads/:id/activities          [attraction.read]  → activitiesResponse
//   POST /api/leads/:id/activities          [attraction.write] activityBody → activityResponse
//   POST /api/lead-activities/:id/done      [attraction.write] activityDoneBody → activityResponse
//   GET  /api/leads/:id/contacts            [attraction.read]  → contactsResponse
//   POST /api/leads/:id/contacts            [attraction.write] contactBody → contactResponse
//   PUT  /api/lead-contacts/:id             [attraction.write] updateContactBody → contactResponse
//   POST /api/lead-contacts/:id/delete      [attraction.write] deleteContactBody → okResponse
//   POST /api/leads/:id/score               [attraction.write] scoreBody → leadResponse (profile.score* filled)
//   GET  /api/leads/:id/reviews             [attraction.read]  → reviewsResponse
//   POST /api/leads/:id/reviews             [attraction.write] reviewBody → reviewResponse
//   POST /api/leads/:id/sign                [attraction.write] signBody → leadResponse (project now 已签约);
//                                           a gate refusal is 422 GATE_UNMET with details.unmet [{code,message}]
//   GET  /api/attraction/scorecard          [attraction.read]  → scorecardConfigResponse
//   PUT  /api/attraction/scorecard          [attraction.admin] scorecardConfigBody → scorecardConfigResponse
//   GET  /api/attraction/pool-rules         [attraction.read]  → poolRulesResponse
//   PUT  /api/attraction/pool-rules         [attraction.admin] poolRulesBody → poolRulesResponse
//   GET  /api/attraction/funnel             [attraction.read]  funnelQuery → funnelResponse

const id = z.string().uuid();
const day = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `不超过 ${max} 字` });
const required = (max: number, message: string) => text(max).min(1, { message });
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const uscc = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: '统一社会信用代码应为 18 位' });

// ---------------------------------------------------------------- labels

/** 招商来源 (domain.md §2.1 [A]); the same codes as the project's 线索来源. */
export const LEAD_SOURCES = PROJECT_SOURCES;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LEAD_SOURCE_LABELS: Record<LeadSource, string> = {
  overseas: '驻外招商',
  by_business: '以商引商',
  fund: '基金招商',
  chain: '产业链招商',
  expo: '展会',
  other: '其他',
};
export type InvestorOrigin = (typeof INVESTOR_ORIGINS)[number];

export const ACTIVITY_KINDS = ['visit', 'talk', 'site_tour', 'phone', 'meeting', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  visit: '走访',
  talk: '洽谈',
  site_tour: '实地考察',
  phone: '电话',
  meeting: '会议',
  other: '其他',
};

export const REVIEW_RESULTS = ['passed', 'conditional', 'rejected'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export const REVIEW_RESULT_LABELS: Record<ReviewResult, string> = {
  passed: '通过',
  conditional: '有条件通过',
  rejected: '不通过',
};
/** The usual criteria of a 项目准入 review (the form offers them; others may be added). */
export const DEFAULT_REVIEW_CRITERIA = [
  { code: 'industry_policy', label: '符合产业政策及区产业链定位' },
  { code: 'mu_benefit', label: '亩均税收、投资强度达到准入标准' },
  { code: 'energy', label: '能耗指标（能评）' },
  { code: 'environment', label: '环境影响（环评）' },
  { code: 'safety', label: '安全生产' },
] as const;

export const LEAD_GRADES = ['A', 'B', 'C'] as const;
export type LeadGrade = (typeof LEAD_GRADES)[number];
export const LEAD_GRADE_LABELS: Record<LeadGrade, string> = {
  A: 'A 类（优先推进）',
  B: 'B 类（积极跟进）',
  C: 'C 类（一般储备）',
};

export const ASSIGNED_VIA = ['registered', 'claimed', 'rule', 'manual'] as const;
export type AssignedVia = (typeof ASSIGNED_VIA)[number];
export const ASSIGNED_VIA_LABELS: Record<AssignedVia, string> = {
  registered: '板块登记',
  claimed: '公海认领',
  rule: '规则分配',
  manual: '人工指派',
};

/** The stages of the funnel (a project counts in a stage when it reached it). */
export const FUNNEL_STAGES = ['LEAD', 'NEGOTIATING', 'SIGNED', 'FILED', 'STARTED'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  LEAD: '招商线索',
  NEGOTIATING: '在谈',
  SIGNED: '已签约',
  FILED: '已立项及以后',
  STARTED: '已开工及以后',
};

// ---------------------------------------------------------------- leads

/** One row of the lead list and of the pool. */
export const leadListItem = z.object({
  id,
  internalNo: z.string(),
  name: z.string(),
  state: z.enum(PROJECT_STATES),
  regionId: id,
  regionName: z.string(),
  /** False for a demo/registry lead nobody has profiled yet (its profile columns are then null). */
  hasProfile: z.boolean(),
  /** The profile's version (what claim, assign and release check); null while there is no profile. */
  profileVersion: z.number().int().nullable(),
  companyName: z.string().nullable(),
  investorOrigin: z.enum(INVESTOR_ORIGINS).nullable(),
  intendedProduct: z.string().nullable(),
  source: z.enum(LEAD_SOURCES).nullable(),
  industryChain: z.string().nullable(),
  /** The project's 总投资 (estimated for a lead), 元. */
  totalInvestment: z.number().nullable(),
  estimatedLandMu: z.number().nullable(),
  score: z.number().nullable(),
  grade: z.enum(LEAD_GRADES).nullable(),
  ownerUserId: id.nullable(),
  ownerName: z.string().nullable(),
  inPool: z.boolean(),
  assignedVia: z.enum(ASSIGNED_VIA).nullable(),
  registeredOn: z.string().nullable(),
  /** The earliest open next step. */
  nextStep: z.string().nullable(),
  nextStepOn: z.string().nullable(),
  /** Another live lead has the same normalised company name or USCC. */
  possibleDuplicate: z.boolean(),
  updatedAt: z.string(),
  isDemo: z.boolean(),
});
export type LeadListItem = z.infer<typeof leadListItem>;
export const leadListResponse = listResponse(leadListItem);

export const LEAD_SORTS = [
  'registeredOn',
  'nextStepOn',
  'totalInvestment',
  'score',
  'name',
  'updatedAt',
] as const;
export const leadListQuery = listQuery(LEAD_SORTS).extend({
  state: z.enum(['LEAD', 'NEGOTIATING']).optional(),
  source: z.enum(LEAD_SOURCES).optional(),
  grade: z.enum(LEAD_GRADES).optional(),
  regionId: id.optional(),
  industryChain: z.string().trim().max(40).optional(),
  /** Name, company or product contains. */
  keyword: z.string().trim().max(50).optional(),
  /** Only leads whose open next step falls on or before today + this many days (0 = due today or overdue). */
  nextStepDue: z.coerce.number().int().min(0).max(365).optional(),
  ownerUserId: id.optional(),
});
export type LeadListQuery = z.input<typeof leadListQuery>;

export const poolListQuery = listQuery(['registeredOn', 'totalInvestment', 'name'] as const).extend({
  source: z.enum(LEAD_SOURCES).optional(),
  industryChain: z.string().trim().max(40).optional(),
  keyword: z.string().trim().max(50).optional(),
});
export type PoolListQuery = z.input<typeof poolListQuery>;

/** One criterion's calculation on the scorecard. */
export const scorePart = z.object({
  code: z.string(),
  label: z.string(),
  /** The input as shown (e.g. "5.2亿元", "重点产业链"). */
  input: z.string(),
  /** The band or option it fell into. */
  band: z.string(),
  /** Points of the band, 0–100. */
  points: z.number(),
  /** Weight in %, all weights sum to 100. */
  weight: z.number(),
  /** points × weight / 100. */
  weighted: z.number(),
  calculation: z.string(),
});
export type ScorePart = z.infer<typeof scorePart>;
export const scoreResult = z.object({
  total: z.number(),
  grade: z.enum(LEAD_GRADES),
  parts: z.array(scorePart),
  /** How the grade follows from the total and the cut-offs. */
  gradeExplanation: z.string(),
});
export type ScoreResult = z.infer<typeof scoreResult>;

export const leadProfile = z.object({
  companyName: z.string(),
  investorUscc: z.string().nullable(),
  investorGroup: z.string().nullable(),
  investorOrigin: z.enum(INVESTOR_ORIGINS).nullable(),
  intendedProduct: z.string().nullable(),
  estimatedLandMu: z.number().nullable(),
  source: z.enum(LEAD_SOURCES),
  ownerUserId: id.nullable(),
  ownerName: z.string().nullable(),
  inPool: z.boolean(),
  pooledAt: z.string().nullable(),
  assignedVia: z.enum(ASSIGNED_VIA).nullable(),
  assignedAt: z.string().nullable(),
  registeredRegionName: z.string(),
  registeredOn: z.string(),
  mergedInto: z.object({ id, name: z.string() }).nullable(),
  mergedAt: z.string().nullable(),
  score: z.number().nullable(),
  grade: z.enum(LEAD_GRADES).nullable(),
  scoreDetail: scoreResult.nullable(),
  scoreInputs: z.record(z.string(), z.union([z.number(), z.string()])).nullable(),
  scoredAt: z.string().nullable(),
  version: z.number().int(),
});
export type LeadProfile = z.infer<typeof leadProfile>;

export const commitments = z.object({
  agreementNo: z.string().nullable(),
  signedOn: z.string(),
  investmentYuan: z.number(),
  fixedAssetYuan: z.number().nullable(),
  intensityWanPerMu: z.number(),
  annualSalesYuan: z.number().nullable(),
  taxWanPerMu: z.number().nullable(),
  annualTaxYuan: z.number().nullable(),
  jobs: z.number().int().nullable(),
  capacityValue: z.number().nullable(),
  capacityUnit: z.string().nullable(),
  energyTce: z.number().nullable(),
  rdRatio: z.number().nullable(),
  plotRatio: z.number().nullable(),
  startBy: z.string(),
  completionBy: z.string(),
  productionBy: z.string().nullable(),
  targetYear: z.number().int().nullable(),
});
export type Commitments = z.infer<typeof commitments>;

/** What the caller may do on this lead now (the page shows only what will be accepted). */
export const leadAbilities = z.object({
  edit: z.boolean(),
  claim: z.boolean(),
  release: z.boolean(),
  merge: z.boolean(),
  score: z.boolean(),
  review: z.boolean(),
  sign: z.boolean(),
});

export const leadDetail = z.object({
  id,
  internalNo: z.string(),
  name: z.string(),
  state: z.enum(PROJECT_STATES),
  regionId: id,
  regionName: z.string(),
  industryChain: z.string().nullable(),
  totalInvestment: z.number().nullable(),
  responsibleOrgName: z.string().nullable(),
  /** The project row's version (the sign body carries it). */
  projectVersion: z.number().int(),
  /** Null for a lead nobody has profiled (PUT creates it). */
  profile: leadProfile.nullable(),
  possibleDuplicate: z.boolean(),
  /** Minimal hints of the same investor worked elsewhere (板块 name + registration date only). */
  duplicates: z.array(z.object({ regionName: z.string(), registeredOn: z.string() })),
  commitments: commitments.nullable(),
  /** The latest review (its meeting date is the gate's 准入 date when passed or conditional). */
  latestReview: z
    .object({ id, meetingName: z.string(), meetingOn: z.string(), result: z.enum(REVIEW_RESULTS) })
    .nullable(),
  abilities: leadAbilities,
  isDemo: z.boolean(),
});
export type LeadDetail = z.infer<typeof leadDetail>;
export const leadResponse = z.object({ lead: leadDetail });
export type LeadResponse = z.infer<typeof leadResponse>;

/** The minimal answer across scope (sanctioned view): only where and since when. */
export const duplicateHint = z.object({ regionName: z.string(), registeredOn: z.string() });
export type DuplicateHint = z.infer<typeof duplicateHint>;
export const duplicateHintResponse = z.object({ duplicates: z.array(duplicateHint) });
export const duplicateCheckQuery = z
  .strictObject({
    companyName: text(100).optional(),
    uscc: z.string().trim().max(18).optional(),
    /** The lead being edited (left out of its own hint). */
    excludeId: id.optional(),
  })
  .refine((q) => Boolean(q.companyName || q.uscc), { message: '请填写企业名称或统一社会信用代码' });

export const leadCreatedResponse = z.object({
  lead: leadDetail,
  /** Non-empty: registered but flagged as a possible duplicate (these are where else it is worked). */
  duplicates: z.array(duplicateHint),
});
export type LeadCreatedResponse = z.infer<typeof leadCreatedResponse>;

const profileFields = {
  /** 投资方企业名称. */
  companyName: required(100, '请填写投资方企业名称'),
  investorUscc: uscc.nullable().optional(),
  investorGroup: text(100).nullable().optional(),
  investorOrigin: z.enum(INVESTOR_ORIGINS).nullable().optional(),
  intendedProduct: text(200).nullable().optional(),
  estimatedLandMu: z.number().min(0).max(100_000).nullable().optional(),
  source: z.enum(LEAD_SOURCES, { message: '请选择招商来源' }),
  ownerUserId: id.nullable().optional(),
};

export const createLeadBody = z.strictObject({
  /** 项目名称, e.g. "{企业简称}{产品}项目". */
  name: required(100, '请填写项目名称'),
  ...profileFields,
  investorOrigin: z.enum(INVESTOR_ORIGINS, { message: '请选择投资来源地' }),
  industryChain: required(40, '请选择产业类别'),
  /** Estimated 总投资, 元. */
  totalInvestment: money.nullable().optional(),
  /** 责任单位; default the caller's organisation. */
  responsibleOrgId: id.nullable().optional(),
  /** The 板块; a 板块 user's lead always belongs to its own 板块. Omitted (商务/区发改): the pool. */
  regionId: id.optional(),
  /** 商务/区发改: put into the pool (公海) even when a region is given. */
  inPool: z.boolean().optional(),
});
export type CreateLeadBody = z.input<typeof createLeadBody>;

export const updateLeadBody = z.strictObject({
  /** The profile's version (a lead without profile: any, e.g. 1). */
  version: rowVersion,
  /** The project row's version when name / 产业链 / 总投资 change. */
  projectVersion: rowVersion.optional(),
  ...profileFields,
  name: required(100, '请填写项目名称').optional(),
  industryChain: text(40).nullable().optional(),
  totalInvestment: money.nullable().optional(),
});
export type UpdateLeadBody = z.input<typeof updateLeadBody>;

export const claimBody = z.strictObject({
  version: rowVersion,
  /** 区发改/商务 claiming on behalf of a 板块; a 板块 user always claims for itself. */
  regionId: id.optional(),
});
export const releaseBody = z.strictObject({ version: rowVersion, reason: text(200).optional() });

export const duplicateCandidatesResponse = z.object({
  items: z.array(leadListItem.extend({ matchedBy: z.array(z.enum(['name', 'uscc'])) })),
});
export const mergeBody = z.strictObject({
  /** The lead that is kept. */
  intoId: id,
  /** The version of the merged (this) lead's profile. */
  version: rowVersion,
});

export const assignResultResponse = z.object({
  assigned: z.array(
    z.object({ id, name: z.string(), regionId: id, regionName: z.string(), ruleIndex: z.number().int() }),
  ),
  /** Pool leads no rule matched. */
  remaining: z.number().int(),
});

// ---------------------------------------------------------------- pool rules

export const poolRule = z.strictObject({
  /** Matches when the lead's 产业链 equals this (null/absent: any). */
  industryChain: text(40).nullable().optional(),
  source: z.enum(LEAD_SOURCES).nullable().optional(),
  /** Matches when the estimated 总投资 is at least this (元). */
  minInvestmentYuan: money.nullable().optional(),
  /** The 板块 the lead goes to. */
  regionId: id,
});
export type PoolRule = z.infer<typeof poolRule>;
export const poolRulesBody = z.strictObject({
  rules: z.array(poolRule).max(50, { message: '规则不超过 50 条' }),
  version: z.number().int().min(0),
});
export const poolRulesResponse = z.object({
  /** In order: the first rule that matches a lead decides. */
  rules: z.array(poolRule.extend({ regionName: z.string() })),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type PoolRulesResponse = z.infer<typeof poolRulesResponse>;

// ---------------------------------------------------------------- activities and contacts

export const leadActivity = z.object({
  id,
  projectId: id,
  kind: z.enum(ACTIVITY_KINDS),
  occurredOn: z.string(),
  summary: z.string(),
  participants: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextStepOn: z.string().nullable(),
  nextStepDoneAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type LeadActivity = z.infer<typeof leadActivity>;
export const activitiesResponse = z.object({ items: z.array(leadActivity) });
export const activityResponse = z.object({ activity: leadActivity });
export const activityBody = z
  .strictObject({
    kind: z.enum(ACTIVITY_KINDS, { message: '请选择活动类型' }),
    occurredOn: day,
    summary: required(2000, '请填写活动内容'),
    participants: text(200).nullable().optional(),
    nextStep: text(500).nullable().optional(),
    nextStepOn: day.nullable().optional(),
  })
  .refine((b) => !b.nextStepOn || Boolean(b.nextStep), {
    message: '填写了下一步日期，请写明下一步工作',
    path: ['nextStep'],
  })
  .refine((b) => !b.nextStepOn || b.nextStepOn >= b.occurredOn, {
    message: '下一步日期不能早于活动日期',
    path: ['nextStepOn'],
  });
export type ActivityBody = z.input<typeof activityBody>;
export const activityDoneBody = z.strictObject({ version: rowVersion });

export const leadContact = z.object({
  id,
  projectId: id,
  name: z.string(),
  title: z.string().nullable(),
  organisation: z.string().nullable(),
  /** Always masked (138****1234). */
  phoneMasked: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type LeadContact = z.infer<typeof leadContact>;
export const contactsResponse = z.object({ items: z.array(leadContact) });
export const contactResponse = z.object({ contact: leadContact });
const contactFields = {
  name: required(40, '请填写联系人姓名'),
  title: text(40).nullable().optional(),
  organisation: text(100).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: '电话应为 11 位手机号或 0519-xxxxxxxx' })
    .nullable()
    .optional(),
  note: text(500).nullable().optional(),
};
export const contactBody = z.strictObject(contactFields);
export type ContactBody = z.input<typeof contactBody>;
/** Editing: `phone` absent keeps the stored number; null clears it. */
export const updateContactBody = z.strictObject({ version: rowVersion, ...contactFields });
export const deleteContactBody = z.strictObject({ version: rowVersion });

// ---------------------------------------------------------------- scorecard

const band = z.strictObject({
  /** The band applies from this value up (inclusive) — or, for lowerIsBetter, up to this value. */
  from: z.number(),
  points: z.number().min(0).max(100),
  label: required(30, '请填写档位名称'),
});
const option = z.strictObject({
  value: required(30, '请填写选项代码'),
  label: required(30, '请填写选项名称'),
  points: z.number().min(0).max(100),
});
export const scorecardCriterion = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('number'),
    code: required(30, '请填写指标代码'),
    label: required(30, '请填写指标名称'),
    weight: z.number().min(0).max(100),
    /** Display unit of the input ("万元/亩"); `yuan` inputs are money in 元 (shown 万元/亿元). */
    unit: required(20, '请填写单位'),
    money: z.boolean().default(false),
    lowerIsBetter: z.boolean().default(false),
    bands: z.array(band).min(1, { message: '至少一个档位' }).max(10),
  }),
  z.strictObject({
    type: z.literal('choice'),
    code: required(30, '请填写指标代码'),
    label: required(30, '请填写指标名称'),
    weight: z.number().min(0).max(100),
    options: z.array(option).min(1, { message: '至少一个选项' }).max(10),
  }),
]);
export type ScorecardCriterion = z.infer<typeof scorecardCriterion>;
export const scorecardConfig = z
  .strictObject({
    criteria: z.array(scorecardCriterion).min(1, { message: '至少一个评分指标' }).max(12),
    /** Totals at or above `A` grade A, at or above `B` grade B, else C. */
    cutoffs: z
      .strictObject({ A: z.number().min(0).max(100), B: z.number().min(0).max(100) })
      .refine((c) => c.A > c.B, { message: 'A 类分数线应高于 B 类' }),
  })
  .refine((c) => Math.abs(c.criteria.reduce((s, x) => s + x.weight, 0) - 100) < 1e-6, {
    message: '各指标权重之和应为 100',
    path: ['criteria'],
  })
  .refine((c) => new Set(c.criteria.map((x) => x.code)).size === c.criteria.length, {
    message: '指标代码重复',
    path: ['criteria'],
  });
export type ScorecardConfig = z.infer<typeof scorecardConfig>;
export const scorecardConfigBody = z.strictObject({
  config: scorecardConfig,
  version: z.number().int().min(0),
});
export const scorecardConfigResponse = z.object({
  config: scorecardConfig,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type ScorecardConfigResponse = z.infer<typeof scorecardConfigResponse>;
/** Inputs by criterion code: a number (money in 元) or the chosen option's value. */
export const scoreBody = z.strictObject({
  /** The profile's version the score was made against (a score replaces the last one). */
  version: rowVersion,
  inputs: z.record(z.string().max(30), z.union([z.number(), z.string().max(30)])),
});
export type ScoreBody = z.input<typeof scoreBody>;

// ---------------------------------------------------------------- review and signing

export const reviewCriterion = z.strictObject({
  code: required(30, '请填写评审要点代码'),
  label: required(60, '请填写评审要点'),
  passed: z.boolean(),
  note: text(500).nullable().optional(),
});
export const projectReview = z.object({
  id,
  projectId: id,
  meetingName: z.string(),
  meetingOn: z.string(),
  criteria: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      passed: z.boolean(),
      note: z.string().nullable().optional(),
    }),
  ),
  result: z.enum(REVIEW_RESULTS),
  conditions: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ProjectReview = z.infer<typeof projectReview>;
export const reviewsResponse = z.object({ items: z.array(projectReview) });
export const reviewResponse = z.object({ review: projectReview });
export const reviewBody = z
  .strictObject({
    meetingName: required(100, '请填写评审会议名称'),
    meetingOn: day,
    criteria: z.array(reviewCriterion).min(1, { message: '至少一项评审要点' }).max(20),
    result: z.enum(REVIEW_RESULTS, { message: '请选择评审结论' }),
    conditions: text(1000).nullable().optional(),
  })
  .refine((b) => b.result !== 'conditional' || Boolean(b.conditions), {
    message: '有条件通过须写明条件',
    path: ['conditions'],
  });
export type ReviewBody = z.input<typeof reviewBody>;

export const signBody = z
  .strictObject({
    signedOn: day,
    agreementNo: text(60).nullable().optional(),
    commitments: z.strictObject({
      investmentYuan: money.min(1, { message: '请填写协议总投资' }),
      fixedAssetYuan: money.nullable().optional(),
      intensityWanPerMu: z.number().min(0, { message: '投资强度不能为负' }),
      annualSalesYuan: money.nullable().optional(),
      taxWanPerMu: z.number().min(0).nullable().optional(),
      annualTaxYuan: money.nullable().optional(),
      jobs: z.number().int().min(0).max(1_000_000).nullable().optional(),
      capacityValue: z.number().min(0).nullable().optional(),
      capacityUnit: text(20).nullable().optional(),
      energyTce: z.number().min(0).nullable().optional(),
      rdRatio: z.number().min(0).max(1).nullable().optional(),
      plotRatio: z.number().min(0).max(100).nullable().optional(),
      startBy: day,
      completionBy: day,
      productionBy: day.nullable().optional(),
      targetYear: z.number().int().min(2000).max(2100).nullable().optional(),
    }),
    /** The project row's version (leadDetail.projectVersion). */
    version: rowVersion,
  })
  .refine((b) => b.commitments.completionBy >= b.commitments.startBy, {
    message: '竣工期限不能早于开工期限',
    path: ['commitments', 'completionBy'],
  })
  .refine((b) => b.commitments.startBy >= b.signedOn, {
    message: '开工期限不能早于签约日期',
    path: ['commitments', 'startBy'],
  });
export type SignBody = z.input<typeof signBody>;

// ---------------------------------------------------------------- funnel

export const funnelQuery = z
  .strictObject({
    /** Leads registered (first state) from this day … */
    from: day.optional(),
    /** … to this day (inclusive). */
    to: day.optional(),
    groupBy: z.enum(['region', 'source']).default('region'),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });
export type FunnelQuery = z.input<typeof funnelQuery>;
const funnelFigures = z.object({
  key: z.string(),
  label: z.string(),
  /** Projects that reached each stage. */
  counts: z.record(z.enum(FUNNEL_STAGES), z.number().int()),
  /** counts[next] / counts[stage], null when the stage has none. */
  rates: z.array(
    z.object({ from: z.enum(FUNNEL_STAGES), to: z.enum(FUNNEL_STAGES), rate: z.number().nullable() }),
  ),
  /** Median days spent in each stage before the next (null: nobody moved on yet). */
  medianDays: z.record(z.enum(FUNNEL_STAGES), z.number().nullable()),
});
export const funnelResponse = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  groupBy: z.enum(['region', 'source']),
  total: funnelFigures,
  groups: z.array(funnelFigures),
});
export type FunnelResponse = z.infer<typeof funnelResponse>;
