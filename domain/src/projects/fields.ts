import { type LandUse, type ProjectState, stageIndex } from './states';

// Which fields a project must have from which state (domain.md §2.1 "Req from"), and which fields an
// enterprise user may edit on their own project.

export const PROJECT_FIELD_LABELS = {
  name: '项目名称',
  investorName: '投资方',
  investorOrigin: '投资来源地',
  regionId: '所属板块',
  industryChain: '产业类别',
  responsibleOrgId: '责任单位',
  source: '招商来源',
  builderName: '建设单位',
  uscc: '统一社会信用代码',
  legalRepresentative: '法定代表人',
  contactName: '项目联系人',
  contactPhone: '联系电话',
  location: '建设地点',
  constructionNature: '建设性质',
  landUse: '用地方式',
  projectType: '项目属性',
  totalInvestment: '总投资',
  fixedAssetInvestment: '固定资产投资',
  equipmentInvestment: '设备投资',
  foreignInvestmentUsdWan: '外资（万美元）',
  registeredCapital: '注册资本',
  landAreaM2: '用地面积',
  scaleContent: '建设内容及规模',
  designCapacity: '设计产能',
  committedIntensityWanPerMu: '承诺投资强度',
  committedSalesYuan: '承诺达产年销售',
  committedTaxWanPerMu: '承诺亩均税收',
  committedJobs: '承诺用工人数',
  committedEnergyTce: '承诺能耗',
  signedOn: '签约日期',
  leaderUserId: '责任领导',
  specialistUserId: '项目专员',
  projectCode: '项目代码',
  industryCode: '国民经济行业分类',
  plannedStartOn: '计划开工日期',
  plannedCompletionOn: '计划竣工日期',
  plannedProductionOn: '计划投产日期',
  plannedTargetOn: '计划达产日期',
  floorAreaM2: '总建筑面积',
  plotRatio: '容积率',
  buildingCoverage: '建筑系数',
  greenRatio: '绿地率',
  progressText: '形象进度',
  actualStartOn: '实际开工日期',
  actualCompletionOn: '实际竣工日期',
  actualProductionOn: '实际投产日期',
} as const;
export type ProjectFieldKey = keyof typeof PROJECT_FIELD_LABELS;

/** The state from which each field is required. */
export const REQUIRED_FROM: Partial<Record<ProjectFieldKey, ProjectState>> = {
  name: 'LEAD',
  investorName: 'LEAD',
  investorOrigin: 'LEAD',
  regionId: 'LEAD',
  industryChain: 'LEAD',
  responsibleOrgId: 'LEAD',
  source: 'LEAD',
  builderName: 'SIGNED',
  uscc: 'SIGNED',
  legalRepresentative: 'SIGNED',
  contactName: 'SIGNED',
  contactPhone: 'SIGNED',
  location: 'SIGNED',
  constructionNature: 'SIGNED',
  landUse: 'SIGNED',
  projectType: 'SIGNED',
  totalInvestment: 'SIGNED',
  fixedAssetInvestment: 'SIGNED',
  equipmentInvestment: 'SIGNED',
  registeredCapital: 'SIGNED',
  landAreaM2: 'SIGNED',
  scaleContent: 'SIGNED',
  designCapacity: 'SIGNED',
  signedOn: 'SIGNED',
  leaderUserId: 'SIGNED',
  projectCode: 'FILED',
  industryCode: 'FILED',
  plannedStartOn: 'FILED',
  plannedCompletionOn: 'FILED',
  plannedProductionOn: 'FILED',
  plannedTargetOn: 'FILED',
  plotRatio: 'LAND_SUPPLIED',
  buildingCoverage: 'LAND_SUPPLIED',
  greenRatio: 'LAND_SUPPLIED',
  floorAreaM2: 'APPROVING',
  actualStartOn: 'STARTED',
  progressText: 'STARTED',
  actualCompletionOn: 'COMPLETED',
  actualProductionOn: 'IN_PRODUCTION',
};

/** The planning conditions of a land parcel: not asked of projects without new land. */
export const LAND_ONLY_FIELDS: readonly ProjectFieldKey[] = ['plotRatio', 'buildingCoverage', 'greenRatio'];

export type FieldValues = Partial<Record<ProjectFieldKey, unknown>> & { landUse?: LandUse | null };

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * Fields required in `state` (or any earlier state of the main sequence); none in side states. Land-only
 * fields are not required of projects that skip the land states.
 */
export function requiredFieldsAt(
  state: ProjectState,
  landUse: LandUse | null | undefined,
): ProjectFieldKey[] {
  const at = stageIndex(state);
  if (at < 0) return [];
  const noLand = landUse === 'leased_plant' || landUse === 'no_new_land';
  return (Object.entries(REQUIRED_FROM) as [ProjectFieldKey, ProjectState][])
    .filter(([field, from]) => stageIndex(from) <= at && !(noLand && LAND_ONLY_FIELDS.includes(field)))
    .map(([field]) => field);
}

/** Fields required in `state` (see requiredFieldsAt) that are empty. */
export function missingRequiredFields(values: FieldValues, state: ProjectState): ProjectFieldKey[] {
  return requiredFieldsAt(state, values.landUse).filter((field) => isBlank(values[field]));
}

/** Fields an enterprise user may edit on their own project: contacts and what the company itself states. */
export const ENTERPRISE_EDITABLE_FIELDS: readonly ProjectFieldKey[] = [
  'legalRepresentative',
  'contactName',
  'contactPhone',
  'scaleContent',
  'designCapacity',
];
