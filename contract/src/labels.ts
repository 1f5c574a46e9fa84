// The one place Chinese labels of code values live; server and web both read them from here.

export const REGION_LEVELS = ['province', 'city', 'district', 'subarea'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  city: '市',
  district: '区(县)',
  subarea: '板块',
};

/** Kind of a region node beyond its level (板块 are 开发区 / 镇 / 街道; 常州经开区 is a non-administrative unit). */
export const REGION_KINDS = [
  'administrative',
  'development_zone',
  'town',
  'street',
  'non_administrative',
] as const;
export type RegionKind = (typeof REGION_KINDS)[number];
export const REGION_KIND_LABELS: Record<RegionKind, string> = {
  administrative: '行政区',
  development_zone: '开发区',
  town: '镇',
  street: '街道',
  non_administrative: '功能区(非行政区)',
};

export const ORG_KINDS = [
  'drc',
  'natural_resources',
  'housing',
  'admin_approval',
  'commerce',
  'industry',
  'ecology',
  'water',
  'transport',
  'emergency',
  'urban_management',
  'supervision',
  'real_estate_registry',
  'public_resources',
  'civil_defense',
  'meteorology',
  'culture_tourism',
  'landscape',
  'utilities',
  'subarea_committee',
  'enterprise',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  drc: '区发改',
  natural_resources: '自然资源和规划',
  housing: '住建',
  admin_approval: '行政审批',
  commerce: '商务',
  industry: '工信',
  ecology: '生态环境',
  water: '水利',
  transport: '交通',
  emergency: '应急(地震)',
  urban_management: '城管',
  supervision: '督查',
  real_estate_registry: '不动产登记',
  public_resources: '公共资源交易',
  civil_defense: '人防',
  meteorology: '气象',
  culture_tourism: '文旅',
  landscape: '园林',
  utilities: '公用事业',
  subarea_committee: '板块管委会/镇政府',
  enterprise: '企业',
};

/** Menu groups in lifecycle order (ui.md); modules contribute entries to them. */
export const MENU_GROUPS = [
  'workbench',
  'projects',
  'attraction',
  'land',
  'approvals',
  'scheduling',
  'problems',
  'statistics',
  'campaigns',
  'system',
] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];
export const MENU_GROUP_LABELS: Record<MenuGroup, string> = {
  workbench: '工作台',
  projects: '项目库',
  attraction: '招商引资',
  land: '土地资源',
  approvals: '审批服务',
  scheduling: '计划调度',
  problems: '问题督办',
  statistics: '统计分析',
  campaigns: '专项行动',
  system: '系统管理',
};

export const JOB_RUN_RESULTS = ['running', 'succeeded', 'failed', 'skipped'] as const;
export type JobRunResult = (typeof JOB_RUN_RESULTS)[number];
export const JOB_RUN_RESULT_LABELS: Record<JobRunResult, string> = {
  running: '运行中',
  succeeded: '成功',
  failed: '失败',
  skipped: '跳过(另一实例在运行)',
};
