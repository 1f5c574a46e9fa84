import { auditListQuery, auditListResponse, errorBody } from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditRepository } from './audit.repository';

export function auditRoutes(app: FastifyInstance, deps: { audit: AuditRepository }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      config: { action: 'audit.read' },
      schema: {
        tags: ['审计'],
        summary: '审计日志（审计管理员）',
        querystring: auditListQuery,
        response: { 200: auditListResponse, 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => deps.audit.list(request.query),
  );
}
