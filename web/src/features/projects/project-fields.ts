import type { ProjectFields } from '@groundbreak/contract';
import {
  CONSTRUCTION_NATURE_LABELS,
  CONSTRUCTION_NATURES,
  INVESTOR_ORIGIN_LABELS,
  INVESTOR_ORIGINS,
  LAND_USE_LABELS,
  LAND_USES,
  PROJECT_SOURCE_LABELS,
  PROJECT_SOURCES,
  PROJECT_TYPE_LABELS,
  PROJECT_TYPES,
} from '@groundbreak/contract';
import { PROJECT_FIELD_LABELS } from '@groundbreak/domain';

// The fields of a project record as the forms and the 基本信息 tab show them: label, input kind, unit and
// the section they belong to. Labels come from domain's PROJECT_FIELD_LABELS where it has one.

export type ProjectFieldKey = keyof ProjectFields | 'projectCode' | 'contactPhone';

export type ProjectFieldKind =
  | 'text'
  | 'textarea'
  | 'money'
  | 'number'
  | 'area'
  | 'percent'
  | 'date'
  | 'switch'
  | 'select'
  | 'region'
  | 'org'
  | 'leader'
  | 'specialist'
  | 'industry'
  | 'chain'
  | 'uscc'
  | 'phone'
  | 'projectCode';

export interface ProjectFieldDef {
  key: ProjectFieldKey;
  label: string;
  kind: ProjectFieldKind;
  /** Shown as the input's suffix and after the value. */
  unit?: string;
  options?: { value: string; label: string }[];
  /** Help under the input, for anything a first-time user could misread. */
  help?: string;
  precision?: number;
  max?: number;
  /** Takes the whole row (long text). */
  isWide?: boolean;
  /** Only on the edit form of a registered project, not on 登记项目. */
  isEditOnly?: boolean;
}

export interface ProjectSection {
  key: string;
  title: string;
  fields: ProjectFieldDef[];
  /** Only when editing a registered project (手续 and 供地 come later in the lifecycle). */
  isEditOnly?: boolean;
}

/** Labels of the fields PROJECT_FIELD_LABELS does not name. */
const MORE_LABELS = {
  longitude: '经度',
  latitude: '纬度',
  buildingCoverage: '建筑系数',
  greenRatio: '绿地率',
  strategicEmerging: '战略性新兴产业',
  accessReviewPassedOn: '准入评审通过日期',
  filedOn: '备案/核准日期',
  capacityReachedOn: '实际达产日期',
  landReadyStart: '拿地即开工',
  fourPermitsOn: '四证齐全日期',
  progressText: '形象进度',
  inStats: '已入统',
  inStatsOn: '入统日期',
  approvalStartedOn: '首项审批受理日期',
  constructionPermitNo: '施工许可证编号',
  constructionPermitOn: '施工许可发证日期',
  postEvaluationApprovedOn: '后评价审定日期',
} as const;

const LABELS: Record<ProjectFieldKey, string> = { ...PROJECT_FIELD_LABELS, ...MORE_LABELS };

export function fieldLabel(key: string): string {
  return (LABELS as Record<string, string | undefined>)[key] ?? key;
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

const field = (key: ProjectFieldKey, kind: ProjectFieldKind, more: Partial<ProjectFieldDef> = {}) => ({
  key,
  kind,
  label: LABELS[key],
  ...more,
});

const date = (key: ProjectFieldKey, more: Partial<ProjectFieldDef> = {}) => field(key, 'date', more);

export const PROJECT_SECTIONS: ProjectSection[] = [
  {
    key: 'basic',
    title: '基本信息',
    fields: [
      field('name', 'text', { help: '与投资协议、备案证一致' }),
      field('regionId', 'region', { help: '签约后必须归属一个板块' }),
      field('projectType', 'select', { options: options(PROJECT_TYPES, PROJECT_TYPE_LABELS) }),
      field('industryChain', 'chain', { help: '本区重点产业链' }),
      field('industryCode', 'industry', { help: '国民经济行业分类（GB/T 4754）门类和大类' }),
      field('strategicEmerging', 'switch'),
      field('constructionNature', 'select', {
        options: options(CONSTRUCTION_NATURES, CONSTRUCTION_NATURE_LABELS),
      }),
      field('source', 'select', { options: options(PROJECT_SOURCES, PROJECT_SOURCE_LABELS) }),
      field('responsibleOrgId', 'org'),
      field('leaderUserId', 'leader', { help: '挂钩的区领导' }),
      field('specialistUserId', 'specialist', { help: '板块负责跟踪服务的经办人' }),
      field('projectCode', 'projectCode', {
        help: '投资项目在线审批监管平台赋码，24 位，如 2025-320412-04-01-123458；立项时必填',
      }),
      field('location', 'text', { isWide: true, help: '道路、交叉口或园区地址' }),
      field('progressText', 'text', { isWide: true, isEditOnly: true, help: '如：主体结构施工至三层' }),
    ],
  },
  {
    key: 'investor',
    title: '投资方与企业',
    fields: [
      field('investorName', 'text', { help: '投资主体（集团、基金等）' }),
      field('investorOrigin', 'select', { options: options(INVESTOR_ORIGINS, INVESTOR_ORIGIN_LABELS) }),
      field('builderName', 'text', { help: '项目公司（建设单位），与营业执照一致' }),
      field('uscc', 'uscc', {
        help: '18 位，见营业执照；输入时自动校验。保存后按信用代码关联企业库，库中没有的以建设单位名称登记',
      }),
      field('legalRepresentative', 'text'),
      field('contactName', 'text'),
      field('contactPhone', 'phone', { help: '11 位手机号或带区号的固话（如 0519-86123456）' }),
      field('registeredCapital', 'money', { unit: '万元' }),
    ],
  },
  {
    key: 'investment',
    title: '投资与用地',
    fields: [
      field('totalInvestment', 'money', { unit: '万元', help: '按万元填写，可保留 4 位小数' }),
      field('fixedAssetInvestment', 'money', { unit: '万元' }),
      field('equipmentInvestment', 'money', { unit: '万元' }),
      field('foreignInvestmentUsdWan', 'number', { label: '外资', unit: '万美元', precision: 2 }),
      field('landUse', 'select', {
        options: options(LAND_USES, LAND_USE_LABELS),
        help: '新增或存量用地的项目须经过供地准备和供地；租赁厂房、技改不需要',
      }),
      field('landAreaM2', 'area', { unit: '㎡' }),
      field('floorAreaM2', 'area', { unit: '㎡' }),
      field('plotRatio', 'number', { precision: 2, max: 100 }),
      field('buildingCoverage', 'percent', { unit: '%', max: 100 }),
      field('greenRatio', 'percent', { unit: '%', max: 100 }),
      field('landReadyStart', 'switch', { help: '拿到土地即具备开工条件（"拿地即开工"改革）' }),
      field('designCapacity', 'text', { help: '如：年产 150 万套' }),
      field('scaleContent', 'textarea', { isWide: true }),
    ],
  },
  {
    key: 'commitments',
    title: '承诺指标',
    fields: [
      field('committedIntensityWanPerMu', 'number', { unit: '万元/亩', precision: 2 }),
      field('committedSalesYuan', 'money', { unit: '万元', help: '达产后年销售收入' }),
      field('committedTaxWanPerMu', 'number', { unit: '万元/亩', precision: 2 }),
      field('committedJobs', 'number', { unit: '人', precision: 0 }),
      field('committedEnergyTce', 'number', { unit: '吨标准煤', precision: 2 }),
    ],
  },
  {
    key: 'schedule',
    title: '计划与节点',
    fields: [
      date('signedOn'),
      date('plannedStartOn'),
      date('plannedCompletionOn'),
      date('plannedProductionOn'),
      date('plannedTargetOn'),
      date('actualStartOn', { isEditOnly: true }),
      date('actualCompletionOn', { isEditOnly: true }),
      date('actualProductionOn', { isEditOnly: true }),
      date('capacityReachedOn', { isEditOnly: true }),
    ],
  },
  {
    key: 'filing',
    title: '立项与开工手续',
    isEditOnly: true,
    fields: [
      date('filedOn'),
      date('approvalStartedOn', { help: '工程建设许可阶段第一个事项的受理日期' }),
      field('constructionPermitNo', 'text', { help: '施工许可证或桩基先行许可的编号' }),
      date('constructionPermitOn'),
      date('fourPermitsOn'),
      field('inStats', 'switch'),
      date('inStatsOn'),
    ],
  },
  {
    key: 'land',
    title: '建设地点坐标',
    isEditOnly: true,
    fields: [
      field('longitude', 'number', { precision: 6, help: '建设地点的经度（东经）' }),
      field('latitude', 'number', { precision: 6, help: '建设地点的纬度（北纬）' }),
    ],
  },
];

export const ALL_PROJECT_FIELDS: ProjectFieldDef[] = PROJECT_SECTIONS.flatMap((section) => section.fields);

/** The sections (and fields) of a form: 登记项目 leaves out what only comes later in the lifecycle. */
export function sectionsFor(mode: 'create' | 'edit'): ProjectSection[] {
  if (mode === 'edit') return PROJECT_SECTIONS;
  return PROJECT_SECTIONS.filter((section) => !section.isEditOnly).map((section) => ({
    ...section,
    fields: section.fields.filter((def) => !def.isEditOnly),
  }));
}
