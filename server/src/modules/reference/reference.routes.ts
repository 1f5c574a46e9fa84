import {
  auditListResponse,
  createEnterpriseBody,
  type Enterprise,
  enterpriseIdParams,
  enterpriseListQuery,
  enterpriseListResponse,
  enterpriseResponse,
  errorBody,
  listQuery,
  ORG_KIND_LABELS,
  type Org,
  orgIdParams,
  orgListQuery,
  orgListResponse,
  orgResponse,
  regionListResponse,
  updateEnterpriseBody,
  updateOrgBody,
  usccCheckQuery,
  usccCheckResponse,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors';
import { sendListExport } from '../../lib/excel/list-export';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import type { ModuleContext } from '../registry';
import { createReferenceRepository } from './reference.repository';
import { createReferenceService, describeUscc } from './reference.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const historyQuery = listQuery(['at']);

export function referenceRoutes(app: FastifyInstance, { database, clock }: ModuleContext): void {
  const reference = createReferenceRepository(database.db);
  const audit = createAuditRepository(database.db);
  const service = createReferenceService({ database, reference, audit, clock });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/regions',
    {
      config: { action: 'reference.read' },
      schema: {
        tags: ['参考数据'],
        summary: '行政区划树（省 > 市 > 区(县) > 板块）',
        response: { 200: regionListResponse, ...errors },
      },
    },
    async () => ({ items: await reference.listRegions() }),
  );

  r.get(
    '/api/orgs/export',
    {
      config: { action: 'reference.read' },
      schema: {
        tags: ['参考数据'],
        summary: '导出当前筛选的组织机构（Excel）',
        querystring: orgListQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) =>
      sendListExport<Org>(reply, {
        fileName: '组织机构.xlsx',
        sheetName: '组织机构',
        columns: [
          { header: '机构代码', read: (o) => o.code },
          { header: '机构名称', width: 30, read: (o) => o.name },
          { header: '简称', read: (o) => o.shortName },
          { header: '类别', read: (o) => ORG_KIND_LABELS[o.kind] },
          { header: '所属区划', read: (o) => o.regionName },
        ],
        fetchPage: (page, pageSize) => reference.listOrgs({ ...request.query, page, pageSize }),
      }),
  );

  r.get(
    '/api/enterprises/export',
    {
      config: { action: 'enterprise.read' },
      schema: {
        tags: ['企业'],
        summary: '导出当前筛选的企业（Excel，数据范围内）',
        querystring: enterpriseListQuery,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) =>
      sendListExport<Enterprise>(reply, {
        fileName: '企业库.xlsx',
        sheetName: '企业库',
        columns: [
          { header: '统一社会信用代码', width: 22, read: (e) => e.uscc },
          { header: '企业名称', width: 36, read: (e) => e.name },
          { header: '登记板块', read: (e) => e.regionName },
          { header: '演示数据', read: (e) => (e.isDemo ? '是' : '否') },
        ],
        fetchPage: (page, pageSize) =>
          reference.listEnterprisesInScope(requirePrincipal(request), { ...request.query, page, pageSize }),
      }),
  );

  r.get(
    '/api/orgs',
    {
      config: { action: 'reference.read' },
      schema: {
        tags: ['参考数据'],
        summary: '组织机构列表',
        querystring: orgListQuery,
        response: { 200: orgListResponse, ...errors },
      },
    },
    async (request) => reference.listOrgs(request.query),
  );

  r.put(
    '/api/orgs/:id',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags: ['参考数据'],
        summary: '修改组织机构名称（系统管理员）',
        params: orgIdParams,
        body: updateOrgBody,
        response: { 200: orgResponse, ...errors },
      },
    },
    async (request) => ({ org: await service.updateOrg(actorOf(request), request.params.id, request.body) }),
  );

  r.get(
    '/api/enterprises',
    {
      config: { action: 'enterprise.read' },
      schema: {
        tags: ['企业'],
        summary: '企业库列表（数据范围内）',
        querystring: enterpriseListQuery,
        response: { 200: enterpriseListResponse, ...errors },
      },
    },
    async (request) => reference.listEnterprisesInScope(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/enterprises',
    {
      config: { action: 'enterprise.write' },
      schema: {
        tags: ['企业'],
        summary: '登记企业',
        body: createEnterpriseBody,
        response: { 200: enterpriseResponse, ...errors },
      },
    },
    async (request) => ({
      enterprise: await service.createEnterprise(requirePrincipal(request), actorOf(request), request.body),
    }),
  );

  r.get(
    '/api/enterprises/check-uscc',
    {
      config: { action: 'self' },
      schema: {
        tags: ['企业'],
        summary: '校验统一社会信用代码（GB 32100）',
        querystring: usccCheckQuery,
        response: { 200: usccCheckResponse, ...errors },
      },
    },
    async (request) => describeUscc(request.query.code),
  );

  r.get(
    '/api/enterprises/:id',
    {
      config: { action: 'enterprise.read' },
      schema: {
        tags: ['企业'],
        summary: '企业详情',
        params: enterpriseIdParams,
        response: { 200: enterpriseResponse, ...errors },
      },
    },
    async (request) => {
      const enterprise = await reference.findEnterpriseInScope(requirePrincipal(request), request.params.id);
      if (!enterprise) throw notFound('企业');
      return { enterprise };
    },
  );

  r.put(
    '/api/enterprises/:id',
    {
      config: { action: 'enterprise.write' },
      schema: {
        tags: ['企业'],
        summary: '修改企业',
        params: enterpriseIdParams,
        body: updateEnterpriseBody,
        response: { 200: enterpriseResponse, ...errors },
      },
    },
    async (request) => ({
      enterprise: await service.updateEnterprise(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );

  r.get(
    '/api/enterprises/:id/history',
    {
      config: { action: 'enterprise.read' },
      schema: {
        tags: ['企业'],
        summary: '企业的变更记录（可读该企业者可见）',
        params: enterpriseIdParams,
        querystring: historyQuery,
        response: { 200: auditListResponse, ...errors },
      },
    },
    async (request) => {
      const enterprise = await reference.findEnterpriseInScope(requirePrincipal(request), request.params.id);
      if (!enterprise) throw notFound('企业');
      return audit.list({ ...request.query, objectType: 'enterprise', objectId: enterprise.id });
    },
  );
}
