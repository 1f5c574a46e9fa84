import {
  CONSTRUCTION_NATURE_LABELS,
  INVESTOR_ORIGIN_LABELS,
  LAND_USE_LABELS,
  LIBRARY_LEVEL_LABELS,
  PROJECT_SOURCE_LABELS,
  PROJECT_STATE_LABELS,
  PROJECT_TYPE_LABELS,
} from '@groundbreak/contract';
import { type CellValue, type LibraryLevel, maskPhone, YUAN_PER_WAN } from '@groundbreak/domain';
import type { SheetColumn } from '../../lib/excel/write-workbook';
import type { ProjectRow } from './projects.repository';

// The project sheet: one column list for the import template, the export and (next) the import, so that
// an export imports back unchanged. Money in 万元, areas in m², dates as dates, choices by Chinese label.

type Col = SheetColumn & { read: (p: ExportProject) => CellValue; exportOnly?: boolean };
export type ExportProject = ProjectRow & {
  regionName: string;
  responsibleOrgName: string | null;
  leaderName: string | null;
  /** 年度计划投资 of the sheet's year (元). */
  yearPlan: number | null;
};

const wan = (yuan: number | null) => (yuan === null ? null : yuan / YUAN_PER_WAN);
const day = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
const label = <T extends string>(labels: Record<T, string>, code: string | null) =>
  code ? ((labels[code as T] as string | undefined) ?? code) : null;

const text = (key: string, header: string, read: Col['read'], extra: Partial<Col> = {}): Col => ({
  key,
  label: header,
  header,
  kind: 'text',
  read,
  ...extra,
});
const money = (key: keyof ProjectRow & string, header: string, aliases: string[] = []): Col => ({
  key,
  label: header,
  header: `${header}（万元）`,
  aliases,
  kind: 'money',
  unit: 'wan',
  width: 14,
  read: (p) => wan(p[key] as number | null),
  note: '金额，单位万元；表头写明（亿元）时按亿元读取',
});
const date = (key: keyof ProjectRow & string, header: string, aliases: string[] = []): Col => ({
  key,
  label: header,
  header,
  aliases,
  kind: 'date',
  width: 12,
  read: (p) => day(p[key] as string | null),
  note: '日期，如 2025-03-01、2025年3月1日；只写年月表示该月 1 日',
});
const choice = (key: keyof ProjectRow & string, header: string, choices: Record<string, string>): Col => ({
  key,
  label: header,
  header,
  kind: 'choice',
  choices,
  read: (p) => label(choices, p[key] as string | null),
  note: `下拉选择：${Object.values(choices).join('、')}`,
});

export const PROJECT_SHEET_COLUMNS: readonly Col[] = [
  text('internalNo', '内部编号', (p) => p.internalNo, {
    note: '系统编号，新项目留空；与项目代码一起用于匹配已有项目',
  }),
  text('name', '项目名称', (p) => p.name, { width: 36, note: '必填，不超过 100 字' }),
  text('projectCode', '项目代码', (p) => p.projectCode, {
    width: 26,
    note: '全国投资项目在线审批监管平台赋码，如 2025-320412-04-01-123458',
  }),
  text('regionName', '所属板块', (p) => p.regionName, { note: '板块名称，如 武进国家高新区、湖塘镇' }),
  text('state', '项目状态', (p) => label(PROJECT_STATE_LABELS, p.state), {
    exportOnly: true,
    note: '只读：状态须在系统中逐步推进',
  }),
  text('levels', '项目级别', (p) => p.levels.map((l) => LIBRARY_LEVEL_LABELS[l as LibraryLevel]).join('、'), {
    exportOnly: true,
    note: '只读：由入库审核决定',
  }),
  text('investorName', '投资方', (p) => p.investorName),
  choice('investorOrigin', '投资来源地', INVESTOR_ORIGIN_LABELS),
  text('industryChain', '产业类别', (p) => p.industryChain),
  text('industryCode', '国民经济行业分类', (p) => p.industryCode, {
    note: '门类字母 + 两位大类代码，如 C36',
  }),
  text('builderName', '建设单位', (p) => p.builderName, { width: 30 }),
  text('uscc', '统一社会信用代码', (p) => p.uscc, { width: 22 }),
  text('legalRepresentative', '法定代表人', (p) => p.legalRepresentative),
  text('contactName', '项目联系人', (p) => p.contactName),
  text('contactPhone', '联系电话', (p) => (p.contactPhone ? maskPhone(p.contactPhone) : null), {
    note: '导出时隐去中间四位（有权限者写明原因可导出完整号码）；导入时隐去的号码视为未修改',
  }),
  text('location', '建设地点', (p) => p.location, { width: 30 }),
  choice('constructionNature', '建设性质', CONSTRUCTION_NATURE_LABELS),
  choice('landUse', '用地方式', LAND_USE_LABELS),
  choice('projectType', '项目属性', PROJECT_TYPE_LABELS),
  choice('source', '招商来源', PROJECT_SOURCE_LABELS),
  money('totalInvestment', '总投资', ['计划总投资', '项目总投资']),
  money('fixedAssetInvestment', '固定资产投资'),
  money('equipmentInvestment', '设备投资'),
  money('registeredCapital', '注册资本'),
  {
    ...money('totalInvestment', '年度计划投资', ['计划投资', '年度投资计划', '当年计划投资']),
    key: 'yearPlan',
    read: (p) => wan(p.yearPlan),
    note: '当年计划完成投资，万元；表头写明年份（如“2026年计划投资”）即为该年，否则为当年。须不超过总投资',
  },
  {
    key: 'landAreaM2',
    label: '用地面积',
    header: '用地面积（㎡）',
    kind: 'number',
    read: (p) => p.landAreaM2,
    note: '平方米；1 亩 = 666.67 ㎡',
  },
  {
    key: 'floorAreaM2',
    label: '总建筑面积',
    header: '总建筑面积（㎡）',
    kind: 'number',
    read: (p) => p.floorAreaM2,
  },
  { key: 'plotRatio', label: '容积率', header: '容积率', kind: 'number', read: (p) => p.plotRatio },
  text('scaleContent', '建设内容及规模', (p) => p.scaleContent, { width: 40 }),
  text('designCapacity', '设计产能', (p) => p.designCapacity),
  {
    key: 'committedIntensityWanPerMu',
    label: '承诺投资强度',
    header: '承诺投资强度（万元/亩）',
    kind: 'number',
    read: (p) => p.committedIntensityWanPerMu,
  },
  money('committedSalesYuan', '承诺达产年销售'),
  {
    key: 'committedTaxWanPerMu',
    label: '承诺亩均税收',
    header: '承诺亩均税收（万元/亩）',
    kind: 'number',
    read: (p) => p.committedTaxWanPerMu,
  },
  {
    key: 'committedJobs',
    label: '承诺用工人数',
    header: '承诺用工人数',
    kind: 'number',
    read: (p) => p.committedJobs,
  },
  date('signedOn', '签约日期'),
  date('filedOn', '备案/核准日期', ['备案日期', '核准日期']),
  date('plannedStartOn', '计划开工日期', ['计划开工时间']),
  date('actualStartOn', '实际开工日期', ['开工日期', '实际开工时间']),
  date('plannedCompletionOn', '计划竣工日期', ['计划竣工时间']),
  date('actualCompletionOn', '实际竣工日期'),
  date('plannedProductionOn', '计划投产日期'),
  date('plannedTargetOn', '计划达产日期'),
  {
    key: 'landReadyStart',
    label: '拿地即开工',
    header: '拿地即开工',
    kind: 'yesno',
    read: (p) => (p.landReadyStart ? '是' : '否'),
    note: '是 / 否',
  },
  text('progressText', '形象进度', (p) => p.progressText, { width: 24 }),
  text('responsibleOrgName', '责任单位', (p) => p.responsibleOrgName),
  text('leaderName', '责任领导', (p) => p.leaderName),
];

/** The columns with the year written into the 年度计划投资 header ("2026年计划投资（万元）"). */
export function projectSheetColumns(year: number): Col[] {
  return PROJECT_SHEET_COLUMNS.map((c) =>
    c.key === 'yearPlan' ? { ...c, header: `${year}年计划投资（万元）` } : c,
  );
}

/** One export row in column order; phones masked unless the export was granted them in full. */
export function projectSheetRow(p: ExportProject, options: { fullPhones?: boolean } = {}): CellValue[] {
  return PROJECT_SHEET_COLUMNS.map((c) =>
    c.key === 'contactPhone' && options.fullPhones ? p.contactPhone : c.read(p),
  );
}

/** The notes sheet of the template: what each column means and its unit. */
export function projectSheetNotes(): [string, string][] {
  return [
    ['【匹配】', '填了项目代码的行按项目代码匹配已有项目，否则按内部编号；两者都空的行登记为新的招商线索'],
    ['【空白单元格】', '表示不修改原值；清空某项请在项目页操作'],
    ['【单位】', '金额按表头写明的单位读取：（亿元）按亿元，（万元）或不写按万元；面积为平方米'],
    [
      '【表格】',
      '可保留标题行、两行表头、空行和合计行；一个文件可有多个工作表；系统不认识的列会在预览中列出',
    ],
    ['【导入】', '上传后先生成预览，逐行列出新增、更新和错误；确认后全部写入，有任何错误则一条也不写入'],
    ...PROJECT_SHEET_COLUMNS.map((c): [string, string] => [c.header, c.note ?? '']),
  ];
}
