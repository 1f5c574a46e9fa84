import {
  AUDIT_ACTION_LABELS,
  type AuditEntry,
  auditListQuery,
  auditListResponse,
  errorBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendListExport } from '../../lib/excel/list-export';
import type { AuditRepository } from './audit.repository';

export function auditRoutes(app: FastifyInstance, deps: { audit: AuditRepository }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit/export',
    {
      config: { action: 'audit.read' },
      schema: {
        tags: ['审计'],
        summary: '导出当前筛选的审计日志（Excel，审计管理员）',
        querystring: auditListQuery,
        response: { 200: z.any(), 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (request, reply) =>
      sendListExport<AuditEntry>(reply, {
        fileName: '审计日志.xlsx',
        sheetName: '审计日志',
        columns: [
          { header: '时间', width: 22, read: (e) => e.at },
          { header: '用户', read: (e) => e.username },
          { header: '角色', read: (e) => e.roles.join('、') },
          { header: 'IP', read: (e) => e.ip },
          { header: '操作', width: 18, read: (e) => AUDIT_ACTION_LABELS[e.action] ?? e.action },
          { header: '对象类型', read: (e) => e.objectType },
          { header: '对象', width: 38, read: (e) => e.objectId },
          { header: '结果', read: (e) => e.result },
          { header: '摘要', width: 60, read: (e) => (e.summary === null ? null : JSON.stringify(e.summary)) },
          { header: '请求编号', width: 38, read: (e) => e.requestId },
        ],
        fetchPage: (page, pageSize) => deps.audit.list({ ...request.query, page, pageSize }),
      }),
  );
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
