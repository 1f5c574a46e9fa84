import { formatWan, isValidUscc, type Table } from '@groundbreak/domain';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../clock';
import { shanghaiDate } from '../../clock';
import type { Db } from '../../db/database';
import { muEvaluations } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { Importer, RowChange, RowPlan } from '../../lib/imports/import-jobs';
import { rowErrors } from '../../lib/imports/row-errors';
import type { AuditRecord, AuditRepository } from '../audit/audit.repository';
import { labelOf, MU_FIELDS, MU_SHEET_COLUMNS, type MuField } from './mu.sheet';

// 亩均评价 from a sheet (the district's yearly result, handed over by 工信 as Excel): a row is an enterprise
// (by 统一社会信用代码, checksum verified) and a year. A pair already on the platform is updated — so a
// corrected file of a year replaces that year's figures — a new pair is added; a repeated pair in the file
// is an error; a blank cell keeps what is stored. All rows or none, as every import.

type MuRow = typeof muEvaluations.$inferSelect;
type Values = { [K in MuField]: MuRow[K] };
type Stored = { uscc: string; year: number; values: Partial<Values> };

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const MONEY = new Set<MuField>(['salesYuan', 'taxYuan', 'rdYuan']);
const QUERY_CHUNK = 2000;

function display(field: MuField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (MONEY.has(field)) return `${formatWan(value as number, 2)} 万元`;
  return String(value);
}

export function createMuImporter(deps: { db: Db; clock: Clock; audit: AuditRepository }): Importer {
  const { db, clock, audit } = deps;

  return {
    kind: 'mu-evaluations',
    title: '亩均评价',
    columns: MU_SHEET_COLUMNS,
    action: 'evaluation.admin',

    async plan({ tables, progress }) {
      const all = tables.flatMap((table: Table) => table.rows.map((row) => ({ table, row })));
      const usccs = [
        ...new Set(all.map((r) => str(r.row.values.uscc)?.toUpperCase()).filter((u): u is string => !!u)),
      ];
      const existing = new Map<string, MuRow>();
      for (let i = 0; i < usccs.length; i += QUERY_CHUNK) {
        for (const r of await db
          .select()
          .from(muEvaluations)
          .where(
            and(
              inArray(muEvaluations.uscc, usccs.slice(i, i + QUERY_CHUNK)),
              isNull(muEvaluations.deletedAt),
            ),
          ))
          existing.set(`${r.uscc}|${r.year}`, r);
      }
      const thisYear = Number(shanghaiDate(clock.now()).slice(0, 4));
      const seen = new Map<string, number>();
      const out: RowPlan[] = [];
      for (const [index, { table, row }] of all.entries()) {
        const { errors, errorAt } = rowErrors(table, row, { labelOf });
        const v = row.values;
        const uscc = str(v.uscc)?.toUpperCase().replace(/\s/g, '') ?? null;
        if (!uscc) errorAt('uscc', '请填写统一社会信用代码');
        else if (!isValidUscc(uscc))
          errorAt('uscc', `“${uscc}”不是有效的统一社会信用代码（位数、字符或校验位不对）`);
        const name = str(v.enterpriseName);
        if (!name) errorAt('enterpriseName', '请填写企业名称');
        else if (name.length > 100) errorAt('enterpriseName', '企业名称不能超过 100 字');
        const year = v.year;
        if (year === null || year === undefined) errorAt('year', '请填写评价年度（如 2025）');
        else if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > thisYear)
          errorAt('year', `评价年度应为 2000 至 ${thisYear} 之间的年份`);
        if (!v.muClass) errorAt('muClass', '请填写评价类别（A、B、C、D 或 T）');
        for (const key of ['score', 'landMu', 'energyTce', 'employees'] as const) {
          const n = v[key];
          if (n === null || n === undefined) continue;
          if (typeof n !== 'number' || n < 0) errorAt(key, `${labelOf(key)}不能为负数`);
          else if (key === 'employees' && !Number.isInteger(n)) errorAt(key, '年平均职工人数应为整数');
          else if (key === 'score' && n > 1000) errorAt(key, '综合得分超出范围');
        }
        const key = uscc && typeof year === 'number' ? `${uscc}|${year}` : null;
        if (key) {
          const first = seen.get(key);
          if (first !== undefined) errorAt('uscc', `与第 ${first} 行是同一企业同一年度`);
          else seen.set(key, row.row);
        }
        const current = key ? existing.get(key) : undefined;
        // As every import: a blank cell leaves the stored figure as it is.
        const cell = <K extends MuField>(key: K): Values[K] => {
          const value = key === 'enterpriseName' ? name : v[key];
          return (value === null || value === undefined ? (current?.[key] ?? null) : value) as Values[K];
        };
        const incoming: Values = {
          enterpriseName: cell('enterpriseName') ?? '',
          muClass: cell('muClass') ?? 'T',
          score: cell('score'),
          salesYuan: cell('salesYuan'),
          taxYuan: cell('taxYuan'),
          landMu: cell('landMu'),
          energyTce: cell('energyTce'),
          employees: cell('employees'),
          rdYuan: cell('rdYuan'),
        };
        const changes: RowChange[] = [];
        for (const field of MU_FIELDS) {
          const before = current ? display(field, current[field]) : '';
          const after = display(field, incoming[field]);
          if (before !== after) changes.push({ field, label: labelOf(field), before, after });
        }
        const action: RowPlan['action'] =
          errors.length > 0 ? 'error' : !current ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
        const stored: Stored = {
          uscc: uscc ?? '',
          year: typeof year === 'number' ? year : 0,
          values: Object.fromEntries(changes.map((c) => [c.field, incoming[c.field as MuField]])),
        };
        out.push({
          sheet: row.sheet,
          rowNumber: row.row,
          action,
          targetId: current?.id ?? null,
          targetVersion: current?.version ?? null,
          matchedBy: current ? 'usccYear' : null,
          label:
            name && typeof year === 'number' ? `${name}（${year}年度）` : `${row.sheet} 第 ${row.row} 行`,
          patch: action === 'create' || action === 'update' ? stored : null,
          changes,
          errors,
          warnings: [],
        });
        if (index % 500 === 499) await progress(index + 1);
      }
      return out;
    },

    async commit(tx, { actor, jobId, rows, progress }) {
      const now = clock.now();
      const where = (r: { sheet: string; rowNumber: number }) => `工作表“${r.sheet}”第 ${r.rowNumber} 行`;
      const created = new Map<number, string>();
      const records: AuditRecord[] = [];
      let done = 0;
      for (const r of rows) {
        const p = r.patch as Stored;
        if (r.action === 'update') {
          const [current] = await tx
            .select()
            .from(muEvaluations)
            .where(and(eq(muEvaluations.id, r.targetId as string), isNull(muEvaluations.deletedAt)))
            .for('update');
          if (!current || current.version !== r.targetVersion)
            throw new AppError('VERSION_CONFLICT', `${where(r)}“${r.label}”在预览之后已被修改，请重新上传`);
          await tx
            .update(muEvaluations)
            .set({
              ...p.values,
              importJobId: jobId,
              version: sql`${muEvaluations.version} + 1`,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .where(eq(muEvaluations.id, current.id));
          records.push({
            action: 'mu_evaluation.update',
            objectType: 'mu_evaluation',
            objectId: current.id,
            result: 'success',
            summary: {
              uscc: p.uscc,
              year: p.year,
              before: Object.fromEntries(Object.keys(p.values).map((k) => [k, current[k as MuField]])),
              after: p.values,
              importJobId: jobId,
            },
          });
        } else if (r.action === 'create') {
          const [row] = await tx
            .insert(muEvaluations)
            .values({
              ...(p.values as Values),
              uscc: p.uscc,
              year: p.year,
              importJobId: jobId,
              createdAt: now,
              createdBy: actor.userId,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .onConflictDoNothing()
            .returning({ id: muEvaluations.id });
          if (!row) throw new AppError('CONFLICT', `${where(r)}“${r.label}”在预览之后已有人导入，请重新上传`);
          created.set(r.seq, row.id);
          records.push({
            action: 'mu_evaluation.create',
            objectType: 'mu_evaluation',
            objectId: row.id,
            result: 'success',
            summary: { uscc: p.uscc, year: p.year, after: p.values, importJobId: jobId },
          });
        }
        if (++done % 500 === 0) await progress(done);
      }
      await audit.appendMany(tx, actor, records, now);
      return created;
    },
  };
}
