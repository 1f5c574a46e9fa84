import type {
  CompletionApplication,
  CompletionDetail,
  CompletionListItem,
  CompletionMetrics,
  completionListQuery,
  completionMetricsQuery,
  issueCompletionBody,
  saveCompletionBody,
} from '@groundbreak/contract';
import {
  checkIssueDates,
  completionEligibility,
  completionShares,
  PROJECT_STATE_LABELS,
  type ProjectState,
  stageIndex,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, ilike, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { completionApplications, projects, regions } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import { projectInScope } from '../projects/projects.repository';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';

// 竣工即发证 (domain.md §9.1): one application per project — the 多测合一 survey and the eligibility flags
// (draft), the joint application (一并申请), and the three outputs issued together, which move the project
// 已开工 → 已竣工 through the registry's one gated path in the same transaction.

type AppRow = typeof completionApplications.$inferSelect;

function present(row: AppRow): CompletionApplication {
  return {
    id: row.id,
    projectId: row.projectId,
    status: row.status,
    surveyReportNo: row.surveyReportNo,
    surveyApprovedOn: row.surveyApprovedOn,
    premiumPaid: row.premiumPaid,
    noIllegalConstruction: row.noIllegalConstruction,
    surveyApproved: row.surveyApproved,
    jointAcceptancePassed: row.jointAcceptancePassed,
    noSeizure: row.noSeizure,
    appliedOn: row.appliedOn,
    jointAcceptanceNo: row.jointAcceptanceNo,
    jointAcceptanceOn: row.jointAcceptanceOn,
    filingNo: row.filingNo,
    filingOn: row.filingOn,
    titleNo: row.titleNo,
    titleOn: row.titleOn,
    daysAcceptanceToTitle: row.daysAcceptanceToTitle,
    note: row.note,
    version: row.version,
  };
}

/** The states from which a completion application makes sense: built (已开工) or later, not ended. */
const OPEN_FROM: ProjectState = 'STARTED';

export function createCompletionService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditRepository;
  projects: ProjectsService;
}) {
  const { db } = deps.database;

  async function loadProject(principal: Principal, id: string, reader: Db = db) {
    const [row] = await reader
      .select({
        id: projects.id,
        name: projects.name,
        state: projects.state,
        regionId: projects.regionId,
        regionName: regions.name,
        actualCompletionOn: projects.actualCompletionOn,
        version: projects.version,
      })
      .from(projects)
      .innerJoin(regions, eq(regions.id, projects.regionId))
      .where(and(eq(projects.id, id), isNull(projects.deletedAt), projectInScope(principal)));
    if (!row) throw notFound('项目');
    return row;
  }

  async function current(projectId: string, reader: Db = db): Promise<AppRow | undefined> {
    const [row] = await reader
      .select()
      .from(completionApplications)
      .where(
        and(
          eq(completionApplications.projectId, projectId),
          isNull(completionApplications.deletedAt),
          ne(completionApplications.status, 'withdrawn'),
        ),
      );
    return row;
  }

  async function detail(principal: Principal, projectId: string, warnings: string[] = []) {
    const project = await loadProject(principal, projectId);
    const app = await current(projectId);
    return {
      project: {
        id: project.id,
        name: project.name,
        state: project.state,
        regionId: project.regionId,
        regionName: project.regionName,
        actualCompletionOn: project.actualCompletionOn,
      },
      application: app ? present(app) : null,
      eligibility: app && app.status !== 'issued' ? completionEligibility(app) : null,
      canWrite:
        principal.actions.has('completion.write') && isBuilt(project.state) && app?.status !== 'issued',
      warnings,
    } satisfies CompletionDetail;
  }

  function requireWrite(principal: Principal) {
    if (!principal.actions.has('completion.write')) {
      throw new AppError('FORBIDDEN', '只有板块、住建、不动产登记或区发改可以办理竣工即发证');
    }
  }

  function isBuilt(state: string) {
    const s = state as ProjectState;
    return s !== 'TERMINATED' && s !== 'SUSPENDED' && stageIndex(s) >= stageIndex(OPEN_FROM);
  }

  function requireBuilt(state: string) {
    const s = state as ProjectState;
    if (!isBuilt(s)) {
      throw new AppError('CONFLICT', `项目处于「${PROJECT_STATE_LABELS[s] ?? s}」，开工后才能办理竣工即发证`);
    }
  }

  async function audit(tx: Db, actor: AuditActor, action: string, projectId: string, summary: object) {
    await deps.audit.append(
      tx,
      actor,
      { action, objectType: 'project', objectId: projectId, result: 'success', summary: { ...summary } },
      deps.clock.now(),
    );
  }

  return {
    detail,

    /** Creates or updates the draft: the survey and the eligibility flags. */
    async save(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      body: z.output<typeof saveCompletionBody>,
    ): Promise<CompletionDetail> {
      requireWrite(principal);
      const project = await loadProject(principal, projectId);
      requireBuilt(project.state);
      const now = deps.clock.now();
      const { version, ...fields } = body;
      const values = {
        surveyReportNo: fields.surveyReportNo || null,
        surveyApprovedOn: fields.surveyApprovedOn,
        premiumPaid: fields.premiumPaid,
        noIllegalConstruction: fields.noIllegalConstruction,
        surveyApproved: fields.surveyApproved,
        jointAcceptancePassed: fields.jointAcceptancePassed,
        noSeizure: fields.noSeizure,
        ...(fields.note !== undefined ? { note: fields.note || null } : {}),
      };
      await db.transaction(async (tx) => {
        const existing = await current(projectId, tx);
        if (!existing) {
          if (version !== undefined && version !== 0) throw notFound('竣工即发证申请');
          await tx.insert(completionApplications).values({
            projectId,
            status: 'draft',
            ...values,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          });
          await audit(tx, actor, 'completion.create', projectId, values);
          return;
        }
        if (existing.status === 'issued') {
          throw new AppError('CONFLICT', '三证已同步发放，申请不能再修改');
        }
        if (version === undefined) {
          throw new AppError('VALIDATION_FAILED', '请提交申请的版本号', {
            fields: [{ field: 'version', message: '缺少版本号' }],
          });
        }
        const updated = await tx
          .update(completionApplications)
          .set({
            ...values,
            version: sql`${completionApplications.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(and(eq(completionApplications.id, existing.id), eq(completionApplications.version, version)))
          .returning({ id: completionApplications.id });
        if (updated.length === 0) throw await versionConflict(tx, '竣工即发证申请', existing);
        await audit(tx, actor, 'completion.update', projectId, values);
      });
      return detail(principal, projectId);
    },

    /** 一并申请: refused unless the survey is approved and every flag holds (the answer names what is missing). */
    async apply(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      body: { version: number; appliedOn?: string | undefined },
    ): Promise<CompletionDetail> {
      requireWrite(principal);
      const project = await loadProject(principal, projectId);
      requireBuilt(project.state);
      const now = deps.clock.now();
      const today = shanghaiDate(now);
      const appliedOn = body.appliedOn ?? today;
      if (appliedOn > today) {
        throw new AppError('VALIDATION_FAILED', '申请日期不能晚于今天', {
          fields: [{ field: 'appliedOn', message: '申请日期不能晚于今天' }],
        });
      }
      await db.transaction(async (tx) => {
        const existing = await current(projectId, tx);
        if (!existing) throw notFound('竣工即发证申请');
        if (existing.status !== 'draft') throw new AppError('CONFLICT', '该申请已提交');
        if (existing.version !== body.version) throw await versionConflict(tx, '竣工即发证申请', existing);
        const check = completionEligibility(existing);
        if (!check.eligible) {
          throw new AppError('GATE_UNMET', `尚不能一并申请：${check.problems.join('；')}`, {
            missingFlags: check.missingFlags,
            problems: check.problems,
          });
        }
        // The version in the WHERE too: two clicks at once must not both apply.
        const applied = await tx
          .update(completionApplications)
          .set({
            status: 'applied',
            appliedOn,
            version: sql`${completionApplications.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(
            and(eq(completionApplications.id, existing.id), eq(completionApplications.version, body.version)),
          )
          .returning({ id: completionApplications.id });
        if (applied.length === 0) throw await versionConflict(tx, '竣工即发证申请', existing);
        await audit(tx, actor, 'completion.apply', projectId, { appliedOn });
      });
      return detail(principal, projectId);
    },

    /**
     * Records the three outputs issued together (联合验收意见书, 竣工验收备案表, 不动产权证书), keeps the days
     * from acceptance to title, sets the project's 实际竣工日期 when missing, and moves it 已开工 → 已竣工 in
     * the same transaction (a project already past 已竣工 — recorded late — keeps its state).
     */
    async issue(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      body: z.output<typeof issueCompletionBody>,
    ): Promise<CompletionDetail> {
      requireWrite(principal);
      const project = await loadProject(principal, projectId);
      requireBuilt(project.state);
      const now = deps.clock.now();
      const today = shanghaiDate(now);
      const check = checkIssueDates(body, today);
      if (check.errors.length > 0) {
        throw new AppError('VALIDATION_FAILED', check.errors.join('；'), {
          fields: check.errors.map((message) => ({
            field: message.startsWith('竣工验收备案')
              ? 'filingOn'
              : message.startsWith('不动产权证书')
                ? 'titleOn'
                : 'jointAcceptanceOn',
            message,
          })),
        });
      }
      if (body.actualCompletionOn && body.actualCompletionOn > today) {
        throw new AppError('VALIDATION_FAILED', '实际竣工日期不能晚于今天', {
          fields: [{ field: 'actualCompletionOn', message: '实际竣工日期不能晚于今天' }],
        });
      }
      await db.transaction(async (tx) => {
        const existing = await current(projectId, tx);
        if (!existing) throw notFound('竣工即发证申请');
        if (existing.status !== 'applied') {
          throw new AppError(
            'CONFLICT',
            existing.status === 'issued' ? '三证已同步发放' : '请先一并申请（预检通过）后再登记发证',
          );
        }
        if (existing.version !== body.version) throw await versionConflict(tx, '竣工即发证申请', existing);
        if (body.jointAcceptanceOn < (existing.appliedOn ?? body.jointAcceptanceOn)) {
          throw new AppError('VALIDATION_FAILED', '联合验收日期不能早于申请日期', {
            fields: [{ field: 'jointAcceptanceOn', message: '联合验收日期不能早于申请日期' }],
          });
        }
        const issued = await tx
          .update(completionApplications)
          .set({
            status: 'issued',
            jointAcceptanceNo: body.jointAcceptanceNo,
            jointAcceptanceOn: body.jointAcceptanceOn,
            filingNo: body.filingNo,
            filingOn: body.filingOn,
            titleNo: body.titleNo,
            titleOn: body.titleOn,
            daysAcceptanceToTitle: check.daysAcceptanceToTitle,
            version: sql`${completionApplications.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(
            and(eq(completionApplications.id, existing.id), eq(completionApplications.version, body.version)),
          )
          .returning({ id: completionApplications.id });
        if (issued.length === 0) throw await versionConflict(tx, '竣工即发证申请', existing);
        const completionOn = body.actualCompletionOn ?? project.actualCompletionOn ?? body.jointAcceptanceOn;
        if (completionOn !== project.actualCompletionOn) {
          await tx
            .update(projects)
            .set({
              actualCompletionOn: completionOn,
              version: sql`${projects.version} + 1`,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .where(eq(projects.id, projectId));
        }
        await audit(tx, actor, 'completion.issue', projectId, {
          jointAcceptanceNo: body.jointAcceptanceNo,
          filingNo: body.filingNo,
          titleNo: body.titleNo,
          daysAcceptanceToTitle: check.daysAcceptanceToTitle,
          warnings: check.warnings,
        });
        if (project.state === 'STARTED') {
          const moved = await deps.projects.advanceWhenReady(
            actor,
            projectId,
            'COMPLETED',
            `竣工即发证：联合验收 ${body.jointAcceptanceNo}，备案 ${body.filingNo}，不动产权证 ${body.titleNo}`,
            { userId: principal.userId, name: principal.displayName },
            tx,
          );
          if (!moved.moved) {
            throw new AppError(
              'GATE_UNMET',
              `三证未登记：项目仍不满足进入「已竣工」的条件：${moved.unmet.map((u) => u.message).join('；')}`,
              { to: 'COMPLETED', unmet: moved.unmet, overridable: false },
            );
          }
        }
      });
      return detail(principal, projectId, check.warnings);
    },

    async list(
      principal: Principal,
      q: z.output<typeof completionListQuery>,
    ): Promise<{ items: CompletionListItem[]; total: number; page: number; pageSize: number }> {
      const where: SQL[] = [
        isNull(completionApplications.deletedAt),
        isNull(projects.deletedAt),
        projectInScope(principal),
      ];
      if (q.status) where.push(eq(completionApplications.status, q.status));
      else where.push(ne(completionApplications.status, 'withdrawn'));
      if (q.regionId) {
        where.push(
          sql`${projects.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = ${q.regionId}) || '%')`,
        );
      }
      if (q.q) where.push(ilike(projects.name, `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
      const sortField = q.sort?.replace(/^-/, '');
      const dir = q.sort?.startsWith('-') ? desc : asc;
      const column =
        sortField === 'appliedOn'
          ? completionApplications.appliedOn
          : sortField === 'projectName'
            ? projects.name
            : sortField === 'daysAcceptanceToTitle'
              ? completionApplications.daysAcceptanceToTitle
              : completionApplications.titleOn;
      const order = q.sort ? dir(column) : desc(completionApplications.updatedAt);
      const base = db
        .select({
          a: completionApplications,
          projectName: projects.name,
          projectState: projects.state,
          regionId: projects.regionId,
          regionName: regions.name,
        })
        .from(completionApplications)
        .innerJoin(projects, eq(projects.id, completionApplications.projectId))
        .innerJoin(regions, eq(regions.id, projects.regionId))
        .where(and(...where));
      const rows = await base
        .orderBy(order, asc(completionApplications.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const [total] = await db
        .select({ n: count() })
        .from(completionApplications)
        .innerJoin(projects, eq(projects.id, completionApplications.projectId))
        .where(and(...where));
      return {
        items: rows.map((r) => ({
          id: r.a.id,
          projectId: r.a.projectId,
          projectName: r.projectName,
          projectState: r.projectState,
          regionId: r.regionId,
          regionName: r.regionName,
          status: r.a.status,
          appliedOn: r.a.appliedOn,
          jointAcceptanceOn: r.a.jointAcceptanceOn,
          filingOn: r.a.filingOn,
          titleNo: r.a.titleNo,
          titleOn: r.a.titleOn,
          daysAcceptanceToTitle: r.a.daysAcceptanceToTitle,
        })),
        total: total?.n ?? 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Per 板块 of the caller's scope: titles issued, how many the same day as acceptance, average days. */
    async metrics(
      principal: Principal,
      q: z.output<typeof completionMetricsQuery>,
    ): Promise<CompletionMetrics> {
      const where: SQL[] = [
        eq(completionApplications.status, 'issued'),
        isNull(completionApplications.deletedAt),
        isNull(projects.deletedAt),
        projectInScope(principal),
        sql`${completionApplications.daysAcceptanceToTitle} IS NOT NULL`,
      ];
      if (q.year) {
        where.push(sql`${completionApplications.titleOn} >= ${`${q.year}-01-01`}::date`);
        where.push(sql`${completionApplications.titleOn} < ${`${q.year + 1}-01-01`}::date`);
      }
      const rows = await db
        .select({
          regionId: projects.regionId,
          regionName: regions.name,
          days: completionApplications.daysAcceptanceToTitle,
        })
        .from(completionApplications)
        .innerJoin(projects, eq(projects.id, completionApplications.projectId))
        .innerJoin(regions, eq(regions.id, projects.regionId))
        .where(and(...where));
      const names = new Map(rows.map((r) => [r.regionId, r.regionName]));
      const shares = completionShares(
        rows.map((r) => ({ regionId: r.regionId, daysAcceptanceToTitle: r.days ?? 0 })),
      );
      const [total] = completionShares(
        rows.map((r) => ({ regionId: 'all', daysAcceptanceToTitle: r.days ?? 0 })),
      );
      return {
        byRegion: shares
          .map((s) => ({ ...s, regionName: names.get(s.regionId) ?? '' }))
          .sort((a, b) => a.regionName.localeCompare(b.regionName, 'zh-CN')),
        total: total
          ? {
              issued: total.issued,
              sameDay: total.sameDay,
              sameDayShare: total.sameDayShare,
              averageDays: total.averageDays,
            }
          : { issued: 0, sameDay: 0, sameDayShare: null, averageDays: null },
      };
    },
  };
}

export type CompletionService = ReturnType<typeof createCompletionService>;
