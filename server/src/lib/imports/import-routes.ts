import {
  errorBody,
  importJobListQuery,
  importJobListResponse,
  importJobParams,
  importJobResponse,
  importRowsQuery,
  importRowsResponse,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import type { RouteAction } from '../route-config';
import { withUploadedFile } from '../upload-error';
import type { ImportJobs } from './import-jobs';

// The six routes of a sheet import, the same under every module's prefix: upload (→ preview), my imports,
// one job (polled for progress), its preview rows, commit, cancel. Expects @fastify/multipart registered.

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
/** How long an upload or commit answer waits for a small file to finish before answering "in progress". */
const ANSWER_WITHIN_MS = 1500;

export function importRoutes(
  app: FastifyInstance,
  options: { base: string; tag: string; action: RouteAction; jobs: ImportJobs; maxBytes: number },
): void {
  const { base, tag, action, jobs } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const title = jobs.importer.title;

  r.post(
    base,
    {
      config: { action },
      schema: {
        tags: [tag],
        summary: `上传${title}表格并生成预览（multipart，字段 file；不写入数据）`,
        consumes: ['multipart/form-data'],
        response: { 200: importJobResponse, 413: errorBody, 415: errorBody, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return withUploadedFile(request, options.maxBytes, async (file) => {
        const job = await jobs.upload(principal, actorOf(request), file);
        return { job: await jobs.answer(principal, job.id, ANSWER_WITHIN_MS) };
      });
    },
  );

  r.get(
    base,
    {
      config: { action },
      schema: {
        tags: [tag],
        summary: `我的${title}导入记录（分页，新的在前）`,
        querystring: importJobListQuery,
        response: { 200: importJobListResponse, ...errors },
      },
    },
    async (request) => jobs.list(requirePrincipal(request), request.query),
  );

  r.get(
    `${base}/:id`,
    {
      config: { action },
      schema: {
        tags: [tag],
        summary: '导入批次：状态、进度、识别到的表和列、忽略的列、各类行数',
        params: importJobParams,
        response: { 200: importJobResponse, ...errors },
      },
    },
    async (request) => ({ job: await jobs.get(requirePrincipal(request), request.params.id) }),
  );

  r.get(
    `${base}/:id/rows`,
    {
      config: { action },
      schema: {
        tags: [tag],
        summary: '预览的行：新增、更新（逐字段前后值）、无变化、错误（工作表/行/列/原因）',
        params: importJobParams,
        querystring: importRowsQuery,
        response: { 200: importRowsResponse, ...errors },
      },
    },
    async (request) => jobs.rows(requirePrincipal(request), request.params.id, request.query),
  );

  r.post(
    `${base}/:id/commit`,
    {
      config: { action },
      schema: {
        tags: [tag],
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
    `${base}/:id/cancel`,
    {
      config: { action },
      schema: {
        tags: [tag],
        summary: '放弃未提交的导入（删除上传的文件和预览）',
        params: importJobParams,
        response: { 200: importJobResponse, ...errors },
      },
    },
    async (request) => ({
      job: await jobs.cancel(requirePrincipal(request), actorOf(request), request.params.id),
    }),
  );
}
