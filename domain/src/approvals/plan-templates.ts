import type { DurationUnit, PlanLink } from './schedule';

// 倒排 milestone templates (domain.md §7.2); the default durations are [A] and the 区发改 edits them.
// A — industrial project on new land, 拿地即开工 (anchor 开工); B — construction to production (anchor
// 投产); C — 租赁/技改, no land (anchor 投产).

export type TemplateNode = {
  key: string;
  name: string;
  duration: number;
  unit: DurationUnit;
  responsible: string;
  /** The approval item whose dates flow into this node, when there is one. */
  approvalCode?: string;
};

export type PlanTemplate = {
  code: 'A' | 'B' | 'C';
  name: string;
  anchor: string;
  nodes: TemplateNode[];
  links: PlanLink[];
};

const fs = (pairs: Array<[string, string, number?]>): PlanLink[] =>
  pairs.map(([from, to, lag]) => ({ from, to, lag: lag ?? 0 }));

export const DEFAULT_PLAN_TEMPLATES: readonly PlanTemplate[] = [
  {
    code: 'A',
    name: '新增用地产业项目（拿地即开工）',
    anchor: 'start',
    nodes: [
      { key: 'signing', name: '签约', duration: 0, unit: 'calendar', responsible: '板块招商' },
      { key: 'company', name: '项目公司注册', duration: 5, unit: 'working', responsible: '企业' },
      {
        key: 'filing',
        name: '项目备案赋码',
        duration: 1,
        unit: 'working',
        responsible: '企业、行政审批局',
        approvalCode: 'FILING',
      },
      {
        key: 'library',
        name: '申报入库（区重点）',
        duration: 10,
        unit: 'working',
        responsible: '板块、区发改',
      },
      {
        key: 'land_list',
        name: '地块确定、用地清单完备',
        duration: 30,
        unit: 'calendar',
        responsible: '自然资源分局、板块',
      },
      { key: 'sale_plan', name: '出让方案审批', duration: 10, unit: 'working', responsible: '自然资源分局' },
      {
        key: 'design',
        name: '设计方案预审',
        duration: 10,
        unit: 'working',
        responsible: '企业、自然资源分局',
        approvalCode: 'DESIGN_REVIEW',
      },
      {
        key: 'drawings',
        name: '施工图编制及预审',
        duration: 25,
        unit: 'working',
        responsible: '企业、住建局',
        approvalCode: 'DRAWING_REVIEW',
      },
      {
        key: 'listing',
        name: '出让公告及挂牌',
        duration: 30,
        unit: 'calendar',
        responsible: '自然资源分局',
        approvalCode: 'LAND_SUPPLY',
      },
      {
        key: 'contract',
        name: '成交、签订出让合同、缴款',
        duration: 5,
        unit: 'working',
        responsible: '企业',
        approvalCode: 'LAND_CONTRACT',
      },
      {
        key: 'permits',
        name: '四证同发',
        duration: 1,
        unit: 'working',
        responsible: '行政审批局',
        approvalCode: 'CONSTRUCTION_PERMIT',
      },
      {
        key: 'eia',
        name: '环评批复',
        duration: 20,
        unit: 'working',
        responsible: '生态环境局',
        approvalCode: 'EIA',
      },
      { key: 'start', name: '施工队伍进场、开工', duration: 0, unit: 'calendar', responsible: '企业' },
    ],
    links: fs([
      ['signing', 'company'],
      ['company', 'filing'],
      ['filing', 'library'],
      ['signing', 'land_list'],
      ['land_list', 'sale_plan'],
      ['filing', 'design'],
      ['land_list', 'design'],
      ['design', 'drawings'],
      ['sale_plan', 'listing'],
      ['listing', 'contract'],
      ['drawings', 'permits'],
      ['contract', 'permits'],
      ['eia', 'permits'],
      ['filing', 'eia'],
      ['permits', 'start'],
    ]),
  },
  {
    code: 'B',
    name: '开工至投产',
    anchor: 'production',
    nodes: [
      { key: 'start', name: '开工', duration: 0, unit: 'calendar', responsible: '企业' },
      { key: 'foundation', name: '基础完成', duration: 60, unit: 'calendar', responsible: '企业' },
      {
        key: 'structure',
        name: '主体结构（钢结构）封顶',
        duration: 90,
        unit: 'calendar',
        responsible: '企业',
      },
      { key: 'equipment_in', name: '设备进场', duration: 30, unit: 'calendar', responsible: '企业' },
      { key: 'installation', name: '设备安装调试', duration: 60, unit: 'calendar', responsible: '企业' },
      {
        key: 'acceptance',
        name: '联合验收',
        duration: 7,
        unit: 'working',
        responsible: '住建局',
        approvalCode: 'JOINT_ACCEPTANCE',
      },
      {
        key: 'filing',
        name: '竣工验收备案、不动产证（竣工即发证）',
        duration: 5,
        unit: 'working',
        responsible: '住建局、不动产登记中心',
        approvalCode: 'COMPLETION_FILING',
      },
      { key: 'trial', name: '试生产', duration: 30, unit: 'calendar', responsible: '企业' },
      { key: 'production', name: '投产', duration: 0, unit: 'calendar', responsible: '企业' },
    ],
    links: fs([
      ['start', 'foundation'],
      ['foundation', 'structure'],
      ['structure', 'equipment_in'],
      ['equipment_in', 'installation'],
      ['structure', 'acceptance', 30],
      ['acceptance', 'filing'],
      ['installation', 'trial'],
      ['filing', 'trial'],
      ['trial', 'production'],
    ]),
  },
  {
    code: 'C',
    name: '租赁厂房或技改项目（不新增用地）',
    anchor: 'production',
    nodes: [
      { key: 'signing', name: '签约', duration: 0, unit: 'calendar', responsible: '板块招商' },
      {
        key: 'filing',
        name: '项目备案赋码',
        duration: 1,
        unit: 'working',
        responsible: '企业、行政审批局',
        approvalCode: 'FILING',
      },
      { key: 'library', name: '申报入库', duration: 10, unit: 'working', responsible: '板块、区发改' },
      { key: 'lease', name: '厂房租赁及装修', duration: 60, unit: 'calendar', responsible: '企业' },
      { key: 'equipment_in', name: '设备进场', duration: 30, unit: 'calendar', responsible: '企业' },
      { key: 'production', name: '投产', duration: 0, unit: 'calendar', responsible: '企业' },
    ],
    links: fs([
      ['signing', 'filing'],
      ['filing', 'library'],
      ['filing', 'lease'],
      ['lease', 'equipment_in'],
      ['equipment_in', 'production'],
    ]),
  },
];
