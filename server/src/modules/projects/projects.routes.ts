import multipart from '@fastify/multipart';
import {
  annualPlanItemsQuery,
  annualPlanItemsResponse,
  annualPlanVersionResponse,
  annualPlanVersionsResponse,
  annualPlanYearParams,
  applyLibraryBody,
  approveAnnualPlanBody,
  attachmentResponse,
  attachmentsResponse,
  attachmentUploadQuery,
  auditListResponse,
  createProjectBody,
  createSavedViewBody,
  decideLibraryBody,
  deleteProjectBody,
  errorBody,
  LIBRARY_CATEGORY_LABELS,
  LIBRARY_LEVEL_LABELS,
  LIBRARY_STATUS_LABELS,
  libraryEntriesResponse,
  libraryEntryResponse,
  libraryQueueQuery,
  libraryQueueResponse,
  listQuery,
  peopleQuery,
  peopleResponse,
  projectChildParams,
  projectExportQuery,
  projectIdParams,
  projectListQuery,
  projectListResponse,
  projectResponse,
  putTargetBody,
  revealPhoneBody,
  revealPhoneResponse,
  START_CATEGORY_LABELS,
  savedViewResponse,
  savedViewsResponse,
  stateHistoryResponse,
  targetResponse,
  targetsQuery,
  targetsResponse,
  transitionBody,
  updateProjectBody,
  yearPlanBody,
  yearPlanParams,
  yearPlansResponse,
} from '@groundbreak/contract';
import { phoneSearchKey } from '@groundbreak/domain';
import { and, asc, count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiDate } from '../../clock';
import { savedViews } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { sendListExport } from '../../lib/excel/list-export';
import { DEFAULT_READ_LIMITS } from '../../lib/excel/read-workbook';
import { primed, streamWorkbook, XLSX_TYPE, xlsxDisposition } from '../../lib/excel/write-workbook';
import { createImportJobs } from '../../lib/imports/import-jobs';
import { importRoutes } from '../../lib/imports/import-routes';
import { sendJsonText } from '../../lib/json-text';
import { withUploadedFile } from '../../lib/upload-error';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import { createReferenceRepository } from '../reference/reference.repository';
import type { ModuleContext } from '../registry';
import { contentDisposition, createAttachmentsService } from './attachments.service';
import { createLibrariesService } from './libraries.service';
import { createPlansService } from './plans.service';
import { projectSheetColumns, projectSheetNotes, projectSheetRow } from './project-sheet';
import { createProjectImporter } from './projects.import';
import { createProjectsRepository } from './projects.repository';
import { createProjectsService } from './projects.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const historyQuery = listQuery(['at']);
const ok = z.object({ ok: z.literal(true) });
const MAX_SAVED_VIEWS = 20;
/** Most rows one export writes [A]. */
const EXPORT_LIMIT = 100_000;
/** The template's example row (a fictional project). */
const TEMPLATE_EXAMPLE: Record<string, string | number | Date> = {
  name: '示例：常州某某新能源装备制造项目',
  regionName: '武进国家高新区',
  investorName: '某某集团有限公司',
  investorOrigin: '内资',
  industryChain: '新能源',
  industryCode: 'C38',
  landUse: '新增用地',
  projectType: '产业项目',
  source: '产业链招商',
  totalInvestment: 50000,
  yearPlan: 20000,
  plannedStartOn: new Date('2025-06-01T00:00:00Z'),
  landReadyStart: '否',
};
/** What a project's change history shows: its changes (downloads and phone reveals stay in the audit log). */
const PROJECT_HISTORY_ACTIONS = [
  'project.create',
  'project.update',
  'project.code_change',
  'project.transition',
  'project.override',
  'project.delete',
  'project.year_plan',
  'library.apply',
  'library.approve',
  'library.return',
  'library.withdraw',
  'attachment.upload',
  'attachment.delete',
];

export async function projectRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  const { database, clock } = ctx;
  const db = database.db;
  const audit = createAuditRepository(db);
  const repo = createProjectsRepository(db, ctx.protector);
  const service = createProjectsService({
    database,
    projects: repo,
    reference: createReferenceRepository(db),
    audit,
    clock,
    internalNoPrefix: ctx.config.projectNumberPrefix,
  });
  const libraries = createLibrariesService({ database, audit, clock, projects: service });
  const plans = createPlansService({ database, audit, clock });
  const files = createAttachmentsService({
    database,
    audit,
    clock,
    projects: service,
    dataDir: ctx.config.dataDir,
    maxBytes: ctx.config.attachmentMaxBytes,
  });
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: { files: 1, fields: 5, fileSize: ctx.config.attachmentMaxBytes, parts: 6 },
  });
  importRoutes(app, {
    base: '/api/projects/imports',
    tag: '项目库',
    action: 'registry.write',
    maxBytes: DEFAULT_READ_LIMITS.maxBytes,
    jobs: createImportJobs({
      database,
      clock,
      audit,
      dataDir: ctx.config.dataDir,
      importer: createProjectImporter({
        db,
        clock,
        audit,
        repo,
        service,
        internalNoPrefix: ctx.config.projectNumberPrefix,
      }),
    }),
  });
  type QueueItem = Awaited<ReturnType<typeof libraries.queue>>['items'][number];
  type PlanItem = Awaited<ReturnType<typeof plans.items>>['items'][number];
  const r = app.withTypeProvider<ZodTypeProvider>();
  const currentYear = () => Number(shanghaiDate(clock.now()).slice(0, 4));

  r.get(
    '/api/projects',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['项目库'],
        summary: '项目列表（数据范围内；筛选、关键字、排序、分页）',
        querystring: projectListQuery,
        response: { 200: projectListResponse, ...errors },
      },
    },
    async (request, reply) =>
      sendJsonText(reply, await repo.list(requirePrincipal(request), request.query, currentYear())),
  );

  r.get(
    '/api/projects/export',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['项目库'],
        summary:
          '导出当前筛选的项目（Excel，列与导入模板一致，最多 10 万行；联系电话隐去中间四位，有权限者写明原因可导出完整号码）',
        querystring: projectExportQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { fullPhones, reason, ...filter } = request.query;
      const grant = service.grantExport(principal, { fullPhones: fullPhones === 'true', reason });
      const source = repo.exportRows(principal, filter, currentYear(), EXPORT_LIMIT);
      const rows = await primed(
        (async function* () {
          for await (const p of source) yield projectSheetRow(p, grant);
        })(),
      );
      // Audited once the rows are coming: an export refused by the database is not recorded as made.
      await service.auditExport(actorOf(request), grant, filter);
      const stream = streamWorkbook({
        sheetName: '项目库',
        columns: projectSheetColumns(currentYear()),
        rows,
      });
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', xlsxDisposition(`项目库导出-${shanghaiDate(clock.now())}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  r.get(
    '/api/projects/import-template',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['项目库'],
        summary: '项目导入模板（中文表头、下拉选项、示例行、填表说明）',
        response: { 200: z.any(), ...errors },
      },
    },
    async (_request, reply) => {
      const columns = projectSheetColumns(currentYear()).filter((c) => !c.exportOnly);
      const stream = streamWorkbook({
        sheetName: '项目',
        columns,
        rows: [columns.map((c) => TEMPLATE_EXAMPLE[c.key] ?? null)],
        notes: { title: '说明', rows: projectSheetNotes() },
        dropdowns: true,
      });
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', xlsxDisposition('项目导入模板.xlsx'))
        .send(stream);
    },
  );

  r.post(
    '/api/projects',
    {
      config: { action: 'registry.write' },
      schema: {
        tags: ['项目库'],
        summary: '登记项目（或招商线索）',
        body: createProjectBody,
        response: { 200: projectResponse, ...errors },
      },
    },
    async (request) => ({
      project: await service.create(requirePrincipal(request), actorOf(request), request.body),
    }),
  );

  r.get(
    '/api/projects/people',
    {
      config: { action: 'registry.write' },
      schema: {
        tags: ['项目库'],
        summary: '可指定为责任领导、项目专员的人员',
        querystring: peopleQuery,
        response: { 200: peopleResponse, ...errors },
      },
    },
    async (request) => ({ items: await repo.people(request.query.role) }),
  );

  r.get(
    '/api/projects/:id',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['项目库'],
        summary: '项目详情',
        params: projectIdParams,
        response: { 200: projectResponse, ...errors },
      },
    },
    async (request) => ({ project: await service.get(requirePrincipal(request), request.params.id) }),
  );

  r.patch(
    '/api/projects/:id',
    {
      config: { action: 'project.write' },
      schema: {
        tags: ['项目库'],
        summary: '修改项目（带版本号；只改提交的字段）',
        params: projectIdParams,
        body: updateProjectBody,
        response: { 200: projectResponse, ...errors },
      },
    },
    async (request) => ({
      project: await service.update(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );

  r.post(
    '/api/projects/:id/delete',
    {
      config: { action: 'registry.write' },
      schema: {
        tags: ['项目库'],
        summary: '删除项目（软删除，写明原因；项目代码随之释放）',
        params: projectIdParams,
        body: deleteProjectBody,
        response: { 200: ok, ...errors },
      },
    },
    async (request) => {
      await service.remove(requirePrincipal(request), actorOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/projects/:id/transitions',
    {
      config: { action: 'registry.write' },
      schema: {
        tags: ['项目库'],
        summary: '状态变更：推进、停缓建、恢复、终止（关口不满足时列出全部条件；区发改可写明理由越过）',
        params: projectIdParams,
        body: transitionBody,
        response: { 200: projectResponse, 422: errorBody, ...errors },
      },
    },
    async (request) => ({
      project: await service.move(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );

  r.get(
    '/api/projects/:id/state-changes',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['项目库'],
        summary: '状态变更时间线',
        params: projectIdParams,
        response: { 200: stateHistoryResponse, ...errors },
      },
    },
    async (request) => ({ items: await service.stateHistory(requirePrincipal(request), request.params.id) }),
  );

  r.get(
    '/api/projects/:id/history',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['项目库'],
        summary: '字段变更记录（该项目的审计记录）',
        params: projectIdParams,
        querystring: historyQuery,
        response: { 200: auditListResponse, ...errors },
      },
    },
    async (request) => {
      const project = await service.load(requirePrincipal(request), request.params.id);
      const page = await audit.list({
        ...request.query,
        objectType: 'project',
        objectId: project.id,
        actions: PROJECT_HISTORY_ACTIONS,
      });
      // The project's history says who changed what and when; where they worked from is the audit log's.
      return { ...page, items: page.items.map((e) => ({ ...e, ip: null, requestId: null, roles: [] })) };
    },
  );

  r.post(
    '/api/projects/:id/contact-phone',
    {
      config: { action: 'personal.reveal' },
      schema: {
        tags: ['项目库'],
        summary: '查看完整联系电话（须写明原因，留痕）',
        params: projectIdParams,
        body: revealPhoneBody,
        response: { 200: revealPhoneResponse, ...errors },
      },
    },
    async (request) =>
      service.revealPhone(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body.reason,
      ),
  );

  r.get(
    '/api/projects/:id/year-plans',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['项目库'],
        summary: '年度计划投资（每年一行）',
        params: projectIdParams,
        response: { 200: yearPlansResponse, ...errors },
      },
    },
    async (request) => ({ items: await service.yearPlans(requirePrincipal(request), request.params.id) }),
  );

  r.put(
    '/api/projects/:id/year-plans/:year',
    {
      config: { action: 'registry.write' },
      schema: {
        tags: ['项目库'],
        summary: '申报某年的年度计划投资（不超过总投资；version 0 为新建）',
        params: yearPlanParams,
        body: yearPlanBody,
        response: { 200: yearPlansResponse, ...errors },
      },
    },
    async (request) => ({
      items: await service.putYearPlan(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.year,
        request.body,
      ),
    }),
  );

  r.get(
    '/api/projects/:id/libraries',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['入库'],
        summary: '项目的入库记录',
        params: projectIdParams,
        response: { 200: libraryEntriesResponse, ...errors },
      },
    },
    async (request) => ({
      items: await libraries.listForProject(requirePrincipal(request), request.params.id),
    }),
  );

  r.post(
    '/api/projects/:id/libraries',
    {
      config: { action: 'registry.write' },
      schema: {
        tags: ['入库'],
        summary: '申报入库（省重大/市重大/区重点/亿元库，按年度，实施或储备）',
        params: projectIdParams,
        body: applyLibraryBody,
        response: { 200: libraryEntryResponse, ...errors },
      },
    },
    async (request) => ({
      entry: await libraries.apply(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );

  r.post(
    '/api/projects/:id/libraries/:childId/decision',
    {
      config: { action: 'registry.admin' },
      schema: {
        tags: ['入库'],
        summary: '入库审核：通过（记录入库日期）、退回（写明理由）或退库',
        params: projectChildParams,
        body: decideLibraryBody,
        response: { 200: libraryEntryResponse, ...errors },
      },
    },
    async (request) => ({
      entry: await libraries.decide(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.childId,
        request.body,
      ),
    }),
  );

  r.get(
    '/api/library-entries/export',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['入库'],
        summary: '导出当前筛选的入库申报与入库记录（Excel）',
        querystring: libraryQueueQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) =>
      sendListExport<QueueItem>(reply, {
        fileName: '入库记录.xlsx',
        sheetName: '入库记录',
        columns: [
          { header: '项目名称', width: 36, read: (e) => e.projectName },
          { header: '所属板块', read: (e) => e.regionName },
          { header: '项目库', read: (e) => LIBRARY_LEVEL_LABELS[e.level] },
          { header: '年度', read: (e) => e.year },
          { header: '类别', read: (e) => LIBRARY_CATEGORY_LABELS[e.category] },
          { header: '状态', read: (e) => LIBRARY_STATUS_LABELS[e.status] },
          { header: '申报日期', read: (e) => e.appliedOn },
          { header: '入库日期', read: (e) => e.enteredOn },
          {
            header: '总投资（万元）',
            read: (e) => (e.totalInvestment === null ? null : e.totalInvestment / 10_000),
          },
          { header: '退回/退库理由', width: 30, read: (e) => e.returnReason },
        ],
        fetchPage: (page, pageSize) =>
          libraries.queue(requirePrincipal(request), { ...request.query, page, pageSize }),
      }),
  );

  r.get(
    '/api/library-entries',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['入库'],
        summary: '入库申报与入库记录（数据范围内）',
        querystring: libraryQueueQuery,
        response: { 200: libraryQueueResponse, ...errors },
      },
    },
    async (request) => libraries.queue(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/projects/:id/attachments',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['附件'],
        summary: '项目附件列表',
        params: projectIdParams,
        response: { 200: attachmentsResponse, ...errors },
      },
    },
    async (request) => ({ items: await files.list(requirePrincipal(request), request.params.id) }),
  );

  r.post(
    '/api/projects/:id/attachments',
    {
      config: { action: 'project.write' },
      schema: {
        tags: ['附件'],
        summary: '上传附件（multipart，字段 file；类型按内容检查）',
        params: projectIdParams,
        querystring: attachmentUploadQuery,
        consumes: ['multipart/form-data'],
        response: { 200: attachmentResponse, 413: errorBody, 415: errorBody, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      // Scope first: a foreign project answers 404 before a byte is read.
      await service.load(principal, request.params.id);
      return {
        attachment: await withUploadedFile(request, files.maxBytes, (file) =>
          files.upload(principal, actorOf(request), request.params.id, request.query.kind, file),
        ),
      };
    },
  );

  r.get(
    '/api/projects/:id/attachments/:childId',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['附件'],
        summary: '下载附件（保留中文文件名）',
        params: projectChildParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { attachment, stream } = await files.open(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.childId,
      );
      return reply
        .header('content-type', attachment.contentType)
        .header('content-length', attachment.sizeBytes)
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  r.post(
    '/api/projects/:id/attachments/:childId/delete',
    {
      config: { action: 'project.write' },
      schema: {
        tags: ['附件'],
        summary: '删除附件（软删除，留痕）',
        params: projectChildParams,
        response: { 200: ok, ...errors },
      },
    },
    async (request) => {
      await files.remove(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.childId,
      );
      return { ok: true as const };
    },
  );

  r.get(
    '/api/annual-plans/:year',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['年度计划'],
        summary: '年度计划的各版本，以及尚未审定的当前申报数',
        params: annualPlanYearParams,
        response: { 200: annualPlanVersionsResponse, ...errors },
      },
    },
    async (request) => plans.listVersions(requirePrincipal(request), request.params.year),
  );

  r.post(
    '/api/annual-plans/:year/approve',
    {
      config: { action: 'registry.admin' },
      schema: {
        tags: ['年度计划'],
        summary: '审定年度计划：冻结各项目的计划类别和年度计划投资，形成新版本',
        params: annualPlanYearParams,
        body: approveAnnualPlanBody,
        response: { 200: annualPlanVersionResponse, ...errors },
      },
    },
    async (request) => ({
      plan: await plans.approve(
        requirePrincipal(request),
        actorOf(request),
        request.params.year,
        request.body.note,
      ),
    }),
  );

  r.get(
    '/api/annual-plans/:year/items/export',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['年度计划'],
        summary: '导出已审定年度计划中的项目（Excel）',
        params: annualPlanYearParams,
        querystring: annualPlanItemsQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) =>
      sendListExport<PlanItem>(reply, {
        fileName: `${request.params.year}年度计划.xlsx`,
        sheetName: `${request.params.year}年度计划`,
        columns: [
          { header: '内部编号', read: (i) => i.internalNo },
          { header: '项目名称', width: 36, read: (i) => i.name },
          { header: '所属板块', read: (i) => i.regionName },
          { header: '计划类别', read: (i) => START_CATEGORY_LABELS[i.startCategory] },
          { header: '当年竣工', read: (i) => (i.completing ? '是' : '否') },
          { header: '年度计划投资（万元）', read: (i) => i.plannedInvestment / 10_000 },
        ],
        fetchPage: (page, pageSize) =>
          plans.items(requirePrincipal(request), request.params.year, { ...request.query, page, pageSize }),
      }),
  );

  r.get(
    '/api/annual-plans/:year/items',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['年度计划'],
        summary: '已审定年度计划中的项目（默认最新版本）',
        params: annualPlanYearParams,
        querystring: annualPlanItemsQuery,
        response: { 200: annualPlanItemsResponse, ...errors },
      },
    },
    async (request) => plans.items(requirePrincipal(request), request.params.year, request.query),
  );

  r.get(
    '/api/targets',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['年度计划'],
        summary: '年度目标及完成数（按区划子树统计）',
        querystring: targetsQuery,
        response: { 200: targetsResponse, ...errors },
      },
    },
    async (request) => ({
      items: await plans.listTargets(requirePrincipal(request), request.query.year, request.query.regionId),
    }),
  );

  r.put(
    '/api/targets',
    {
      config: { action: 'registry.admin' },
      schema: {
        tags: ['年度计划'],
        summary: '设定目标（年度 × 区划 × 指标）',
        body: putTargetBody,
        response: { 200: targetResponse, ...errors },
      },
    },
    async (request) => ({
      target: await plans.putTarget(requirePrincipal(request), actorOf(request), request.body),
    }),
  );

  r.get(
    '/api/saved-views',
    {
      config: { action: 'self' },
      schema: {
        tags: ['项目库'],
        summary: '我保存的项目列表视图',
        response: { 200: savedViewsResponse, ...errors },
      },
    },
    async (request) => {
      const rows = await db
        .select()
        .from(savedViews)
        .where(
          and(eq(savedViews.userId, requirePrincipal(request).userId), eq(savedViews.module, 'projects')),
        )
        .orderBy(asc(savedViews.createdAt));
      return {
        items: rows.map((v) => ({
          id: v.id,
          name: v.name,
          query: v.query,
          createdAt: v.createdAt.toISOString(),
        })),
      };
    },
  );

  r.post(
    '/api/saved-views',
    {
      config: { action: 'self' },
      schema: {
        tags: ['项目库'],
        summary: '保存当前筛选为视图',
        body: createSavedViewBody,
        response: { 200: savedViewResponse, ...errors },
      },
    },
    async (request) => {
      const userId = requirePrincipal(request).userId;
      // A view is kept in clear and shown in a menu: it may not hold a search for someone's phone number.
      if (phoneSearchKey(new URLSearchParams(request.body.query).get('q') ?? '')) {
        throw new AppError('VALIDATION_FAILED', '视图不能保存按电话号码的搜索', {
          fields: [{ field: 'query', message: '不能保存按电话号码的搜索' }],
        });
      }
      const mine = and(eq(savedViews.userId, userId), eq(savedViews.module, 'projects'));
      const [n] = await db.select({ n: count() }).from(savedViews).where(mine);
      if ((n?.n ?? 0) >= MAX_SAVED_VIEWS)
        throw new AppError('CONFLICT', `最多保存 ${MAX_SAVED_VIEWS} 个视图`);
      const [row] = await db
        .insert(savedViews)
        .values({
          userId,
          module: 'projects',
          name: request.body.name,
          query: request.body.query,
          createdAt: clock.now(),
        })
        .returning();
      if (!row) throw new Error('view not saved');
      return {
        view: { id: row.id, name: row.name, query: row.query, createdAt: row.createdAt.toISOString() },
      };
    },
  );

  r.post(
    '/api/saved-views/:id/delete',
    {
      config: { action: 'self' },
      schema: {
        tags: ['项目库'],
        summary: '删除我保存的视图',
        params: projectIdParams,
        response: { 200: ok, ...errors },
      },
    },
    async (request) => {
      const deleted = await db
        .delete(savedViews)
        .where(
          and(eq(savedViews.id, request.params.id), eq(savedViews.userId, requirePrincipal(request).userId)),
        )
        .returning({ id: savedViews.id });
      if (deleted.length === 0) throw notFound('视图');
      return { ok: true as const };
    },
  );
}
