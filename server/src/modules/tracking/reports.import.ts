import {
  type CellValue,
  checkReport,
  formatWan,
  isReportEditable,
  PROJECT_STATE_LABELS,
  type ProjectState,
  parseReportMonth,
  REPORT_STATUS_LABELS,
  REPORTING_STATES,
  type ReportKind,
  type ReportStatus,
  reportKindFor,
  type Table,
  YUAN_PER_WAN,
} from '@groundbreak/domain';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Db } from '../../db/database';
import { monthlyReports, projects } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { SheetColumn } from '../../lib/excel/write-workbook';
import type { Importer, RowChange, RowPlan } from '../../lib/imports/import-jobs';
import { rowErrors } from '../../lib/imports/row-errors';
import type { AuditRecord, AuditRepository } from '../audit/audit.repository';
import { projectInScope } from '../projects/projects.repository';

// A month's reports from a sheet (月报导入): the way a 板块 that collected its enterprises' figures in Excel
// hands them in. A row is a project (by 项目编号) and a month; it creates that month's report or updates
// its draft — a report already submitted, confirmed, or of a closed month is an error of the preview, as
// is a project outside the importer's scope or not in a reporting state. Imported reports are drafts:
// each is then submitted like one filled on screen (site photos are uploaded there). A blank cell leaves
// the field as it is; 自年初累计 is computed, as on screen, for the month and the year's later months.

type ReportRow = typeof monthlyReports.$inferSelect;
export type SheetReport = Partial<ReportRow> & { internalNo: string; projectName: string; month: string };
type Col = SheetColumn & { read: (r: SheetReport) => CellValue };

const wan = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? null : yuan / YUAN_PER_WAN;
const money = (key: keyof ReportRow & string, header: string, aliases: string[], note?: string): Col => ({
  key,
  label: header.replace(/（万元）$/, ''),
  header,
  aliases,
  kind: 'money',
  unit: 'wan',
  width: 14,
  read: (r) => wan(r[key] as number | null | undefined),
  ...(note ? { note } : {}),
});
const text = (key: string, header: string, aliases: string[], width: number, note?: string): Col => ({
  key,
  label: header,
  header,
  aliases,
  kind: 'text',
  width,
  read: (r) => ((r as Record<string, unknown>)[key] as string | null | undefined) ?? null,
  ...(note ? { note } : {}),
});

export const REPORT_SHEET_COLUMNS: readonly Col[] = [
  text(
    'internalNo',
    '项目编号',
    ['内部编号', '项目内部编号', '编号'],
    16,
    '必填；平台中的项目编号（如 WJ-2025-0001），按它找到项目',
  ),
  text('projectName', '项目名称', ['名称'], 30, '核对用：与平台中的名称不一致时预览中提示'),
  text('month', '月份', ['报告期', '填报月份', '年月', '所属月份'], 10, '必填；如 2025-03、2025年3月'),
  money(
    'monthYuan',
    '本月完成投资（万元）',
    ['本月完成投资', '本月投资', '当月完成投资'],
    '已开工项目必填（无投资填 0）',
  ),
  money('sinceStartYuan', '自开工累计完成投资（万元）', ['自开工累计', '开工累计完成投资', '累计完成投资']),
  money('equipmentYuan', '其中：设备投资（万元）', ['设备投资', '设备购置投资']),
  money('constructionYuan', '其中：建安投资（万元）', ['建安投资', '建筑安装工程投资']),
  text(
    'progressText',
    '形象进度',
    ['工程形象进度', '前期工作进展', '本月进展'],
    30,
    '已开工项目填形象进度；未开工项目填本月前期工作进展',
  ),
  text('workThisMonth', '本月主要工作', ['本月完成工作'], 30),
  text('workNextMonth', '下月工作计划', ['下月计划'], 30),
  text('problemsText', '存在问题', ['存在的问题', '问题及建议', '需协调解决的问题'], 30),
  {
    key: 'inStatistics',
    label: '是否入统',
    header: '是否入统',
    aliases: ['入统'],
    kind: 'yesno',
    width: 10,
    read: (r) =>
      r.inStatistics === null || r.inStatistics === undefined ? null : r.inStatistics ? '是' : '否',
  },
  money('statisticsYuan', '入统投资（万元）', ['入统金额', '入统数']),
  money('fundsInPlaceYuan', '到位资金（万元）', ['资金到位', '到位资金']),
  {
    key: 'workers',
    label: '用工人数',
    header: '用工人数',
    aliases: ['施工人数', '在岗人数'],
    kind: 'number',
    width: 10,
    read: (r) => r.workers ?? null,
  },
];

const FIELDS = [
  'monthYuan',
  'sinceStartYuan',
  'equipmentYuan',
  'constructionYuan',
  'progressText',
  'workThisMonth',
  'workNextMonth',
  'problemsText',
  'inStatistics',
  'statisticsYuan',
  'fundsInPlaceYuan',
  'workers',
] as const;
type Field = (typeof FIELDS)[number];
const TEXT_LIMITS: Partial<Record<Field, number>> = {
  progressText: 200,
  workThisMonth: 1000,
  workNextMonth: 1000,
  problemsText: 1000,
};
const MONEY_FIELDS = new Set<Field>([
  'monthYuan',
  'sinceStartYuan',
  'equipmentYuan',
  'constructionYuan',
  'statisticsYuan',
  'fundsInPlaceYuan',
]);

function display(field: Field, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (MONEY_FIELDS.has(field)) return `${formatWan(value as number, 2)} 万元`;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

const nameKey = (t: string) => t.normalize('NFKC').replace(/\s/g, '');
const QUERY_CHUNK = 2000;

export function createReportImporter(deps: { db: Db; clock: Clock; audit: AuditRepository }): Importer {
  const { db, clock, audit } = deps;

  return {
    kind: 'monthly-reports',
    title: '月报',
    columns: REPORT_SHEET_COLUMNS,
    action: 'report.write',

    async plan({ principal, tables, progress }) {
      const filler = ['enterprise', 'subarea_operator', 'drc'].some((r) =>
        principal.roles.includes(r as never),
      );
      const all = tables.flatMap((table: Table) => table.rows.map((row) => ({ table, row })));
      const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
      const numbers = [
        ...new Set(all.map((r) => str(r.row.values.internalNo)).filter((n): n is string => n !== null)),
      ];
      const found = new Map<string, typeof projects.$inferSelect>();
      for (let i = 0; i < numbers.length; i += QUERY_CHUNK) {
        const rows = await db
          .select()
          .from(projects)
          .where(
            and(
              inArray(projects.internalNo, numbers.slice(i, i + QUERY_CHUNK)),
              isNull(projects.deletedAt),
              projectInScope(principal),
            ),
          );
        for (const p of rows) found.set(p.internalNo, p);
      }
      const ids = [...found.values()].map((p) => p.id);
      const existing = new Map<string, ReportRow>();
      for (let i = 0; i < ids.length; i += QUERY_CHUNK) {
        for (const r of await db
          .select()
          .from(monthlyReports)
          .where(
            and(
              inArray(monthlyReports.projectId, ids.slice(i, i + QUERY_CHUNK)),
              isNull(monthlyReports.deletedAt),
            ),
          )) {
          existing.set(`${r.projectId}|${r.month}`, r);
        }
      }
      const closedRows = await db.execute<{ month: string; closed_on: string }>(
        sql`SELECT month, closed_on::text FROM tracking_months`,
      );
      const closed = new Map(closedRows.rows.map((r) => [r.month, r.closed_on]));
      const thisMonth = shanghaiDate(clock.now()).slice(0, 7);
      const seen = new Map<string, number>();
      const out: RowPlan[] = [];

      for (const [index, { table, row }] of all.entries()) {
        const { errors, errorAt } = rowErrors(table, row, {
          labelOf: (key) => REPORT_SHEET_COLUMNS.find((c) => c.key === key)?.label ?? key,
        });
        const warnings: string[] = [];
        const values = row.values;
        if (!filler) errorAt('internalNo', '月报由企业、板块或区发改填报');
        const internalNo = str(values.internalNo);
        const project = internalNo ? found.get(internalNo) : undefined;
        if (!internalNo) errorAt('internalNo', '请填写项目编号');
        else if (!project) errorAt('internalNo', `项目编号“${internalNo}”不存在或不在您的数据范围内`);
        else if (!(REPORTING_STATES as readonly string[]).includes(project.state)) {
          errorAt(
            'internalNo',
            `项目处于“${PROJECT_STATE_LABELS[project.state as ProjectState]}”，无需填报月报`,
          );
        }
        const sheetName = str(values.projectName);
        if (project && sheetName && nameKey(sheetName) !== nameKey(project.name)) {
          warnings.push(`表中项目名称“${sheetName}”与平台中的“${project.name}”不一致，按项目编号导入`);
        }
        const monthText = str(values.month);
        const month = monthText ? parseReportMonth(monthText) : null;
        if (!monthText) errorAt('month', '请填写月份（如 2025-03）');
        else if (!month) errorAt('month', `“${monthText}”不是月份，请写成 2025-03 或 2025年3月`);
        else if (month > thisMonth) errorAt('month', `${month} 尚未开始，不能填报月报`);
        if (project && month) {
          const key = `${project.id}|${month}`;
          const first = seen.get(key);
          if (first !== undefined) errorAt('month', `与第 ${first} 行是同一项目同一月份`);
          else seen.set(key, row.row);
        }

        const patch: Partial<Record<Field, unknown>> = {};
        for (const field of FIELDS) {
          const v = values[field];
          if (v === null || v === undefined) continue;
          if (field === 'workers') {
            if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1_000_000) {
              errorAt(field, '用工人数应为 0 以上的整数');
              continue;
            }
          }
          if (typeof v === 'string') {
            const limit = TEXT_LIMITS[field];
            if (limit && v.trim().length > limit) {
              errorAt(
                field,
                `${REPORT_SHEET_COLUMNS.find((c) => c.key === field)?.label ?? field}不能超过 ${limit} 字`,
              );
              continue;
            }
            patch[field] = v.trim();
          } else {
            patch[field] = v;
          }
        }

        const current = project && month ? existing.get(`${project.id}|${month}`) : undefined;
        const status = (current?.status as ReportStatus | undefined) ?? 'draft';
        const locked = current !== undefined && !isReportEditable(status);
        const kind: ReportKind =
          project && month ? reportKindFor(project.actualStartOn ?? null, month) : 'construction';
        const merged = Object.fromEntries(
          FIELDS.map((f) => [f, f in patch ? patch[f] : ((current?.[f] as unknown) ?? null)]),
        ) as Record<Field, unknown>;
        const checked = checkReport({
          kind,
          monthYuan: merged.monthYuan as number | null,
          sinceStartYuan: merged.sinceStartYuan as number | null,
          equipmentYuan: merged.equipmentYuan as number | null,
          constructionYuan: merged.constructionYuan as number | null,
          progressText: merged.progressText as string | null,
          nodePercent: null,
          photoCount: current?.photoIds.length ?? 0,
          totalInvestmentYuan: project?.totalInvestment ?? null,
        });
        // As on screen: a draft may be incomplete; what no later step can make right is refused now.
        for (const e of checked.errors) {
          if (['monthYuan', 'progressText', 'photos'].includes(e.field)) continue;
          errorAt(e.field, e.message);
        }
        const owed = checked.errors.filter((e) => ['monthYuan', 'progressText', 'photos'].includes(e.field));
        if (owed.length > 0 && !locked && !(month && closed.has(month)))
          warnings.push(`提交前还需：${owed.map((e) => e.message).join('；')}`);
        for (const w of checked.warnings) warnings.push(w.message);

        const changes: RowChange[] = [];
        for (const field of FIELDS) {
          if (!(field in patch)) continue;
          const before = current ? display(field, current[field]) : '';
          const after = display(field, patch[field]);
          if (before !== after) {
            changes.push({
              field,
              label: REPORT_SHEET_COLUMNS.find((c) => c.key === field)?.label ?? field,
              before,
              after,
            });
          }
        }
        // A report already handed in reads back as unchanged (an export of the month imports back); a change
        // to it is refused.
        // So does a closed month's: an export of it imports back; a change or a new report is refused.
        const closedOn = month ? closed.get(month) : undefined;
        if (closedOn && project && (changes.length > 0 || !current)) {
          errorAt('month', `${month} 已于${closedOn}关账，月报不能再修改`);
        }
        if (locked && changes.length > 0) {
          errorAt(
            'month',
            `${month} 的月报${REPORT_STATUS_LABELS[status]}，不能再修改（如需更正，请审核人退回后再导入）`,
          );
        }
        const label =
          project && month
            ? `${project.name}（${project.internalNo}）${month}`
            : `${row.sheet} 第 ${row.row} 行`;
        const action: RowPlan['action'] =
          errors.length > 0 ? 'error' : !current ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
        out.push({
          sheet: row.sheet,
          rowNumber: row.row,
          action,
          targetId: current?.id ?? null,
          targetVersion: current?.version ?? null,
          matchedBy: current ? 'projectMonth' : null,
          label,
          patch:
            action === 'create' || action === 'update'
              ? {
                  projectId: project?.id,
                  regionId: project?.regionId,
                  month,
                  kind,
                  values: Object.fromEntries(changes.map((c) => [c.field, patch[c.field as Field]])),
                }
              : null,
          changes,
          errors,
          warnings,
        });
        if (index % 500 === 499) await progress(index + 1);
      }
      return out;
    },

    async commit(tx, { principal, actor, jobId, rows, progress }) {
      const now = clock.now();
      const where = (r: { sheet: string; rowNumber: number }) => `工作表“${r.sheet}”第 ${r.rowNumber} 行`;
      type Stored = {
        projectId: string;
        regionId: string;
        month: string;
        kind: ReportKind;
        values: Record<string, unknown>;
      };
      const planned = rows.map((r) => ({ r, p: r.patch as Stored }));
      // A closed month takes no more changes: the same shared lock as a save, so no close slips between.
      for (const month of [...new Set(planned.map((x) => x.p.month))].sort()) {
        await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(hashtext(${`tracking_month:${month}`}))`);
        const { rows: found } = await tx.execute<{ closed_on: string }>(
          sql`SELECT closed_on::text FROM tracking_months WHERE month = ${month}`,
        );
        if (found[0])
          throw new AppError(
            'CONFLICT',
            `${month} 已于${found[0].closed_on}关账，月报不能再修改，请重新上传`,
          );
      }
      const projectIds = [...new Set(planned.map((x) => x.p.projectId))];
      const inScope = new Set<string>();
      for (let i = 0; i < projectIds.length; i += QUERY_CHUNK) {
        for (const p of await tx
          .select({ id: projects.id })
          .from(projects)
          .where(
            and(
              inArray(projects.id, projectIds.slice(i, i + QUERY_CHUNK)),
              isNull(projects.deletedAt),
              projectInScope(principal),
            ),
          )) {
          inScope.add(p.id);
        }
      }
      const created = new Map<number, string>();
      const records: AuditRecord[] = [];
      const years = new Set<string>();
      let done = 0;
      for (const { r, p } of planned) {
        if (!inScope.has(p.projectId)) throw new AppError('FORBIDDEN', `${where(r)}的项目不在您的数据范围内`);
        if (r.action === 'update') {
          const [current] = await tx
            .select()
            .from(monthlyReports)
            .where(and(eq(monthlyReports.id, r.targetId as string), isNull(monthlyReports.deletedAt)))
            .for('update');
          if (
            !current ||
            current.version !== r.targetVersion ||
            !isReportEditable(current.status as ReportStatus)
          ) {
            throw new AppError(
              'VERSION_CONFLICT',
              `${where(r)}的月报“${r.label}”在预览之后已被修改或提交，请重新上传`,
            );
          }
          await tx
            .update(monthlyReports)
            .set({
              ...p.values,
              kind: p.kind,
              version: sql`${monthlyReports.version} + 1`,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .where(eq(monthlyReports.id, current.id));
          records.push({
            action: 'report.import',
            objectType: 'project',
            objectId: p.projectId,
            result: 'success',
            summary: {
              importJobId: jobId,
              month: p.month,
              before: Object.fromEntries(
                Object.keys(p.values).map((k) => [k, current[k as keyof ReportRow]]),
              ),
              after: p.values,
            },
          });
        } else if (r.action === 'create') {
          const inserted = await tx
            .insert(monthlyReports)
            .values({
              ...p.values,
              projectId: p.projectId,
              regionId: p.regionId,
              month: p.month,
              kind: p.kind,
              status: 'draft',
              createdAt: now,
              createdBy: actor.userId,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .onConflictDoNothing()
            .returning({ id: monthlyReports.id });
          const id = inserted[0]?.id;
          if (!id)
            throw new AppError('CONFLICT', `${where(r)}的月报“${r.label}”在预览之后已有人填报，请重新上传`);
          created.set(r.seq, id);
          records.push({
            action: 'report.import',
            objectType: 'project',
            objectId: p.projectId,
            result: 'success',
            summary: { importJobId: jobId, month: p.month, after: p.values },
          });
        }
        years.add(`${p.projectId}|${p.month.slice(0, 4)}`);
        done++;
        if (done % 500 === 0) await progress(done);
      }
      // 自年初累计 of every month of each touched project's year, as a save computes it.
      for (const key of years) {
        const [projectId, year] = key.split('|') as [string, string];
        await tx.execute(sql`
          UPDATE monthly_reports m SET ytd_yuan = (
            SELECT sum(e.month_yuan) FROM monthly_reports e
             WHERE e.project_id = m.project_id AND e.deleted_at IS NULL AND e.month >= ${`${year}-01`} AND e.month <= m.month)
           WHERE m.project_id = ${projectId}::uuid AND m.deleted_at IS NULL
             AND m.month BETWEEN ${`${year}-01`} AND ${`${year}-12`} AND m.month_yuan IS NOT NULL`);
      }
      await audit.appendMany(tx, actor, records, now);
      return created;
    },
  };
}
