import type { PlanTemplateView, ProjectPlan } from '@groundbreak/contract';
import {
  type ApprovalStatus,
  checkPlanNetwork,
  DEFAULT_PLAN_TEMPLATES,
  daysBetween,
  mayRecordActual,
  type PlanLink,
  type PlanNode,
  schedulePlan,
  type TemplateNode,
} from '@groundbreak/domain';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import {
  type PlanNodeRecord,
  planTemplates,
  projectApprovalItems,
  projectPlans,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { CalendarService } from '../calendar/calendar.service';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';

// 倒排 plans (domain.md §7.1): a project's plan is a template's network with the target date of its anchor;
// every read schedules it afresh (both passes, on the official calendar, from today and the actual dates —
// those of linked approval items included). 板块 then 区发改 approve it, which freezes the schedule of that
// day as the baseline; a later revision says why and shows each node's variance against it.

type PlanRow = typeof projectPlans.$inferSelect;

/** Adds the templates the table lacks (by code); never overwrites one the 区发改 has edited. */
export async function seedPlanTemplates(db: Db): Promise<number> {
  const have = new Set(
    (await db.select({ code: planTemplates.code }).from(planTemplates)).map((r) => r.code),
  );
  const missing = DEFAULT_PLAN_TEMPLATES.filter((t) => !have.has(t.code));
  if (missing.length > 0) {
    await db
      .insert(planTemplates)
      .values(
        missing.map((t) => ({
          code: t.code,
          name: t.name,
          anchor: t.anchor,
          nodes: t.nodes,
          links: t.links,
        })),
      )
      .onConflictDoNothing();
  }
  return missing.length;
}

/** The network's problems as the 400 the user reads, each naming its nodes. */
function refuseBadNetwork(nodes: readonly TemplateNode[], links: readonly PlanLink[], anchor: string): void {
  const problems = checkPlanNetwork(
    nodes.map((n) => ({ key: n.key, name: n.name, duration: n.duration, unit: n.unit })),
    links,
  );
  if (!nodes.some((n) => n.key === anchor)) {
    problems.push({ code: 'NO_ANCHOR', message: `锚点节点不存在：${anchor}`, nodes: [anchor] });
  }
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('；'), { problems });
  }
}

export function createPlansService(deps: {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  projects: ProjectsService;
  calendar: CalendarService;
}) {
  const { db } = deps.database;
  const today = () => shanghaiDate(deps.clock.now());

  async function rowOf(projectId: string): Promise<PlanRow | undefined> {
    const [row] = await db
      .select()
      .from(projectPlans)
      .where(and(eq(projectPlans.projectId, projectId), isNull(projectPlans.deletedAt)));
    return row;
  }

  /** Both passes over the plan, with the linked approval items' dates as actuals where none is recorded. */
  async function scheduleOf(row: PlanRow, day: string): Promise<ProjectPlan> {
    const items = await db
      .select({
        code: projectApprovalItems.code,
        status: projectApprovalItems.status,
        acceptedOn: projectApprovalItems.acceptedOn,
        doneOn: projectApprovalItems.doneOn,
        dueOn: projectApprovalItems.dueOn,
      })
      .from(projectApprovalItems)
      .where(and(eq(projectApprovalItems.projectId, row.projectId), isNull(projectApprovalItems.deletedAt)));
    const byCode = new Map(items.map((i) => [i.code, i]));
    const nodes: PlanNode[] = row.nodes.map((n) => {
      const item = n.approvalCode ? byCode.get(n.approvalCode) : undefined;
      const finishedItem = item?.status === 'done' ? item.doneOn : null;
      return {
        key: n.key,
        name: n.name,
        duration: n.duration,
        unit: n.unit,
        actualStart: n.actualStart ?? item?.acceptedOn ?? null,
        actualFinish: n.actualFinish ?? finishedItem ?? null,
      };
    });
    const cal = await deps.calendar.calendar();
    let s: ReturnType<typeof schedulePlan>;
    try {
      s = schedulePlan({
        calendar: cal,
        nodes,
        links: row.links,
        anchor: row.anchor,
        target: row.targetOn,
        today: day,
      });
    } catch (error) {
      throw new AppError('VALIDATION_FAILED', (error as Error).message);
    }
    const baseline = new Map((row.baseline?.nodes ?? []).map((b) => [b.key, b]));
    return {
      id: row.id,
      templateCode: row.templateCode,
      anchor: row.anchor,
      targetOn: row.targetOn,
      status: row.status,
      revision: row.revision,
      revisionReason: row.revisionReason,
      baselineOn: row.baselineOn,
      baselineTargetOn: row.baseline?.targetOn ?? null,
      baselineForecast: row.baseline?.forecast ?? null,
      nodes: row.nodes.map((n, i) => {
        const at = s.nodes[i] as (typeof s.nodes)[number];
        const item = n.approvalCode ? byCode.get(n.approvalCode) : undefined;
        const base = baseline.get(n.key)?.lateFinish ?? null;
        const plannedFinish = at.lateFinish ?? at.earlyFinish;
        return {
          key: n.key,
          name: n.name,
          duration: n.duration,
          unit: n.unit,
          responsible: n.responsible,
          ...(n.approvalCode ? { approvalCode: n.approvalCode } : {}),
          actualStart: nodes[i]?.actualStart ?? null,
          actualFinish: nodes[i]?.actualFinish ?? null,
          earlyStart: at.earlyStart,
          earlyFinish: at.earlyFinish,
          lateStart: at.lateStart,
          lateFinish: at.lateFinish,
          floatDays: at.floatDays,
          critical: at.critical,
          done: at.done,
          late: at.late,
          approval: item ? { status: item.status as ApprovalStatus, dueOn: item.dueOn } : null,
          baselineFinish: base,
          varianceDays: base ? daysBetween(base, plannedFinish) : null,
        };
      }),
      links: row.links,
      today: day,
      forecast: s.forecast,
      infeasible: s.infeasible,
      slipDays: s.slipDays,
      criticalPath: s.criticalPath,
      version: row.version,
    };
  }

  function mayRecord(principal: Principal, node: { responsible: string }): boolean {
    return principal.actions.has('plan.write') && mayRecordActual(principal, node.responsible);
  }

  function abilities(principal: Principal, row: PlanRow | undefined) {
    const canEdit = principal.actions.has('registry.write');
    let canApprove: 'subarea' | 'district' | null = null;
    if (row?.status === 'draft' && principal.roles.includes('subarea_operator') && canEdit)
      canApprove = 'subarea';
    if (row?.status === 'subarea_approved' && principal.actions.has('registry.admin'))
      canApprove = 'district';
    const recordable = (row?.nodes ?? []).filter((n) => mayRecord(principal, n)).map((n) => n.key);
    return { canEdit, canApprove, recordable };
  }

  async function get(principal: Principal, projectId: string) {
    const project = await deps.projects.load(principal, projectId);
    const row = await rowOf(project.id);
    return { plan: row ? await scheduleOf(row, today()) : null, ...abilities(principal, row) };
  }

  /** Saves a change to the plan row under optimistic locking and audits it, then answers the new plan. */
  async function save(
    principal: Principal,
    actor: AuditActor,
    row: PlanRow,
    version: number,
    values: Partial<typeof projectPlans.$inferInsert>,
    action: string,
    summary: Record<string, unknown>,
  ) {
    // The plan as it would be must schedule (a target before 2000 would not): refused before anything is saved.
    await scheduleOf({ ...row, ...values } as PlanRow, today());
    const now = deps.clock.now();
    await db.transaction(async (tx) => {
      const updated = await tx
        .update(projectPlans)
        .set({
          ...values,
          version: sql`${projectPlans.version} + 1`,
          updatedAt: now,
          updatedBy: actor.userId,
        })
        .where(and(eq(projectPlans.id, row.id), eq(projectPlans.version, version)))
        .returning({ id: projectPlans.id });
      if (updated.length === 0) throw await versionConflict(db, '倒排计划', row);
      await deps.audit.append(
        tx,
        actor,
        { action, objectType: 'project', objectId: row.projectId, result: 'success', summary },
        now,
      );
    });
    return get(principal, row.projectId);
  }

  return {
    get,

    async templates(): Promise<PlanTemplateView[]> {
      const rows = await db
        .select()
        .from(planTemplates)
        .where(isNull(planTemplates.deletedAt))
        .orderBy(asc(planTemplates.code));
      return rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        anchor: r.anchor,
        nodes: r.nodes,
        links: r.links,
        version: r.version,
      }));
    },

    /** The 区发改 edits a template; a cycle, a negative duration or a missing anchor is refused by name. */
    async updateTemplate(
      actor: AuditActor,
      id: string,
      body: { name: string; anchor: string; nodes: TemplateNode[]; links: PlanLink[]; version: number },
    ) {
      const [before] = await db.select().from(planTemplates).where(eq(planTemplates.id, id));
      if (!before || before.deletedAt) throw notFound('计划模板');
      refuseBadNetwork(body.nodes, body.links, body.anchor);
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(planTemplates)
          .set({
            name: body.name,
            anchor: body.anchor,
            nodes: body.nodes,
            links: body.links,
            version: sql`${planTemplates.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(and(eq(planTemplates.id, id), eq(planTemplates.version, body.version)))
          .returning({ id: planTemplates.id });
        if (updated.length === 0) throw await versionConflict(db, '计划模板', before);
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'plan_template.update',
            objectType: 'plan_template',
            objectId: id,
            result: 'success',
            summary: { code: before.code, nodes: body.nodes.length, links: body.links.length },
          },
          now,
        );
      });
    },

    /** A plan from a template and the target date of its anchor (one plan a project). */
    async create(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      body: { templateCode: string; targetOn: string },
    ) {
      const project = await deps.projects.load(principal, projectId);
      if (project.state === 'TERMINATED') throw new AppError('CONFLICT', '项目已终止，不能编制倒排计划');
      if (await rowOf(project.id)) throw new AppError('CONFLICT', '项目已有倒排计划，请在原计划上调整');
      const [template] = await db
        .select()
        .from(planTemplates)
        .where(and(eq(planTemplates.code, body.templateCode), isNull(planTemplates.deletedAt)));
      if (!template) throw notFound('计划模板');
      refuseBadNetwork(template.nodes, template.links, template.anchor);
      const nodes: PlanNodeRecord[] = template.nodes.map((n) => ({
        ...n,
        actualStart: null,
        actualFinish: null,
      }));
      // Schedulable from today to the target, or refused before anything is saved.
      await scheduleOf(
        {
          id: '',
          projectId: project.id,
          templateCode: template.code,
          anchor: template.anchor,
          targetOn: body.targetOn,
          nodes,
          links: template.links,
          status: 'draft',
          revision: 1,
          revisionReason: null,
          baseline: null,
          baselineOn: null,
          version: 0,
          createdAt: new Date(0),
          createdBy: null,
          updatedAt: new Date(0),
          updatedBy: null,
          deletedAt: null,
        },
        today(),
      );
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        await tx.insert(projectPlans).values({
          projectId: project.id,
          templateCode: template.code,
          anchor: template.anchor,
          targetOn: body.targetOn,
          nodes,
          links: template.links,
          createdAt: now,
          createdBy: actor.userId,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'plan.create',
            objectType: 'project',
            objectId: project.id,
            result: 'success',
            summary: { template: template.code, targetOn: body.targetOn },
          },
          now,
        );
      });
      return get(principal, project.id);
    },

    /** The responsible unit (or 区发改) records when a node actually started and finished. */
    async recordActual(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      key: string,
      body: { actualStart: string | null; actualFinish: string | null; version: number },
    ) {
      const project = await deps.projects.load(principal, projectId);
      const row = await rowOf(project.id);
      if (!row) throw notFound('倒排计划');
      const node = row.nodes.find((n) => n.key === key);
      if (!node) throw notFound('计划节点');
      if (!mayRecord(principal, node)) {
        throw new AppError(
          'FORBIDDEN',
          `“${node.name}”的实际进度由责任单位（${node.responsible || '未指定'}）或区发改填报`,
        );
      }
      const day = today();
      const fields: Array<{ field: string; message: string }> = [];
      if (body.actualStart && body.actualStart > day)
        fields.push({ field: 'actualStart', message: '实际开始日期不能晚于今天' });
      if (body.actualFinish && body.actualFinish > day)
        fields.push({ field: 'actualFinish', message: '实际完成日期不能晚于今天' });
      if (body.actualStart && body.actualFinish && body.actualFinish < body.actualStart) {
        fields.push({ field: 'actualFinish', message: '实际完成日期早于实际开始日期' });
      }
      if (fields.length > 0)
        throw new AppError('VALIDATION_FAILED', fields[0]?.message ?? '日期有误', { fields });
      const nodes = row.nodes.map((n) =>
        n.key === key ? { ...n, actualStart: body.actualStart, actualFinish: body.actualFinish } : n,
      );
      return save(principal, actor, row, body.version, { nodes }, 'plan.actual', {
        node: key,
        before: { actualStart: node.actualStart, actualFinish: node.actualFinish },
        after: { actualStart: body.actualStart, actualFinish: body.actualFinish },
      });
    },

    /** A new target or durations; after a baseline it is a revision with its reason, back to draft. */
    async revise(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      body: {
        targetOn: string;
        durations: Array<{ key: string; duration: number }>;
        reason: string | null;
        version: number;
      },
    ) {
      const project = await deps.projects.load(principal, projectId);
      const row = await rowOf(project.id);
      if (!row) throw notFound('倒排计划');
      if (row.baseline && !body.reason) {
        throw new AppError('VALIDATION_FAILED', '计划已审定，调整须填写调整原因', {
          fields: [{ field: 'reason', message: '请填写调整原因' }],
        });
      }
      const durations = new Map(body.durations.map((d) => [d.key, d.duration]));
      for (const key of durations.keys())
        if (!row.nodes.some((n) => n.key === key)) throw notFound(`计划节点 ${key}`);
      const nodes = row.nodes.map((n) => ({ ...n, duration: durations.get(n.key) ?? n.duration }));
      refuseBadNetwork(nodes, row.links, row.anchor);
      return save(
        principal,
        actor,
        row,
        body.version,
        {
          targetOn: body.targetOn,
          nodes,
          status: 'draft',
          revision: row.baseline ? row.revision + 1 : row.revision,
          revisionReason: row.baseline ? body.reason : row.revisionReason,
        },
        'plan.revise',
        {
          targetOn: { before: row.targetOn, after: body.targetOn },
          durations: Object.fromEntries(durations),
          reason: body.reason,
        },
      );
    },

    /**
     * 板块 approves a draft; 区发改 approves what the 板块 approved — the first time freezing that day's
     * schedule as the baseline.
     */
    async approve(principal: Principal, actor: AuditActor, projectId: string, version: number) {
      const project = await deps.projects.load(principal, projectId);
      const row = await rowOf(project.id);
      if (!row) throw notFound('倒排计划');
      const step = abilities(principal, row).canApprove;
      if (!step) {
        throw new AppError(
          'CONFLICT',
          row.status === 'draft'
            ? '计划须先由板块审核'
            : row.status === 'approved'
              ? '计划已审定'
              : '计划待区发改审定',
        );
      }
      if (step === 'subarea') {
        return save(principal, actor, row, version, { status: 'subarea_approved' }, 'plan.approve', { step });
      }
      const day = today();
      const current = await scheduleOf(row, day);
      const baseline = {
        targetOn: row.targetOn,
        forecast: current.forecast,
        nodes: current.nodes.map((n) => ({
          key: n.key,
          lateStart: n.lateStart,
          lateFinish: n.lateFinish ?? n.earlyFinish,
          earlyFinish: n.earlyFinish,
        })),
      };
      // The first approval freezes the baseline; a revision approved later is measured against it still.
      return save(
        principal,
        actor,
        row,
        version,
        { status: 'approved', baseline: row.baseline ?? baseline, baselineOn: row.baselineOn ?? day },
        'plan.approve',
        { step, baselineOn: row.baselineOn ?? day, revision: row.revision },
      );
    },
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
