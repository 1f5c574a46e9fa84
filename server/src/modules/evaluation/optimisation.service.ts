import type {
  closeOptimisationActionBody,
  createOptimisationActionBody,
  OptimisationActionItem,
  optimisationActionListQuery,
  updateOptimisationActionBody,
} from '@groundbreak/contract';
import { and, asc, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { evaluations, optimisationActions, orgs, projects, regions } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import { projectInScope } from '../projects/projects.repository';
import type { Principal } from '../registry';

// Optimisation actions (优化措施, domain.md §9.2): what the evaluations teach about admission standards,
// attraction policy and the service process, each with an owner and a due date until closed. An action is
// counted under a region (the evaluated project's 板块, or a region of the caller's scope).

type Row = typeof optimisationActions.$inferSelect;

export function createOptimisationService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditRepository;
}) {
  const { db } = deps.database;

  const columns = {
    a: optimisationActions,
    projectName: projects.name,
    regionName: regions.name,
    ownerOrgName: orgs.name,
  };

  function base(reader: Db = db) {
    return reader
      .select(columns)
      .from(optimisationActions)
      .innerJoin(regions, eq(regions.id, optimisationActions.regionId))
      .leftJoin(projects, eq(projects.id, optimisationActions.projectId))
      .leftJoin(orgs, eq(orgs.id, optimisationActions.ownerOrgId));
  }

  function present(
    r: { a: Row; projectName: string | null; regionName: string; ownerOrgName: string | null },
    today: string,
  ): OptimisationActionItem {
    return {
      id: r.a.id,
      evaluationId: r.a.evaluationId,
      projectId: r.a.projectId,
      projectName: r.projectName,
      regionId: r.a.regionId,
      regionName: r.regionName,
      industryChain: r.a.industryChain,
      category: r.a.category,
      title: r.a.title,
      description: r.a.description,
      ownerOrgId: r.a.ownerOrgId,
      ownerOrgName: r.ownerOrgName,
      ownerName: r.a.ownerName,
      dueOn: r.a.dueOn,
      status: r.a.status,
      overdue: r.a.status !== 'done' && r.a.dueOn < today,
      closedOn: r.a.closedOn,
      closingNote: r.a.closingNote,
      version: r.a.version,
    };
  }

  async function load(principal: Principal, id: string) {
    const [row] = await base().where(
      and(
        eq(optimisationActions.id, id),
        isNull(optimisationActions.deletedAt),
        regionInScope(principal, optimisationActions.regionId),
      ),
    );
    if (!row) throw notFound('优化措施');
    return row;
  }

  async function get(principal: Principal, id: string) {
    return present(await load(principal, id), shanghaiDate(deps.clock.now()));
  }

  async function audit(tx: Db, actor: AuditActor, action: string, id: string, summary: object) {
    await deps.audit.append(
      tx,
      actor,
      { action, objectType: 'optimisation_action', objectId: id, result: 'success', summary: { ...summary } },
      deps.clock.now(),
    );
  }

  async function orgExists(id: string | null | undefined) {
    if (!id) return;
    const [o] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, id));
    if (!o) {
      throw new AppError('VALIDATION_FAILED', '责任单位不存在', {
        fields: [{ field: 'ownerOrgId', message: '责任单位不存在' }],
      });
    }
  }

  function requireAdmin(principal: Principal) {
    if (!principal.actions.has('evaluation.admin')) {
      throw new AppError('FORBIDDEN', '只有区发改、工信可以登记优化措施');
    }
  }

  return {
    get,

    /** The actions raised from one evaluation that the caller may see. */
    async ofEvaluation(principal: Principal, evaluationId: string): Promise<OptimisationActionItem[]> {
      const today = shanghaiDate(deps.clock.now());
      const rows = await base()
        .where(
          and(
            eq(optimisationActions.evaluationId, evaluationId),
            isNull(optimisationActions.deletedAt),
            regionInScope(principal, optimisationActions.regionId),
          ),
        )
        .orderBy(asc(optimisationActions.dueOn));
      return rows.map((r) => present(r, today));
    },

    async list(principal: Principal, q: z.output<typeof optimisationActionListQuery>) {
      const where: SQL[] = [
        isNull(optimisationActions.deletedAt),
        regionInScope(principal, optimisationActions.regionId),
      ];
      if (q.status) where.push(eq(optimisationActions.status, q.status));
      if (q.category) where.push(eq(optimisationActions.category, q.category));
      if (q.evaluationId) where.push(eq(optimisationActions.evaluationId, q.evaluationId));
      if (q.industryChain) where.push(eq(optimisationActions.industryChain, q.industryChain));
      if (q.regionId) {
        where.push(
          sql`${optimisationActions.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = ${q.regionId}) || '%')`,
        );
      }
      const field = q.sort?.replace(/^-/, '');
      const dir = q.sort?.startsWith('-') ? desc : asc;
      const column =
        field === 'title'
          ? optimisationActions.title
          : field === 'status'
            ? optimisationActions.status
            : optimisationActions.dueOn;
      const today = shanghaiDate(deps.clock.now());
      const rows = await base()
        .where(and(...where))
        .orderBy(q.sort ? dir(column) : asc(optimisationActions.dueOn), asc(optimisationActions.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const [total] = await db
        .select({ n: count() })
        .from(optimisationActions)
        .where(and(...where));
      return {
        items: rows.map((r) => present(r, today)),
        total: total?.n ?? 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async create(
      principal: Principal,
      actor: AuditActor,
      body: z.output<typeof createOptimisationActionBody>,
    ): Promise<OptimisationActionItem> {
      requireAdmin(principal);
      let regionId: string;
      let projectId: string | null = null;
      let industryChain = body.industryChain ?? null;
      if (body.evaluationId) {
        const [e] = await db
          .select({ projectId: projects.id, regionId: projects.regionId, chain: projects.industryChain })
          .from(evaluations)
          .innerJoin(projects, eq(projects.id, evaluations.projectId))
          .where(
            and(
              eq(evaluations.id, body.evaluationId),
              isNull(evaluations.deletedAt),
              projectInScope(principal),
            ),
          );
        if (!e) throw notFound('后评价');
        regionId = e.regionId;
        projectId = e.projectId;
        industryChain = industryChain ?? e.chain;
      } else {
        if (!body.regionId) {
          throw new AppError('VALIDATION_FAILED', '请选择措施所属区域', {
            fields: [{ field: 'regionId', message: '请选择措施所属区域' }],
          });
        }
        const [r] = await db
          .select({ id: regions.id })
          .from(regions)
          .where(and(eq(regions.id, body.regionId), regionInScope(principal, regions.id)));
        if (!r) throw notFound('区域');
        regionId = r.id;
      }
      await orgExists(body.ownerOrgId);
      const now = deps.clock.now();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(optimisationActions)
          .values({
            evaluationId: body.evaluationId ?? null,
            projectId,
            regionId,
            industryChain,
            category: body.category,
            title: body.title,
            description: body.description ?? null,
            ownerOrgId: body.ownerOrgId ?? null,
            ownerName: body.ownerName ?? null,
            dueOn: body.dueOn,
            status: 'open',
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: optimisationActions.id });
        if (!row) throw new Error('action not inserted');
        await audit(tx, actor, 'optimisation.create', row.id, { ...body, regionId });
        return row.id;
      });
      return get(principal, id);
    },

    async update(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof updateOptimisationActionBody>,
    ): Promise<OptimisationActionItem> {
      requireAdmin(principal);
      const { a } = await load(principal, id);
      if (a.status === 'done') throw new AppError('CONFLICT', '已完成的措施不能再修改');
      await orgExists(body.ownerOrgId);
      const { version, ...fields } = body;
      const values = {
        status: fields.status,
        category: fields.category,
        title: fields.title,
        description: fields.description ?? null,
        ownerOrgId: fields.ownerOrgId ?? null,
        ownerName: fields.ownerName ?? null,
        dueOn: fields.dueOn,
        ...(fields.industryChain !== undefined ? { industryChain: fields.industryChain } : {}),
      };
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(optimisationActions)
          .set({
            ...values,
            version: sql`${optimisationActions.version} + 1`,
            updatedAt: deps.clock.now(),
            updatedBy: actor.userId,
          })
          .where(and(eq(optimisationActions.id, a.id), eq(optimisationActions.version, version)))
          .returning({ id: optimisationActions.id });
        if (updated.length === 0) throw await versionConflict(tx, '优化措施', a);
        await audit(tx, actor, 'optimisation.update', a.id, values);
      });
      return get(principal, id);
    },

    async close(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof closeOptimisationActionBody>,
    ): Promise<OptimisationActionItem> {
      requireAdmin(principal);
      const { a } = await load(principal, id);
      if (a.status === 'done') throw new AppError('CONFLICT', '该措施已完成');
      const today = shanghaiDate(deps.clock.now());
      const closedOn = body.closedOn ?? today;
      if (closedOn > today) {
        throw new AppError('VALIDATION_FAILED', '完成日期不能晚于今天', {
          fields: [{ field: 'closedOn', message: '完成日期不能晚于今天' }],
        });
      }
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(optimisationActions)
          .set({
            status: 'done',
            closedOn,
            closingNote: body.closingNote,
            version: sql`${optimisationActions.version} + 1`,
            updatedAt: deps.clock.now(),
            updatedBy: actor.userId,
          })
          .where(and(eq(optimisationActions.id, a.id), eq(optimisationActions.version, body.version)))
          .returning({ id: optimisationActions.id });
        if (updated.length === 0) throw await versionConflict(tx, '优化措施', a);
        await audit(tx, actor, 'optimisation.close', a.id, { closedOn, closingNote: body.closingNote });
      });
      return get(principal, id);
    },
  };
}

export type OptimisationService = ReturnType<typeof createOptimisationService>;
