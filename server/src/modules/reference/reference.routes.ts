import {
  enterpriseListQuery,
  enterpriseListResponse,
  errorBody,
  orgListQuery,
  orgListResponse,
  regionListResponse,
  usccCheckQuery,
  usccCheckResponse,
} from '@groundbreak/contract';
import { checkUscc } from '@groundbreak/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleContext } from '../registry';
import { createReferenceRepository } from './reference.repository';

const USCC_MESSAGES = {
  valid: '统一社会信用代码校验通过',
  USCC_FORMAT:
    '统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z），第 3–8 位为行政区划代码',
  USCC_CHECKSUM: '统一社会信用代码校验位不正确，请核对是否有输错的字符',
} as const;

export function referenceRoutes(app: FastifyInstance, { database }: ModuleContext): void {
  const repository = createReferenceRepository(database.db);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/regions',
    {
      config: { action: 'public' },
      schema: {
        tags: ['参考数据'],
        summary: '行政区划树（省 > 市 > 区(县) > 板块）',
        response: { 200: regionListResponse },
      },
    },
    async () => ({ items: await repository.listRegions() }),
  );

  r.get(
    '/api/orgs',
    {
      config: { action: 'public' },
      schema: {
        tags: ['参考数据'],
        summary: '组织机构列表',
        querystring: orgListQuery,
        response: { 200: orgListResponse, 400: errorBody },
      },
    },
    async (request) => repository.listOrgs(request.query),
  );

  r.get(
    '/api/enterprises',
    {
      config: { action: 'public' },
      schema: {
        tags: ['参考数据'],
        summary: '企业库列表',
        querystring: enterpriseListQuery,
        response: { 200: enterpriseListResponse, 400: errorBody },
      },
    },
    async (request) => repository.listEnterprises(request.query),
  );

  r.get(
    '/api/enterprises/check-uscc',
    {
      config: { action: 'public' },
      schema: {
        tags: ['参考数据'],
        summary: '校验统一社会信用代码（GB 32100）',
        querystring: usccCheckQuery,
        response: { 200: usccCheckResponse, 400: errorBody },
      },
    },
    async (request) => {
      const result = checkUscc(request.query.code);
      return {
        valid: result.valid,
        normalized: result.normalized,
        reason: result.valid ? null : result.reason,
        message: result.valid ? USCC_MESSAGES.valid : USCC_MESSAGES[result.reason],
      };
    },
  );
}
