import {
  briefingListQuery,
  briefingListResponse,
  briefingResponse,
  createBriefingBody,
  errorBody,
  issueBriefingBody,
  okResponse,
  type StatsOverview,
  savedBriefingResponse,
  siblingRankQuery,
  siblingRankResponse,
  statsOverviewResponse,
  statsQuery,
  updateBriefingBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import { contentDisposition } from '../projects/attachments.service';
import type { ModuleContext } from '../registry';
import { briefingDocx } from './briefings.docx';
import { createBriefingsService } from './briefings.service';
import { createBriefingGenerator, createStatsService } from './stats.service';

// Statistics over HTTP: the overview of a scope and period (the cockpit reads it), the briefing text
// generated from it, and the briefings kept: generated as drafts, edited, issued, downloaded as .docx.

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const idParams = z.strictObject({ id: z.string().uuid() });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function statsRoutes(app: FastifyInstance, { database, clock, config }: ModuleContext): void {
  const stats = createStatsService({ database, clock, cacheSeconds: config.statsCacheSeconds });
  const generator = createBriefingGenerator({ database, stats });
  const audit = createAuditRepository(database.db);
  const briefings = createBriefingsService({ database, clock, audit, generator });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['统计分析'];

  r.get(
    '/api/stats/overview',
    {
      config: { action: 'stats.read' },
      schema: {
        tags,
        summary:
          '统计总览：各层级投资完成率、序时、开工率、竣工率、入库，亮灯、问题、满意率、漏斗，各下级区域及排名',
        querystring: statsQuery,
        response: { 200: statsOverviewResponse, ...errors },
      },
    },
    async (request, reply) => {
      // Already the serialised StatsOverview: a string with a JSON content type goes out as it is.
      const json = await stats.overviewJson(requirePrincipal(request), request.query);
      return reply.type('application/json; charset=utf-8').send(json as unknown as StatsOverview);
    },
  );

  r.get(
    '/api/stats/briefing',
    {
      config: { action: 'stats.read' },
      schema: {
        tags,
        summary: '按范围和期间生成简报文字（预览，不保存）',
        querystring: statsQuery,
        response: { 200: briefingResponse, ...errors },
      },
    },
    async (request) => (await generator.compose(requirePrincipal(request), request.query)).briefing,
  );

  r.get(
    '/api/stats/sibling-rank',
    {
      config: { action: 'stats.read' },
      schema: {
        tags,
        summary: '本区域在同级区域中的位次（新增入库数，如“列全市第一”）：只返回本区域的数和位次',
        querystring: siblingRankQuery,
        response: { 200: siblingRankResponse, ...errors },
      },
    },
    async (request) => stats.siblingRank(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/briefings',
    {
      config: { action: 'stats.read' },
      schema: {
        tags,
        summary: '简报列表（本范围的草稿和已印发的）',
        querystring: briefingListQuery,
        response: { 200: briefingListResponse, ...errors },
      },
    },
    async (request) => briefings.list(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/briefings',
    {
      config: { action: 'stats.write' },
      schema: {
        tags,
        summary: '按范围和期间生成简报并存为草稿（保存计算所用的数据快照）',
        body: createBriefingBody,
        response: { 200: savedBriefingResponse, ...errors },
      },
    },
    async (request) => briefings.create(requirePrincipal(request), actorOf(request), request.body),
  );

  r.get(
    '/api/briefings/:id',
    {
      config: { action: 'stats.read' },
      schema: {
        tags,
        summary: '简报详情：正文、红灯项目、主要问题和数据快照',
        params: idParams,
        response: { 200: savedBriefingResponse, ...errors },
      },
    },
    async (request) => briefings.detail(requirePrincipal(request), request.params.id),
  );

  r.put(
    '/api/briefings/:id',
    {
      config: { action: 'stats.write' },
      schema: {
        tags,
        summary: '修改简报草稿的标题和正文（已印发的不能改）',
        params: idParams,
        body: updateBriefingBody,
        response: { 200: savedBriefingResponse, ...errors },
      },
    },
    async (request) =>
      briefings.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/briefings/:id/issue',
    {
      config: { action: 'stats.write' },
      schema: {
        tags,
        summary: '印发简报：编本区域本年第N期，此后正文和数据不再变化',
        params: idParams,
        body: issueBriefingBody,
        response: { 200: savedBriefingResponse, ...errors },
      },
    },
    async (request) =>
      briefings.issue(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/briefings/:id/delete',
    {
      config: { action: 'stats.write' },
      schema: {
        tags,
        summary: '删除简报草稿（已印发的留档，不能删除）',
        params: idParams,
        body: issueBriefingBody,
        response: { 200: okResponse, ...errors },
      },
    },
    async (request) => {
      await briefings.remove(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body.version,
      );
      return { ok: true as const };
    },
  );

  r.get(
    '/api/briefings/:id/docx',
    {
      config: { action: 'stats.read', heavyExport: true },
      schema: {
        tags,
        summary: '下载简报（.docx：报头、正文、分层级和分区域表、红灯项目、主要问题）',
        params: idParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const b = await briefings.detail(requirePrincipal(request), request.params.id);
      const buffer = await briefingDocx(b);
      await database.db.transaction((tx) =>
        audit.append(
          tx,
          actorOf(request),
          {
            action: 'briefing.download',
            objectType: 'briefing',
            objectId: b.id,
            result: 'success',
            summary: { title: b.title },
          },
          clock.now(),
        ),
      );
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(`${b.title}.docx`))
        .header('cache-control', 'private, no-store')
        .send(buffer);
    },
  );
}
