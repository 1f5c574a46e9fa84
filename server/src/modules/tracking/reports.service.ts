import type {
  MonthlyReport,
  MonthlyReportListItem,
  missingReportsResponse,
  monthlyReportResponse,
  monthlyReportsQuery,
  SaveMonthlyReportBody,
} from '@groundbreak/contract';
import { parseSort } from '@groundbreak/contract';
import {
  COUNTED_REPORT_STATUSES,
  checkReport,
  isReportEditable,
  isReportFiller,
  mayTakeReportStep,
  previousReportMonth,
  REPORT_STATUS_LABELS,
  REPORT_STEPS,
  REPORTING_STATES,
  type ReportActor,
  type ReportKind,
  type ReportStatus,
  type ReportStep,
  reportDueOn,
  reportKindFor,
  yearToDate,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { attachments, monthlyReports, projects, projectYearPlans, regions } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { projectChildInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import { projectInScope } from '../projects/projects.repository';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';
import type { SheetReport } from './reports.import';

// Monthly reports (domain.md §7.3): a project's report for a month — created on the first save, its
// 自年初累计 built on the previous month's — and the workflow 草稿 → 已提交 → 板块已审核 → 发改已确认 (locked) or
// 退回 with a reason. The enterprise (its own projects) or the 板块 fills and submits; the 板块 reviews;
// 区发改 confirms; either reviewer returns. Every write is scoped through the project and audited.

type ReportRow = typeof monthlyReports.$inferSelect;
type ProjectRow = Awaited<ReturnType<ProjectsService['load']>>;

const FIELDS = [
  'monthYuan',
  'sinceStartYuan',
  'equipmentYuan',
  'constructionYuan',
  'progressText',
  'planNodeKey',
  'nodePercent',
  'workThisMonth',
  'workNextMonth',
  'problemsText',
  'inStatistics',
  'statisticsYuan',
  'fundsInPlaceYuan',
  'workers',
] as const;

function actorOf(principal: Principal): ReportActor {
  return {
    roles: principal.roles,
    mayWrite: principal.actions.has('report.write'),
    isDistrictAdmin: principal.actions.has('registry.admin'),
  };
}

const isFiller = (principal: Principal) => isReportFiller(actorOf(principal));
const mayStep = (principal: Principal, step: ReportStep, status: ReportStatus) =>
  mayTakeReportStep(actorOf(principal), step, status);

export function createReportsService(deps: {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  projects: ProjectsService;
  /** After a step commits: the project's light reads the report (the tracking module refreshes it). */
  afterStep?: (projectId: string) => Promise<unknown>;
}) {
  const { db } = deps.database;

  /**
   * A closed month takes no more changes to its figures: checked inside the writing transaction under a
   * shared lock on the month, which closing it takes exclusively, so no save slips past a close.
   */
  async function refuseClosed(tx: Db, month: string): Promise<void> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(hashtext(${`tracking_month:${month}`}))`);
    const { rows } = await tx.execute<{ closed_on: string }>(
      sql`SELECT closed_on::text FROM tracking_months WHERE month = ${month}`,
    );
    if (rows[0]) throw new AppError('CONFLICT', `${month} 已于${rows[0].closed_on}关账，月报不能再修改`);
  }

  async function rowOf(projectId: string, month: string, tx: Db = db): Promise<ReportRow | undefined> {
    const [row] = await tx
      .select()
      .from(monthlyReports)
      .where(
        and(
          eq(monthlyReports.projectId, projectId),
          eq(monthlyReports.month, month),
          isNull(monthlyReports.deletedAt),
        ),
      );
    return row;
  }

  /**
   * 自年初累计 before a month: the sum of the year's earlier reports (null when there are none). Summed, not
   * chained, so that a month never filed or corrected later still adds up.
   */
  async function ytdBefore(projectId: string, month: string, tx: Db = db): Promise<number | null> {
    const r = monthlyReports;
    const [row] = await tx
      .select({ sum: sql<string | null>`sum(${r.monthYuan})`, n: count(r.monthYuan) })
      .from(r)
      .where(
        and(
          eq(r.projectId, projectId),
          isNull(r.deletedAt),
          sql`${r.month} >= ${`${month.slice(0, 4)}-01`} AND ${r.month} < ${month}`,
        ),
      );
    return row && row.n > 0 ? Number(row.sum) : null;
  }

  async function photosOf(projectId: string, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await db
      .select({
        id: attachments.id,
        fileName: attachments.fileName,
        uploadedAt: attachments.uploadedAt,
        uploadedByName: attachments.uploadedByName,
      })
      .from(attachments)
      .where(
        and(
          inArray(attachments.id, [...ids]),
          eq(attachments.projectId, projectId),
          eq(attachments.kind, 'site_photo'),
          isNull(attachments.deletedAt),
        ),
      );
    return ids.flatMap((photoId) => {
      const r = rows.find((x) => x.id === photoId);
      return r ? [{ ...r, uploadedAt: r.uploadedAt.toISOString() }] : [];
    });
  }

  function kindOf(project: ProjectRow, month: string): ReportKind {
    return reportKindFor(project.actualStartOn ?? null, month);
  }

  async function present(
    principal: Principal,
    project: ProjectRow,
    month: string,
    row: ReportRow | undefined,
  ): Promise<z.infer<typeof monthlyReportResponse>> {
    const previousYtd = previousReportMonth(month) ? await ytdBefore(project.id, month) : null;
    const photos = await photosOf(project.id, row?.photoIds ?? []);
    const kind = (row?.kind as ReportKind | undefined) ?? kindOf(project, month);
    const status = (row?.status as ReportStatus | undefined) ?? 'draft';
    const values = Object.fromEntries(FIELDS.map((f) => [f, row?.[f] ?? null])) as Pick<
      MonthlyReport,
      (typeof FIELDS)[number]
    >;
    const { warnings } = checkReport({
      kind,
      monthYuan: values.monthYuan,
      sinceStartYuan: values.sinceStartYuan,
      equipmentYuan: values.equipmentYuan,
      constructionYuan: values.constructionYuan,
      progressText: values.progressText,
      nodePercent: values.nodePercent,
      photoCount: photos.length,
      totalInvestmentYuan: project.totalInvestment ?? null,
    });
    const editable = isFiller(principal) && isReportEditable(status);
    return {
      report: {
        id: row?.id ?? null,
        projectId: project.id,
        month,
        kind,
        status,
        ...values,
        ytdYuan: row?.ytdYuan ?? null,
        photos,
        returnReason: row?.returnReason ?? null,
        submittedAt: row?.submittedAt?.toISOString() ?? null,
        reviewedAt: row?.reviewedAt?.toISOString() ?? null,
        confirmedAt: row?.confirmedAt?.toISOString() ?? null,
        previousYtdYuan: previousYtd,
        dueOn: reportDueOn(month),
        warnings,
        version: row?.version ?? 0,
      },
      project: {
        id: project.id,
        name: project.name,
        internalNo: project.internalNo,
        totalInvestment: project.totalInvestment ?? null,
      },
      can: {
        edit: editable,
        submit: Boolean(row) && mayStep(principal, 'submit', status),
        review: Boolean(row) && mayStep(principal, 'review', status),
        confirm: Boolean(row) && mayStep(principal, 'confirm', status),
        return: Boolean(row) && mayStep(principal, 'return', status),
      },
    };
  }

  /** A month not yet begun has nothing to report; the future is refused. */
  function checkMonth(month: string): void {
    const thisMonth = shanghaiDate(deps.clock.now()).slice(0, 7);
    if (month > thisMonth) throw new AppError('VALIDATION_FAILED', `${month} 尚未开始，不能填报月报`);
  }

  return {
    async get(principal: Principal, projectId: string, month: string) {
      const project = await deps.projects.load(principal, projectId);
      return present(principal, project, month, await rowOf(project.id, month));
    },

    /** A project's reports, newest first (its investment curve reads them). */
    async history(principal: Principal, projectId: string) {
      const project = await deps.projects.load(principal, projectId);
      const rows = await db
        .select()
        .from(monthlyReports)
        .where(and(eq(monthlyReports.projectId, project.id), isNull(monthlyReports.deletedAt)))
        .orderBy(desc(monthlyReports.month))
        .limit(120);
      const plans = await db
        .select({ year: projectYearPlans.year, plannedYuan: projectYearPlans.plannedInvestment })
        .from(projectYearPlans)
        .where(eq(projectYearPlans.projectId, project.id))
        .orderBy(asc(projectYearPlans.year));
      return {
        plans,
        items: rows.map((r) => ({
          id: r.id,
          month: r.month,
          kind: r.kind as ReportKind,
          status: r.status as ReportStatus,
          monthYuan: r.monthYuan,
          ytdYuan: r.ytdYuan,
          sinceStartYuan: r.sinceStartYuan,
          progressText: r.progressText,
        })),
      };
    },

    /** Saves the filler's draft (creating the month's report on the first save); 自年初累计 is computed. */
    async save(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      month: string,
      body: SaveMonthlyReportBody,
    ) {
      const project = await deps.projects.load(principal, projectId);
      if (!isFiller(principal)) throw new AppError('FORBIDDEN', '月报由企业或板块填报');
      checkMonth(month);
      const existing = await rowOf(project.id, month);
      const status = (existing?.status as ReportStatus | undefined) ?? 'draft';
      if (!isReportEditable(status)) {
        throw new AppError('CONFLICT', `月报${REPORT_STATUS_LABELS[status]}，不能再修改`);
      }
      if ((existing?.version ?? 0) !== body.version) {
        throw existing ? await versionConflict(db, '月报', existing) : notFound('月报');
      }
      const photos = await photosOf(project.id, body.photoIds);
      if (photos.length !== new Set(body.photoIds).size) {
        throw new AppError('VALIDATION_FAILED', '照片不存在或不是本项目的现场照片', {
          fields: [{ field: 'photoIds', message: '照片不存在或不是本项目的现场照片' }],
        });
      }
      const { errors } = checkReport({
        kind: (existing?.kind as ReportKind) ?? kindOf(project, month),
        ...body,
        photoCount: photos.length,
        totalInvestmentYuan: project.totalInvestment ?? null,
      });
      // A draft may be incomplete; only values that are wrong whatever comes next are refused now.
      const wrong = errors.filter((e) => !['monthYuan', 'progressText', 'photos'].includes(e.field));
      if (wrong.length > 0) {
        throw new AppError('VALIDATION_FAILED', wrong[0]?.message ?? '填写有误', { fields: wrong });
      }
      const before = previousReportMonth(month) ? await ytdBefore(project.id, month) : null;
      const now = deps.clock.now();
      const values = {
        ...Object.fromEntries(FIELDS.map((f) => [f, body[f]])),
        photoIds: [...new Set(body.photoIds)],
        ytdYuan: body.monthYuan === null ? null : yearToDate(month, body.monthYuan, before),
        // The report owed follows the start while it can still be edited.
        kind: kindOf(project, month),
      };
      await db.transaction(async (tx) => {
        await refuseClosed(tx, month);
        if (existing) {
          const updated = await tx
            .update(monthlyReports)
            .set({
              ...values,
              version: sql`${monthlyReports.version} + 1`,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .where(and(eq(monthlyReports.id, existing.id), eq(monthlyReports.version, existing.version)))
            .returning({ id: monthlyReports.id });
          if (updated.length === 0) throw await versionConflict(db, '月报', existing);
        } else {
          await tx.insert(monthlyReports).values({
            ...values,
            projectId: project.id,
            regionId: project.regionId,
            month,
            kind: values.kind,
            status: 'draft',
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          });
        }
        // The year's later reports add this month in: their running totals follow.
        // (Outer columns written qualified: inside the subquery an unqualified name would be the inner table's.)
        await tx
          .update(monthlyReports)
          .set({
            ytdYuan: sql`(SELECT sum(e.month_yuan) FROM monthly_reports e WHERE e.project_id = "monthly_reports"."project_id"
              AND e.deleted_at IS NULL AND e.month >= ${`${month.slice(0, 4)}-01`} AND e.month <= "monthly_reports"."month")`,
          })
          .where(
            and(
              eq(monthlyReports.projectId, project.id),
              isNull(monthlyReports.deletedAt),
              sql`${monthlyReports.month} > ${month} AND ${monthlyReports.month} <= ${`${month.slice(0, 4)}-12`}`,
              sql`${monthlyReports.monthYuan} IS NOT NULL`,
            ),
          );
        await deps.audit.append(
          tx,
          actor,
          {
            action: existing ? 'report.update' : 'report.create',
            objectType: 'project',
            objectId: project.id,
            result: 'success',
            summary: { month, monthYuan: body.monthYuan, ytdYuan: values.ytdYuan },
          },
          now,
        );
      });
      return present(principal, project, month, await rowOf(project.id, month));
    },

    /** 提交 / 审核 / 确认 / 退回: the step, checked against the status and the caller's role. */
    async step(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      month: string,
      body: { step: ReportStep; reason?: string | null | undefined; version: number },
    ) {
      const project = await deps.projects.load(principal, projectId);
      const row = await rowOf(project.id, month);
      if (!row) throw notFound('月报');
      const status = row.status as ReportStatus;
      if (!mayStep(principal, body.step, status)) {
        throw new AppError(
          'FORBIDDEN',
          `月报${REPORT_STATUS_LABELS[status]}，您不能${{ submit: '提交', review: '审核', confirm: '确认', return: '退回' }[body.step]}`,
        );
      }
      if (row.version !== body.version) throw await versionConflict(db, '月报', row);
      const reason = body.reason?.trim() || null;
      if (body.step === 'return' && !reason) {
        throw new AppError('VALIDATION_FAILED', '退回须说明原因', {
          fields: [{ field: 'reason', message: '退回须说明原因' }],
        });
      }
      if (body.step === 'submit') {
        const { errors } = checkReport({
          kind: row.kind as ReportKind,
          monthYuan: row.monthYuan,
          sinceStartYuan: row.sinceStartYuan,
          equipmentYuan: row.equipmentYuan,
          constructionYuan: row.constructionYuan,
          progressText: row.progressText,
          nodePercent: row.nodePercent,
          photoCount: (await photosOf(project.id, row.photoIds)).length,
          totalInvestmentYuan: project.totalInvestment ?? null,
        });
        if (errors.length > 0) {
          throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join('；'), {
            fields: errors,
          });
        }
      }
      const now = deps.clock.now();
      const to = REPORT_STEPS[body.step].to;
      const stamp =
        body.step === 'submit'
          ? { submittedAt: now, submittedBy: actor.userId, returnReason: null }
          : body.step === 'review'
            ? { reviewedAt: now, reviewedBy: actor.userId }
            : body.step === 'confirm'
              ? { confirmedAt: now, confirmedBy: actor.userId }
              : { returnReason: reason };
      await db.transaction(async (tx) => {
        // Review and confirmation do not change the figures; a submission or a return would.
        if (body.step === 'submit' || body.step === 'return') await refuseClosed(tx, month);
        const updated = await tx
          .update(monthlyReports)
          .set({
            status: to,
            ...stamp,
            version: sql`${monthlyReports.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(and(eq(monthlyReports.id, row.id), eq(monthlyReports.version, row.version)))
          .returning({ id: monthlyReports.id });
        if (updated.length === 0) throw await versionConflict(db, '月报', row);
        await deps.audit.append(
          tx,
          actor,
          {
            action: `report.${body.step}`,
            objectType: 'project',
            objectId: project.id,
            result: 'success',
            summary: { month, from: status, to, ...(reason ? { reason } : {}) },
          },
          now,
        );
      });
      await deps.afterStep?.(project.id);
      return present(principal, project, month, await rowOf(project.id, month));
    },

    /** A month's reports in scope: the review lists of the 板块 and of 区发改. */
    async list(principal: Principal, query: z.output<typeof monthlyReportsQuery>) {
      const r = monthlyReports;
      const where: SQL[] = [
        isNull(r.deletedAt),
        eq(r.month, query.month),
        projectChildInScope(principal, r.regionId, r.projectId, query.regionId),
      ];
      if (query.status) where.push(eq(r.status, query.status));
      const sort = parseSort(query.sort) ?? { field: 'internalNo', direction: 'asc' as const };
      const column = sort.field === 'submittedAt' ? r.submittedAt : projects.internalNo;
      const condition = and(...where);
      const [rows, [total]] = await Promise.all([
        db
          .select({ r, name: projects.name, internalNo: projects.internalNo, regionName: regions.name })
          .from(r)
          .innerJoin(projects, eq(projects.id, r.projectId))
          .innerJoin(regions, eq(regions.id, r.regionId))
          .where(condition)
          .orderBy(sort.direction === 'asc' ? asc(column) : desc(column), asc(r.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(r).where(condition),
      ]);
      const items: MonthlyReportListItem[] = rows.map((x) => ({
        id: x.r.id,
        project: { id: x.r.projectId, name: x.name, internalNo: x.internalNo, regionName: x.regionName },
        month: x.r.month,
        kind: x.r.kind as ReportKind,
        status: x.r.status as ReportStatus,
        monthYuan: x.r.monthYuan,
        ytdYuan: x.r.ytdYuan,
        progressText: x.r.progressText,
        submittedAt: x.r.submittedAt?.toISOString() ?? null,
      }));
      return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
    },

    /**
     * The month's 填报表: every project in scope owing the month's report, with what its report holds so far
     * (blank when none), in 项目编号 order — exported, filled in and imported back (reports.import).
     */
    async *sheet(principal: Principal, month: string): AsyncGenerator<SheetReport> {
      const due = reportDueOn(month);
      let after = '';
      for (;;) {
        const rows = await db
          .select({ p: { internalNo: projects.internalNo, name: projects.name }, r: monthlyReports })
          .from(projects)
          .leftJoin(
            monthlyReports,
            and(
              eq(monthlyReports.projectId, projects.id),
              eq(monthlyReports.month, month),
              isNull(monthlyReports.deletedAt),
            ),
          )
          .where(
            and(
              isNull(projects.deletedAt),
              projectInScope(principal),
              inArray(projects.state, [...REPORTING_STATES]),
              sql`COALESCE(${projects.filedOn}, (${projects.createdAt} AT TIME ZONE 'Asia/Shanghai')::date) <= ${due}::date`,
              sql`${projects.internalNo} > ${after}`,
            ),
          )
          .orderBy(asc(projects.internalNo))
          .limit(1000);
        for (const { p, r } of rows)
          yield { ...(r ?? {}), internalNo: p.internalNo, projectName: p.name, month };
        const last = rows.at(-1);
        if (!last || rows.length < 1000) return;
        after = last.p.internalNo;
      }
    },

    /** Per 板块 in scope: the projects that owe the month's report and have not submitted it. */
    async missing(principal: Principal, month: string): Promise<z.infer<typeof missingReportsResponse>> {
      // Projects in a reporting state filed (or, without a filing date, registered) by the month's due date
      // owe it, as the lights count them.
      const due = reportDueOn(month);
      const rows = await db
        .select({
          id: projects.id,
          name: projects.name,
          internalNo: projects.internalNo,
          regionId: projects.regionId,
          regionName: regions.name,
          submitted: sql<boolean>`EXISTS (SELECT 1 FROM ${monthlyReports} m WHERE m.project_id = ${projects.id}
            AND m.month = ${month} AND m.deleted_at IS NULL AND m.status IN ${[...COUNTED_REPORT_STATUSES]})`,
        })
        .from(projects)
        .innerJoin(regions, eq(regions.id, projects.regionId))
        .where(
          and(
            isNull(projects.deletedAt),
            projectInScope(principal),
            inArray(projects.state, [...REPORTING_STATES]),
            sql`COALESCE(${projects.filedOn}, (${projects.createdAt} AT TIME ZONE 'Asia/Shanghai')::date) <= ${due}::date`,
          ),
        )
        .orderBy(asc(regions.name), asc(projects.internalNo))
        .limit(5000);
      const byRegion = new Map<string, z.infer<typeof missingReportsResponse>['regions'][number]>();
      for (const p of rows) {
        const entry = byRegion.get(p.regionId) ?? {
          regionId: p.regionId,
          regionName: p.regionName,
          owing: 0,
          submitted: 0,
          missing: [],
        };
        entry.owing += 1;
        if (p.submitted) entry.submitted += 1;
        else entry.missing.push({ id: p.id, name: p.name, internalNo: p.internalNo });
        byRegion.set(p.regionId, entry);
      }
      return { month, dueOn: reportDueOn(month), regions: [...byRegion.values()] };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
