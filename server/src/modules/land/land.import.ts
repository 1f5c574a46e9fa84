import { parcelFields } from '@groundbreak/contract';
import {
  type CellValue,
  M2_PER_MU,
  PARCEL_STATUS_LABELS,
  type ParcelStatus,
  type Table,
} from '@groundbreak/domain';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Db } from '../../db/database';
import { parcels, regions } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { Importer, RowChange, RowPlan, StoredRow } from '../../lib/imports/import-jobs';
import { rowErrors } from '../../lib/imports/row-errors';
import { regionWithinScope } from '../../lib/scope';
import type { AuditRecord, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import { createLandRepository, type ParcelRow } from './land.repository';
import { PARCEL_SHEET_COLUMNS, SHEET_START_STATUSES, type SheetParcel } from './land.sheet';

// The parcel sheet import (地块台账), on the same two steps as the project sheet: every row planned into a
// preview (create, update with each field's before and after, unchanged, or error with the column), then
// all rows written in one transaction or none. A row is matched by 地块编号; a blank cell leaves the field
// as it is; 所属板块 is resolved within the importer's scope; a parcel of another 板块 is an error.

const FIELDS = [
  'name',
  'unitCode',
  'location',
  'boundary',
  'areaM2',
  'use',
  'source',
  'plotRatioMin',
  'plotRatioMax',
  'buildingCoverageMin',
  'greenRatioMax',
  'heightLimitM',
  'intensityMinWanPerMu',
  'taxMinWanPerMu',
  'industries',
  'conversionBatch',
  'conversionApprovalNo',
  'conversionApprovedOn',
  'conversionAuthority',
  'conversionValidUntil',
  'readyOn',
] as const;
type Field = (typeof FIELDS)[number];
const sheetFields = parcelFields.pick(
  Object.fromEntries(FIELDS.map((f) => [f, true])) as Record<Field, true>,
);

const nameKey = (text: string) => text.normalize('NFKC').replace(/\s/g, '');
const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });

function display(value: CellValue): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return NUMBER.format(value);
  return String(value);
}

/** Field changes as the preview shows them, in the sheet's own terms. */
function diff(table: Table, before: SheetParcel | null, after: SheetParcel): RowChange[] {
  const keys = new Set(
    before ? table.columns.map((c) => c.spec.key) : PARCEL_SHEET_COLUMNS.map((c) => c.key),
  );
  const changes: RowChange[] = [];
  for (const spec of PARCEL_SHEET_COLUMNS) {
    if (!keys.has(spec.key) || spec.key === 'parcelNo' || spec.key === 'areaMu') continue;
    if (before && spec.key === 'status') continue;
    const was = before ? display(spec.read(before)) : '';
    const now = display(spec.read(after));
    if (was !== now) changes.push({ field: spec.key, label: spec.label, before: was, after: now });
  }
  return changes;
}

export function createParcelImporter(deps: { db: Db; clock: Clock; audit: AuditRepository }): Importer {
  const { db, clock, audit } = deps;

  return {
    kind: 'parcels',
    title: '地块',
    columns: PARCEL_SHEET_COLUMNS,
    action: 'land.write',

    async plan({ principal, tables, earlier, progress }) {
      const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
      const all = tables.flatMap((table) => table.rows.map((row) => ({ table, row })));
      const subareas = await db
        .select({ id: regions.id, name: regions.name, aliases: regions.aliases })
        .from(regions)
        .where(
          and(
            eq(regions.level, 'subarea'),
            isNull(regions.deletedAt),
            regionWithinScope(principal, regions.id),
          ),
        );
      const regionByName = new Map<string, string>();
      for (const r of subareas) for (const n of [r.name, ...r.aliases]) regionByName.set(nameKey(n), r.id);
      const regionName = new Map(subareas.map((r) => [r.id, r.name]));
      const allRegionNames = new Map(
        (await db.select({ id: regions.id, name: regions.name }).from(regions)).map((r) => [r.id, r.name]),
      );
      const numbers = [
        ...new Set(all.map((r) => text(r.row.values.parcelNo)).filter((n): n is string => n !== null)),
      ];
      const land = createLandRepository(db);
      const existing = new Map<string, ParcelRow>();
      for (let i = 0; i < numbers.length; i += 5000) {
        for (const p of await land.findByNos(numbers.slice(i, i + 5000))) existing.set(p.parcelNo, p);
      }
      const earlierIds = [...new Set(earlier.values())];
      const byId = new Map<string, ParcelRow>();
      if (earlierIds.length > 0) {
        for (const p of await db
          .select()
          .from(parcels)
          .where(and(inArray(parcels.id, earlierIds), isNull(parcels.deletedAt)))) {
          byId.set(p.id, p);
        }
      }
      const defaultRegion = subareas.length === 1 ? (subareas[0]?.id ?? null) : null;
      const seen = new Map<string, number>();
      const out: RowPlan[] = [];

      for (const [index, { table, row }] of all.entries()) {
        const { errors, errorAt, columnOf } = rowErrors(table, row, {
          labelOf: (key) => PARCEL_SHEET_COLUMNS.find((c) => c.key === key)?.label ?? key,
        });
        const warnings: string[] = [];
        const values = row.values;
        const parcelNo = text(values.parcelNo);
        const earlierId = earlier.get(`${row.sheet}!${row.row}`);
        let target = parcelNo ? existing.get(parcelNo) : undefined;
        if (!target && earlierId) target = byId.get(earlierId);
        if (!parcelNo) errorAt('parcelNo', '请填写地块编号');
        else if (parcelNo.length > 40) errorAt('parcelNo', '地块编号不能超过 40 字');
        else {
          const first = seen.get(parcelNo);
          if (first !== undefined) errorAt('parcelNo', `与第 ${first} 行的地块编号相同`);
          else seen.set(parcelNo, row.row);
        }
        if (target && !regionName.has(target.regionId)) {
          errorAt('parcelNo', '该地块编号属于您数据范围以外的板块');
          target = undefined;
        }

        const patch: Record<string, unknown> = {};
        for (const key of FIELDS) {
          const v = values[key];
          if (v === null || v === undefined) continue;
          if (v instanceof Date) patch[key] = v.toISOString().slice(0, 10);
          else patch[key] = typeof v === 'string' ? v.trim() : v;
        }
        // An area column headed in 亩 (面积（亩）) holds 亩, whatever the column is called.
        if (typeof patch.areaM2 === 'number' && /亩/.test(columnOf('areaM2')?.header ?? '')) {
          patch.areaM2 = Math.round((patch.areaM2 as number) * M2_PER_MU * 100) / 100;
        }
        if (patch.areaM2 === undefined && typeof values.areaMu === 'number') {
          patch.areaM2 = Math.round(values.areaMu * M2_PER_MU * 100) / 100;
        }
        // 建筑密度 and 绿地率 are written in per cent; stored as fractions.
        for (const key of ['buildingCoverageMin', 'greenRatioMax'] as const) {
          if (typeof patch[key] === 'number') patch[key] = Math.round((patch[key] as number) * 100) / 10_000;
        }
        if (typeof patch.industries === 'string') {
          patch.industries = (patch.industries as string)
            .split(/[、,，;；\s]+/)
            .map((s) => s.trim())
            .filter(Boolean);
        }
        const regionText = text(values.regionName);
        if (regionText) {
          const id = regionByName.get(nameKey(regionText));
          if (!id) errorAt('regionName', `所属板块“${regionText}”不存在或不在您的数据范围内`);
          else if (!target || target.regionId !== id) patch.regionId = id;
        }
        const parsed = sheetFields.partial().safeParse(patch);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const field = String(issue.path[0] ?? '');
            const label = PARCEL_SHEET_COLUMNS.find((c) => c.key === field)?.label ?? field;
            errorAt(
              field,
              issue.code === 'too_big' || issue.code === 'too_small'
                ? `${label}超出允许的范围`
                : `${label}格式不正确`,
            );
            delete patch[field];
          }
        }
        const sheetStatus = values.status as ParcelStatus | null | undefined;

        let action: RowPlan['action'];
        let label: string;
        let changes: RowChange[] = [];
        let stored: Record<string, unknown> | null = null;
        if (target) {
          label = `${target.name}（${target.parcelNo}）`;
          for (const key of Object.keys(patch)) {
            if (JSON.stringify(patch[key]) === JSON.stringify(target[key as keyof ParcelRow]))
              delete patch[key];
          }
          if (sheetStatus && sheetStatus !== target.status) {
            warnings.push(
              `表中状态为“${PARCEL_STATUS_LABELS[sheetStatus]}”，系统中为“${PARCEL_STATUS_LABELS[target.status as ParcelStatus]}”：状态须在地块页变更，导入不改变状态`,
            );
          }
          const merged = { ...target, ...patch } as ParcelRow;
          checkMerged(merged, errorAt);
          const view = (p: ParcelRow): SheetParcel => ({
            ...p,
            regionName: allRegionNames.get(p.regionId) ?? '',
          });
          changes = diff(table, view(target), view(merged));
          action = errors.length > 0 ? 'error' : Object.keys(patch).length > 0 ? 'update' : 'unchanged';
          stored = { values: patch };
        } else {
          label = text(values.name) ?? parcelNo ?? `${row.sheet} 第 ${row.row} 行`;
          if (!patch.regionId && !regionText && defaultRegion) patch.regionId = defaultRegion;
          if (!patch.name) errorAt('name', '新地块须填写地块名称');
          if (!patch.regionId) errorAt('regionName', '新地块须填写所属板块');
          if (patch.areaM2 === undefined) errorAt('areaM2', '新地块须填写面积（平方米或亩）');
          if (!patch.use) errorAt('use', '新地块须选择规划用途');
          const status = sheetStatus ?? 'planned';
          if (!SHEET_START_STATUSES.includes(status)) {
            errorAt('status', '新地块的状态须为 规划预留、批而未供 或 储备(净地)');
          }
          const draft = {
            parcelNo: parcelNo ?? '',
            source: 'new',
            industries: [],
            ...patch,
            status,
          } as unknown as ParcelRow;
          checkMerged(draft, errorAt);
          changes = diff(table, null, { ...draft, regionName: allRegionNames.get(draft.regionId) ?? '' });
          action = errors.length > 0 ? 'error' : 'create';
          stored = { values: { ...patch, parcelNo, source: patch.source ?? 'new', status } };
        }
        out.push({
          sheet: row.sheet,
          rowNumber: row.row,
          action,
          targetId: target?.id ?? null,
          targetVersion: target?.version ?? null,
          matchedBy: target ? (parcelNo && existing.has(parcelNo) ? 'parcelNo' : 'earlierImport') : null,
          label,
          patch: action === 'error' || action === 'unchanged' ? null : stored,
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
      const land = createLandRepository(tx);
      const where = (r: StoredRow) => `工作表“${r.sheet}”第 ${r.rowNumber} 行`;
      const created = new Map<number, string>();
      const records: AuditRecord[] = [];
      const touched: string[] = [];
      let done = 0;
      for (const r of rows) {
        const values = (r.patch as { values: Record<string, unknown> }).values;
        if (r.action === 'update') {
          const [current] = await tx
            .select()
            .from(parcels)
            .where(and(eq(parcels.id, r.targetId as string), isNull(parcels.deletedAt)))
            .for('update');
          if (!current || current.version !== r.targetVersion) {
            throw new AppError(
              'VERSION_CONFLICT',
              `${where(r)}的地块“${r.label}”在预览之后已被修改或删除，请重新上传`,
            );
          }
          if (!(await inScope(tx, principal, current.regionId))) {
            throw new AppError('FORBIDDEN', `${where(r)}的地块不在您的数据范围内`);
          }
          await land.update(tx, current.id, current.version, {
            ...values,
            updatedAt: now,
            updatedBy: principal.userId,
          });
          touched.push(current.id);
          records.push({
            action: 'parcel.update',
            objectType: 'parcel',
            objectId: current.id,
            result: 'success',
            summary: {
              importJobId: jobId,
              before: Object.fromEntries(Object.keys(values).map((k) => [k, current[k as keyof ParcelRow]])),
              after: values,
            },
          });
        } else if (r.action === 'create') {
          if (await land.numberTaken(values.parcelNo as string, undefined, tx)) {
            throw new AppError(
              'CONFLICT',
              `${where(r)}的地块编号“${String(values.parcelNo)}”在预览之后已被登记，请重新上传`,
            );
          }
          if (!(await inScope(tx, principal, values.regionId as string))) {
            throw new AppError('FORBIDDEN', `${where(r)}的所属板块不在您的数据范围内`);
          }
          const row = await land.insert(tx, {
            ...(values as typeof parcels.$inferInsert),
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          });
          created.set(r.seq, row.id);
          touched.push(row.id);
          records.push({
            action: 'parcel.create',
            objectType: 'parcel',
            objectId: row.id,
            result: 'success',
            summary: { importJobId: jobId, after: values },
          });
        }
        done++;
        if (done % 500 === 0) await progress(done);
      }
      await land.recountLists(tx, shanghaiDate(now), { ids: touched });
      await audit.appendMany(tx, actor, records, now);
      return created;
    },
  };
}

async function inScope(tx: Db, principal: Principal, regionId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: regions.id })
    .from(regions)
    .where(
      and(eq(regions.id, regionId), eq(regions.level, 'subarea'), regionWithinScope(principal, regions.id)),
    );
  return row !== undefined;
}

/** The checks across fields the parcel form makes, as errors of the row. */
function checkMerged(p: ParcelRow, errorAt: (key: string, message: string) => void) {
  if (p.plotRatioMin != null && p.plotRatioMax != null && p.plotRatioMin > p.plotRatioMax) {
    errorAt('plotRatioMax', '容积率上限不能低于下限');
  }
  if (p.conversionApprovedOn && p.conversionValidUntil && p.conversionValidUntil < p.conversionApprovedOn) {
    errorAt('conversionValidUntil', '批文有效期不能早于批准日期');
  }
  if (p.status === 'approved_unsupplied' && !p.conversionApprovalNo) {
    errorAt('conversionApprovalNo', '批而未供地块须填写农转用/征收批准文号');
  }
}
