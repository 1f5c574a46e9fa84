import type {
  ProblemItem,
  ProblemResponse,
  problemKpiResponse,
  problemListQuery,
  problemStepBody,
  raiseProblemBody,
} from '@groundbreak/contract';
import {
  checkExtensionRequest,
  DEFAULT_ESCALATION_RULES,
  DEFAULT_PROBLEM_RULES,
  type EscalationLevel,
  mayTakeProblemStep,
  nextEscalation,
  PROBLEM_OPEN_STATUSES,
  PROBLEM_STEP_NAMES,
  PROBLEM_STEPS,
  type ProblemStatus,
  type ProblemStep,
  percentText,
  problemDueOn,
  problemEscalationFacts,
  problemKpi,
  problemOverdueWorkingDays,
  type WorkingCalendar,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { attachments, orgs, problemEvents, problems, projects, regions, users } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { containsPattern } from '../../lib/paging';
import { projectChildInScope } from '../../lib/scope';
import { type AuditActor, type AuditRepository, SYSTEM_ACTOR } from '../audit/audit.repository';
import type { CalendarService } from '../calendar/calendar.service';
import {
  createNotificationsRepository,
  type NewNotification,
} from '../notifications/notifications.repository';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';

// Problems (问题清单, domain.md §7.5) and 督办: raised on a project in scope; 交办 by 区发改 to a lead unit and
// co-units with a time limit in working days; worked, extended once asked in time, resolved with evidence,
// struck off on the enterprise's confirmation or 区发改's verification, or sent back. A unit sees what it
// leads or co-handles besides its region scope. Past the time limit while being worked a problem is under
// 督办: the nightly run marks it and climbs the escalation levels of §6.4, a 督办函 can be downloaded, and the
// project's light reads it. Every step is audited, kept in the problem's history and notified in the inbox.

type ProblemRow = typeof problems.$inferSelect;

export function problemInScope(principal: Principal): SQL {
  const region = projectChildInScope(principal, problems.regionId, problems.projectId);
  return sql`(${region} OR ${problems.leadOrgId} = ${principal.orgId} OR ${principal.orgId}::uuid = ANY(${problems.coOrgIds}))`;
}

/** The next 问题编号 of a year (WT-2025-0001 …), under a lock held to the end of the caller's transaction. */
export async function nextProblemNo(tx: Db, year: string): Promise<string> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`problem_no:${year}`}))`);
  const [row] = await tx
    .select({ n: count() })
    .from(problems)
    .where(sql`${problems.problemNo} LIKE ${`WT-${year}-%`}`);
  return `WT-${year}-${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
}

export function createProblemsService(deps: {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  calendar: CalendarService;
  /** For raising: loads the project in the caller's scope (the nightly 督办 run does without). */
  projects?: ProjectsService;
  /** After a change commits: the project's light reads its problems. */
  afterChange?: (projectId: string) => Promise<unknown>;
}) {
  const { db } = deps.database;
  const notes = createNotificationsRepository(db);
  const rules = DEFAULT_PROBLEM_RULES;
  const today = () => shanghaiDate(deps.clock.now());

  async function orgNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select({ id: orgs.id, name: orgs.shortName })
      .from(orgs)
      .where(inArray(orgs.id, [...new Set(ids)]));
    return new Map(rows.map((o) => [o.id, o.name]));
  }

  async function present(
    rows: Array<{ p: ProblemRow; projectName: string; internalNo: string; regionName: string }>,
    cal: WorkingCalendar,
  ): Promise<ProblemItem[]> {
    const day = today();
    const names = await orgNames(
      rows.flatMap((r) => [r.p.leadOrgId, ...r.p.coOrgIds].filter((x): x is string => !!x)),
    );
    const evidenceIds = rows.flatMap((r) => r.p.evidenceIds);
    const files =
      evidenceIds.length === 0
        ? []
        : await db
            .select({ id: attachments.id, fileName: attachments.fileName })
            .from(attachments)
            .where(inArray(attachments.id, evidenceIds));
    return rows.map(({ p, projectName, internalNo, regionName }) => ({
      id: p.id,
      problemNo: p.problemNo,
      project: { id: p.projectId, name: projectName, internalNo, regionName },
      source: p.source,
      sourceRef: p.sourceRef,
      category: p.category,
      title: p.title,
      description: p.description,
      raisedOn: p.raisedOn,
      status: p.status,
      complexity: p.complexity,
      leadOrg: p.leadOrgId ? { id: p.leadOrgId, name: names.get(p.leadOrgId) ?? '' } : null,
      coOrgs: p.coOrgIds.map((o) => ({ id: o, name: names.get(o) ?? '' })),
      limitWorkingDays: p.limitWorkingDays,
      assignedOn: p.assignedOn,
      dueOn: p.dueOn,
      originalDueOn: p.originalDueOn,
      requestedDueOn: p.requestedDueOn,
      extensionReason: p.extensionReason,
      level: p.level,
      levelSince: p.levelSince,
      supervisedOn: p.supervisedOn,
      overdueWorkingDays: problemOverdueWorkingDays(cal, p, day),
      needsPolicy: p.needsPolicy,
      resolvedOn: p.resolvedOn,
      resolution: p.resolution,
      evidence: p.evidenceIds.flatMap((e) => files.filter((f) => f.id === e)),
      closedOn: p.closedOn,
      closedHow: p.closedHow,
      version: p.version,
    }));
  }

  function selectRows() {
    return db
      .select({
        p: problems,
        projectName: projects.name,
        internalNo: projects.internalNo,
        regionName: regions.name,
      })
      .from(problems)
      .innerJoin(projects, eq(projects.id, problems.projectId))
      .innerJoin(regions, eq(regions.id, problems.regionId));
  }

  async function load(principal: Principal, id: string) {
    const [row] = await selectRows().where(
      and(eq(problems.id, id), isNull(problems.deletedAt), problemInScope(principal)),
    );
    if (!row) throw notFound('问题');
    return row;
  }

  async function actorFlags(principal: Principal, p: ProblemRow) {
    const [project] = await db
      .select({ enterpriseId: projects.enterpriseId })
      .from(projects)
      .where(eq(projects.id, p.projectId));
    return {
      isDistrictAdmin: principal.actions.has('registry.admin'),
      isLeadUnit: p.leadOrgId !== null && p.leadOrgId === principal.orgId,
      isProjectEnterprise:
        principal.enterpriseId !== null &&
        project?.enterpriseId === principal.enterpriseId &&
        principal.roles.includes('enterprise'),
    };
  }

  /** Active users of the given units, of the project's enterprise, or of 区发改: whom a step concerns. */
  async function recipients(
    tx: Db,
    who: { orgIds?: string[]; enterpriseOf?: string; drc?: boolean },
    except: string | null,
  ): Promise<string[]> {
    const conditions: SQL[] = [];
    if (who.orgIds?.length) conditions.push(inArray(users.orgId, who.orgIds));
    if (who.enterpriseOf) {
      conditions.push(
        sql`${users.enterpriseId} = (SELECT enterprise_id FROM projects WHERE id = ${who.enterpriseOf}) AND 'enterprise' = ANY(${users.roles})`,
      );
    }
    if (who.drc) conditions.push(sql`'drc' = ANY(${users.roles})`);
    if (conditions.length === 0) return [];
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.status, 'active'), sql`(${sql.join(conditions, sql` OR `)})`));
    return rows.map((r) => r.id).filter((u) => u !== except);
  }

  async function detail(principal: Principal, id: string): Promise<ProblemResponse> {
    const row = await load(principal, id);
    const cal = await deps.calendar.calendar();
    const [item] = await present([row], cal);
    const events = await db
      .select()
      .from(problemEvents)
      .where(eq(problemEvents.problemId, id))
      .orderBy(asc(problemEvents.at), asc(problemEvents.id));
    const flags = await actorFlags(principal, row.p);
    return {
      problem: item as ProblemItem,
      events: events.map((e) => ({
        at: e.at.toISOString(),
        actorName: e.actorName,
        orgName: e.orgName,
        step: e.step,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
      })),
      can: Object.fromEntries(
        PROBLEM_STEP_NAMES.map((s) => [s, mayTakeProblemStep(flags, s, row.p.status as ProblemStatus)]),
      ) as Record<ProblemStep, boolean>,
      letter: row.p.supervisedOn !== null || (item?.overdueWorkingDays ?? 0) > 0,
      limits: { ...rules.leadWorkingDays, co: rules.coWorkingDays },
    };
  }

  return {
    load,
    detail,

    async raise(principal: Principal, actor: AuditActor, body: z.output<typeof raiseProblemBody>) {
      if (!deps.projects) throw new Error('problems service built without projects');
      const project = await deps.projects.load(principal, body.projectId);
      const now = deps.clock.now();
      const day = today();
      const id = await db.transaction(async (tx) => {
        const problemNo = await nextProblemNo(tx, day.slice(0, 4));
        const [row] = await tx
          .insert(problems)
          .values({
            problemNo,
            projectId: project.id,
            regionId: project.regionId,
            source: body.source,
            sourceRef: body.sourceRef ?? null,
            category: body.category,
            title: body.title,
            description: body.description,
            needsPolicy: body.needsPolicy,
            raisedOn: day,
            levelSince: day,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: problems.id });
        if (!row) throw new Error('problem not inserted');
        await tx.insert(problemEvents).values({
          problemId: row.id,
          at: now,
          actorId: actor.userId,
          actorName: principal.displayName,
          orgName: principal.orgName,
          step: 'raise',
          toStatus: 'collected',
          note: body.description,
        });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'problem.raise',
            objectType: 'problem',
            objectId: row.id,
            result: 'success',
            summary: { problemNo, projectId: project.id, title: body.title, source: body.source },
          },
          now,
        );
        await notes.insertMany(
          (await recipients(tx, { drc: true }, actor.userId)).map((recipientId) => ({
            recipientId,
            module: 'tracking',
            title: `新问题待研判：${body.title}`,
            body: `${project.name}（${problemNo}）`,
            link: `/problems/${row.id}`,
          })),
          now,
          tx,
        );
        return row.id;
      });
      await deps.afterChange?.(project.id);
      return detail(principal, id);
    },

    async step(principal: Principal, actor: AuditActor, id: string, body: z.output<typeof problemStepBody>) {
      const { p } = await load(principal, id);
      const status = p.status as ProblemStatus;
      const flags = await actorFlags(principal, p);
      if (!mayTakeProblemStep(flags, body.step, status)) {
        throw new AppError(
          'FORBIDDEN',
          PROBLEM_STEPS[body.step].from.includes(status as never)
            ? `您不能${PROBLEM_STEPS[body.step].label}此问题`
            : `问题当前为“${status}”，不能${PROBLEM_STEPS[body.step].label}`,
        );
      }
      if (p.version !== body.version) throw await versionConflict(db, '问题', p);
      const cal = await deps.calendar.calendar();
      const day = today();
      const now = deps.clock.now();
      const note = body.note?.trim() || null;
      const need = (field: string, message: string) => {
        throw new AppError('VALIDATION_FAILED', message, { fields: [{ field, message }] });
      };
      let set: Partial<typeof problems.$inferInsert> = {};
      let told: NewNotification[] = [];
      const link = `/problems/${p.id}`;
      switch (body.step) {
        case 'assign': {
          if (!body.leadOrgId) need('leadOrgId', '请选择主办单位');
          const co = [...new Set((body.coOrgIds ?? []).filter((o) => o !== body.leadOrgId))];
          const units = await db
            .select({ id: orgs.id, kind: orgs.kind })
            .from(orgs)
            .where(and(inArray(orgs.id, [body.leadOrgId as string, ...co]), isNull(orgs.deletedAt)));
          if (units.length !== co.length + 1 || units.some((u) => u.kind === 'enterprise')) {
            need('leadOrgId', '主办或协办单位不存在');
          }
          const complexity = body.complexity ?? 'normal';
          const limit = body.limitWorkingDays ?? rules.leadWorkingDays[complexity];
          const dueOn = problemDueOn(cal, day, limit);
          set = {
            leadOrgId: body.leadOrgId,
            coOrgIds: co,
            complexity,
            limitWorkingDays: limit,
            assignedOn: day,
            dueOn,
            originalDueOn: dueOn,
            level: 'L1',
            levelSince: day,
          };
          told = [
            ...(await recipients(db, { orgIds: [body.leadOrgId as string] }, actor.userId)).map((r) => ({
              recipientId: r,
              module: 'tracking',
              title: `交办问题（主办）：${p.title}`,
              body: `${p.problemNo}，办理时限${dueOn}（${limit}个工作日）`,
              link,
            })),
            ...(await recipients(db, { orgIds: co }, actor.userId)).map((r) => ({
              recipientId: r,
              module: 'tracking',
              title: `交办问题（协办）：${p.title}`,
              body: `${p.problemNo}，协办时限${problemDueOn(cal, day, rules.coWorkingDays)}（${rules.coWorkingDays}个工作日）`,
              link,
            })),
          ];
          break;
        }
        case 'accept':
          break;
        case 'note':
          if (!note) need('note', '请填写办理情况');
          break;
        case 'request_extension': {
          if (!body.requestedDueOn) need('requestedDueOn', '请填写延期后的时限');
          if (!note) need('note', '请说明延期理由');
          const wrong = checkExtensionRequest(
            cal,
            p.dueOn as string,
            body.requestedDueOn as string,
            day,
            rules,
          );
          if (wrong.length > 0) need('requestedDueOn', wrong.join('；'));
          set = { requestedDueOn: body.requestedDueOn, extensionReason: note };
          told = (await recipients(db, { drc: true }, actor.userId)).map((r) => ({
            recipientId: r,
            module: 'tracking',
            title: `延期申请待审核：${p.title}`,
            body: `${p.problemNo}，原时限${p.dueOn}，申请延至${body.requestedDueOn}`,
            link,
          }));
          break;
        }
        case 'approve_extension':
        case 'refuse_extension': {
          const approved = body.step === 'approve_extension';
          set = approved
            ? { dueOn: p.requestedDueOn, requestedDueOn: null, extensionReason: null }
            : { requestedDueOn: null, extensionReason: null };
          told = (await recipients(db, { orgIds: p.leadOrgId ? [p.leadOrgId] : [] }, actor.userId)).map(
            (r) => ({
              recipientId: r,
              module: 'tracking',
              title: `${approved ? '同意' : '不同意'}延期：${p.title}`,
              body: approved
                ? `办理时限延至${p.requestedDueOn}`
                : `办理时限仍为${p.dueOn}${note ? `；${note}` : ''}`,
              link,
            }),
          );
          break;
        }
        case 'resolve': {
          if (!note) need('note', '请填写办理结果');
          const evidence = [...new Set(body.evidenceIds ?? [])];
          if (evidence.length === 0) need('evidenceIds', '办结须上传销号依据');
          const found = await db
            .select({ id: attachments.id })
            .from(attachments)
            .where(
              and(
                inArray(attachments.id, evidence),
                eq(attachments.projectId, p.projectId),
                isNull(attachments.deletedAt),
              ),
            );
          if (found.length !== evidence.length) need('evidenceIds', '销号依据须为本项目的附件');
          set = { resolvedOn: day, resolution: note, evidenceIds: evidence };
          told = (await recipients(db, { enterpriseOf: p.projectId, drc: true }, actor.userId)).map((r) => ({
            recipientId: r,
            module: 'tracking',
            title: `问题已办结，待销号：${p.title}`,
            body: `${p.problemNo}：${note}`,
            link,
          }));
          break;
        }
        case 'close':
          if (p.evidenceIds.length === 0) need('evidenceIds', '销号须有销号依据');
          set = { closedOn: day, closedHow: flags.isProjectEnterprise ? 'enterprise' : 'verified' };
          break;
        case 'reopen':
          if (!note) need('note', '请说明退回重办的原因');
          set = { resolvedOn: null };
          told = (await recipients(db, { orgIds: p.leadOrgId ? [p.leadOrgId] : [] }, actor.userId)).map(
            (r) => ({
              recipientId: r,
              module: 'tracking',
              title: `问题退回重办：${p.title}`,
              body: `${p.problemNo}：${note}`,
              link,
            }),
          );
          break;
      }
      const to = PROBLEM_STEPS[body.step].to ?? status;
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(problems)
          .set({
            ...set,
            status: to,
            version: sql`${problems.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(and(eq(problems.id, p.id), eq(problems.version, p.version)))
          .returning({ id: problems.id });
        if (updated.length === 0) throw await versionConflict(db, '问题', p);
        await tx.insert(problemEvents).values({
          problemId: p.id,
          at: now,
          actorId: actor.userId,
          actorName: principal.displayName,
          orgName: principal.orgName,
          step: body.step,
          fromStatus: status,
          toStatus: to,
          note:
            body.step === 'assign'
              ? `主办单位办理时限${set.dueOn}（${set.limitWorkingDays}个工作日）${note ? `；${note}` : ''}`
              : body.step === 'request_extension'
                ? `申请延至${body.requestedDueOn}：${note}`
                : note,
        });
        await deps.audit.append(
          tx,
          actor,
          {
            action: `problem.${body.step}`,
            objectType: 'problem',
            objectId: p.id,
            result: 'success',
            summary: { problemNo: p.problemNo, from: status, to, ...(note ? { note } : {}) },
          },
          now,
        );
        await notes.insertMany(told, now, tx);
      });
      await deps.afterChange?.(p.projectId);
      return detail(principal, p.id);
    },

    async list(principal: Principal, query: z.output<typeof problemListQuery>) {
      const day = today();
      const where: SQL[] = [isNull(problems.deletedAt), problemInScope(principal)];
      if (query.status === 'open') where.push(inArray(problems.status, [...PROBLEM_OPEN_STATUSES]));
      else if (query.status) where.push(eq(problems.status, query.status));
      if (query.overdue === 'true') {
        where.push(
          inArray(problems.status, [...PROBLEM_OPEN_STATUSES]),
          sql`${problems.dueOn} < ${day}::date`,
        );
      }
      if (query.regionId) {
        where.push(
          sql`${problems.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = ${query.regionId}) || '%')`,
        );
      }
      if (query.projectId) where.push(eq(problems.projectId, query.projectId));
      if (query.leadOrgId) where.push(eq(problems.leadOrgId, query.leadOrgId));
      if (query.category) where.push(eq(problems.category, query.category));
      if (query.level) where.push(eq(problems.level, query.level));
      if (query.mine === 'true') {
        where.push(
          sql`(${problems.leadOrgId} = ${principal.orgId} OR ${principal.orgId}::uuid = ANY(${problems.coOrgIds}))`,
        );
      }
      if (query.q) {
        const like = containsPattern(query.q);
        where.push(
          sql`(${problems.title} ILIKE ${like} OR ${problems.problemNo} ILIKE ${like} OR ${projects.name} ILIKE ${like})`,
        );
      }
      const sort = (query.sort ?? '-raisedOn') as string;
      const column = { raisedOn: problems.raisedOn, dueOn: problems.dueOn, problemNo: problems.problemNo }[
        sort.replace(/^-/, '') as 'raisedOn'
      ];
      const condition = and(...where);
      const [rows, [total], cal] = await Promise.all([
        selectRows()
          .where(condition)
          .orderBy(sort.startsWith('-') ? desc(column) : asc(column), desc(problems.problemNo))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db
          .select({ n: count() })
          .from(problems)
          .innerJoin(projects, eq(projects.id, problems.projectId))
          .where(condition),
        deps.calendar.calendar(),
      ]);
      return {
        items: await present(rows, cal),
        total: total?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** 办结率, average working days to close and overdue count per lead unit or per 板块, in scope. */
    async kpi(principal: Principal, by: 'unit' | 'region'): Promise<z.infer<typeof problemKpiResponse>> {
      const day = today();
      const cal = await deps.calendar.calendar();
      const rows = await db
        .select({
          status: problems.status,
          assignedOn: problems.assignedOn,
          closedOn: problems.closedOn,
          dueOn: problems.dueOn,
          key: by === 'unit' ? problems.leadOrgId : problems.regionId,
          name: by === 'unit' ? orgs.shortName : regions.name,
        })
        .from(problems)
        .leftJoin(orgs, eq(orgs.id, problems.leadOrgId))
        .innerJoin(regions, eq(regions.id, problems.regionId))
        .where(
          and(isNull(problems.deletedAt), problemInScope(principal), sql`${problems.assignedOn} IS NOT NULL`),
        );
      const groups = new Map<string, { name: string; items: typeof rows }>();
      for (const r of rows) {
        const key = r.key ?? '';
        const g = groups.get(key) ?? { name: r.name ?? '未交办', items: [] };
        g.items.push(r);
        groups.set(key, g);
      }
      return {
        asOf: day,
        rows: [...groups.entries()]
          .map(([key, g]) => {
            const k = problemKpi(
              cal,
              g.items.map((i) => ({ ...i, status: i.status as ProblemStatus })),
              day,
            );
            return {
              id: key,
              name: g.name,
              assigned: k.assigned,
              closed: k.closed,
              open: k.open,
              overdue: k.overdue,
              closeRate: k.assigned === 0 ? null : percentText(k.closed, k.assigned),
              averageWorkingDaysToClose: k.averageWorkingDaysToClose,
            };
          })
          .sort(
            (a, b) => b.overdue - a.overdue || b.assigned - a.assigned || a.name.localeCompare(b.name, 'zh'),
          ),
      };
    },

    /**
     * The nightly 督办 run: a problem past its time limit while being worked goes under 督办 (once), and
     * climbs one escalation level when the rules of §6.4 call for it; each change is kept in its history,
     * audited as the system and notified to its lead unit and 区发改.
     */
    async supervise(): Promise<{ supervised: number; escalated: number }> {
      const day = today();
      const now = deps.clock.now();
      const cal = await deps.calendar.calendar();
      const open = await db
        .select()
        .from(problems)
        .where(and(isNull(problems.deletedAt), inArray(problems.status, [...PROBLEM_OPEN_STATUSES])));
      let supervised = 0;
      let escalated = 0;
      const touched = new Set<string>();
      for (const p of open) {
        const late = problemOverdueWorkingDays(cal, p, day);
        const proposed = nextEscalation(
          problemEscalationFacts(
            cal,
            {
              ...p,
              status: p.status as ProblemStatus,
              level: p.level as EscalationLevel,
              coUnits: p.coOrgIds.length,
            },
            day,
          ),
          day,
          cal,
          DEFAULT_ESCALATION_RULES,
        );
        // One climb a day at most: a second run the same night (or a level reached today) waits for tomorrow.
        const climbed = p.levelSince === day && p.escalations > 0;
        const step = climbed ? null : proposed;
        const startSupervision = late > 0 && p.supervisedOn === null;
        if (!startSupervision && !step) continue;
        await db.transaction(async (tx) => {
          await tx
            .update(problems)
            .set({
              ...(startSupervision ? { supervisedOn: day } : {}),
              ...(step
                ? { level: step.to, levelSince: day, escalations: sql`${problems.escalations} + 1` }
                : {}),
              version: sql`${problems.version} + 1`,
              updatedAt: now,
            })
            .where(eq(problems.id, p.id));
          const lines = [
            startSupervision ? `超过办理时限${p.dueOn}，已超期${late}个工作日，列入督办` : null,
            step ? `升级至${step.to}：${step.reason}` : null,
          ].filter((x): x is string => x !== null);
          await tx.insert(problemEvents).values({
            problemId: p.id,
            at: now,
            actorName: '系统',
            step: step ? `escalate:${step.to}` : 'supervise',
            fromStatus: p.status,
            toStatus: p.status,
            note: lines.join('；'),
          });
          await deps.audit.append(
            tx,
            SYSTEM_ACTOR,
            {
              action: 'problem.supervise',
              objectType: 'problem',
              objectId: p.id,
              result: 'success',
              summary: {
                problemNo: p.problemNo,
                ...(step ? { level: step.to, reason: step.reason } : {}),
                overdueWorkingDays: late,
              },
            },
            now,
          );
          await notes.insertMany(
            (await recipients(tx, { orgIds: p.leadOrgId ? [p.leadOrgId] : [], drc: true }, null)).map(
              (r) => ({
                recipientId: r,
                module: 'tracking',
                title: `${step ? `问题升级至${step.to}` : '问题超期督办'}：${p.title}`,
                body: `${p.problemNo}：${lines.join('；')}`,
                link: `/problems/${p.id}`,
              }),
            ),
            now,
            tx,
          );
        });
        if (startSupervision) supervised++;
        if (step) escalated++;
        touched.add(p.projectId);
      }
      for (const projectId of touched) await deps.afterChange?.(projectId);
      return { supervised, escalated };
    },
  };
}

export type ProblemsService = ReturnType<typeof createProblemsService>;
