import { briefingResponse, errorBody, statsOverviewResponse, statsQuery } from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../plugins/principal';
import type { ModuleContext } from '../registry';
import { createBriefingService, createStatsService } from './stats.service';

// Statistics over HTTP: the overview of a scope and period (the cockpit reads it) and the briefing
// generated from it.

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export function statsRoutes(app: FastifyInstance, { database, clock }: ModuleContext): void {
  const stats = createStatsService({ database, clock });
  const briefing = createBriefingService({ database, stats });
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
    async (request) => stats.overview(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/stats/briefing',
    {
      config: { action: 'stats.read' },
      schema: {
        tags,
        summary: '按范围和期间生成简报（文字，可编辑后印发）',
        querystring: statsQuery,
        response: { 200: briefingResponse, ...errors },
      },
    },
    async (request) => briefing.generate(requirePrincipal(request), request.query),
  );
}
