import type {
  createTicketBody,
  TicketItem,
  TicketResponse,
  ticketKpiResponse,
  ticketListQuery,
  ticketStepBody,
} from '@groundbreak/contract';
import {
  afterCallback,
  afterRating,
  isPoorRating,
  mayTakeTicketStep,
  percentText,
  RATING_LABELS,
  type Rating,
  satisfactionTenths,
  TICKET_STEP_NAMES,
  TICKET_STEPS,
  type TicketStatus,
  type TicketStep,
  ticketDeadlines,
  type WorkingCalendar,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import {
  projectApprovalItems,
  projects,
  regions,
  serviceTickets,
  ticketEvents,
  users,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { projectChildInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { CalendarService } from '../calendar/calendar.service';
import {
  createNotificationsRepository,
  type NewNotification,
} from '../notifications/notifications.repository';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';

// 帮办代办 service tickets (domain.md §6.3–6.5). The enterprise (or its 板块 for it) asks; the 板块 or 区发改
// accepts and names a 帮办员; the 帮办员 works it, waits while the enterprise owes materials, and closes it;
// the enterprise rates it, and a poor rating is called back, rectified and re-rated once. The one-time
// notice lists the project's approval items still to do. A 帮办员 sees the tickets given to them; others by
// the project's scope (an enterprise its own).

type TicketRow = typeof serviceTickets.$inferSelect;
const OPEN_ITEM_STATUSES = [
  'not_started',
  'pre_review',
  'pre_review_passed',
  'accepted',
  'accepted_with_gaps',
];

function ticketInScope(principal: Principal): SQL {
  const region = projectChildInScope(principal, serviceTickets.regionId, serviceTickets.projectId);
  return sql`(${region} OR ${serviceTickets.helperUserId} = ${principal.userId})`;
}

export function createTicketsService(deps: {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  calendar: CalendarService;
  projects: ProjectsService;
}) {
  const { db } = deps.database;
  const notes = createNotificationsRepository(db);
  const today = () => shanghaiDate(deps.clock.now());

  function present(
    row: { t: TicketRow; projectName: string; internalNo: string; regionName: string },
    cal: WorkingCalendar,
  ): TicketItem {
    const t = row.t;
    return {
      id: t.id,
      ticketNo: t.ticketNo,
      project: {
        id: t.projectId,
        name: row.projectName,
        internalNo: row.internalNo,
        regionName: row.regionName,
      },
      kind: t.kind,
      items: t.items,
      description: t.description,
      status: t.status,
      requestedOn: t.requestedOn,
      acceptedOn: t.acceptedOn,
      helperName: t.helperName,
      doneOn: t.doneOn,
      rating: t.rating,
      ratingNote: t.ratingNote,
      rerating: t.rerating,
      closedOn: t.closedOn,
      deadlines: ticketDeadlines(cal, {
        requestedOn: t.requestedOn,
        acceptedOn: t.acceptedOn,
        poorRatedOn: t.poorRatedOn,
        calledBackOn: t.calledBackOn,
      }),
      version: t.version,
    };
  }

  const selectRows = () =>
    db
      .select({
        t: serviceTickets,
        projectName: projects.name,
        internalNo: projects.internalNo,
        regionName: regions.name,
      })
      .from(serviceTickets)
      .innerJoin(projects, eq(projects.id, serviceTickets.projectId))
      .innerJoin(regions, eq(regions.id, serviceTickets.regionId));

  async function load(principal: Principal, id: string) {
    const [row] = await selectRows().where(
      and(eq(serviceTickets.id, id), isNull(serviceTickets.deletedAt), ticketInScope(principal)),
    );
    if (!row) throw notFound('工单');
    return row;
  }

  async function actorOf(principal: Principal, t: TicketRow) {
    const [project] = await db
      .select({ enterpriseId: projects.enterpriseId })
      .from(projects)
      .where(eq(projects.id, t.projectId));
    // A manager: 区发改, or a 板块 operator whose scope holds the ticket's project.
    const [region] = await db.select({ path: regions.path }).from(regions).where(eq(regions.id, t.regionId));
    const manager =
      principal.actions.has('registry.admin') ||
      (principal.roles.includes('subarea_operator') &&
        !!region &&
        principal.scopePaths.some((p) => region.path.startsWith(p)));
    return {
      isEnterprise:
        principal.roles.includes('enterprise') &&
        principal.enterpriseId !== null &&
        project?.enterpriseId === principal.enterpriseId,
      isHelper: t.helperUserId !== null && t.helperUserId === principal.userId,
      isManager: manager,
    };
  }

  async function detail(principal: Principal, id: string): Promise<TicketResponse> {
    const row = await load(principal, id);
    const [cal, events, items, flags] = await Promise.all([
      deps.calendar.calendar(),
      db
        .select()
        .from(ticketEvents)
        .where(eq(ticketEvents.ticketId, id))
        .orderBy(asc(ticketEvents.at), asc(ticketEvents.id)),
      db
        .select()
        .from(projectApprovalItems)
        .where(
          and(
            eq(projectApprovalItems.projectId, row.t.projectId),
            isNull(projectApprovalItems.deletedAt),
            inArray(projectApprovalItems.status, OPEN_ITEM_STATUSES),
          ),
        )
        .orderBy(asc(projectApprovalItems.sortOrder)),
      actorOf(principal, row.t),
    ]);
    return {
      ticket: present(row, cal),
      events: events.map((e) => ({
        at: e.at.toISOString(),
        actorName: e.actorName,
        step: e.step,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        note: e.note,
      })),
      can: Object.fromEntries(
        TICKET_STEP_NAMES.map((s) => [s, mayTakeTicketStep(flags, s, row.t.status as TicketStatus)]),
      ) as Record<TicketStep, boolean>,
      notice: items.map((i) => ({
        code: i.code,
        name: i.name,
        deptKind: i.deptKind,
        status: i.status,
        promisedDays: i.promisedDays,
        dueOn: i.dueOn,
      })),
    };
  }

  async function usersOf(tx: Db, where: SQL): Promise<string[]> {
    const rows = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.status, 'active'), where));
    return rows.map((r) => r.id);
  }

  return {
    detail,

    async create(principal: Principal, actor: AuditActor, body: z.output<typeof createTicketBody>) {
      const project = await deps.projects.load(principal, body.projectId);
      const now = deps.clock.now();
      const day = today();
      const id = await db.transaction(async (tx) => {
        const year = day.slice(0, 4);
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`ticket_no:${year}`}))`);
        const [n] = await tx
          .select({ n: count() })
          .from(serviceTickets)
          .where(sql`${serviceTickets.ticketNo} LIKE ${`BB-${year}-%`}`);
        const ticketNo = `BB-${year}-${String((n?.n ?? 0) + 1).padStart(4, '0')}`;
        const [row] = await tx
          .insert(serviceTickets)
          .values({
            ticketNo,
            projectId: project.id,
            regionId: project.regionId,
            kind: body.kind,
            items: [...new Set(body.items)],
            description: body.description,
            requestedOn: day,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: serviceTickets.id });
        if (!row) throw new Error('ticket not inserted');
        await tx.insert(ticketEvents).values({
          ticketId: row.id,
          at: now,
          actorId: actor.userId,
          actorName: principal.displayName,
          step: 'request',
          toStatus: 'pending',
          note: body.description,
        });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'ticket.create',
            objectType: 'ticket',
            objectId: row.id,
            result: 'success',
            summary: { ticketNo, projectId: project.id, kind: body.kind },
          },
          now,
        );
        // The 板块 operators over the project are told: a ticket waits for acceptance within a working day.
        const operators = await usersOf(
          tx,
          sql`'subarea_operator' = ANY(${users.roles}) AND EXISTS (SELECT 1 FROM regions r, regions s
                WHERE r.id = ${project.regionId} AND s.id = ANY(${users.regionScopes}) AND r.path LIKE s.path || '%')`,
        );
        await notes.insertMany(
          operators.map((recipientId) => ({
            recipientId,
            module: 'tracking',
            title: `帮办代办申请待受理：${project.name}`,
            body: `${ticketNo}：${body.description.slice(0, 60)}`,
            link: `/tickets/${row.id}`,
          })),
          now,
          tx,
        );
        return row.id;
      });
      return detail(principal, id);
    },

    async step(principal: Principal, actor: AuditActor, id: string, body: z.output<typeof ticketStepBody>) {
      const { t } = await load(principal, id);
      const status = t.status as TicketStatus;
      const flags = await actorOf(principal, t);
      if (!mayTakeTicketStep(flags, body.step, status)) {
        throw new AppError('FORBIDDEN', `您不能${TICKET_STEPS[body.step].label}此工单`);
      }
      if (t.version !== body.version) throw await versionConflict(db, '工单', t);
      const day = today();
      const now = deps.clock.now();
      const note = body.note?.trim() || null;
      const need = (field: string, message: string): never => {
        throw new AppError('VALIDATION_FAILED', message, { fields: [{ field, message }] });
      };
      let to: TicketStatus = (TICKET_STEPS[body.step].to ?? status) as TicketStatus;
      let set: Partial<typeof serviceTickets.$inferInsert> = {};
      let told: NewNotification[] = [];
      const link = `/tickets/${t.id}`;
      const enterpriseUsers = () =>
        usersOf(
          db,
          sql`'enterprise' = ANY(${users.roles}) AND ${users.enterpriseId} = (SELECT enterprise_id FROM projects WHERE id = ${t.projectId})`,
        );
      switch (body.step) {
        case 'accept': {
          if (!body.helperUserId) need('helperUserId', '请指定帮办员');
          const [helper] = await db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(and(eq(users.id, body.helperUserId as string), eq(users.status, 'active')));
          if (!helper) need('helperUserId', '帮办员不存在或已停用');
          set = { acceptedOn: day, helperUserId: helper?.id, helperName: helper?.name };
          told = [
            {
              recipientId: helper?.id as string,
              module: 'tracking',
              title: `请为${t.ticketNo}提供帮办服务`,
              body: t.description.slice(0, 60),
              link,
            },
            ...(await enterpriseUsers()).map((r) => ({
              recipientId: r,
              module: 'tracking',
              title: `帮办代办申请已受理：${t.ticketNo}`,
              body: `帮办员：${helper?.name}`,
              link,
            })),
          ];
          break;
        }
        case 'suspend':
          if (!note) need('note', '请写明需要企业补充的材料');
          told = (await enterpriseUsers()).map((r) => ({
            recipientId: r,
            module: 'tracking',
            title: `请补充材料：${t.ticketNo}`,
            body: note as string,
            link,
          }));
          break;
        case 'finish':
          set = { doneOn: day };
          told = (await enterpriseUsers()).map((r) => ({
            recipientId: r,
            module: 'tracking',
            title: `工单已办结，请评价：${t.ticketNo}`,
            body: '请对本次帮办服务作出评价',
            link,
          }));
          break;
        case 'rate': {
          if (!body.rating) need('rating', '请选择评价');
          const rating = body.rating as Rating;
          to = afterRating(rating);
          set = {
            rating,
            ratingNote: note,
            ratedOn: day,
            ...(isPoorRating(rating) ? { poorRatedOn: day } : {}),
          };
          if (isPoorRating(rating)) {
            told = [t.helperUserId, ...(await usersOf(db, sql`'drc' = ANY(${users.roles})`))]
              .filter((r): r is string => !!r)
              .map((r) => ({
                recipientId: r,
                module: 'tracking',
                title: `差评待回访（1日内）：${t.ticketNo}`,
                body: `${RATING_LABELS[rating]}${note ? `：${note}` : ''}`,
                link,
              }));
          }
          break;
        }
        case 'callback':
          if (!note) need('note', '请填写回访记录');
          to = afterCallback(status);
          set = { calledBackOn: day, callbackNote: note, ...(to === 'closed' ? { closedOn: day } : {}) };
          break;
        case 'rectified':
          if (!note) need('note', '请说明整改情况');
          set = { rectifiedOn: day };
          told = (await enterpriseUsers()).map((r) => ({
            recipientId: r,
            module: 'tracking',
            title: `整改完成，请复评：${t.ticketNo}`,
            body: note as string,
            link,
          }));
          break;
        case 'rerate':
          if (!body.rating) need('rating', '请选择复评结果');
          set = { rerating: body.rating, closedOn: day };
          break;
        case 'withdraw':
          set = { closedOn: day };
          break;
        default:
          break;
      }
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(serviceTickets)
          .set({
            ...set,
            status: to,
            version: sql`${serviceTickets.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(and(eq(serviceTickets.id, t.id), eq(serviceTickets.version, t.version)))
          .returning({ id: serviceTickets.id });
        if (updated.length === 0) throw await versionConflict(db, '工单', t);
        await tx.insert(ticketEvents).values({
          ticketId: t.id,
          at: now,
          actorId: actor.userId,
          actorName: principal.displayName,
          step: body.step,
          fromStatus: status,
          toStatus: to,
          note:
            body.step === 'rate' || body.step === 'rerate'
              ? `${RATING_LABELS[body.rating as Rating]}${note ? `：${note}` : ''}`
              : body.step === 'accept'
                ? `帮办员：${set.helperName}`
                : note,
        });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'ticket.step',
            objectType: 'ticket',
            objectId: t.id,
            result: 'success',
            summary: { ticketNo: t.ticketNo, step: body.step, from: status, to },
          },
          now,
        );
        await notes.insertMany(told, now, tx);
      });
      return detail(principal, t.id);
    },

    async list(principal: Principal, query: z.output<typeof ticketListQuery>) {
      const where = and(
        isNull(serviceTickets.deletedAt),
        ticketInScope(principal),
        query.status ? eq(serviceTickets.status, query.status) : undefined,
        query.projectId ? eq(serviceTickets.projectId, query.projectId) : undefined,
        query.mine === 'true' ? eq(serviceTickets.helperUserId, principal.userId) : undefined,
      );
      const sort = query.sort ?? '-requestedOn';
      const column =
        sort.replace(/^-/, '') === 'ticketNo' ? serviceTickets.ticketNo : serviceTickets.requestedOn;
      const [rows, [total], cal] = await Promise.all([
        selectRows()
          .where(where)
          .orderBy(sort.startsWith('-') ? desc(column) : asc(column), desc(serviceTickets.ticketNo))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(serviceTickets).where(where),
        deps.calendar.calendar(),
      ]);
      return {
        items: rows.map((r) => present(r, cal)),
        total: total?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** 满意率 and workload per 帮办员 or per 板块, in scope. */
    async kpi(principal: Principal, by: 'helper' | 'region'): Promise<z.infer<typeof ticketKpiResponse>> {
      const rows = await db
        .select({
          key: by === 'helper' ? serviceTickets.helperUserId : serviceTickets.regionId,
          name: by === 'helper' ? serviceTickets.helperName : regions.name,
          status: serviceTickets.status,
          rating: serviceTickets.rating,
        })
        .from(serviceTickets)
        .innerJoin(regions, eq(regions.id, serviceTickets.regionId))
        .where(and(isNull(serviceTickets.deletedAt), ticketInScope(principal)));
      const groups = new Map<string, { name: string; rows: typeof rows }>();
      for (const r of rows) {
        const key = r.key ?? '';
        const g = groups.get(key) ?? { name: r.name ?? '未指定帮办员', rows: [] };
        g.rows.push(r);
        groups.set(key, g);
      }
      return {
        rows: [...groups.entries()].map(([key, g]) => {
          const ratings = g.rows.flatMap((r) => (r.rating ? [r.rating as Rating] : []));
          const tenths = satisfactionTenths(ratings);
          return {
            id: key,
            name: g.name,
            tickets: g.rows.length,
            open: g.rows.filter((r) => ['pending', 'accepted', 'in_progress', 'suspended'].includes(r.status))
              .length,
            rated: ratings.length,
            satisfaction: tenths === null ? null : percentText(tenths, 1000),
            poor: ratings.filter((r) => isPoorRating(r)).length,
          };
        }),
      };
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
