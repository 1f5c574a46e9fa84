import type {
  createDispositionBody,
  createRectificationBody,
  DispositionItem,
  EvaluationDetail,
  EvaluationFigures,
  EvaluationListItem,
  EvaluationSettingsValue,
  EvaluationSummary,
  EvaluationSummaryCounts,
  evaluationListQuery,
  fillEvaluationBody,
  notifyEvaluationBody,
  RectificationItem,
  verifyEvaluationBody,
} from '@groundbreak/contract';
import { EVALUATION_GRADE_LABELS, EVALUATION_KIND_LABELS } from '@groundbreak/contract';
import {
  addDays,
  dueEvaluationTasks,
  type EvaluationGrade,
  type EvaluationKind,
  type EvaluationSettings,
  type Figures,
  gradePasses,
  isRectificationOverdue,
  rectificationDeadline,
  scoreEvaluation,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import {
  appSettings,
  defaultDispositions,
  enterprises,
  evaluationRectifications,
  evaluations,
  muEvaluations,
  optimisationActions,
  projectCommitments,
  projects,
  regions,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import { createNotificationsRepository } from '../notifications/notifications.repository';
import { projectInScope } from '../projects/projects.repository';
import type { Principal } from '../registry';
import {
  committedFigures,
  enterpriseRecipients,
  isEnterpriseUser,
  prefillFigures,
  readSettings,
  SETTINGS_KEY,
  settingsValue,
  subareaRecipients,
} from './evaluation.shared';
import type { OptimisationService } from './optimisation.service';

// The post-evaluation loop (domain.md §9.2): tasks generated when due (投产评价, 达产评价), the enterprise's
// figures, the 板块's check, the score of 区发改/工信 with the settings copied into the task, the result sent
// to the enterprise; 不合格 → 整改 notice with its deadline → re-check (a new evaluation of kind recheck)
// → passed, or failed and 违约处置.

type EvalRow = typeof evaluations.$inferSelect;
type RectRow = typeof evaluationRectifications.$inferSelect;

function toSettings(value: unknown): EvaluationSettings {
  return value as EvaluationSettings;
}

function presentRect(r: RectRow, today: string): RectificationItem {
  return {
    id: r.id,
    evaluationId: r.evaluationId,
    noticeNo: r.noticeNo,
    requirements: r.requirements,
    issuedOn: r.issuedOn,
    deadlineOn: r.deadlineOn,
    status: r.status,
    overdue: isRectificationOverdue(r, today),
    recheckEvaluationId: r.recheckEvaluationId,
    closedOn: r.closedOn,
    version: r.version,
  };
}

export function createEvaluationService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditRepository;
  optimisation: OptimisationService;
}) {
  const { db } = deps.database;
  const notifications = createNotificationsRepository(db);

  const listColumns = {
    e: evaluations,
    projectName: projects.name,
    enterpriseName: sql<string | null>`coalesce(${enterprises.name}, ${projects.builderName})`,
    regionId: projects.regionId,
    regionName: regions.name,
    industryChain: projects.industryChain,
    openRectifications: sql<number>`(SELECT count(*)::int FROM evaluation_rectifications er
      WHERE er.evaluation_id = "evaluations"."id" AND er.deleted_at IS NULL AND er.status IN ('open', 'rechecking'))`,
  };

  function listItem(r: {
    e: EvalRow;
    projectName: string;
    enterpriseName: string | null;
    regionId: string;
    regionName: string;
    industryChain: string | null;
    openRectifications: number;
  }): EvaluationListItem {
    return {
      id: r.e.id,
      projectId: r.e.projectId,
      projectName: r.projectName,
      enterpriseName: r.enterpriseName,
      regionId: r.regionId,
      regionName: r.regionName,
      industryChain: r.industryChain,
      kind: r.e.kind,
      parentId: r.e.parentId,
      dataYear: r.e.dataYear,
      dueOn: r.e.dueOn,
      fillBy: r.e.fillBy,
      status: r.e.status,
      score: r.e.score,
      grade: (r.e.grade as EvaluationGrade | null) ?? null,
      notifiedOn: r.e.notifiedAt ? shanghaiDate(r.e.notifiedAt) : null,
      openRectifications: r.openRectifications,
      version: r.e.version,
    };
  }

  function baseQuery(reader: Db = db) {
    return reader
      .select(listColumns)
      .from(evaluations)
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .innerJoin(regions, eq(regions.id, projects.regionId))
      .leftJoin(enterprises, eq(enterprises.id, projects.enterpriseId));
  }

  /** An evaluation in the caller's scope (a 板块 its subtree, an enterprise its own projects), else 404. */
  async function load(principal: Principal, id: string, reader: Db = db) {
    const [row] = await baseQuery(reader).where(
      and(
        eq(evaluations.id, id),
        isNull(evaluations.deletedAt),
        isNull(projects.deletedAt),
        projectInScope(principal),
      ),
    );
    if (!row) throw notFound('后评价');
    return row;
  }

  async function projectOf(reader: Db, projectId: string) {
    const [p] = await reader.select().from(projects).where(eq(projects.id, projectId));
    if (!p) throw notFound('项目');
    return p;
  }

  async function audit(tx: Db, actor: AuditActor, action: string, id: string, summary: object) {
    await deps.audit.append(
      tx,
      actor,
      { action, objectType: 'evaluation', objectId: id, result: 'success', summary: { ...summary } },
      deps.clock.now(),
    );
  }

  async function tellEnterprise(tx: Db, projectId: string, title: string, body: string, link: string) {
    const recipients = await enterpriseRecipients(tx, [projectId]);
    await notifications.insertMany(
      recipients.map((r) => ({ recipientId: r.user_id, module: 'evaluation', title, body, link })),
      deps.clock.now(),
      tx,
    );
  }

  async function rectificationsOf(evaluationId: string) {
    return db
      .select()
      .from(evaluationRectifications)
      .where(
        and(
          or(
            eq(evaluationRectifications.evaluationId, evaluationId),
            eq(evaluationRectifications.recheckEvaluationId, evaluationId),
          ),
          isNull(evaluationRectifications.deletedAt),
        ),
      )
      .orderBy(asc(evaluationRectifications.issuedOn));
  }

  async function detail(principal: Principal, id: string): Promise<EvaluationDetail> {
    const row = await load(principal, id);
    const e = row.e;
    const today = shanghaiDate(deps.clock.now());
    const project = await projectOf(db, e.projectId);
    const prefill = await prefillFigures(db, project, e.dataYear);
    const rects = await rectificationsOf(e.id);
    const own = rects.filter((r) => r.evaluationId === e.id);
    const rectifies = rects.find((r) => r.recheckEvaluationId === e.id) ?? null;
    const dispositions = await db
      .select()
      .from(defaultDispositions)
      .where(
        and(
          rectifies
            ? or(
                eq(defaultDispositions.evaluationId, e.id),
                eq(defaultDispositions.rectificationId, rectifies.id),
              )
            : eq(defaultDispositions.evaluationId, e.id),
          isNull(defaultDispositions.deletedAt),
        ),
      )
      .orderBy(asc(defaultDispositions.decidedOn));
    const actions = await deps.optimisation.ofEvaluation(principal, e.id);
    const breakdown = e.breakdown as { indicators: EvaluationDetail['breakdown']; summary: string } | null;
    const admin = principal.actions.has('evaluation.admin');
    const write = principal.actions.has('evaluation.write');
    const failedRect = rects.some((r) => r.status === 'failed');
    return {
      ...listItem(row),
      committed: e.committed as EvaluationFigures,
      actual: (e.actual as EvaluationFigures | null) ?? null,
      prefill: prefill.figures,
      prefillSource: prefill.source,
      settings: settingsValue(toSettings(e.settings)),
      breakdown: breakdown?.indicators ?? null,
      summary: breakdown?.summary ?? null,
      verifyNote: e.verifyNote,
      feedback: e.feedback,
      filledAt: e.filledAt?.toISOString() ?? null,
      verifiedAt: e.verifiedAt?.toISOString() ?? null,
      scoredAt: e.scoredAt?.toISOString() ?? null,
      notifiedAt: e.notifiedAt?.toISOString() ?? null,
      rectifications: own.map((r) => presentRect(r, today)),
      rectifies: rectifies ? presentRect(rectifies, today) : null,
      dispositions: dispositions.map(
        (d): DispositionItem => ({
          id: d.id,
          evaluationId: d.evaluationId,
          rectificationId: d.rectificationId,
          measure: d.measure as DispositionItem['measure'],
          description: d.description,
          decisionNo: d.decisionNo,
          decidedOn: d.decidedOn,
          amountYuan: d.amountYuan,
        }),
      ),
      actions,
      can: {
        fill: write && (e.status === 'pending' || e.status === 'filled'),
        verify: write && !isEnterpriseUser(principal) && e.status === 'filled',
        score: admin && e.status === 'verified',
        notify: admin && e.status === 'scored',
        rectify:
          admin &&
          e.kind !== 'recheck' &&
          (e.status === 'scored' || e.status === 'notified') &&
          e.grade === 'fail' &&
          own.length === 0,
        recheck: admin && own.some((r) => r.status === 'open'),
        dispose: admin && failedRect,
        raiseAction: admin,
      },
    };
  }

  /** Moves an evaluation from one of `from` with the caller's version; the update's values are merged. */
  async function step(
    tx: Db,
    e: EvalRow,
    version: number,
    from: EvalRow['status'][],
    values: Partial<typeof evaluations.$inferInsert>,
    actor: AuditActor,
  ) {
    if (!from.includes(e.status)) {
      throw new AppError('CONFLICT', '该评价当前状态不能执行此操作，请刷新后重试');
    }
    const updated = await tx
      .update(evaluations)
      .set({
        ...values,
        version: sql`${evaluations.version} + 1`,
        updatedAt: deps.clock.now(),
        updatedBy: actor.userId,
      })
      .where(and(eq(evaluations.id, e.id), eq(evaluations.version, version)))
      .returning({ id: evaluations.id });
    if (updated.length === 0) throw await versionConflict(tx, '后评价', e);
  }

  function requireAdmin(principal: Principal) {
    if (!principal.actions.has('evaluation.admin'))
      throw new AppError('FORBIDDEN', '只有区发改、工信可以办理');
  }

  return {
    load,
    detail,

    async list(principal: Principal, q: z.output<typeof evaluationListQuery>) {
      const where: SQL[] = [
        isNull(evaluations.deletedAt),
        isNull(projects.deletedAt),
        projectInScope(principal),
      ];
      if (q.kind) where.push(eq(evaluations.kind, q.kind));
      if (q.status) where.push(eq(evaluations.status, q.status));
      if (q.grade) where.push(eq(evaluations.grade, q.grade));
      if (q.year) where.push(eq(evaluations.dataYear, q.year));
      if (q.projectId) where.push(eq(evaluations.projectId, q.projectId));
      if (q.regionId) {
        where.push(
          sql`${projects.regionId} IN (SELECT r.id FROM regions r WHERE r.path LIKE (SELECT s.path FROM regions s WHERE s.id = ${q.regionId}) || '%')`,
        );
      }
      const field = q.sort?.replace(/^-/, '');
      const dir = q.sort?.startsWith('-') ? desc : asc;
      const column =
        field === 'projectName'
          ? projects.name
          : field === 'score'
            ? evaluations.score
            : field === 'status'
              ? evaluations.status
              : evaluations.dueOn;
      const rows = await baseQuery()
        .where(and(...where))
        .orderBy(q.sort ? dir(column) : desc(evaluations.dueOn), asc(evaluations.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const [total] = await db
        .select({ n: count() })
        .from(evaluations)
        .innerJoin(projects, eq(projects.id, evaluations.projectId))
        .where(and(...where));
      return { items: rows.map(listItem), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /** The enterprise (or the 板块 on its behalf) fills the actual figures; omitted ones come from the prefill. */
    async fill(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof fillEvaluationBody>,
    ) {
      const { e } = await load(principal, id);
      const project = await projectOf(db, e.projectId);
      const prefill = await prefillFigures(db, project, e.dataYear);
      const actual: EvaluationFigures = { ...prefill.figures };
      for (const [k, v] of Object.entries(body.actual)) {
        if (v !== undefined) (actual as Record<string, unknown>)[k] = v;
      }
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        await step(
          tx,
          e,
          body.version,
          ['pending', 'filled'],
          { status: 'filled', actual, filledAt: now, filledBy: actor.userId },
          actor,
        );
        await audit(tx, actor, 'evaluation.fill', e.id, { actual });
      });
      return detail(principal, id);
    },

    /** The 板块 checks the figures: approved → 已核查; returned → 待填报 with its note (the enterprise is told). */
    async verify(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof verifyEvaluationBody>,
    ) {
      if (isEnterpriseUser(principal)) throw new AppError('FORBIDDEN', '企业不能核查自己填报的数据');
      const { e, projectName } = await load(principal, id);
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        await step(
          tx,
          e,
          body.version,
          ['filled'],
          body.approve
            ? { status: 'verified', verifiedAt: now, verifiedBy: actor.userId, verifyNote: body.note ?? null }
            : { status: 'pending', verifyNote: body.note ?? null },
          actor,
        );
        await audit(tx, actor, body.approve ? 'evaluation.verify' : 'evaluation.return', e.id, {
          note: body.note ?? null,
        });
        if (!body.approve) {
          await tellEnterprise(
            tx,
            e.projectId,
            `${projectName}${EVALUATION_KIND_LABELS[e.kind]}数据被退回`,
            body.note ?? '',
            `/evaluations/${e.id}`,
          );
        }
      });
      return detail(principal, id);
    },

    /** 区发改/工信 score with the settings copied into the task; a scored re-check closes its 整改. */
    async score(principal: Principal, actor: AuditActor, id: string, body: { version: number }) {
      requireAdmin(principal);
      const { e } = await load(principal, id);
      const now = deps.clock.now();
      const today = shanghaiDate(now);
      const settings = toSettings(e.settings);
      const result = scoreEvaluation(e.committed as Figures, (e.actual ?? {}) as Figures, settings, today);
      await db.transaction(async (tx) => {
        await step(
          tx,
          e,
          body.version,
          ['verified'],
          {
            status: 'scored',
            score: result.score,
            grade: result.grade,
            breakdown: {
              indicators: result.indicators,
              summary: result.summary,
              scoredWeight: result.scoredWeight,
            },
            scoredAt: now,
            scoredBy: actor.userId,
          },
          actor,
        );
        if (e.kind === 'recheck') {
          const passed = gradePasses(result.grade);
          await tx
            .update(evaluationRectifications)
            .set({
              status: passed ? 'passed' : 'failed',
              closedOn: today,
              version: sql`${evaluationRectifications.version} + 1`,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .where(
              and(
                eq(evaluationRectifications.recheckEvaluationId, e.id),
                eq(evaluationRectifications.status, 'rechecking'),
              ),
            );
        }
        await audit(tx, actor, 'evaluation.score', e.id, { score: result.score, grade: result.grade });
      });
      return detail(principal, id);
    },

    /** The result is sent to the enterprise (反馈): an inbox message to each of its accounts. */
    async notify(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof notifyEvaluationBody>,
    ) {
      requireAdmin(principal);
      const { e, projectName } = await load(principal, id);
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        await step(
          tx,
          e,
          body.version,
          ['scored'],
          { status: 'notified', notifiedAt: now, feedback: body.feedback },
          actor,
        );
        await tellEnterprise(
          tx,
          e.projectId,
          `${projectName}${EVALUATION_KIND_LABELS[e.kind]}结果：${e.score ?? ''} 分，${EVALUATION_GRADE_LABELS[(e.grade ?? 'fail') as EvaluationGrade]}`,
          body.feedback,
          `/evaluations/${e.id}`,
        );
        await audit(tx, actor, 'evaluation.notify', e.id, { feedback: body.feedback });
      });
      return detail(principal, id);
    },

    /** 整改 notice for a 不合格 evaluation; the deadline is the notice day plus the 整改期 of the task's settings. */
    async rectify(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof createRectificationBody>,
    ) {
      requireAdmin(principal);
      const { e, projectName } = await load(principal, id);
      const now = deps.clock.now();
      const today = shanghaiDate(now);
      if (e.kind === 'recheck') throw new AppError('CONFLICT', '整改复核未通过的，请办理违约处置');
      if (!(e.status === 'scored' || e.status === 'notified') || e.grade !== 'fail') {
        throw new AppError('CONFLICT', '只有评分为不合格的评价才能下达整改通知');
      }
      const issuedOn = body.issuedOn ?? today;
      if (issuedOn > today) {
        throw new AppError('VALIDATION_FAILED', '通知日期不能晚于今天', {
          fields: [{ field: 'issuedOn', message: '通知日期不能晚于今天' }],
        });
      }
      const deadlineOn = rectificationDeadline(issuedOn, toSettings(e.settings));
      await db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`evaluation-rectification:${e.id}`}))`);
        const [existing] = await tx
          .select({ id: evaluationRectifications.id })
          .from(evaluationRectifications)
          .where(
            and(eq(evaluationRectifications.evaluationId, e.id), isNull(evaluationRectifications.deletedAt)),
          );
        if (existing) throw new AppError('CONFLICT', '该评价已下达整改通知');
        const year = issuedOn.slice(0, 4);
        const [n] = await tx
          .select({ n: count() })
          .from(evaluationRectifications)
          .where(sql`${evaluationRectifications.noticeNo} LIKE ${`整改-${year}-%`}`);
        const noticeNo = body.noticeNo || `整改-${year}-${String((n?.n ?? 0) + 1).padStart(3, '0')}`;
        const [row] = await tx
          .insert(evaluationRectifications)
          .values({
            evaluationId: e.id,
            projectId: e.projectId,
            noticeNo,
            requirements: body.requirements,
            issuedOn,
            deadlineOn,
            status: 'open',
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: evaluationRectifications.id });
        await tellEnterprise(
          tx,
          e.projectId,
          `${projectName}整改通知 ${noticeNo}，请于 ${deadlineOn} 前完成整改`,
          body.requirements,
          `/evaluations/${e.id}`,
        );
        await audit(tx, actor, 'evaluation.rectify', e.id, {
          rectificationId: row?.id,
          noticeNo,
          issuedOn,
          deadlineOn,
        });
      });
      return detail(principal, id);
    },

    /** Starts the re-check of a 整改: a new evaluation (kind recheck) with the same commitments and settings. */
    async recheck(principal: Principal, actor: AuditActor, rectificationId: string) {
      requireAdmin(principal);
      const [rect] = await db
        .select()
        .from(evaluationRectifications)
        .where(
          and(eq(evaluationRectifications.id, rectificationId), isNull(evaluationRectifications.deletedAt)),
        );
      if (!rect) throw notFound('整改');
      const { e: parent, projectName } = await load(principal, rect.evaluationId).catch(() => {
        throw notFound('整改');
      });
      const now = deps.clock.now();
      const today = shanghaiDate(now);
      const settings = toSettings(parent.settings);
      const newId = await db.transaction(async (tx) => {
        const updated = await tx
          .update(evaluationRectifications)
          .set({
            status: 'rechecking',
            version: sql`${evaluationRectifications.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(and(eq(evaluationRectifications.id, rect.id), eq(evaluationRectifications.status, 'open')))
          .returning({ id: evaluationRectifications.id });
        if (updated.length === 0) throw new AppError('CONFLICT', '该整改已在复核或已办结');
        const [created] = await tx
          .insert(evaluations)
          .values({
            projectId: parent.projectId,
            kind: 'recheck',
            parentId: parent.id,
            dataYear: parent.dataYear,
            dueOn: today,
            fillBy: addDays(today, settings.fillDays),
            status: 'pending',
            committed: parent.committed,
            settings: parent.settings,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: evaluations.id });
        if (!created) throw new Error('recheck not inserted');
        await tx
          .update(evaluationRectifications)
          .set({ recheckEvaluationId: created.id })
          .where(eq(evaluationRectifications.id, rect.id));
        await tellEnterprise(
          tx,
          parent.projectId,
          `${projectName}整改复核：请于 ${addDays(today, settings.fillDays)} 前填报整改后的数据`,
          rect.requirements,
          `/evaluations/${created.id}`,
        );
        await audit(tx, actor, 'evaluation.recheck', parent.id, {
          rectificationId: rect.id,
          recheckId: created.id,
        });
        return created.id;
      });
      return detail(principal, newId);
    },

    /** 违约处置 after a failed re-check of this evaluation's 整改 (or on the failed re-check itself). */
    async dispose(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.output<typeof createDispositionBody>,
    ) {
      requireAdmin(principal);
      const { e } = await load(principal, id);
      const now = deps.clock.now();
      if (body.decidedOn > shanghaiDate(now)) {
        throw new AppError('VALIDATION_FAILED', '决定日期不能晚于今天', {
          fields: [{ field: 'decidedOn', message: '决定日期不能晚于今天' }],
        });
      }
      const failed = (await rectificationsOf(e.id)).find((r) => r.status === 'failed');
      if (!failed) throw new AppError('CONFLICT', '整改复核未通过后才能记录违约处置');
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(defaultDispositions)
          .values({
            projectId: e.projectId,
            // Kept on the evaluation that failed first; its re-check shows it through the 整改.
            evaluationId: failed.evaluationId,
            rectificationId: failed.id,
            measure: body.measure,
            description: body.description,
            decisionNo: body.decisionNo ?? null,
            decidedOn: body.decidedOn,
            amountYuan: body.amountYuan ?? null,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .returning({ id: defaultDispositions.id });
        await audit(tx, actor, 'evaluation.dispose', e.id, { dispositionId: row?.id, ...body });
      });
      return detail(principal, id);
    },

    async settings(): Promise<{ settings: EvaluationSettingsValue; version: number }> {
      const s = await readSettings(db);
      return { settings: settingsValue(s.settings), version: s.version };
    },

    async saveSettings(actor: AuditActor, body: { version: number; settings: EvaluationSettingsValue }) {
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${SETTINGS_KEY}))`);
        const current = await readSettings(tx);
        if (current.version !== body.version) {
          throw new AppError('VERSION_CONFLICT', '后评价设置已被他人修改，请载入最新版本后再保存', {
            version: current.version,
          });
        }
        const value = { settings: body.settings, version: current.version + 1 };
        await tx
          .insert(appSettings)
          .values({ key: SETTINGS_KEY, value, updatedAt: now })
          .onConflictDoUpdate({
            target: appSettings.key,
            set: { value, updatedAt: now },
          });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'evaluation.settings',
            objectType: 'setting',
            result: 'success',
            summary: { ...body.settings },
          },
          now,
        );
        return { settings: body.settings, version: value.version };
      });
    },

    /**
     * Creates the tasks due on `asOf` (投产评价 from 12 months after 投产; 达产评价 from 1 March after the 达产
     * year once that year's 亩均 figures exist), each once, and tells the enterprise and the 板块. Given a
     * principal (the button on the page), only the projects of its scope; the daily job passes none.
     */
    async generate(actor: AuditActor, asOf: string, principal?: Principal) {
      const now = deps.clock.now();
      const { settings } = await readSettings(db);
      const candidates = await db
        .select({ p: projects, c: projectCommitments })
        .from(projects)
        .leftJoin(projectCommitments, eq(projectCommitments.projectId, projects.id))
        .where(
          and(
            isNull(projects.deletedAt),
            inArray(projects.state, ['IN_PRODUCTION', 'AT_TARGET']),
            principal ? projectInScope(principal) : undefined,
          ),
        );
      const usccs = [...new Set(candidates.flatMap((r) => (r.p.uscc ? [r.p.uscc] : [])))];
      const figures = usccs.length
        ? await db
            .select({ uscc: muEvaluations.uscc, year: muEvaluations.year })
            .from(muEvaluations)
            .where(and(inArray(muEvaluations.uscc, usccs), isNull(muEvaluations.deletedAt)))
        : [];
      const created: {
        evaluationId: string;
        projectId: string;
        projectName: string;
        kind: EvaluationKind;
        dueOn: string;
      }[] = [];
      await db.transaction(async (tx) => {
        for (const { p, c } of candidates) {
          const targetYear =
            c?.targetYear ?? (p.plannedTargetOn ? Number(p.plannedTargetOn.slice(0, 4)) : null);
          const due = dueEvaluationTasks(
            {
              actualProductionOn: p.actualProductionOn,
              targetYear,
              figureYears: figures.filter((f) => f.uscc === p.uscc).map((f) => f.year),
            },
            asOf,
            settings,
          );
          if (due.length === 0) continue;
          const committed = committedFigures(p, c ?? undefined);
          for (const task of due) {
            const [row] = await tx
              .insert(evaluations)
              .values({
                projectId: p.id,
                kind: task.kind,
                dataYear: task.dataYear,
                dueOn: task.dueOn,
                fillBy: addDays(asOf, settings.fillDays),
                status: 'pending',
                committed,
                settings,
                createdAt: now,
                updatedAt: now,
              })
              .onConflictDoNothing()
              .returning({ id: evaluations.id });
            if (row)
              created.push({
                evaluationId: row.id,
                projectId: p.id,
                projectName: p.name,
                kind: task.kind,
                dueOn: task.dueOn,
              });
          }
        }
        if (created.length === 0) return;
        const ids = [...new Set(created.map((c) => c.projectId))];
        const recipients = [...(await enterpriseRecipients(tx, ids)), ...(await subareaRecipients(tx, ids))];
        const seen = new Set<string>();
        const rows = created.flatMap((t) =>
          recipients
            .filter((r) => r.project_id === t.projectId)
            .filter((r) => {
              const key = `${r.user_id}:${t.evaluationId}`;
              if (seen.has(key)) return false;
              seen.add(key);
              return true;
            })
            .map((r) => ({
              recipientId: r.user_id,
              module: 'evaluation',
              title: `${t.projectName}${EVALUATION_KIND_LABELS[t.kind]}已启动，请于 ${addDays(asOf, settings.fillDays)} 前填报`,
              body: `应评价日期 ${t.dueOn}`,
              link: `/evaluations/${t.evaluationId}`,
            })),
        );
        await notifications.insertMany(rows, now, tx);
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'evaluation.generate',
            objectType: 'evaluation',
            result: 'success',
            summary: { asOf, created: created.map((c) => c.evaluationId) },
          },
          now,
        );
      });
      return {
        asOf,
        created: created.length,
        items: created.map(({ evaluationId, projectName, kind, dueOn }) => ({
          evaluationId,
          projectName,
          kind,
          dueOn,
        })),
      };
    },

    /** The loop counted per industry chain and per 板块 of the caller's scope. */
    async summary(principal: Principal, year: number | undefined): Promise<EvaluationSummary> {
      const where: SQL[] = [
        isNull(evaluations.deletedAt),
        isNull(projects.deletedAt),
        projectInScope(principal),
      ];
      if (year) where.push(eq(evaluations.dataYear, year));
      const evals = await db
        .select({
          id: evaluations.id,
          status: evaluations.status,
          grade: evaluations.grade,
          chain: projects.industryChain,
          regionId: projects.regionId,
          regionName: regions.name,
        })
        .from(evaluations)
        .innerJoin(projects, eq(projects.id, evaluations.projectId))
        .innerJoin(regions, eq(regions.id, projects.regionId))
        .where(and(...where));
      const evalIds = evals.map((e) => e.id);
      const rects = evalIds.length
        ? await db
            .select({
              evaluationId: evaluationRectifications.evaluationId,
              status: evaluationRectifications.status,
            })
            .from(evaluationRectifications)
            .where(
              and(
                inArray(evaluationRectifications.evaluationId, evalIds),
                isNull(evaluationRectifications.deletedAt),
              ),
            )
        : [];
      const disps = evalIds.length
        ? await db
            .select({ evaluationId: defaultDispositions.evaluationId })
            .from(defaultDispositions)
            .where(
              and(inArray(defaultDispositions.evaluationId, evalIds), isNull(defaultDispositions.deletedAt)),
            )
        : [];
      const actionWhere: SQL[] = [
        isNull(optimisationActions.deletedAt),
        regionInScope(principal, optimisationActions.regionId),
      ];
      if (year) {
        actionWhere.push(
          sql`(${optimisationActions.evaluationId} IS NULL OR ${optimisationActions.evaluationId} IN (SELECT id FROM evaluations WHERE data_year = ${year}))`,
        );
      }
      const actions = await db
        .select({
          status: optimisationActions.status,
          chain: sql<
            string | null
          >`coalesce(${optimisationActions.industryChain}, ${projects.industryChain})`,
          regionId: optimisationActions.regionId,
          regionName: regions.name,
        })
        .from(optimisationActions)
        .innerJoin(regions, eq(regions.id, optimisationActions.regionId))
        .leftJoin(projects, eq(projects.id, optimisationActions.projectId))
        .where(and(...actionWhere));
      const empty = (): EvaluationSummaryCounts => ({
        evaluations: 0,
        scored: 0,
        notified: 0,
        failed: 0,
        rectificationsOpen: 0,
        rectificationsPassed: 0,
        rectificationsFailed: 0,
        dispositions: 0,
        actionsOpen: 0,
        actionsDone: 0,
      });
      const total = empty();
      const byChain = new Map<string, EvaluationSummaryCounts & { industryChain: string | null }>();
      const byRegion = new Map<string, EvaluationSummaryCounts & { regionId: string; regionName: string }>();
      const chainOf = (chain: string | null) => {
        const key = chain ?? '';
        const v = byChain.get(key) ?? { ...empty(), industryChain: chain };
        byChain.set(key, v);
        return v;
      };
      const regionOf = (id: string, name: string) => {
        const v = byRegion.get(id) ?? { ...empty(), regionId: id, regionName: name };
        byRegion.set(id, v);
        return v;
      };
      const evalById = new Map(evals.map((e) => [e.id, e]));
      const add = (targets: EvaluationSummaryCounts[], key: keyof EvaluationSummaryCounts) => {
        for (const t of targets) t[key] += 1;
      };
      for (const e of evals) {
        const ts = [total, chainOf(e.chain), regionOf(e.regionId, e.regionName)];
        add(ts, 'evaluations');
        if (e.status === 'scored' || e.status === 'notified') add(ts, 'scored');
        if (e.status === 'notified') add(ts, 'notified');
        if ((e.status === 'scored' || e.status === 'notified') && e.grade === 'fail') add(ts, 'failed');
      }
      for (const r of rects) {
        const e = evalById.get(r.evaluationId);
        if (!e) continue;
        const ts = [total, chainOf(e.chain), regionOf(e.regionId, e.regionName)];
        add(
          ts,
          r.status === 'passed'
            ? 'rectificationsPassed'
            : r.status === 'failed'
              ? 'rectificationsFailed'
              : 'rectificationsOpen',
        );
      }
      for (const d of disps) {
        const e = d.evaluationId ? evalById.get(d.evaluationId) : undefined;
        if (!e) continue;
        add([total, chainOf(e.chain), regionOf(e.regionId, e.regionName)], 'dispositions');
      }
      for (const a of actions) {
        add(
          [total, chainOf(a.chain), regionOf(a.regionId, a.regionName)],
          a.status === 'done' ? 'actionsDone' : 'actionsOpen',
        );
      }
      return {
        byChain: [...byChain.values()].sort((a, b) =>
          (a.industryChain ?? '~').localeCompare(b.industryChain ?? '~', 'zh-CN'),
        ),
        byRegion: [...byRegion.values()].sort((a, b) => a.regionName.localeCompare(b.regionName, 'zh-CN')),
        total,
      };
    },
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
