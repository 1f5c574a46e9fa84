import type {
  createMeetingBody,
  MeetingResponse,
  meetingDecisionBody,
  meetingListQuery,
  updateMeetingBody,
} from '@groundbreak/contract';
import {
  type AgendaItem,
  draftAgenda,
  type EscalationLevel,
  PROBLEM_OPEN_STATUSES,
  type ProblemStatus,
  problemDueOn,
  problemOverdueWorkingDays,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database } from '../../db/database';
import {
  meetingDecisions,
  meetings,
  orgs,
  problemEvents,
  problems,
  projectLights,
  projects,
  regions,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { CalendarService } from '../calendar/calendar.service';
import { createNotificationsRepository } from '../notifications/notifications.repository';
import type { Principal } from '../registry';
import { nextProblemNo } from './problems.service';

// Dispatch meetings (调度会, domain.md §7.5). A meeting reviews a region (the district or a 板块): its agenda
// is drawn from that region's red-light projects and overdue or escalated problems, and 区发改 (or the 板块
// for its own) edits it. Each decision (议定事项) raises a problem already assigned to its lead unit with a
// time limit, or gives an existing problem a new lead unit and time limit; the next meeting of the same
// kind and region shows how the previous meeting's decisions stand. A meeting is seen by users whose scope
// covers its region and by the units invited.

type MeetingRow = typeof meetings.$inferSelect;
const AGENDA_LIMIT = 100;

function meetingInScope(principal: Principal): SQL {
  return sql`(${regionInScope(principal, meetings.regionId)} OR ${principal.orgId}::uuid = ANY(${meetings.unitIds}))`;
}

export function createMeetingsService(deps: {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  calendar: CalendarService;
  afterChange?: (projectId: string) => Promise<unknown>;
}) {
  const { db } = deps.database;
  const notes = createNotificationsRepository(db);
  const today = () => shanghaiDate(deps.clock.now());

  /** 区发改 manages every meeting; a 板块 operator those of a region within its own scope. */
  async function mayManage(principal: Principal, regionId: string): Promise<boolean> {
    if (principal.actions.has('registry.admin')) return true;
    if (!principal.roles.includes('subarea_operator')) return false;
    const [r] = await db.select({ path: regions.path }).from(regions).where(eq(regions.id, regionId));
    return !!r && principal.scopePaths.some((p) => r.path.startsWith(p));
  }

  async function regionPath(regionId: string): Promise<string> {
    const [r] = await db.select({ path: regions.path }).from(regions).where(eq(regions.id, regionId));
    if (!r) throw new AppError('VALIDATION_FAILED', '区域不存在');
    return r.path;
  }

  /** The automatic agenda of a region as of today. */
  async function draft(regionId: string): Promise<AgendaItem[]> {
    const path = await regionPath(regionId);
    const within = (column: SQL) =>
      sql`${column} IN (SELECT r.id FROM regions r WHERE r.path LIKE ${`${path}%`})`;
    const [reds, open, cal] = await Promise.all([
      db
        .select({ projectId: projectLights.projectId, findings: projectLights.findings })
        .from(projectLights)
        .where(and(eq(projectLights.light, 'red'), within(sql`${projectLights.regionId}`)))
        .orderBy(asc(projectLights.since))
        .limit(AGENDA_LIMIT),
      db
        .select()
        .from(problems)
        .where(
          and(
            isNull(problems.deletedAt),
            inArray(problems.status, [...PROBLEM_OPEN_STATUSES]),
            within(sql`${problems.regionId}`),
          ),
        ),
      deps.calendar.calendar(),
    ]);
    const day = today();
    return draftAgenda({
      redProjects: reds.map((r) => ({
        projectId: r.projectId,
        explanation: r.findings
          .filter((f) => f.light === 'red')
          .map((f) => f.explanation)
          .join('；'),
      })),
      problems: open.map((p) => ({
        id: p.id,
        projectId: p.projectId,
        title: p.title,
        overdueWorkingDays: problemOverdueWorkingDays(
          cal,
          { status: p.status as ProblemStatus, dueOn: p.dueOn },
          day,
        ),
        level: p.level as EscalationLevel,
      })),
    }).slice(0, AGENDA_LIMIT);
  }

  async function load(principal: Principal, id: string): Promise<MeetingRow> {
    const [row] = await db
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, id), isNull(meetings.deletedAt), meetingInScope(principal)));
    if (!row) throw notFound('调度会');
    return row;
  }

  async function decisionsOf(meetingId: string) {
    const cal = await deps.calendar.calendar();
    const day = today();
    const rows = await db
      .select({ d: meetingDecisions, projectName: projects.name, p: problems, leadOrgName: orgs.shortName })
      .from(meetingDecisions)
      .innerJoin(projects, eq(projects.id, meetingDecisions.projectId))
      .innerJoin(problems, eq(problems.id, meetingDecisions.problemId))
      .leftJoin(orgs, eq(orgs.id, problems.leadOrgId))
      .where(eq(meetingDecisions.meetingId, meetingId))
      .orderBy(asc(meetingDecisions.createdAt), asc(meetingDecisions.id));
    return rows.map((r) => ({
      id: r.d.id,
      text: r.d.text,
      project: { id: r.d.projectId, name: r.projectName },
      createdProblem: r.d.createdProblem,
      problem: {
        id: r.p.id,
        problemNo: r.p.problemNo,
        status: r.p.status as ProblemStatus,
        leadOrgName: r.leadOrgName,
        dueOn: r.p.dueOn,
        overdueWorkingDays: problemOverdueWorkingDays(
          cal,
          { status: r.p.status as ProblemStatus, dueOn: r.p.dueOn },
          day,
        ),
      },
    }));
  }

  async function detail(principal: Principal, id: string): Promise<MeetingResponse> {
    const m = await load(principal, id);
    const projectIds = m.agenda.map((a) => a.projectId);
    const problemIds = m.agenda.flatMap((a) => a.problemIds);
    const [region, unitRows, projectRows, problemRows, decisions, [previous]] = await Promise.all([
      db.select({ name: regions.name }).from(regions).where(eq(regions.id, m.regionId)),
      m.unitIds.length === 0
        ? Promise.resolve([])
        : db.select({ id: orgs.id, name: orgs.shortName }).from(orgs).where(inArray(orgs.id, m.unitIds)),
      projectIds.length === 0
        ? Promise.resolve([])
        : db
            .select({
              id: projects.id,
              name: projects.name,
              internalNo: projects.internalNo,
              regionName: regions.name,
            })
            .from(projects)
            .innerJoin(regions, eq(regions.id, projects.regionId))
            .where(inArray(projects.id, projectIds)),
      problemIds.length === 0
        ? Promise.resolve([])
        : db
            .select({
              id: problems.id,
              problemNo: problems.problemNo,
              title: problems.title,
              status: problems.status,
            })
            .from(problems)
            .where(inArray(problems.id, problemIds)),
      decisionsOf(m.id),
      db
        .select()
        .from(meetings)
        .where(
          and(
            isNull(meetings.deletedAt),
            eq(meetings.type, m.type),
            eq(meetings.regionId, m.regionId),
            lt(meetings.heldOn, m.heldOn),
          ),
        )
        .orderBy(desc(meetings.heldOn))
        .limit(1),
    ]);
    const projectOf = new Map(projectRows.map((p) => [p.id, p]));
    return {
      meeting: {
        id: m.id,
        type: m.type,
        title: m.title,
        heldOn: m.heldOn,
        chair: m.chair,
        units: m.unitIds.flatMap((u) => unitRows.filter((r) => r.id === u)),
        regionId: m.regionId,
        regionName: region[0]?.name ?? '',
        status: m.status,
        minutes: m.minutes,
        version: m.version,
      },
      agenda: m.agenda.flatMap((a) => {
        const project = projectOf.get(a.projectId);
        if (!project) return [];
        return [
          {
            ...a,
            project,
            problems: a.problemIds.flatMap((pid) =>
              problemRows
                .filter((p) => p.id === pid)
                .map((p) => ({ ...p, status: p.status as ProblemStatus })),
            ),
          },
        ];
      }),
      decisions,
      previous: previous
        ? {
            id: previous.id,
            title: previous.title,
            heldOn: previous.heldOn,
            decisions: await decisionsOf(previous.id),
          }
        : null,
      canEdit: await mayManage(principal, m.regionId),
    };
  }

  async function audit(actor: AuditActor, action: string, id: string, summary: Record<string, unknown>) {
    await db.transaction(async (tx) => {
      await deps.audit.append(
        tx,
        actor,
        { action, objectType: 'meeting', objectId: id, result: 'success', summary },
        deps.clock.now(),
      );
    });
  }

  return {
    detail,

    async list(principal: Principal, query: z.output<typeof meetingListQuery>) {
      const where = and(
        isNull(meetings.deletedAt),
        meetingInScope(principal),
        query.type ? eq(meetings.type, query.type) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({
            m: meetings,
            regionName: regions.name,
            decisions: sql<number>`(SELECT count(*)::int FROM meeting_decisions d WHERE d.meeting_id = ${meetings.id})`,
          })
          .from(meetings)
          .innerJoin(regions, eq(regions.id, meetings.regionId))
          .where(where)
          .orderBy(query.sort === 'heldOn' ? asc(meetings.heldOn) : desc(meetings.heldOn), desc(meetings.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(meetings).where(where),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.m.id,
          type: r.m.type,
          title: r.m.title,
          heldOn: r.m.heldOn,
          chair: r.m.chair,
          regionName: r.regionName,
          status: r.m.status,
          agendaCount: r.m.agenda.length,
          decisionCount: r.decisions,
        })),
        total: total?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async create(principal: Principal, actor: AuditActor, body: z.output<typeof createMeetingBody>) {
      const regionId = body.regionId ?? principal.regionScopeIds[0];
      if (!regionId || !(await mayManage(principal, regionId))) {
        throw new AppError('FORBIDDEN', '调度会由区发改或本板块组织');
      }
      const agenda = await draft(regionId);
      const now = deps.clock.now();
      const [row] = await db
        .insert(meetings)
        .values({
          type: body.type,
          title: body.title,
          heldOn: body.heldOn,
          chair: body.chair,
          unitIds: [...new Set(body.unitIds)],
          regionId,
          agenda,
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
          updatedBy: actor.userId,
        })
        .returning({ id: meetings.id });
      if (!row) throw new Error('meeting not inserted');
      await audit(actor, 'meeting.create', row.id, {
        title: body.title,
        heldOn: body.heldOn,
        agenda: agenda.length,
      });
      return detail(principal, row.id);
    },

    async update(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof updateMeetingBody>,
    ) {
      const m = await load(principal, id);
      if (!(await mayManage(principal, m.regionId))) throw new AppError('FORBIDDEN', '您不能修改此调度会');
      if (m.version !== body.version) throw await versionConflict(db, '调度会', m);
      if (body.agenda) {
        // Every agenda project lies in the meeting's region; every problem on it belongs to its project.
        const path = await regionPath(m.regionId);
        const ids = [...new Set(body.agenda.map((a) => a.projectId))];
        const found = await db
          .select({ id: projects.id })
          .from(projects)
          .where(
            and(
              inArray(projects.id, ids.length > 0 ? ids : ['00000000-0000-0000-0000-000000000000']),
              isNull(projects.deletedAt),
              sql`${projects.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE ${`${path}%`})`,
            ),
          );
        if (found.length !== ids.length)
          throw new AppError('VALIDATION_FAILED', '议题中的项目须在本次会议的范围内');
        const problemIds = body.agenda.flatMap((a) => a.problemIds);
        if (problemIds.length > 0) {
          const owned = await db
            .select({ id: problems.id, projectId: problems.projectId })
            .from(problems)
            .where(inArray(problems.id, problemIds));
          const ok = body.agenda.every((a) =>
            a.problemIds.every((pid) => owned.some((o) => o.id === pid && o.projectId === a.projectId)),
          );
          if (!ok) throw new AppError('VALIDATION_FAILED', '议题中的问题须属于该项目');
        }
      }
      const now = deps.clock.now();
      const { version: _v, ...changes } = body;
      const updated = await db
        .update(meetings)
        .set({ ...changes, version: sql`${meetings.version} + 1`, updatedAt: now, updatedBy: actor.userId })
        .where(and(eq(meetings.id, m.id), eq(meetings.version, m.version)))
        .returning({ id: meetings.id });
      if (updated.length === 0) throw await versionConflict(db, '调度会', m);
      await audit(actor, 'meeting.update', m.id, { fields: Object.keys(changes) });
      return detail(principal, m.id);
    },

    /** A decision: raises a problem assigned at once, or reassigns an existing one, with a time limit. */
    async decide(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof meetingDecisionBody>,
    ) {
      const m = await load(principal, id);
      if (!(await mayManage(principal, m.regionId)))
        throw new AppError('FORBIDDEN', '您不能为此调度会记录议定事项');
      if (m.version !== body.version) throw await versionConflict(db, '调度会', m);
      const path = await regionPath(m.regionId);
      const [project] = await db
        .select({ id: projects.id, regionId: projects.regionId })
        .from(projects)
        .where(
          and(
            eq(projects.id, body.projectId),
            isNull(projects.deletedAt),
            sql`${projects.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE ${`${path}%`})`,
          ),
        );
      if (!project) throw new AppError('VALIDATION_FAILED', '议定事项的项目须在本次会议的范围内');
      const units = await db
        .select({ id: orgs.id, kind: orgs.kind })
        .from(orgs)
        .where(inArray(orgs.id, [body.leadOrgId, ...body.coOrgIds]));
      if (
        units.length !== new Set([body.leadOrgId, ...body.coOrgIds]).size ||
        units.some((u) => u.kind === 'enterprise')
      ) {
        throw new AppError('VALIDATION_FAILED', '主办或协办单位不存在');
      }
      const cal = await deps.calendar.calendar();
      const day = today();
      const now = deps.clock.now();
      const dueOn = problemDueOn(cal, day, body.limitWorkingDays);
      const co = body.coOrgIds.filter((o) => o !== body.leadOrgId);
      const note = `${m.title}（${m.heldOn}）议定：${body.text}；主办单位办理时限${dueOn}（${body.limitWorkingDays}个工作日）`;
      const problemId = await db.transaction(async (tx) => {
        let target: string;
        if (body.problemId) {
          const [p] = await tx
            .select()
            .from(problems)
            .where(
              and(
                eq(problems.id, body.problemId),
                eq(problems.projectId, project.id),
                isNull(problems.deletedAt),
              ),
            )
            .for('update');
          if (!p) throw new AppError('VALIDATION_FAILED', '要更新的问题不属于该项目');
          if (p.status === 'closed') throw new AppError('CONFLICT', '该问题已销号，请另提新问题');
          const status: ProblemStatus = p.status === 'collected' ? 'assigned' : (p.status as ProblemStatus);
          await tx
            .update(problems)
            .set({
              status,
              leadOrgId: body.leadOrgId,
              coOrgIds: co,
              limitWorkingDays: body.limitWorkingDays,
              assignedOn: p.assignedOn ?? day,
              dueOn,
              originalDueOn: p.originalDueOn ?? dueOn,
              version: sql`${problems.version} + 1`,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .where(eq(problems.id, p.id));
          await tx.insert(problemEvents).values({
            problemId: p.id,
            at: now,
            actorId: actor.userId,
            actorName: principal.displayName,
            orgName: principal.orgName,
            step: 'assign',
            fromStatus: p.status,
            toStatus: status,
            note,
          });
          target = p.id;
        } else {
          const [p] = await tx
            .insert(problems)
            .values({
              problemNo: await nextProblemNo(tx, day.slice(0, 4)),
              projectId: project.id,
              regionId: project.regionId,
              source: 'meeting',
              sourceRef: m.id,
              category: body.category,
              title: body.text.slice(0, 100),
              description: body.text,
              raisedOn: day,
              status: 'assigned',
              complexity: 'normal',
              leadOrgId: body.leadOrgId,
              coOrgIds: co,
              limitWorkingDays: body.limitWorkingDays,
              assignedOn: day,
              dueOn,
              originalDueOn: dueOn,
              levelSince: day,
              createdAt: now,
              createdBy: actor.userId,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .returning({ id: problems.id });
          if (!p) throw new Error('problem not inserted');
          await tx.insert(problemEvents).values([
            {
              problemId: p.id,
              at: now,
              actorId: actor.userId,
              actorName: principal.displayName,
              orgName: principal.orgName,
              step: 'raise',
              toStatus: 'collected',
              note: `来自${m.title}`,
            },
            {
              problemId: p.id,
              at: now,
              actorId: actor.userId,
              actorName: principal.displayName,
              orgName: principal.orgName,
              step: 'assign',
              fromStatus: 'collected',
              toStatus: 'assigned',
              note,
            },
          ]);
          target = p.id;
        }
        await tx.insert(meetingDecisions).values({
          meetingId: m.id,
          text: body.text,
          projectId: project.id,
          problemId: target,
          createdProblem: !body.problemId,
          createdAt: now,
          createdBy: actor.userId,
        });
        await tx
          .update(meetings)
          .set({ version: sql`${meetings.version} + 1`, updatedAt: now, updatedBy: actor.userId })
          .where(eq(meetings.id, m.id));
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'meeting.decide',
            objectType: 'meeting',
            objectId: m.id,
            result: 'success',
            summary: { text: body.text, projectId: project.id, problemId: target, dueOn },
          },
          now,
        );
        const leads = await tx.execute<{ id: string }>(
          sql`SELECT id FROM users WHERE status = 'active' AND org_id = ${body.leadOrgId}`,
        );
        await notes.insertMany(
          leads.rows.map((u) => ({
            recipientId: u.id,
            module: 'tracking',
            title: `调度会议定事项：${body.text.slice(0, 40)}`,
            body: `${m.title}，办理时限${dueOn}`,
            link: `/problems/${target}`,
          })),
          now,
          tx,
        );
        return target;
      });
      await deps.afterChange?.(project.id);
      return { ...(await detail(principal, m.id)), problemId };
    },
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
