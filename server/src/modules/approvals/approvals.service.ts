import type {
  ApprovalItem,
  ApprovalQueueItem,
  CatalogueEntryView,
  ListResult,
  ProjectApprovals,
  UpdateApprovalItemBody,
  UpdateCatalogueEntryBody,
} from '@groundbreak/contract';
import { type approvalQueueQuery, parseSort } from '@groundbreak/contract';
import {
  type ApprovalStatus,
  addWorkingDays,
  appliesTo,
  approvalDueOn,
  approvalSla,
  type CatalogueEntry,
  checkApprovalUpdate,
  DEFAULT_APPROVAL_CATALOGUE,
  isLandSupplied,
  isVerifiedDay,
  type LandUse,
  type ProjectState,
  type WorkingCalendar,
  wholeProcessWorkingDays,
} from '@groundbreak/domain';
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { approvalCatalogue, projectApprovalItems, projects, regions } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { projectChildInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { CalendarService } from '../calendar/calendar.service';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';
import type { ApprovalRulesStore } from './approval-rules';

// A project's approval items: generated from the catalogue for what applies to it, updated by the
// department that handles each (区发改 any), each with its time-limit state on the official calendar; the
// department's work queue over every project in scope; 模拟审批 converted in one go once the land is supplied.

/** How far down a work queue can be paged (and counted). */
export const QUEUE_LIMIT = 1000;

/** Jiangsu: the whole process within 100 working days [A]. */

type ItemRow = typeof projectApprovalItems.$inferSelect;
type CatalogueRow = typeof approvalCatalogue.$inferSelect;

/** Adds the catalogue entries the table lacks (by code); never changes an entry the 区发改 has edited. */
export async function seedApprovalCatalogue(db: Db): Promise<number> {
  const have = new Set(
    (await db.select({ code: approvalCatalogue.code }).from(approvalCatalogue)).map((r) => r.code),
  );
  const missing = DEFAULT_APPROVAL_CATALOGUE.map((e, i) => ({ e, i })).filter(({ e }) => !have.has(e.code));
  if (missing.length === 0) return 0;
  await db
    .insert(approvalCatalogue)
    .values(
      missing.map(({ e, i }) => ({
        code: e.code,
        stage: e.stage,
        name: e.name,
        deptKind: e.deptKind,
        output: e.output,
        statutoryDays: e.statutoryDays,
        promisedDays: e.promisedDays,
        unit: e.unit,
        prerequisites: [...e.prerequisites],
        parallelGroup: e.parallelGroup,
        landUses: e.applies.landUses ? [...e.applies.landUses] : null,
        investment: e.applies.investment,
        automatic: e.applies.automatic,
        sortOrder: i,
      })),
    )
    .onConflictDoNothing();
  return missing.length;
}

function entryOf(row: CatalogueRow): CatalogueEntry {
  return {
    code: row.code,
    stage: row.stage as CatalogueEntry['stage'],
    name: row.name,
    deptKind: row.deptKind,
    output: row.output,
    statutoryDays: row.statutoryDays,
    promisedDays: row.promisedDays,
    unit: row.unit,
    prerequisites: row.prerequisites,
    parallelGroup: row.parallelGroup,
    applies: {
      landUses: (row.landUses as LandUse[] | null) ?? null,
      investment: row.investment ?? null,
      automatic: row.automatic,
    },
  };
}

/** Whether the principal works this item: its own department's, or any for 区发改. */
function mayEdit(principal: Principal, deptKind: string): boolean {
  if (!principal.actions.has('approval.write')) return false;
  return principal.roles.includes('drc') || principal.orgKind === deptKind;
}

export function createApprovalsService(deps: {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  projects: ProjectsService;
  calendar: CalendarService;
  rules: ApprovalRulesStore;
}) {
  const { db } = deps.database;
  const today = () => shanghaiDate(deps.clock.now());

  /** What an item's SLA is read against: the calendar, today and the 临期 rule. */
  type SlaBasis = { cal: WorkingCalendar; day: string; dueSoon: number };
  async function slaBasis(): Promise<SlaBasis> {
    const [cal, rules] = await Promise.all([deps.calendar.calendar(), deps.rules.current()]);
    return { cal, day: today(), dueSoon: rules.dueSoonWorkingDays };
  }

  function present(principal: Principal, row: ItemRow, { cal, day, dueSoon }: SlaBasis): ApprovalItem {
    const status = row.status as ApprovalStatus;
    const sla = approvalSla(
      cal,
      { status, acceptedOn: row.acceptedOn, doneOn: row.doneOn, dueOn: row.dueOn, unit: row.unit },
      day,
      dueSoon,
    );
    const followUpOverdue =
      (status === 'accepted_with_gaps' && row.gapsDueOn !== null && row.gapsDueOn < day) ||
      (row.commitment &&
        row.commitmentCheckDueOn !== null &&
        row.commitmentCheckDueOn < day &&
        !row.commitmentCheckResult);
    return {
      id: row.id,
      code: row.code,
      stage: row.stage,
      name: row.name,
      deptKind: row.deptKind,
      promisedDays: row.promisedDays,
      unit: row.unit,
      prerequisites: row.prerequisites,
      parallelGroup: row.parallelGroup,
      status,
      appliedOn: row.appliedOn,
      acceptedOn: row.acceptedOn,
      doneOn: row.doneOn,
      dueOn: row.dueOn,
      dueVerified:
        !row.dueOn ||
        (isVerifiedDay(cal, row.dueOn) && (!row.acceptedOn || isVerifiedDay(cal, row.acceptedOn))),
      documentNo: row.documentNo,
      simulated: row.simulated,
      convertedOn: row.convertedOn,
      commitment: row.commitment,
      commitmentCheckDueOn: row.commitmentCheckDueOn,
      commitmentCheckResult: row.commitmentCheckResult,
      gaps: row.gaps,
      gapsDueOn: row.gapsDueOn,
      followUpOverdue,
      note: row.note,
      sla,
      canEdit: mayEdit(principal, row.deptKind),
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function catalogueRows(): Promise<CatalogueRow[]> {
    return db
      .select()
      .from(approvalCatalogue)
      .where(isNull(approvalCatalogue.deletedAt))
      .orderBy(asc(approvalCatalogue.stage), asc(approvalCatalogue.sortOrder));
  }

  async function itemsOf(projectId: string, tx: Db = db): Promise<ItemRow[]> {
    return tx
      .select()
      .from(projectApprovalItems)
      .where(and(eq(projectApprovalItems.projectId, projectId), isNull(projectApprovalItems.deletedAt)))
      .orderBy(asc(projectApprovalItems.stage), asc(projectApprovalItems.sortOrder));
  }

  async function forProject(principal: Principal, projectId: string): Promise<ProjectApprovals> {
    const project = await deps.projects.load(principal, projectId);
    const [rows, catalogue, basis, rules] = await Promise.all([
      itemsOf(project.id),
      catalogueRows(),
      slaBasis(),
      deps.rules.current(),
    ]);
    const { cal, day } = basis;
    const have = new Set(rows.map((r) => r.code));
    const target = { landUse: project.landUse as LandUse | null, projectType: project.projectType };
    return {
      items: rows.map((r) => present(principal, r, basis)),
      wholeProcessDays: wholeProcessWorkingDays(
        cal,
        rows.map((r) => ({ status: r.status as ApprovalStatus, acceptedOn: r.acceptedOn, doneOn: r.doneOn })),
        day,
      ),
      targetDays: rules.wholeProcessTargetDays,
      simulatedOpen: rows.filter((r) => r.simulated && r.convertedOn === null).length,
      landSupplied: isLandSupplied(project.state as ProjectState),
      missing: catalogue
        .map(entryOf)
        .filter((e) => appliesTo(e, target) && !have.has(e.code))
        .map((e) => ({ code: e.code, name: e.name })),
    };
  }

  return {
    forProject,

    async catalogue(): Promise<CatalogueEntryView[]> {
      return (await catalogueRows()).map((r) => ({
        id: r.id,
        code: r.code,
        stage: r.stage,
        name: r.name,
        deptKind: r.deptKind,
        output: r.output,
        statutoryDays: r.statutoryDays,
        promisedDays: r.promisedDays,
        unit: r.unit,
        prerequisites: r.prerequisites,
        parallelGroup: r.parallelGroup,
        landUses: r.landUses,
        investment: r.investment ?? null,
        automatic: r.automatic,
        version: r.version,
      }));
    },

    /** The 区发改 changes an entry's limit, department, group or whether it is generated; audited. */
    async updateCatalogueEntry(actor: AuditActor, id: string, body: UpdateCatalogueEntryBody) {
      const now = deps.clock.now();
      const [before] = await db.select().from(approvalCatalogue).where(eq(approvalCatalogue.id, id));
      if (!before || before.deletedAt) throw notFound('审批事项');
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(approvalCatalogue)
          .set({
            promisedDays: body.promisedDays,
            unit: body.unit,
            deptKind: body.deptKind,
            parallelGroup: body.parallelGroup,
            automatic: body.automatic,
            version: sql`${approvalCatalogue.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(and(eq(approvalCatalogue.id, id), eq(approvalCatalogue.version, body.version)))
          .returning({ id: approvalCatalogue.id });
        if (updated.length === 0) throw await versionConflict(db, '审批事项', before);
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'approval_catalogue.update',
            objectType: 'approval_catalogue',
            objectId: id,
            result: 'success',
            summary: {
              code: before.code,
              before: {
                promisedDays: before.promisedDays,
                unit: before.unit,
                deptKind: before.deptKind,
                parallelGroup: before.parallelGroup,
                automatic: before.automatic,
              },
              after: { ...body, version: undefined },
            },
          },
          now,
        );
      });
    },

    /** Adds the items that apply to the project and it does not have yet; idempotent. */
    async generate(principal: Principal, actor: AuditActor, projectId: string) {
      const project = await deps.projects.load(principal, projectId);
      if (project.state === 'TERMINATED') throw new AppError('CONFLICT', '项目已终止，不能生成审批事项');
      const target = { landUse: project.landUse as LandUse | null, projectType: project.projectType };
      const now = deps.clock.now();
      let added = 0;
      await db.transaction(async (tx) => {
        const have = new Set((await itemsOf(project.id, tx)).map((r) => r.code));
        const entries = (await catalogueRows()).filter(
          (r) => appliesTo(entryOf(r), target) && !have.has(r.code),
        );
        if (entries.length === 0) return;
        await tx
          .insert(projectApprovalItems)
          .values(
            entries.map((e) => ({
              projectId: project.id,
              regionId: project.regionId,
              code: e.code,
              stage: e.stage,
              name: e.name,
              deptKind: e.deptKind,
              promisedDays: e.promisedDays,
              unit: e.unit,
              prerequisites: e.prerequisites,
              parallelGroup: e.parallelGroup,
              sortOrder: e.sortOrder,
              createdBy: actor.userId,
              updatedBy: actor.userId,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .onConflictDoNothing();
        added = entries.length;
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'approval.generate',
            objectType: 'project',
            objectId: project.id,
            result: 'success',
            summary: { added: entries.map((e) => e.code) },
          },
          now,
        );
      });
      return { added, approvals: await forProject(principal, project.id) };
    },

    /** A department records where an item stands; the limit's due date follows from the 受理 date. */
    async update(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      itemId: string,
      body: UpdateApprovalItemBody,
    ): Promise<ApprovalItem> {
      const project = await deps.projects.load(principal, projectId);
      const rows = await itemsOf(project.id);
      const row = rows.find((r) => r.id === itemId);
      if (!row) throw notFound('审批事项');
      if (!mayEdit(principal, row.deptKind)) {
        throw new AppError('FORBIDDEN', '只有该事项的主管部门（或区发改）可以更新');
      }
      if (row.status === 'done' && !principal.roles.includes('drc')) {
        throw new AppError('FORBIDDEN', '已办结的事项只能由区发改更正');
      }
      // 模拟审批 is how approvals run ahead of the land; once the land is supplied an item is handled formally.
      if (body.simulated && !row.simulated && isLandSupplied(project.state as ProjectState)) {
        throw new AppError('VALIDATION_FAILED', '土地已供应，不能再按模拟审批办理', {
          fields: [{ field: 'simulated', message: '土地已供应，不能再按模拟审批办理' }],
        });
      }
      const day = today();
      const next = {
        ...body,
        // 办结 straight from 预审通过 (issued the day the land is obtained): accepted and done that day.
        acceptedOn: body.acceptedOn ?? (body.status === 'done' ? body.doneOn : null),
      };
      const prerequisites = rows
        .filter((r) => row.prerequisites.includes(r.code))
        .map((r) => ({ code: r.code, name: r.name, status: r.status as ApprovalStatus }));
      const problems = checkApprovalUpdate(
        { code: row.code, name: row.name, status: row.status as ApprovalStatus, simulated: row.simulated },
        next,
        prerequisites,
        day,
      );
      if (problems.length > 0) {
        throw new AppError('VALIDATION_FAILED', problems[0]?.message ?? '填写有误', { fields: problems });
      }
      const cal = await deps.calendar.calendar();
      const running = ['accepted', 'accepted_with_gaps', 'done', 'refused'].includes(next.status);
      let dueOn: string | null = null;
      if (running && next.acceptedOn) {
        try {
          dueOn = approvalDueOn(cal, next.acceptedOn, row.promisedDays, row.unit);
        } catch (error) {
          throw new AppError('VALIDATION_FAILED', (error as Error).message, {
            fields: [{ field: 'acceptedOn', message: (error as Error).message }],
          });
        }
      }
      const now = deps.clock.now();
      const values = {
        status: next.status,
        appliedOn: next.appliedOn,
        acceptedOn: running || next.status === 'pre_approved' ? next.acceptedOn : null,
        doneOn: next.status === 'done' || next.status === 'refused' ? next.doneOn : null,
        dueOn,
        documentNo: next.documentNo,
        simulated: next.simulated,
        commitment: next.commitment,
        commitmentCheckDueOn: next.commitment ? next.commitmentCheckDueOn : null,
        commitmentCheckResult: next.commitment ? next.commitmentCheckResult : null,
        gaps: next.status === 'accepted_with_gaps' || row.gaps ? next.gaps : null,
        gapsDueOn: next.status === 'accepted_with_gaps' || row.gapsDueOn ? next.gapsDueOn : null,
        note: next.note,
      };
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(projectApprovalItems)
          .set({
            ...values,
            version: sql`${projectApprovalItems.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(and(eq(projectApprovalItems.id, row.id), eq(projectApprovalItems.version, body.version)))
          .returning({ id: projectApprovalItems.id });
        if (updated.length === 0) throw await versionConflict(db, '审批事项', row);
        const changed = Object.fromEntries(
          Object.entries(values).filter(([k, v]) => (row as Record<string, unknown>)[k] !== v),
        );
        const before = Object.fromEntries(
          Object.keys(changed).map((k) => [k, (row as Record<string, unknown>)[k] ?? null]),
        );
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'approval.update',
            objectType: 'project',
            objectId: project.id,
            result: 'success',
            summary: { item: row.code, before, after: changed },
          },
          now,
        );
      });
      const [after] = await db.select().from(projectApprovalItems).where(eq(projectApprovalItems.id, row.id));
      if (!after) throw notFound('审批事项');
      return present(principal, after, { ...(await slaBasis()), cal, day });
    },

    /** 模拟审批 → formal (转正) for every simulated item, once the project's land is supplied. */
    async convertSimulated(principal: Principal, actor: AuditActor, projectId: string) {
      const project = await deps.projects.load(principal, projectId);
      if (!isLandSupplied(project.state as ProjectState)) {
        throw new AppError('CONFLICT', '土地尚未供应，模拟审批事项暂不能转为正式审批');
      }
      const day = today();
      const now = deps.clock.now();
      const open = (await itemsOf(project.id)).filter((r) => r.simulated && r.convertedOn === null);
      if (open.length > 0) {
        await db.transaction(async (tx) => {
          await tx
            .update(projectApprovalItems)
            .set({
              simulated: false,
              convertedOn: day,
              version: sql`${projectApprovalItems.version} + 1`,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .where(
              inArray(
                projectApprovalItems.id,
                open.map((r) => r.id),
              ),
            );
          await deps.audit.append(
            tx,
            actor,
            {
              action: 'approval.convert_simulated',
              objectType: 'project',
              objectId: project.id,
              result: 'success',
              summary: { converted: open.map((r) => r.code), on: day },
            },
            now,
          );
        });
      }
      return { converted: open.length, approvals: await forProject(principal, project.id) };
    },

    /**
     * The work queue: items of the caller's department (every department for 区发改) on projects in scope,
     * running or in 预审, soonest due first.
     */
    async queue(
      principal: Principal,
      query: z.output<typeof approvalQueueQuery>,
    ): Promise<ListResult<ApprovalQueueItem> & { totalCapped: boolean }> {
      const basis = await slaBasis();
      const { cal, day } = basis;
      const i = projectApprovalItems;
      const where: SQL[] = [isNull(i.deletedAt), projectChildInScope(principal, i.regionId, i.projectId)];
      if (!principal.roles.includes('drc')) where.push(eq(i.deptKind, principal.orgKind));
      const statuses = query.status?.length ? query.status : ['accepted', 'accepted_with_gaps', 'pre_review'];
      where.push(inArray(i.status, statuses));
      if (query.sla === 'overdue') where.push(sql`${i.dueOn} < ${day}::date`);
      if (query.sla === 'due_soon') {
        // N working days or fewer left, as approvalSla counts them: due before the (N+1)th working day.
        where.push(
          sql`${i.dueOn} >= ${day}::date AND ${i.dueOn} < ${addWorkingDays(cal, day, basis.dueSoon + 1)}::date`,
        );
      }
      if (query.q) {
        const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(
          sql`(${i.name} ILIKE ${like} OR ${projects.name} ILIKE ${like} OR ${projects.internalNo} ILIKE ${like})`,
        );
      }
      const sort = parseSort(query.sort) ?? { field: 'dueOn', direction: 'asc' as const };
      const column =
        { dueOn: i.dueOn, acceptedOn: i.acceptedOn, name: i.name }[sort.field as 'dueOn'] ?? i.dueOn;
      const order = sort.direction === 'asc' ? sql`${column} ASC NULLS LAST` : sql`${column} DESC NULLS LAST`;
      const condition = and(...where);
      // A queue is read from the top: it pages through the first QUEUE_LIMIT items by due date, and counts
      // no further (an exact count of 100,000 running items costs half a second and tells nobody anything).
      // The count reads the item's own scope index (only a keyword, which may name the project, joins it) and
      // travels with the page, one statement a request; a page past the end counts on its own.
      const offset = (query.page - 1) * query.pageSize;
      const capped = db.select({ one: sql`1` }).from(i);
      const counting = (query.q ? capped.innerJoin(projects, eq(projects.id, i.projectId)) : capped)
        .where(condition)
        .limit(QUEUE_LIMIT + 1);
      const total = sql<number>`(SELECT count(*)::int FROM (${counting}) AS capped)`;
      const rows =
        offset >= QUEUE_LIMIT
          ? []
          : await db
              .select({
                item: i,
                projectName: projects.name,
                internalNo: projects.internalNo,
                regionName: regions.name,
                total,
              })
              .from(i)
              .innerJoin(projects, eq(projects.id, i.projectId))
              .innerJoin(regions, eq(regions.id, i.regionId))
              .where(condition)
              .orderBy(order, sort.direction === 'asc' ? asc(i.id) : desc(i.id))
              .limit(Math.min(query.pageSize, QUEUE_LIMIT - offset))
              .offset(offset);
      const n =
        rows[0]?.total ??
        (offset === 0 ? 0 : ((await db.execute<{ n: number }>(sql`SELECT ${total} AS n`)).rows[0]?.n ?? 0));
      return {
        items: rows.map((r) => ({
          ...present(principal, r.item, basis),
          project: {
            id: r.item.projectId,
            name: r.projectName,
            internalNo: r.internalNo,
            regionName: r.regionName,
          },
        })),
        total: Math.min(n, QUEUE_LIMIT),
        totalCapped: n > QUEUE_LIMIT,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  };
}

export type ApprovalsService = ReturnType<typeof createApprovalsService>;
