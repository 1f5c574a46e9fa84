import { AsyncLocalStorage } from 'node:async_hooks';
import { type CampaignCategory, createTaskBody } from '@groundbreak/contract';
import { TASK_STATUS_LABELS, type Table, type TableRow, type TaskStatus } from '@groundbreak/domain';
import { and, eq, inArray, isNull, like, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { campaignBatches, campaignTaskEvents, campaignTasks, orgs, regions } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { Importer, RowPlan } from '../../lib/imports/import-jobs';
import { rowErrors } from '../../lib/imports/row-errors';
import { regionInScope } from '../../lib/scope';
import type { AuditRecord, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import type { CampaignsService } from './campaigns.service';
import { mayEditTask } from './tasks.service';
import {
  COLUMN_OF,
  displayCell,
  FIELDS,
  IMPORTED_COLUMNS,
  type Names,
  QUANTITY_COLUMNS,
  sheetLabelOf,
  sheetTaskOf,
  TASK_SHEET_COLUMNS,
  type TaskRow,
  type Values,
} from './tasks.sheet';

// A campaign's rectification tasks from a sheet (整治任务导入; the sheet itself is tasks.sheet.ts). A row whose
// 任务编号 is a task of the campaign in the importer's scope updates it (not once accepted; a 板块 not once
// submitted — as on screen); any other row registers a new task, numbered ZZ-<year>-NNNN under the lock a
// task registered on screen takes, with its 'create' event and audit record. The fields are checked by the
// form's contract (createTaskBody) and the rules of tasks.service: a 板块 of the campaign's district within
// the importer's scope, an enabled category, a batch of the campaign, only the quantities of the row's
// category (投资 only for 微更新). A blank cell leaves the field as it is; a name equal to the one shown for
// the task (a category since renamed, a unit no longer listed) is the task's own. 状态, 亮灯, 逾期天数 and the
// actual dates are exported for reading, never imported: an export imports back as unchanged.

const nameKey = (text: string) => text.normalize('NFKC').replace(/\s/g, '').toLowerCase();
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const QUERY_CHUNK = 2000;
const INSERT_BATCH = 500;

/** The campaign (visible to the caller, else 404) and every name a row may use, loaded once per file. */
async function loadReference(db: Db, campaigns: CampaignsService, principal: Principal, campaignId: string) {
  const campaign = await campaigns.load(principal, campaignId);
  const [district] = await db
    .select({ path: regions.path, name: regions.name })
    .from(regions)
    .where(eq(regions.id, campaign.regionId));
  const [regionRows, categories, batchRows, orgRows] = await Promise.all([
    db
      .select({
        id: regions.id,
        name: regions.name,
        aliases: regions.aliases,
        inScope: sql<boolean>`(${regionInScope(principal, regions.id)})`,
      })
      .from(regions)
      .where(
        and(
          isNull(regions.deletedAt),
          like(regions.path, `${district?.path ?? '-'}%`),
          ne(regions.id, campaign.regionId),
        ),
      ),
    campaigns.categories(),
    db
      .select({ id: campaignBatches.id, name: campaignBatches.name, deletedAt: campaignBatches.deletedAt })
      .from(campaignBatches)
      .where(eq(campaignBatches.campaignId, campaign.id)),
    db
      .select({ id: orgs.id, name: orgs.name, shortName: orgs.shortName, deletedAt: orgs.deletedAt })
      .from(orgs),
  ]);
  const named = <T>(rows: T[], namesOf: (r: T) => string[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows)
      for (const n of new Set(namesOf(r).map(nameKey))) map.set(n, [...(map.get(n) ?? []), r]);
    return (text: string) => map.get(nameKey(text)) ?? [];
  };
  const batches = batchRows.filter((b) => !b.deletedAt);
  return {
    campaign,
    districtName: district?.name ?? '',
    regionNames: new Map(regionRows.map((r) => [r.id, r.name])),
    regionsNamed: named(regionRows, (r) => [r.name, ...r.aliases]),
    categories: new Map(categories.map((c) => [c.code, c])),
    categoriesNamed: named(categories, (c) => [c.name, c.code]),
    batchNames: new Map(batchRows.map((b) => [b.id, b.name])),
    batchesNamed: named(batches, (b) => [b.name]),
    batchList: batches.map((b) => b.name).join('、'),
    // Names of units since removed still show for the tasks that name them; only listed ones are matched.
    orgNames: new Map(orgRows.map((o) => [o.id, o.name])),
    orgsNamed: named(
      orgRows.filter((o) => !o.deletedAt),
      (o) => [o.name, o.shortName],
    ),
  };
}
type Reference = Awaited<ReturnType<typeof loadReference>>;

function namesOf(
  ref: Reference,
  t: Pick<TaskRow, 'batchId' | 'categoryCode' | 'regionId' | 'responsibleOrgId'>,
): Names {
  return {
    batchName: t.batchId ? (ref.batchNames.get(t.batchId) ?? null) : null,
    categoryName: ref.categories.get(t.categoryCode)?.name ?? t.categoryCode,
    regionName: ref.regionNames.get(t.regionId) ?? '',
    orgName: t.responsibleOrgId ? (ref.orgNames.get(t.responsibleOrgId) ?? null) : null,
  };
}

/** A zod issue of the form's contract as an error at the sheet's column. */
function placeOf(issue: z.core.$ZodIssue, categoryCode: string): [string, string] {
  const [field, sub] = issue.path.map(String);
  const key =
    field === 'quantities'
      ? (QUANTITY_COLUMNS.find((q) => q.categoryCode === categoryCode && q.indicator === sub)?.key ??
        'category')
      : (COLUMN_OF[field ?? ''] ?? field ?? 'taskNo');
  const label = sheetLabelOf(key);
  if (issue.code === 'custom') return [key, issue.message];
  if (issue.code === 'too_big' && issue.origin === 'string')
    return [key, `${label}不能超过 ${issue.maximum} 字`];
  if (issue.code === 'too_big' || issue.code === 'too_small') return [key, `${label}超出允许的范围`];
  return [key, `${label}格式不正确`];
}

/** One row: its references resolved, merged over the task it updates, checked and compared. */
function planRow(
  principal: Principal,
  ref: Reference,
  input: { table: Table; row: TableRow; target: TaskRow | undefined; duplicateOf: number | undefined },
): RowPlan {
  const { table, row, target } = input;
  const { errors, errorAt } = rowErrors(table, row, { labelOf: sheetLabelOf });
  const warnings: string[] = [];
  const v = row.values;
  const taskNo = str(v.taskNo);
  const before = target ? sheetTaskOf(target, namesOf(ref, target)) : null;
  if (taskNo && !target)
    warnings.push(`任务编号“${taskNo}”不是本行动中您范围内的任务：将登记为新任务，编号由系统生成`);
  if (input.duplicateOf !== undefined) errorAt('taskNo', `与第 ${input.duplicateOf} 行是同一任务`);
  const same = (text: string, ...names: (string | null | undefined)[]) =>
    names.some((n) => n && nameKey(n) === nameKey(text));

  let category: CampaignCategory | undefined = target ? ref.categories.get(target.categoryCode) : undefined;
  const categoryText = str(v.category);
  if (categoryText && !same(categoryText, before?.categoryName, target?.categoryCode)) {
    const [found] = ref.categoriesNamed(categoryText);
    if (!found)
      errorAt('category', `类别“${categoryText}”不存在：请填写类别名称或代码（如 违章搭建整治 或 G1）`);
    else if (!found.enabled) errorAt('category', `类别“${found.name}”已停用`);
    else category = found;
  } else if (!categoryText && !target) errorAt('category', '请填写类别');

  let regionId = target?.regionId ?? null;
  const regionText = str(v.regionName);
  const matches = regionText ? ref.regionsNamed(regionText) : [];
  if (regionText && target) {
    if (!matches.some((r) => r.id === target.regionId))
      errorAt('regionName', `任务登记在“${before?.regionName}”，板块不能修改`);
  } else if (regionText) {
    const [found] = matches;
    if (!found) errorAt('regionName', `“${regionText}”不是${ref.districtName}的板块`);
    else if (matches.length > 1) errorAt('regionName', `有多个板块名为“${regionText}”，请填写全称`);
    else if (!found.inScope) errorAt('regionName', `板块“${found.name}”不在您的数据范围内`);
    else regionId = found.id;
  } else if (!target) errorAt('regionName', '请填写板块');

  let batchId = target?.batchId ?? null;
  const batchText = str(v.batchName);
  if (batchText && !same(batchText, before?.batchName)) {
    const [found] = ref.batchesNamed(batchText);
    if (found) batchId = found.id;
    else
      errorAt(
        'batchName',
        `本行动没有批次“${batchText}”${ref.batchList ? `（现有：${ref.batchList}）` : ''}`,
      );
  }

  let responsibleOrgId = target?.responsibleOrgId ?? null;
  const orgText = str(v.responsibleOrgName);
  if (orgText && !same(orgText, before?.orgName)) {
    const found = ref.orgsNamed(orgText);
    if (found.length === 0) errorAt('responsibleOrgName', `责任单位“${orgText}”不存在`);
    else if (found.length > 1) errorAt('responsibleOrgName', `有多个单位名为“${orgText}”，请填写全称`);
    else responsibleOrgId = found[0]?.id ?? null;
  }

  // Only the quantities of the row's category; a task moved to another category starts from none.
  const quantities: Record<string, number> =
    target && category?.code === target.categoryCode ? { ...target.quantities } : {};
  for (const q of QUANTITY_COLUMNS) {
    const value = v[q.key];
    if (typeof value !== 'number' || !category) continue;
    if (q.categoryCode === category.code && category.indicators.some((i) => i.key === q.indicator))
      quantities[q.indicator] = value;
    else errorAt(q.key, `“${q.label}”不是“${category.name}”的数量，本行只填该类别的数量`);
  }
  let investmentYuan = target && category?.group === 'micro' ? target.investmentYuan : null;
  if (typeof v.investment === 'number') {
    if (category && category.group !== 'micro')
      errorAt('investment', `投资只填微更新项目，本行类别为“${category.name}”`);
    else investmentYuan = v.investment;
  }

  const kept = <K extends keyof Values>(key: K): Values[K] | null => {
    const value = v[key];
    if (value === undefined || value === null || value === '') return target ? target[key] : null;
    return (typeof value === 'string' ? value.trim() : value) as Values[K];
  };
  const merged: Values = {
    categoryCode: category?.code ?? '',
    batchId,
    village: kept('village'),
    pointName: kept('pointName') ?? '',
    address: kept('address'),
    lon: kept('lon'),
    lat: kept('lat'),
    description: kept('description') ?? '',
    requirement: kept('requirement'),
    responsibleOrgId,
    responsiblePerson: kept('responsiblePerson'),
    startOn: kept('startOn') ?? '',
    dueOn: kept('dueOn') ?? '',
    quantities,
    investmentYuan,
  };
  for (const key of ['pointName', 'description', 'startOn', 'dueOn'] as const)
    if (!merged[key]) errorAt(key, `请填写${sheetLabelOf(key)}`);
  // The form's own checks: lengths, ranges, the due date not before the start.
  const checked = createTaskBody.safeParse({
    campaignId: ref.campaign.id,
    regionId: regionId ?? undefined,
    ...merged,
  });
  for (const issue of checked.success ? [] : checked.error.issues)
    errorAt(...placeOf(issue, merged.categoryCode));

  const after = sheetTaskOf(
    { ...merged, taskNo: target?.taskNo ?? null },
    namesOf(ref, { ...merged, regionId: regionId ?? '' }),
  );
  const changes = IMPORTED_COLUMNS.flatMap((c) => {
    const was = before ? displayCell(c.read(before), c.kind) : '';
    const now = displayCell(c.read(after), c.kind);
    return was === now ? [] : [{ field: c.key, label: c.label, before: was, after: now }];
  });
  const values = Object.fromEntries(
    FIELDS.filter((f) => !target || JSON.stringify(target[f]) !== JSON.stringify(merged[f])).map((f) => [
      f,
      merged[f],
    ]),
  ) as Partial<Values>;
  const changed = Object.keys(values).length > 0;
  if (target && changed && !mayEditTask(principal, target.status)) {
    errorAt(
      'taskNo',
      target.status === 'accepted'
        ? `任务 ${target.taskNo} 已验收销号，不能再修改`
        : `任务 ${target.taskNo} 待验收，由牵头部门处理，不能修改`,
    );
  }
  const sheetStatus = str(v.status);
  const status = TASK_STATUS_LABELS[target?.status ?? 'pending'];
  if (sheetStatus && sheetStatus !== status)
    warnings.push(
      `表中状态为“${sheetStatus}”，${target ? `系统中为“${status}”` : '新任务登记为“待整治”'}：状态在任务页逐步办理，导入不改变状态`,
    );

  const action: RowPlan['action'] =
    errors.length > 0 ? 'error' : !target ? 'create' : changed ? 'update' : 'unchanged';
  const stored: Stored = { campaignId: ref.campaign.id, regionId: regionId ?? '', values };
  return {
    sheet: row.sheet,
    rowNumber: row.row,
    action,
    targetId: target?.id ?? null,
    targetVersion: target?.version ?? null,
    matchedBy: target ? (taskNo === target.taskNo ? 'taskNo' : 'earlierImport') : null,
    label: merged.pointName
      ? `${merged.pointName}（${target?.taskNo ?? '新任务'}）`
      : `${row.sheet} 第 ${row.row} 行`,
    patch: action === 'create' || action === 'update' ? stored : null,
    changes,
    errors,
    warnings,
  };
}

/** What the commit writes for a row (import_job_rows.patch). */
type Stored = { campaignId: string; regionId: string; values: Partial<Values> };

/** The campaign of an upload: the machinery's plan() takes no parameter, so it rides the upload's async context. */
const uploadCampaign = new AsyncLocalStorage<string>();

export function createTaskImporter(deps: {
  db: Db;
  clock: Clock;
  audit: AuditRepository;
  campaigns: CampaignsService;
}) {
  const { db, clock, audit, campaigns } = deps;

  /** Tasks of the campaign in the caller's scope that the file names by number or created before. */
  async function loadTargets(principal: Principal, campaignId: string, numbers: string[], ids: string[]) {
    const found: TaskRow[] = [];
    for (let i = 0; i < Math.max(numbers.length, ids.length); i += QUERY_CHUNK) {
      const byNumber = numbers.slice(i, i + QUERY_CHUNK);
      const byId = ids.slice(i, i + QUERY_CHUNK);
      const rows = await db
        .select()
        .from(campaignTasks)
        .where(
          and(
            or(
              byNumber.length > 0 ? inArray(campaignTasks.taskNo, byNumber) : undefined,
              byId.length > 0 ? inArray(campaignTasks.id, byId) : undefined,
            ),
            eq(campaignTasks.campaignId, campaignId),
            isNull(campaignTasks.deletedAt),
            regionInScope(principal, campaignTasks.regionId),
          ),
        );
      found.push(...rows);
    }
    return found;
  }

  const importer: Importer = {
    kind: 'campaign-tasks',
    title: '整治任务',
    columns: TASK_SHEET_COLUMNS,
    action: 'campaign.write',

    async plan({ principal, tables, earlier, progress }) {
      const campaignId = uploadCampaign.getStore();
      if (!campaignId) throw new AppError('VALIDATION_FAILED', '请选择要导入的专项行动');
      const ref = await loadReference(db, campaigns, principal, campaignId);
      const all = tables.flatMap((table) => table.rows.map((row) => ({ table, row })));
      const numbers = [...new Set(all.map((r) => str(r.row.values.taskNo)).filter((n): n is string => !!n))];
      const targets = await loadTargets(principal, campaignId, numbers, [...new Set(earlier.values())]);
      const byNumber = new Map(targets.map((t) => [t.taskNo, t]));
      const byId = new Map(targets.map((t) => [t.id, t]));
      const seen = new Map<string, number>();
      const out: RowPlan[] = [];
      for (const [index, { table, row }] of all.entries()) {
        const taskNo = str(row.values.taskNo);
        // By its number, else by what this very file created when it was imported before.
        const previous = earlier.get(`${row.sheet}!${row.row}`);
        const target =
          (taskNo ? byNumber.get(taskNo) : undefined) ?? (previous ? byId.get(previous) : undefined);
        const duplicateOf = target ? seen.get(target.id) : undefined;
        if (target && duplicateOf === undefined) seen.set(target.id, row.row);
        out.push(planRow(principal, ref, { table, row, target, duplicateOf }));
        if (index % 500 === 499) await progress(index + 1);
      }
      return out;
    },

    async commit(tx, { principal, actor, jobId, rows, progress }) {
      const now = clock.now();
      const where = (r: { sheet: string; rowNumber: number }) => `工作表“${r.sheet}”第 ${r.rowNumber} 行`;
      const planned = rows.map((r) => ({ r, p: r.patch as Stored }));
      const campaign = await campaigns.load(principal, planned[0]?.p.campaignId ?? '');
      const regionIds = [...new Set(planned.map((x) => x.p.regionId))];
      const inScope = new Set(
        (
          await tx
            .select({ id: regions.id })
            .from(regions)
            .where(and(inArray(regions.id, regionIds), regionInScope(principal, regions.id)))
        ).map((r) => r.id),
      );
      const records: AuditRecord[] = [];
      const events: (typeof campaignTaskEvents.$inferInsert)[] = [];
      const event = (taskId: string, step: string, from: TaskStatus | null, to: TaskStatus) =>
        events.push({
          taskId,
          at: now,
          actorId: principal.userId,
          actorName: principal.displayName,
          step,
          fromStatus: from,
          toStatus: to,
          note: '表格导入',
        });
      let done = 0;
      for (const { r, p } of planned) {
        if (p.campaignId !== campaign.id || !inScope.has(p.regionId))
          throw new AppError('FORBIDDEN', `${where(r)}的板块不在您的数据范围内`);
        if (r.action !== 'update') continue;
        const [current] = await tx
          .select()
          .from(campaignTasks)
          .where(and(eq(campaignTasks.id, r.targetId as string), isNull(campaignTasks.deletedAt)))
          .for('update');
        if (!current || current.version !== r.targetVersion || !mayEditTask(principal, current.status))
          throw new AppError(
            'VERSION_CONFLICT',
            `${where(r)}的任务“${r.label}”在预览之后已被修改或办理，请重新上传`,
          );
        await tx
          .update(campaignTasks)
          .set({
            ...p.values,
            version: sql`${campaignTasks.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(eq(campaignTasks.id, current.id));
        event(current.id, 'edit', current.status, current.status);
        records.push({
          action: 'campaign_task.update',
          objectType: 'campaign_task',
          objectId: current.id,
          result: 'success',
          summary: {
            taskNo: current.taskNo,
            before: Object.fromEntries(Object.keys(p.values).map((k) => [k, current[k as keyof Values]])),
            after: p.values,
            via: 'import',
            importJobId: jobId,
          },
        });
        if (++done % 500 === 0) await progress(done);
      }
      // New tasks last, so that the lock on the year's numbers (registrations on screen wait on it) is short.
      const creates = planned.filter((x) => x.r.action === 'create');
      const created = new Map<number, string>();
      if (creates.length > 0) {
        // The lock and the numbering of tasks.service's create: ZZ-<campaign year>-0001 …
        const prefix = `ZZ-${campaign.startOn.slice(0, 4)}-`;
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`campaign-task-no:${prefix}`}))`);
        const [last] = await tx
          .select({ n: sql<number>`coalesce(max(substring(${campaignTasks.taskNo} from 9)::int), 0)::int` })
          .from(campaignTasks)
          .where(sql`${campaignTasks.taskNo} LIKE ${`${prefix}%`}`);
        let n = last?.n ?? 0;
        for (let i = 0; i < creates.length; i += INSERT_BATCH) {
          const batch = creates.slice(i, i + INSERT_BATCH);
          const inserted = await tx
            .insert(campaignTasks)
            .values(
              batch.map(({ p }) => ({
                ...(p.values as Values),
                taskNo: `${prefix}${String(++n).padStart(4, '0')}`,
                campaignId: campaign.id,
                regionId: p.regionId,
                createdAt: now,
                createdBy: actor.userId,
                updatedAt: now,
                updatedBy: actor.userId,
              })),
            )
            .returning({
              id: campaignTasks.id,
              taskNo: campaignTasks.taskNo,
              pointName: campaignTasks.pointName,
            });
          batch.forEach(({ r }, j) => {
            const task = inserted[j];
            if (!task) return;
            created.set(r.seq, task.id);
            event(task.id, 'create', null, 'pending');
            records.push({
              action: 'campaign_task.create',
              objectType: 'campaign_task',
              objectId: task.id,
              result: 'success',
              summary: { taskNo: task.taskNo, pointName: task.pointName, via: 'import', importJobId: jobId },
            });
          });
          done += batch.length;
          await progress(done);
        }
      }
      for (let i = 0; i < events.length; i += INSERT_BATCH)
        await tx.insert(campaignTaskEvents).values(events.slice(i, i + INSERT_BATCH));
      await audit.appendMany(tx, actor, records, now);
      return created;
    },
  };

  return {
    importer,

    /** Runs an upload for one campaign: its preview, in the background, plans the rows for that campaign. */
    forCampaign<T>(campaignId: string, upload: () => Promise<T>): Promise<T> {
      return uploadCampaign.run(campaignId, upload);
    },
  };
}

export type TaskImporter = ReturnType<typeof createTaskImporter>;
