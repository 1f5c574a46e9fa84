import { PROJECT_STATE_LABELS, projectFields } from '@groundbreak/contract';
import {
  type CellValue,
  checkUscc,
  maskPhone,
  normalizeProjectCode,
  PROJECT_FIELD_LABELS,
  type ProjectFieldKey,
  type ProjectState,
  type Table,
} from '@groundbreak/domain';
import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Db } from '../../db/database';
import {
  enterprises,
  orgs,
  projectStateChanges,
  projects,
  projectYearPlans,
  regions,
  users,
} from '../../db/schema/index';
import { AppError } from '../../errors';
import type { Importer, RowChange, RowPlan, StoredRow } from '../../lib/imports/import-jobs';
import { rowErrors } from '../../lib/imports/row-errors';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRecord, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import { type ExportProject, PROJECT_SHEET_COLUMNS } from './project-sheet';
import {
  type ProjectRow,
  type ProjectsRepository,
  type ProjectValues,
  projectInScope,
} from './projects.repository';
import {
  abilitiesOf,
  type Column,
  clean,
  EDITABLE_COLUMNS,
  type ProjectsService,
  type RecordLookups,
} from './projects.service';

// The project sheet import. A row is matched by 项目代码, else by 内部编号 (else, for a file committed
// before, by the project its row created); a blank cell leaves the field as it is; names (板块, 责任单位,
// 责任领导) are resolved within the importer's scope; every row is checked by the same record check as the
// project form. The commit writes every row in the caller's transaction, refusing if a matched project
// changed after the preview.

const QUERY_CHUNK = 5000;
/** Rows a multi-row insert carries: measured, 100 gives a lower peak memory than 250 or 500 and is no slower. */
const INSERT_BATCH = 100;
/** Sheet columns that name a record rather than hold a field: column key → field. */
const REFERENCE_FIELD: Record<string, Column> = {
  regionName: 'regionId',
  responsibleOrgName: 'responsibleOrgId',
  leaderName: 'leaderUserId',
};
const COLUMN_OF_FIELD: Record<string, string> = Object.fromEntries(
  Object.entries(REFERENCE_FIELD).map(([column, field]) => [field, column]),
);
const EDITABLE = new Set<string>(EDITABLE_COLUMNS);
const MASKED_PHONE = /^[0-9-]*\*{4}\d{4}$/;

/** The fields a sheet may set, checked as the API checks them. */
const sheetFields = projectFields.partial().extend({
  projectCode: z.string().trim().max(30).nullable().optional(),
  contactPhone: z.string().trim().max(20).nullable().optional(),
});

type YearPlan = { year: number; amount: number };
type Existing = ProjectRow & { inScope: boolean };
type Reference = {
  regionByName: Map<string, { id: string; name: string; level: string }[]>;
  regionNames: Map<string, string>;
  regionLevels: Map<string, string>;
  orgByName: Map<string, { id: string; name: string }[]>;
  orgNames: Map<string, string>;
  leaderByName: Map<string, { id: string; name: string }[]>;
  leaderNames: Map<string, string>;
  /** Users who hold the leader role (leaderNames may also name a former leader, for display). */
  leaderIds: Set<string>;
};

const fieldLabel = (field: string) => PROJECT_FIELD_LABELS[field as ProjectFieldKey] ?? field;

async function chunked<T, R>(items: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += QUERY_CHUNK)
    out.push(...(await run(items.slice(i, i + QUERY_CHUNK))));
  return out;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const nameKey = (text: string) => text.normalize('NFKC').replace(/\s/g, '');

const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 });
/** 万元 with two decimals as every screen shows it, and the four a 元 needs. */
const WAN = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** A cell value as the preview shows it. */
function display(value: CellValue, column: { kind: string }): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number')
    return column.kind === 'money' ? `${WAN.format(value)} 万元` : NUMBER.format(value);
  return String(value);
}

/** A zod issue as a sentence about the field. */
function issueMessage(issue: z.core.$ZodIssue, field: string): string {
  const name = fieldLabel(field);
  if (issue.code === 'too_big' && issue.origin === 'string') return `${name}不能超过 ${issue.maximum} 字`;
  if (issue.code === 'too_big' || issue.code === 'too_small') return `${name}超出允许的范围`;
  if (issue.code === 'invalid_value') return `${name}不是有效的代码（如 C36）`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return `${name}应为整数`;
  return `${name}格式不正确`;
}

export function createProjectImporter(deps: {
  db: Db;
  clock: Clock;
  audit: AuditRepository;
  repo: ProjectsRepository;
  service: ProjectsService;
  internalNoPrefix: string;
}): Importer {
  const { db, clock, audit, repo, service } = deps;

  async function loadReference(principal: Principal): Promise<Reference> {
    const regionRows = await db
      .select({ id: regions.id, name: regions.name, level: regions.level, aliases: regions.aliases })
      .from(regions)
      .where(and(isNull(regions.deletedAt), regionInScope(principal, regions.id)));
    const orgRows = await db.select({ id: orgs.id, name: orgs.name, shortName: orgs.shortName }).from(orgs);
    const leaderRows = await db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(and(isNull(users.deletedAt), sql`${users.roles} @> ARRAY['leader']::text[]`));
    const ref: Reference = {
      regionByName: new Map(),
      regionNames: new Map(),
      regionLevels: new Map(),
      orgByName: new Map(),
      orgNames: new Map(),
      leaderByName: new Map(),
      leaderNames: new Map(),
      leaderIds: new Set(leaderRows.map((u) => u.id)),
    };
    for (const r of regionRows) {
      ref.regionNames.set(r.id, r.name);
      ref.regionLevels.set(r.id, r.level);
      for (const n of new Set([r.name, ...r.aliases].map(nameKey))) pushTo(ref.regionByName, n, r);
    }
    for (const o of orgRows) {
      ref.orgNames.set(o.id, o.shortName);
      for (const n of new Set([o.name, o.shortName].map(nameKey)))
        pushTo(ref.orgByName, n, { id: o.id, name: o.shortName });
    }
    for (const u of leaderRows) {
      ref.leaderNames.set(u.id, u.name);
      pushTo(ref.leaderByName, nameKey(u.name), u);
    }
    return ref;
  }

  /** Projects a file names (by code, number or earlier import), whether or not in scope, with that flag. */
  async function loadExisting(
    principal: Principal,
    where: (chunk: string[]) => SQL | undefined,
    keys: string[],
  ): Promise<Existing[]> {
    return chunked(keys, async (chunk) =>
      Promise.all(
        (
          await db
            .select({ project: projects, inScope: sql<boolean>`(${projectInScope(principal)})` })
            .from(projects)
            .where(and(isNull(projects.deletedAt), where(chunk)))
        ).map(async (r) => ({ ...(await repo.reveal(r.project)), inScope: r.inScope })),
      ),
    );
  }

  function exportView(row: ProjectRow, ref: Reference, yearPlan: number | null): ExportProject {
    return {
      ...row,
      regionName: ref.regionNames.get(row.regionId) ?? '',
      responsibleOrgName: row.responsibleOrgId ? (ref.orgNames.get(row.responsibleOrgId) ?? null) : null,
      leaderName: row.leaderUserId ? (ref.leaderNames.get(row.leaderUserId) ?? null) : null,
      yearPlan,
    };
  }

  return {
    kind: 'projects',
    title: '项目',
    columns: PROJECT_SHEET_COLUMNS,
    action: 'registry.write',

    async plan({ principal, tables, earlier, progress }) {
      const today = shanghaiDate(clock.now());
      const currentYear = Number(today.slice(0, 4));
      const ref = await loadReference(principal);
      const all = tables.flatMap((table) => table.rows.map((row) => ({ table, row })));
      const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
      const codes = [
        ...new Set(all.map((r) => text(r.row.values.projectCode)).filter((c): c is string => c !== null)),
      ].map(normalizeProjectCode);
      const numbers = [
        ...new Set(all.map((r) => text(r.row.values.internalNo)).filter((c): c is string => c !== null)),
      ];
      const earlierIds = [...new Set(earlier.values())];
      const existing = [
        ...(await loadExisting(principal, (c) => inArray(projects.projectCode, c), codes)),
        ...(await loadExisting(principal, (c) => inArray(projects.internalNo, c), numbers)),
        ...(await loadExisting(principal, (c) => inArray(projects.id, c), earlierIds)),
      ];
      const byId = new Map(existing.map((p) => [p.id, p]));
      const byCode = new Map(existing.filter((p) => p.projectCode).map((p) => [p.projectCode as string, p]));
      const byNumber = new Map(existing.map((p) => [p.internalNo, p]));
      const plans = new Map<string, Map<number, number>>();
      const planVersions = new Map<string, number>();
      for (const p of await chunked([...byId.keys()], (chunk) =>
        db.select().from(projectYearPlans).where(inArray(projectYearPlans.projectId, chunk)),
      )) {
        const years = plans.get(p.projectId) ?? new Map<number, number>();
        years.set(p.year, p.plannedInvestment);
        planVersions.set(`${p.projectId}:${p.year}`, p.version);
        plans.set(p.projectId, years);
      }
      // Names of new rows that an existing project in scope already has: a likely duplicate.
      const newNames = [
        ...new Set(all.map((r) => text(r.row.values.name)).filter((n): n is string => n !== null)),
      ];
      const namesInScope = new Map<string, { internalNo: string; regionId: string }[]>();
      for (const p of await chunked(newNames, (chunk) =>
        db
          .select({ name: projects.name, internalNo: projects.internalNo, regionId: projects.regionId })
          .from(projects)
          .where(and(isNull(projects.deletedAt), inArray(projects.name, chunk), projectInScope(principal))),
      )) {
        pushTo(namesInScope, p.name, p);
      }
      const lookups: RecordLookups = {
        codeTaken: async (code, exceptId) => {
          const owner = byCode.get(code);
          return owner !== undefined && owner.id !== exceptId;
        },
        regionInScope: async (id) => ref.regionNames.has(id),
        regionLevel: async (id) => ref.regionLevels.get(id),
        orgExists: async (id) => ref.orgNames.has(id),
        leaderExists: async (id) => ref.leaderIds.has(id),
        topYearPlan: async (id) => {
          const years = plans.get(id);
          return years && years.size > 0 ? Math.max(...years.values()) : null;
        },
      };
      // Display names of what matched projects point at now (a 责任领导 may have lost the role since).
      const leaderIds = [
        ...new Set(existing.map((p) => p.leaderUserId).filter((id): id is string => id !== null)),
      ];
      for (const u of await chunked(leaderIds, (chunk) =>
        db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, chunk)),
      )) {
        if (!ref.leaderNames.has(u.id)) ref.leaderNames.set(u.id, u.name);
      }
      const currentName = (key: string, p: ProjectRow): string | null => {
        if (key === 'regionName') return ref.regionNames.get(p.regionId) ?? null;
        if (key === 'responsibleOrgName')
          return p.responsibleOrgId ? (ref.orgNames.get(p.responsibleOrgId) ?? null) : null;
        return p.leaderUserId ? (ref.leaderNames.get(p.leaderUserId) ?? null) : null;
      };
      const defaultRegion =
        principal.regionScopes.length === 1 ? (principal.regionScopes[0]?.id ?? null) : null;
      const seenTargets = new Map<string, number>();
      const seenCodes = new Map<string, number>();
      const out: RowPlan[] = [];

      for (const [index, { table, row }] of all.entries()) {
        const { errors, errorAt, columnOf } = rowErrors(table, row, {
          labelOf: fieldLabel,
          fieldOfColumn: (key) => REFERENCE_FIELD[key] ?? key,
          columnOfField: (field) => COLUMN_OF_FIELD[field] ?? field,
        });
        const warnings: string[] = [];
        const values = row.values;
        const patch: Record<string, unknown> = {};
        let yearPlan: YearPlan | null = null;
        let maskedPhone: string | null = null;
        /** 板块, 责任单位, 责任领导 as written: read once the row's project is known. */
        const names: { key: string; value: string }[] = [];
        for (const column of table.columns) {
          const key = column.spec.key;
          const value = values[key];
          if (value === null || value === undefined) continue;
          if (REFERENCE_FIELD[key]) {
            names.push({ key, value: String(value) });
          } else if (key === 'yearPlan') {
            yearPlan = { year: column.year ?? currentYear, amount: value as number };
          } else if (key === 'contactPhone' && MASKED_PHONE.test(String(value))) {
            maskedPhone = String(value);
          } else if (EDITABLE.has(key)) {
            patch[key] = value;
          }
        }
        const code = typeof patch.projectCode === 'string' ? normalizeProjectCode(patch.projectCode) : null;
        const number = text(values.internalNo);
        const foundByCode = code ? byCode.get(code) : undefined;
        const foundByNumber = number ? byNumber.get(number) : undefined;
        let target: Existing | undefined;
        let matchedBy: string | null = null;
        if (foundByCode && !foundByCode.inScope) {
          errorAt('projectCode', '该项目代码属于您数据范围以外的项目');
        } else if (number && !foundByNumber?.inScope) {
          errorAt('internalNo', `内部编号“${number}”不存在或不在您的数据范围内（新项目请留空）`);
        } else if (foundByCode && foundByNumber && foundByCode.id !== foundByNumber.id) {
          errorAt(
            'internalNo',
            `项目代码与内部编号指向两个不同的项目（${foundByCode.internalNo}、${foundByNumber.internalNo}）`,
          );
        } else if (foundByCode ?? foundByNumber) {
          target = foundByCode ?? foundByNumber;
          matchedBy = foundByCode ? 'projectCode' : 'internalNo';
        } else {
          const earlierId = earlier.get(`${row.sheet}!${row.row}`);
          const previous = earlierId ? byId.get(earlierId) : undefined;
          if (previous?.inScope) {
            target = previous;
            matchedBy = 'earlierImport';
          }
        }
        if (target) {
          const first = seenTargets.get(target.id);
          if (first !== undefined) errorAt('name', `与第 ${first} 行是同一个项目（${target.internalNo}）`);
          else seenTargets.set(target.id, row.row);
        }
        for (const { key, value } of names) {
          const field = REFERENCE_FIELD[key] as Column;
          // The name the project has now (an export read back) is no change, even if it no longer resolves.
          const current = target ? currentName(key, target) : null;
          if (current !== null && nameKey(current) === nameKey(value)) continue;
          const index =
            key === 'regionName'
              ? ref.regionByName
              : key === 'responsibleOrgName'
                ? ref.orgByName
                : ref.leaderByName;
          const found = index.get(nameKey(value)) ?? [];
          if (found.length === 1) patch[field] = found[0]?.id;
          else if (found.length > 1) errorAt(field, `“${value}”对应多条记录，请写全称`);
          else {
            errorAt(
              field,
              key === 'regionName'
                ? `所属板块“${value}”不存在或不在您的数据范围内`
                : key === 'responsibleOrgName'
                  ? `责任单位“${value}”不在组织机构中`
                  : `责任领导“${value}”不是区领导账号`,
            );
          }
        }

        const parsed = sheetFields.safeParse(patch);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const field = String(issue.path[0] ?? '');
            errorAt(field, issueMessage(issue, field));
            delete patch[field];
          }
        }
        const cleaned = clean(patch);
        let changes: RowChange[] = [];
        let action: RowPlan['action'];
        let label: string;
        let stored: Record<string, unknown> | null = null;

        if (target) {
          label = `${target.name}（${target.internalNo}）`;
          const abilities = abilitiesOf(principal, target);
          if (!abilities.edit) errorAt('name', '该项目已终止，不能通过导入修改');
          if (typeof cleaned.projectCode === 'string' && cleaned.projectCode !== target.projectCode) {
            const first = seenCodes.get(cleaned.projectCode);
            if (first !== undefined) errorAt('projectCode', `与第 ${first} 行的项目代码相同`);
            else seenCodes.set(cleaned.projectCode, row.row);
          }
          for (const key of Object.keys(cleaned) as Column[]) {
            if (cleaned[key] === target[key]) delete cleaned[key];
          }
          if ('projectCode' in cleaned && target.projectCode !== null) {
            errorAt('projectCode', '项目代码已填写，变更须在项目页由区发改办理并写明原因');
          }
          if (
            maskedPhone !== null &&
            (!target.contactPhone || maskPhone(target.contactPhone) !== maskedPhone)
          ) {
            errorAt('contactPhone', '联系电话中间四位已隐去，且与系统中的号码不一致：修改号码请填写完整号码');
          }
          const merged = { ...target, ...cleaned } as ProjectRow;
          for (const e of await service.checkRecord(principal, merged, cleaned, today, false, lookups)) {
            errorAt(e.field, e.message);
          }
          const currentPlan = yearPlan ? (plans.get(target.id)?.get(yearPlan.year) ?? null) : null;
          const planChanged = yearPlan !== null && yearPlan.amount !== currentPlan;
          if (
            planChanged &&
            yearPlan &&
            merged.totalInvestment !== null &&
            yearPlan.amount > merged.totalInvestment
          ) {
            errorAt('yearPlan', `${yearPlan.year}年计划投资不能超过总投资`);
          }
          if (planChanged && target.state === 'TERMINATED') {
            errorAt('yearPlan', '已终止的项目不能申报年度计划');
          }
          const sheetState = text(values.state);
          if (sheetState && sheetState !== PROJECT_STATE_LABELS[target.state as ProjectState]) {
            warnings.push(
              `表中状态为“${sheetState}”，系统中为“${PROJECT_STATE_LABELS[target.state as ProjectState]}”：状态须在项目页逐步推进，导入不改变状态`,
            );
          }
          const year = yearPlan?.year ?? currentYear;
          const planBefore = plans.get(target.id)?.get(year) ?? null;
          changes = diff(
            table,
            exportView(target, ref, planBefore),
            exportView(merged, ref, planChanged && yearPlan ? yearPlan.amount : planBefore),
            year,
          );
          action =
            errors.length > 0
              ? 'error'
              : Object.keys(cleaned).length > 0 || planChanged
                ? 'update'
                : 'unchanged';
          stored = {
            values: cleaned,
            yearPlan: planChanged ? yearPlan : null,
            // The plan as seen now (0: none yet): the commit refuses if it moved since.
            yearPlanVersion:
              planChanged && yearPlan ? (planVersions.get(`${target.id}:${yearPlan.year}`) ?? 0) : null,
          };
        } else {
          label = text(values.name) ?? `${row.sheet} 第 ${row.row} 行`;
          if (maskedPhone !== null) errorAt('contactPhone', '新项目的联系电话须填写完整号码');
          if (!('regionId' in cleaned) && !columnOf('regionName') && defaultRegion)
            cleaned.regionId = defaultRegion;
          const draft = {
            ...Object.fromEntries(EDITABLE_COLUMNS.map((c) => [c, null])),
            strategicEmerging: false,
            landReadyStart: false,
            inStats: false,
            ...cleaned,
            id: '',
            state: 'LEAD',
          } as unknown as ProjectRow;
          for (const e of await service.checkRecord(principal, draft, cleaned, today, true, lookups)) {
            errorAt(e.field, e.message);
          }
          if (code) {
            const first = seenCodes.get(code);
            if (first !== undefined) errorAt('projectCode', `与第 ${first} 行的项目代码相同`);
            else seenCodes.set(code, row.row);
          }
          if (yearPlan && draft.totalInvestment !== null && yearPlan.amount > draft.totalInvestment) {
            errorAt('yearPlan', `${yearPlan.year}年计划投资不能超过总投资`);
          }
          const namesake = draft.name
            ? namesInScope.get(draft.name)?.find((p) => p.regionId === draft.regionId)
            : undefined;
          if (namesake) {
            warnings.push(
              `本板块已有同名项目（${namesake.internalNo}）：若是同一项目，请填写其内部编号以更新而不是新建`,
            );
          }
          const sheetState = text(values.state);
          if (sheetState && sheetState !== PROJECT_STATE_LABELS.LEAD) {
            warnings.push(`新项目以“线索”登记（表中为“${sheetState}”）：状态须在项目页逐步推进`);
          }
          changes = diff(
            table,
            null,
            exportView(draft, ref, yearPlan?.amount ?? null),
            yearPlan?.year ?? currentYear,
          );
          action = errors.length > 0 ? 'error' : 'create';
          stored = { values: cleaned, yearPlan };
        }
        // The staged patch waits in the database until the commit: a phone in it is kept encrypted.
        if (stored && typeof (stored.values as Record<string, unknown>).contactPhone === 'string') {
          const values = stored.values as Record<string, unknown>;
          stored = {
            ...stored,
            values: { ...values, contactPhone: await repo.sealPhone(values.contactPhone as string) },
          };
        }
        out.push({
          sheet: row.sheet,
          rowNumber: row.row,
          action,
          targetId: target?.id ?? null,
          targetVersion: target?.version ?? null,
          matchedBy,
          label,
          patch: action === 'create' || action === 'update' ? stored : null,
          changes: action === 'unchanged' ? [] : changes,
          errors,
          warnings,
        });
        await progress(index + 1);
      }
      return out;
    },

    async commit(tx, { principal, actor, jobId, rows, progress }) {
      const now = clock.now();
      const today = shanghaiDate(now);
      const creates = rows.filter((r) => r.action === 'create');
      const updates = rows.filter((r) => r.action === 'update');
      const where = (r: StoredRow) => `工作表“${r.sheet}”第 ${r.rowNumber} 行`;
      // The projects the preview matched, locked; one that moved since the preview refuses the whole commit.
      const locked = new Map<string, ProjectRow>();
      for (const p of await chunked(
        updates.map((r) => r.targetId as string),
        async (chunk) =>
          Promise.all(
            (
              await tx
                .select()
                .from(projects)
                .where(
                  and(inArray(projects.id, chunk), isNull(projects.deletedAt), projectInScope(principal)),
                )
                .for('update')
            ).map(repo.reveal),
          ),
      )) {
        locked.set(p.id, p);
      }
      for (const r of updates) {
        const current = locked.get(r.targetId as string);
        if (!current || current.version !== r.targetVersion) {
          throw new AppError(
            'VERSION_CONFLICT',
            `${where(r)}的项目“${r.label}”在预览之后已被修改或删除，请重新上传以生成新的预览`,
          );
        }
      }
      type Patch = {
        values: Partial<Record<Column, unknown>>;
        yearPlan: YearPlan | null;
        yearPlanVersion?: number | null;
      };
      // Staged phones were sealed at the preview; opened once here.
      const patches = new Map<StoredRow, Patch>();
      for (const r of [...creates, ...updates]) {
        const patch = r.patch as Patch;
        const phone = patch.values.contactPhone;
        patches.set(
          r,
          typeof phone === 'string'
            ? { ...patch, values: { ...patch.values, contactPhone: await repo.openPhone(phone) } }
            : patch,
        );
      }
      const patchOf = (r: StoredRow) => patches.get(r) as Patch;
      const linkEnterprises = await enterpriseLinker(tx, actor, principal, now, [
        ...creates.map((r) => ({ ...patchOf(r).values }) as Partial<ProjectRow>),
        ...updates.map(
          (r) => ({ ...locked.get(r.targetId as string), ...patchOf(r).values }) as Partial<ProjectRow>,
        ),
      ]);
      const created = new Map<number, string>();
      const records: AuditRecord[] = [];
      let done = 0;
      for (const r of updates) {
        const before = locked.get(r.targetId as string) as ProjectRow;
        const { values, yearPlan } = patchOf(r);
        if (Object.keys(values).length > 0) {
          const merged = { ...before, ...values } as ProjectRow;
          const search = service.searchFields(merged);
          const enterpriseId =
            'uscc' in values || 'builderName' in values || !before.enterpriseId
              ? (linkEnterprises(merged.uscc) ?? before.enterpriseId)
              : before.enterpriseId;
          const updated = await repo.update(tx, before.id, before.version, {
            ...(values as ProjectValues),
            enterpriseId,
            searchText: search.text,
            searchGrams: search.grams,
            updatedAt: now,
            updatedBy: principal.userId,
          });
          if (!updated)
            throw new AppError('VERSION_CONFLICT', `${where(r)}的项目“${r.label}”已被修改，请重新上传`);
          records.push({
            action: 'project.update',
            objectType: 'project',
            objectId: before.id,
            result: 'success',
            summary: {
              before: Object.fromEntries(Object.keys(values).map((k) => [k, before[k as Column]])),
              after: values,
              via: 'import',
              importJobId: jobId,
            },
          });
        }
        if (yearPlan) {
          const [previous] = await tx
            .select()
            .from(projectYearPlans)
            .where(and(eq(projectYearPlans.projectId, before.id), eq(projectYearPlans.year, yearPlan.year)))
            .for('update');
          if ((previous?.version ?? 0) !== (patchOf(r).yearPlanVersion ?? 0)) {
            throw new AppError(
              'VERSION_CONFLICT',
              `${where(r)}的项目“${r.label}”的${yearPlan.year}年计划在预览之后已被修改，请重新上传以生成新的预览`,
            );
          }
          await tx
            .insert(projectYearPlans)
            .values({
              projectId: before.id,
              year: yearPlan.year,
              plannedInvestment: yearPlan.amount,
              updatedAt: now,
              updatedBy: principal.userId,
            })
            .onConflictDoUpdate({
              target: [projectYearPlans.projectId, projectYearPlans.year],
              set: {
                plannedInvestment: yearPlan.amount,
                version: sql`${projectYearPlans.version} + 1`,
                updatedAt: now,
                updatedBy: principal.userId,
              },
            });
          records.push({
            action: 'project.year_plan',
            objectType: 'project',
            objectId: before.id,
            result: 'success',
            summary: {
              year: yearPlan.year,
              before: previous?.plannedInvestment ?? null,
              after: yearPlan.amount,
              via: 'import',
              importJobId: jobId,
            },
          });
        }
        if (records.length >= INSERT_BATCH) await audit.appendMany(tx, actor, records.splice(0), now);
        done++;
        await progress(done);
      }
      await audit.appendMany(tx, actor, records.splice(0), now);
      // New projects last: their internal numbers are taken under a lock that other registrations wait on.
      const numbers = await repo.allocateInternalNos(
        tx,
        deps.internalNoPrefix,
        Number(today.slice(0, 4)),
        creates.length,
      );
      for (let i = 0; i < creates.length; i += INSERT_BATCH) {
        const batch = creates.slice(i, i + INSERT_BATCH);
        const values = batch.map((r, j) => {
          const v = patchOf(r).values as ProjectValues & {
            name: string;
            regionId: string;
          };
          const internalNo = numbers[i + j] as string;
          const search = service.searchFields({
            name: v.name,
            projectCode: v.projectCode ?? null,
            builderName: v.builderName ?? null,
            uscc: v.uscc ?? null,
            investorName: v.investorName ?? null,
            internalNo,
          });
          return {
            ...v,
            internalNo,
            state: 'LEAD',
            enterpriseId: linkEnterprises(v.uscc ?? null),
            searchText: search.text,
            searchGrams: search.grams,
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          };
        });
        const inserted = await tx
          .insert(projects)
          .values(await Promise.all(values.map(repo.protect)))
          .returning({ id: projects.id, internalNo: projects.internalNo });
        await tx.insert(projectStateChanges).values(
          inserted.map((p) => ({
            projectId: p.id,
            fromState: null,
            toState: 'LEAD',
            event: 'create',
            reason: '表格导入',
            actorId: principal.userId,
            actorName: principal.displayName,
            at: now,
          })),
        );
        const plansToInsert = batch.flatMap((r, j) => {
          const plan = patchOf(r).yearPlan;
          const id = inserted[j]?.id;
          return plan && id
            ? [
                {
                  projectId: id,
                  year: plan.year,
                  plannedInvestment: plan.amount,
                  updatedAt: now,
                  updatedBy: principal.userId,
                },
              ]
            : [];
        });
        if (plansToInsert.length > 0) await tx.insert(projectYearPlans).values(plansToInsert);
        batch.forEach((r, j) => {
          const p = inserted[j];
          if (!p) return;
          created.set(r.seq, p.id);
          records.push({
            action: 'project.create',
            objectType: 'project',
            objectId: p.id,
            result: 'success',
            summary: {
              after: { internalNo: p.internalNo, ...patchOf(r).values },
              via: 'import',
              importJobId: jobId,
            },
          });
        });
        await audit.appendMany(tx, actor, records.splice(0), now);
        done += batch.length;
        await progress(done);
      }
      await audit.appendMany(tx, actor, records, now);
      return created;
    },
  };

  /**
   * The 建设单位 of each row as an enterprise record, as the project form links it: found by USCC, or
   * registered in the project's 板块 when new (once per USCC however many rows name it).
   */
  async function enterpriseLinker(
    tx: Db,
    actor: AuditActor,
    principal: Principal,
    now: Date,
    records: Partial<ProjectRow>[],
  ): Promise<(uscc: string | null) => string | null> {
    const wanted = new Map<string, Partial<ProjectRow>>();
    for (const r of records) {
      if (r.uscc && checkUscc(r.uscc).valid && !wanted.has(r.uscc)) wanted.set(r.uscc, r);
    }
    const ids = new Map<string, string>();
    for (const e of await chunked([...wanted.keys()], (chunk) =>
      tx
        .select({ id: enterprises.id, uscc: enterprises.uscc })
        .from(enterprises)
        .where(and(inArray(enterprises.uscc, chunk), isNull(enterprises.deletedAt))),
    )) {
      ids.set(e.uscc, e.id);
    }
    const missing = [...wanted.entries()].filter(
      ([uscc, r]) => !ids.has(uscc) && r.builderName && r.regionId,
    );
    const records2: AuditRecord[] = [];
    for (let i = 0; i < missing.length; i += 500) {
      const inserted = await tx
        .insert(enterprises)
        .values(
          missing.slice(i, i + 500).map(([uscc, r]) => ({
            uscc,
            name: r.builderName as string,
            regionId: r.regionId as string,
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          })),
        )
        .returning({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name });
      for (const e of inserted) {
        ids.set(e.uscc, e.id);
        records2.push({
          action: 'enterprise.create',
          objectType: 'enterprise',
          objectId: e.id,
          result: 'success',
          summary: { after: { uscc: e.uscc, name: e.name }, via: 'import' },
        });
      }
    }
    await audit.appendMany(tx, actor, records2, now);
    return (uscc) => (uscc ? (ids.get(uscc) ?? null) : null);
  }
}

/** The fields of the sheet whose shown value the row changes (every filled one for a new row). */
function diff(table: Table, before: ExportProject | null, after: ExportProject, year: number): RowChange[] {
  const changes: RowChange[] = [];
  // A new row shows every field it fills (also the 板块 filled in for it); an update, the sheet's columns.
  const keys = new Set(
    before ? table.columns.map((c) => c.spec.key) : PROJECT_SHEET_COLUMNS.map((c) => c.key),
  );
  for (const spec of PROJECT_SHEET_COLUMNS) {
    if (!keys.has(spec.key) || spec.exportOnly || spec.key === 'internalNo') continue;
    const was = before ? display(spec.read(before), spec) : '';
    const now = display(spec.read(after), spec);
    const label = spec.key === 'yearPlan' ? `${year}年计划投资` : spec.label;
    if (was !== now) changes.push({ field: spec.key, label, before: was, after: now });
  }
  return changes;
}
