import {
  type CellValue,
  LAND_LIST_ITEMS,
  LAND_SOURCE_LABELS,
  M2_PER_MU,
  PARCEL_STATUS_LABELS,
  PARCEL_USE_LABELS,
  type ParcelStatus,
} from '@groundbreak/domain';
import type { SheetColumn } from '../../lib/excel/write-workbook';
import type { ParcelRow } from './land.repository';

// The parcel sheet (地块台账): one column list for the import template, the export and the import, so that
// an export imports back unchanged. Areas in m² (亩 beside them, read when m² is blank), ratios as the
// offices write them (建筑密度 and 绿地率 in %), dates as dates, choices by Chinese label.

export type SheetParcel = ParcelRow & {
  regionName: string;
  projectName?: string | null;
  approvedUnsupplied?: boolean;
};
type Col = SheetColumn & { read: (p: SheetParcel) => CellValue; exportOnly?: boolean };

const day = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
const pct = (fraction: number | null) => (fraction === null ? null : Math.round(fraction * 10_000) / 100);

const text = (key: string, header: string, read: Col['read'], extra: Partial<Col> = {}): Col => ({
  key,
  label: header,
  header,
  kind: 'text',
  read,
  ...extra,
});
const num = (key: string, header: string, read: Col['read'], extra: Partial<Col> = {}): Col => ({
  key,
  label: header,
  header,
  kind: 'number',
  width: 12,
  read,
  ...extra,
});
const date = (key: keyof ParcelRow & string, header: string, aliases: string[] = []): Col => ({
  key,
  label: header,
  header,
  aliases,
  kind: 'date',
  width: 12,
  read: (p) => day(p[key] as string | null),
  note: '日期，如 2025-03-01、2025年3月1日',
});
const choice = (
  key: keyof ParcelRow & string,
  header: string,
  choices: Record<string, string>,
  synonyms: Record<string, string> = {},
  extra: Partial<Col> = {},
): Col => ({
  key,
  label: header,
  header,
  kind: 'choice',
  choices,
  synonyms,
  read: (p) => choices[p[key] as string] ?? (p[key] as string),
  note: `下拉选择：${Object.values(choices).join('、')}`,
  ...extra,
});

/** Statuses a parcel may be registered in by a sheet (later ones come from supply and the idle procedure). */
export const SHEET_START_STATUSES: readonly ParcelStatus[] = ['planned', 'approved_unsupplied', 'reserve'];

export const PARCEL_SHEET_COLUMNS: readonly Col[] = [
  text('parcelNo', '地块编号', (p) => p.parcelNo, {
    aliases: ['宗地编号', '地块代码'],
    note: '必填；按地块编号匹配已有地块，编号不存在的登记为新地块',
  }),
  text('name', '地块名称', (p) => p.name, { width: 28, note: '新地块必填' }),
  text('regionName', '所属板块', (p) => p.regionName, {
    aliases: ['板块', '镇街', '乡镇'],
    note: '板块名称，如 武进国家高新区、湖塘镇；新地块必填（只管一个板块时可空）',
  }),
  text('unitCode', '宗地代码', (p) => p.unitCode, { aliases: ['不动产单元代码'], width: 22 }),
  text('location', '坐落', (p) => p.location, { aliases: ['位置', '地块位置'], width: 28 }),
  text('boundary', '四至', (p) => p.boundary, { width: 28 }),
  num('areaM2', '面积（平方米）', (p) => Math.round(p.areaM2 * 100) / 100, {
    aliases: ['用地面积', '面积', '面积㎡'],
    note: '平方米；表头写明（亩）时按亩读取；空着而填了亩数时按亩数换算',
  }),
  num('areaMu', '亩数', (p) => Math.round((p.areaM2 / M2_PER_MU) * 100) / 100, {
    note: '亩（1 亩 = 666.67 平方米）；与面积都填时以面积为准',
  }),
  choice('use', '规划用途', PARCEL_USE_LABELS, {
    工业: 'industrial',
    仓储: 'warehouse',
    物流仓储: 'warehouse',
    M0: 'm0',
    新型产业用地: 'm0',
    商业: 'commercial',
    商服: 'commercial',
    住宅: 'residential',
    居住: 'residential',
    公共服务: 'public',
  }),
  choice('source', '土地来源', LAND_SOURCE_LABELS, {
    新增: 'new',
    存量: 'stock',
    收储: 'stock',
    低效用地: 'inefficient',
    综合整治: 'consolidation',
  }),
  choice(
    'status',
    '地块状态',
    PARCEL_STATUS_LABELS,
    { 储备: 'reserve', 净地: 'reserve', 规划: 'planned' },
    { note: '新地块可为 规划预留、批而未供、储备(净地)；已有地块的状态须在地块页变更，导入不改变状态' },
  ),
  num('plotRatioMin', '容积率下限', (p) => p.plotRatioMin),
  num('plotRatioMax', '容积率上限', (p) => p.plotRatioMax),
  num('buildingCoverageMin', '建筑密度下限（%）', (p) => pct(p.buildingCoverageMin), {
    aliases: ['建筑密度'],
    note: '百分数，如 40 表示 40%',
  }),
  num('greenRatioMax', '绿地率上限（%）', (p) => pct(p.greenRatioMax), {
    aliases: ['绿地率'],
    note: '百分数，如 15 表示 15%',
  }),
  num('heightLimitM', '建筑限高（米）', (p) => p.heightLimitM, { aliases: ['限高'] }),
  num('intensityMinWanPerMu', '投资强度（万元/亩）', (p) => p.intensityMinWanPerMu, {
    aliases: ['亩均投资强度'],
  }),
  num('taxMinWanPerMu', '亩均税收（万元/亩）', (p) => p.taxMinWanPerMu),
  text('industries', '准入产业', (p) => p.industries.join('、'), {
    aliases: ['产业方向'],
    width: 22,
    note: '重点产业链，多个用顿号分隔；空着表示不限',
  }),
  text('conversionBatch', '农转用批次', (p) => p.conversionBatch, { width: 28 }),
  text('conversionApprovalNo', '农转用/征收批准文号', (p) => p.conversionApprovalNo, {
    aliases: ['批准文号', '批文号'],
    width: 22,
    note: '批而未供地块必填',
  }),
  date('conversionApprovedOn', '批准日期'),
  text('conversionAuthority', '批准机关', (p) => p.conversionAuthority),
  date('conversionValidUntil', '批文有效期至', ['批文有效期']),
  date('readyOn', '净地日期'),
  text('approvedUnsupplied', '批而未供', (p) => (p.approvedUnsupplied ? '是' : '否'), {
    exportOnly: true,
    note: '只读：有农转用/征收批准且尚未供地',
  }),
  text('listDone', '用地清单', (p) => `${p.listDone}/${LAND_LIST_ITEMS.length}`, {
    exportOnly: true,
    note: '只读：已满足的清单事项数',
  }),
  text(
    'idleLight',
    '闲置预警',
    (p) => ({ none: '', yellow: '黄灯', suspected: '疑似闲置' })[p.idleLight as 'none'] ?? '',
    { exportOnly: true, note: '只读：每日检查' },
  ),
  text('projectName', '关联项目', (p) => p.projectName ?? null, { exportOnly: true, width: 28 }),
];
