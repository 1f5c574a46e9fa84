import { LIGHT_LABELS } from '@groundbreak/contract';
import {
  type CellValue,
  DEFAULT_TASK_CATEGORIES,
  type Light,
  TASK_OPEN_STATUSES,
  TASK_STATUS_LABELS,
  type TaskLight,
  type TaskStatus,
  taskLight,
  YUAN_PER_WAN,
} from '@groundbreak/domain';
import { and, asc, eq, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Db } from '../../db/database';
import { campaignBatches, campaignCategories, campaignTasks, orgs, regions } from '../../db/schema/index';
import type { SheetColumn } from '../../lib/excel/write-workbook';
import { regionInScope } from '../../lib/scope';
import type { Principal } from '../registry';
import type { CampaignsService } from './campaigns.service';

// The sheet of a campaign's rectification tasks (整治任务), the same for the import template, the export and
// the import (tasks.import.ts): Chinese headers, the references by name, a column per quantity of every
// category, 投资 in 万元, and the state (状态, 亮灯, 逾期天数, the actual dates) exported for reading only.

const EXPORT_BATCH = 1000;

export type TaskRow = typeof campaignTasks.$inferSelect;
/** The fields a row sets, as the tasks table holds them. */
export const FIELDS = [
  'categoryCode',
  'batchId',
  'village',
  'pointName',
  'address',
  'lon',
  'lat',
  'description',
  'requirement',
  'responsibleOrgId',
  'responsiblePerson',
  'startOn',
  'dueOn',
  'quantities',
  'investmentYuan',
] as const;
export type Values = Pick<TaskRow, (typeof FIELDS)[number]>;
export type Names = {
  batchName: string | null;
  categoryName: string;
  regionName: string;
  orgName: string | null;
};
/** A task as the sheet shows it: its references by name, its state read-only. */
export type SheetTask = Omit<Values, 'batchId' | 'responsibleOrgId'> &
  Names & {
    taskNo: string | null;
    status: TaskStatus | null;
    light: Light | null;
    daysLate: number | null;
    completedOn: string | null;
    acceptedOn: string | null;
  };
export type SheetCol = SheetColumn & { read: (t: SheetTask) => CellValue; exportOnly?: boolean };
type QuantityCol = SheetCol & { categoryCode: string; indicator: string };

const column = (
  key: string,
  header: string,
  kind: SheetCol['kind'],
  read: SheetCol['read'],
  options: { aliases?: string[]; note?: string; width?: number; exportOnly?: boolean } = {},
): SheetCol => ({
  key,
  label: header.replace(/\(.*\)$/, ''),
  header,
  kind,
  width: options.width ?? 14,
  read,
  ...(options.aliases ? { aliases: options.aliases } : {}),
  ...(options.note ? { note: options.note } : {}),
  ...(options.exportOnly ? { exportOnly: true } : {}),
});

/** A column per quantity of every default category ("拆除违建面积(㎡)"; a count's unit is in its name). */
export const QUANTITY_COLUMNS: readonly QuantityCol[] = DEFAULT_TASK_CATEGORIES.flatMap((c) =>
  c.indicators.map((i) => ({
    ...column(
      `quantity.${c.code}.${i.key}`,
      i.label.endsWith(`${i.unit}数`) ? i.label : `${i.label}(${i.unit})`,
      'number',
      (t) => (t.categoryCode === c.code ? (t.quantities[i.key] ?? null) : null),
      { note: `${c.name}（${c.code}）的数量；其他类别的任务不填` },
    ),
    categoryCode: c.code,
    indicator: i.key,
  })),
);

export const TASK_SHEET_COLUMNS: readonly SheetCol[] = [
  column('taskNo', '任务编号', 'text', (t) => t.taskNo, {
    note: '新任务留空，编号由系统生成；填写本行动已有的编号则更新该任务（已验收销号的不能修改）',
  }),
  column('batchName', '批次', 'text', (t) => t.batchName, { note: '本行动的批次名称，如 第一批；可空' }),
  column('category', '类别', 'text', (t) => t.categoryName, {
    aliases: ['任务类别', '整治类别'],
    width: 20,
    note: `必填；类别名称或代码：${DEFAULT_TASK_CATEGORIES.map((c) => `${c.name}（${c.code}）`).join('、')}`,
  }),
  column('regionName', '板块', 'text', (t) => t.regionName, {
    aliases: ['所属板块', '镇街', '镇（街道）'],
    note: '必填；本行动所在区、您数据范围内的板块，如 湖塘镇；登记后不能修改',
  }),
  column('village', '村/社区', 'text', (t) => t.village, { aliases: ['村（社区）', '社区'] }),
  column('pointName', '点位名称', 'text', (t) => t.pointName, {
    aliases: ['点位', '整治点位'],
    width: 30,
    note: '必填，不超过 200 字',
  }),
  column('address', '地址', 'text', (t) => t.address, { aliases: ['详细地址', '点位地址'], width: 30 }),
  column('lon', '经度', 'number', (t) => t.lon, { note: '如 119.95（73–136）' }),
  column('lat', '纬度', 'number', (t) => t.lat, { note: '如 31.70（3–54）' }),
  column('description', '问题描述', 'text', (t) => t.description, {
    aliases: ['存在问题'],
    width: 40,
    note: '必填，不超过 4000 字',
  }),
  column('requirement', '整改要求', 'text', (t) => t.requirement, { aliases: ['整治要求'], width: 40 }),
  column('responsibleOrgName', '责任单位', 'text', (t) => t.orgName, {
    width: 24,
    note: '平台中的单位全称或简称，如 湖塘镇人民政府',
  }),
  column('responsiblePerson', '责任人', 'text', (t) => t.responsiblePerson),
  column('startOn', '开始日期', 'date', (t) => t.startOn, {
    aliases: ['开始时间'],
    note: '必填，如 2025-06-01',
  }),
  column('dueOn', '计划完成日期', 'date', (t) => t.dueOn, {
    aliases: ['计划完成时间', '完成时限', '整改时限'],
    note: '必填，不能早于开始日期',
  }),
  ...QUANTITY_COLUMNS,
  {
    ...column(
      'investment',
      '投资(万元)',
      'money',
      (t) => (t.investmentYuan === null ? null : t.investmentYuan / YUAN_PER_WAN),
      { aliases: ['投资额', '项目投资'], note: '只填微更新项目，单位万元' },
    ),
    unit: 'wan',
  },
  column('status', '状态', 'text', (t) => (t.status ? TASK_STATUS_LABELS[t.status] : null), {
    exportOnly: true,
    note: '只读：在任务页逐步办理',
  }),
  column('light', '亮灯', 'text', (t) => (t.light ? LIGHT_LABELS[t.light] : null), { exportOnly: true }),
  column('daysLate', '逾期天数', 'text', (t) => t.daysLate, { exportOnly: true }),
  column('completedOn', '实际完成日期', 'text', (t) => t.completedOn, { exportOnly: true }),
  column('acceptedOn', '验收日期', 'text', (t) => t.acceptedOn, { exportOnly: true }),
];
/** The columns an import writes (not the number that matches, not the read-only state). */
export const IMPORTED_COLUMNS = TASK_SHEET_COLUMNS.filter((c) => !c.exportOnly && c.key !== 'taskNo');
export const sheetLabelOf = (key: string) => TASK_SHEET_COLUMNS.find((c) => c.key === key)?.label ?? key;
/** The sheet column of a field of the form (a zod issue's path), for an error's place. */
export const COLUMN_OF: Partial<Record<string, string>> = {
  categoryCode: 'category',
  batchId: 'batchName',
  regionId: 'regionName',
  responsibleOrgId: 'responsibleOrgName',
  investmentYuan: 'investment',
};

/** What the notes sheet of the template and the export says. */
export const TASK_SHEET_NOTES: [string, string][] = [
  ['【用途】', '一个专项行动的整治任务，每行一个点位；导入时在页面上选择行动'],
  ['【匹配】', '任务编号是本行动中您范围内的任务时更新该任务，否则登记为新任务（待整治）'],
  ['【空白单元格】', '表示不修改原值'],
  ['【数量】', '只填本行类别的数量列；填在其他类别的列中是错误'],
  ['【只读列】', '导出表中的状态、亮灯、逾期天数、实际完成日期、验收日期不会导入'],
  ...TASK_SHEET_COLUMNS.filter((c) => c.note).map((c): [string, string] => [c.header, c.note ?? '']),
];

/** The template's example row (a fictional point). */
export const TASK_TEMPLATE_EXAMPLE: SheetTask = {
  taskNo: null,
  batchName: '第一批',
  categoryCode: 'G1',
  categoryName: '违章搭建整治',
  regionName: '湖塘镇',
  village: '马杭社区',
  pointName: '示例：马杭社区菜场东侧违章棚屋',
  address: '湖塘镇马杭路88号东侧',
  lon: 119.95,
  lat: 31.7,
  description: '菜场东侧彩钢棚违章搭建约120平方米，占用消防通道',
  requirement: '全部拆除并清理场地，恢复消防通道',
  orgName: '湖塘镇人民政府',
  responsiblePerson: '张三',
  startOn: '2025-06-01',
  dueOn: '2025-06-30',
  quantities: { demolishedM2: 120, structures: 1 },
  investmentYuan: null,
  status: null,
  light: null,
  daysLate: null,
  completedOn: null,
  acceptedOn: null,
};

/** The template's columns: the export's, without the read-only state. */
export const TEMPLATE_COLUMNS = TASK_SHEET_COLUMNS.filter((c) => !c.exportOnly);
export const sheetRowOf = (t: SheetTask, columns: readonly SheetCol[] = TASK_SHEET_COLUMNS): CellValue[] =>
  columns.map((c) => c.read(t));

export function sheetTaskOf(
  t: Values & Partial<Pick<TaskRow, 'status' | 'completedOn' | 'acceptedOn'>> & { taskNo: string | null },
  names: Names,
  light?: TaskLight,
): SheetTask {
  return {
    ...t,
    ...names,
    status: t.status ?? null,
    completedOn: t.completedOn ?? null,
    acceptedOn: t.acceptedOn ?? null,
    light: light?.light ?? null,
    daysLate: light?.daysLate ?? null,
  };
}

const WAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
/** A cell as the preview shows it; other numbers in full, so that any change shows. */
export function displayCell(value: CellValue, kind: SheetCol['kind']): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') return kind === 'money' ? `${WAN.format(value)} 万元` : String(value);
  return String(value);
}

export type TaskExportQuery = {
  campaignId: string;
  batchId?: string | undefined;
  regionId?: string | undefined;
  status?: TaskStatus | 'open' | undefined;
};

/** The campaign's tasks in the caller's scope, filtered as the list is, as the sheet's rows by number. */
export async function* exportTaskRows(
  deps: { db: Db; clock: Clock; campaigns: CampaignsService },
  principal: Principal,
  query: TaskExportQuery,
): AsyncGenerator<SheetTask> {
  const { db, clock, campaigns } = deps;
  await campaigns.load(principal, query.campaignId);
  const rules = await campaigns.lightRules();
  const day = shanghaiDate(clock.now());
  const filters: SQL[] = [
    eq(campaignTasks.campaignId, query.campaignId),
    isNull(campaignTasks.deletedAt),
    regionInScope(principal, campaignTasks.regionId),
  ];
  if (query.batchId) filters.push(eq(campaignTasks.batchId, query.batchId));
  if (query.regionId)
    filters.push(
      sql`${campaignTasks.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT path FROM regions WHERE id = ${query.regionId}) || '%')`,
    );
  if (query.status === 'open') filters.push(inArray(campaignTasks.status, [...TASK_OPEN_STATUSES]));
  else if (query.status) filters.push(eq(campaignTasks.status, query.status));
  for (let after = ''; ; ) {
    const rows = await db
      .select({
        t: campaignTasks,
        batchName: campaignBatches.name,
        categoryName: campaignCategories.name,
        regionName: regions.name,
        orgName: orgs.name,
      })
      .from(campaignTasks)
      .leftJoin(campaignBatches, eq(campaignBatches.id, campaignTasks.batchId))
      .innerJoin(campaignCategories, eq(campaignCategories.code, campaignTasks.categoryCode))
      .innerJoin(regions, eq(regions.id, campaignTasks.regionId))
      .leftJoin(orgs, eq(orgs.id, campaignTasks.responsibleOrgId))
      .where(and(...filters, gt(campaignTasks.taskNo, after)))
      .orderBy(asc(campaignTasks.taskNo))
      .limit(EXPORT_BATCH);
    for (const r of rows) yield sheetTaskOf(r.t, r, taskLight(r.t, day, rules));
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_BATCH) return;
    after = last.t.taskNo;
  }
}
