import {
  errorBody,
  importJobListQuery,
  importJobListResponse,
  importJobParams,
  importJobResponse,
  importRowsQuery,
  importRowsResponse,
  taskListQuery,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiDate } from '../../clock';
import { DEFAULT_READ_LIMITS } from '../../lib/excel/read-workbook';
import { primed, streamWorkbook, XLSX_TYPE, xlsxDisposition } from '../../lib/excel/write-workbook';
import { createImportJobs } from '../../lib/imports/import-jobs';
import { withUploadedFile } from '../../lib/upload-error';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import type { ModuleContext } from '../registry';
import { createCampaignsService } from './campaigns.service';
import { createTaskImporter } from './tasks.import';
import {
  exportTaskRows,
  sheetRowOf,
  TASK_SHEET_COLUMNS,
  TASK_SHEET_NOTES,
  TASK_TEMPLATE_EXAMPLE,
  TEMPLATE_COLUMNS,
} from './tasks.sheet';

// 整治任务 to and from Excel: the shared sheet import under /api/campaign-tasks/imports, its template, and the
// export that imports back unchanged. The upload names its campaign (?campaignId=), which the shared
// importRoutes() has no place for, so its six routes are declared here the way it declares them.

const BASE = '/api/campaign-tasks/imports';
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
/** How long an upload or commit answer waits for a small file before answering "in progress" (as importRoutes). */
const ANSWER_WITHIN_MS = 1500;
const uploadQuery = z.strictObject({ campaignId: z.string().uuid() });
const exportQuery = taskListQuery
  .pick({ batchId: true, regionId: true, status: true })
  .extend({ campaignId: z.string().uuid() });
const notes = { title: '填表说明', rows: TASK_SHEET_NOTES };

export function taskImportRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { database, clock } = ctx;
  const db = database.db;
  const audit = createAuditRepository(db);
  const campaigns = createCampaignsService({ database, clock, audit });
  const tasks = createTaskImporter({ db, clock, audit, campaigns });
  const jobs = createImportJobs({
    database,
    clock,
    audit,
    dataDir: ctx.config.dataDir,
    importer: tasks.importer,
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['城中村专项行动'];
  const action = 'campaign.write';

  r.post(
    BASE,
    {
      config: { action },
      schema: {
        tags,
        summary:
          '上传整治任务表格并生成预览（multipart，字段 file；campaignId：导入到的专项行动；不写入数据）',
        querystring: uploadQuery,
        consumes: ['multipart/form-data'],
        response: { 200: importJobResponse, 413: errorBody, 415: errorBody, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { campaignId } = request.query;
      // The campaign first: one the caller cannot see answers 404 before a byte is read.
      await campaigns.load(principal, campaignId);
      return withUploadedFile(request, DEFAULT_READ_LIMITS.maxBytes, async (file) => {
        const job = await tasks.forCampaign(campaignId, () => jobs.upload(principal, actorOf(request), file));
        return { job: await jobs.answer(principal, job.id, ANSWER_WITHIN_MS) };
      });
    },
  );

  r.get(
    BASE,
    {
      config: { action },
      schema: {
        tags,
        summary: '我的整治任务导入记录（分页，新的在前）',
        querystring: importJobListQuery,
        response: { 200: importJobListResponse, ...errors },
      },
    },
    async (request) => jobs.list(requirePrincipal(request), request.query),
  );

  r.get(
    `${BASE}/:id`,
    {
      config: { action },
      schema: {
        tags,
        summary: '导入批次：状态、进度、识别到的表和列、忽略的列、各类行数',
        params: importJobParams,
        response: { 200: importJobResponse, ...errors },
      },
    },
    async (request) => ({ job: await jobs.get(requirePrincipal(request), request.params.id) }),
  );

  r.get(
    `${BASE}/:id/rows`,
    {
      config: { action },
      schema: {
        tags,
        summary: '预览的行：新增、更新（逐字段前后值）、无变化、错误（工作表/行/列/原因）',
        params: importJobParams,
        querystring: importRowsQuery,
        response: { 200: importRowsResponse, ...errors },
      },
    },
    async (request) => jobs.rows(requirePrincipal(request), request.params.id, request.query),
  );

  r.post(
    `${BASE}/:id/commit`,
    {
      config: { action },
      schema: {
        tags,
        summary: '确认导入：全部行在一个事务中写入，或一行也不写入',
        params: importJobParams,
        response: { 200: importJobResponse, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const job = await jobs.commit(principal, actorOf(request), request.params.id);
      return { job: await jobs.answer(principal, job.id, ANSWER_WITHIN_MS) };
    },
  );

  r.post(
    `${BASE}/:id/cancel`,
    {
      config: { action },
      schema: {
        tags,
        summary: '放弃未提交的导入（删除上传的文件和预览）',
        params: importJobParams,
        response: { 200: importJobResponse, ...errors },
      },
    },
    async (request) => ({
      job: await jobs.cancel(requirePrincipal(request), actorOf(request), request.params.id),
    }),
  );

  r.get(
    '/api/campaign-tasks/import-template',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary: '整治任务导入模板（中文表头、各类别数量列、示例行、填表说明）',
        response: { 200: z.any(), ...errors },
      },
    },
    async (_request, reply) =>
      reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', xlsxDisposition('整治任务导入模板.xlsx'))
        .send(
          streamWorkbook({
            sheetName: '整治任务',
            columns: TEMPLATE_COLUMNS,
            rows: [sheetRowOf(TASK_TEMPLATE_EXAMPLE, TEMPLATE_COLUMNS)],
            notes,
          }),
        ),
  );

  r.get(
    '/api/campaign-tasks/export',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary:
          '导出整治任务（Excel：本范围内某行动的任务，可按批次、板块、状态筛选；导入模板的列加只读的状态、亮灯、逾期天数、实际完成和验收日期，原样导入不产生变化）',
        querystring: exportQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const source = exportTaskRows({ db, clock, campaigns }, requirePrincipal(request), request.query);
      const rows = await primed(
        (async function* () {
          for await (const task of source) yield sheetRowOf(task);
        })(),
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', xlsxDisposition(`整治任务-${shanghaiDate(clock.now())}.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(streamWorkbook({ sheetName: '整治任务', columns: TASK_SHEET_COLUMNS, rows, notes }));
    },
  );
}
