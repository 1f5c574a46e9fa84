import type { About } from '@groundbreak/contract';
import { aboutResponse, healthResponse, readyResponse } from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleContext } from '../registry';

export type SystemFacts = Omit<About, 'database'> & { database: Omit<About['database'], 'kind'> };

export function systemRoutes(app: FastifyInstance, { database }: ModuleContext, facts: SystemFacts): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/healthz',
    {
      config: { action: 'public' },
      schema: { tags: ['系统'], summary: '进程存活检查', response: { 200: healthResponse } },
    },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/readyz',
    {
      config: { action: 'public' },
      schema: {
        tags: ['系统'],
        summary: '就绪检查：数据库不可达时返回 503',
        response: { 200: readyResponse, 503: readyResponse },
      },
    },
    async (_request, reply) => {
      try {
        await database.pool.query('SELECT 1');
        return { status: 'ready' as const, database: 'up' as const };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: 'down' });
      }
    },
  );

  r.get(
    '/api/about',
    {
      config: { action: 'self' },
      schema: { tags: ['系统'], summary: '版本与运行环境', response: { 200: aboutResponse } },
    },
    async () => ({ ...facts, database: { ...facts.database, kind: database.kind } }),
  );
}
