import {
  createUserBody,
  endedSessionsResponse,
  errorBody,
  okResponse,
  ROLE_LABELS,
  revealedUserPhoneResponse,
  revealPhoneBody,
  USER_STATUS_LABELS,
  type UserSummary,
  updateAccessBody,
  userIdParams,
  userListQuery,
  userListResponse,
  userResponse,
  userWithPasswordResponse,
  versionBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendListExport } from '../../lib/excel/list-export';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import type { MfaService } from '../auth/mfa.service';
import type { UsersRepository } from './users.repository';
import type { UsersService } from './users.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export function usersRoutes(
  app: FastifyInstance,
  deps: { users: UsersRepository; service: UsersService; mfa: MfaService },
): void {
  const { users, service } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/users/export',
    {
      config: { action: 'user.read' },
      schema: {
        tags: ['用户'],
        summary: '导出当前筛选的用户（Excel；电话隐去中间四位）',
        querystring: userListQuery,
        response: { 200: z.any(), 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (request, reply) =>
      sendListExport<UserSummary>(reply, {
        fileName: '用户列表.xlsx',
        sheetName: '用户',
        columns: [
          { header: '用户名', read: (u) => u.username },
          { header: '姓名', read: (u) => u.displayName },
          { header: '角色', width: 24, read: (u) => u.roles.map((r) => ROLE_LABELS[r]).join('、') },
          { header: '所属机构', width: 24, read: (u) => u.orgName },
          { header: '数据范围', width: 24, read: (u) => u.regionScopes.map((r) => r.name).join('、') },
          { header: '企业', width: 24, read: (u) => u.enterpriseName },
          { header: '状态', read: (u) => USER_STATUS_LABELS[u.status] },
          { header: '电话', read: (u) => u.phoneMasked },
          { header: '最近登录', width: 20, read: (u) => u.lastLoginAt },
        ],
        fetchPage: (page, pageSize) => users.list({ ...request.query, page, pageSize }),
      }),
  );

  r.get(
    '/api/users',
    {
      config: { action: 'user.read' },
      schema: {
        tags: ['用户'],
        summary: '用户列表',
        querystring: userListQuery,
        response: { 200: userListResponse, ...errors },
      },
    },
    async (request) => users.list(request.query),
  );

  r.post(
    '/api/users',
    {
      config: { action: 'user.admin' },
      schema: {
        tags: ['用户'],
        summary: '创建用户（返回一次性临时密码）',
        body: createUserBody,
        response: { 200: userWithPasswordResponse, ...errors },
      },
    },
    async (request) => service.create(actorOf(request), request.body),
  );

  r.post(
    '/api/users/:id/disable',
    {
      config: { action: 'user.admin' },
      schema: {
        tags: ['用户'],
        summary: '停用用户（结束其全部会话）',
        params: userIdParams,
        body: versionBody,
        response: { 200: userResponse, ...errors },
      },
    },
    async (request) => ({
      user: await service.setStatus(actorOf(request), request.params.id, request.body.version, 'disabled'),
    }),
  );

  r.post(
    '/api/users/:id/enable',
    {
      config: { action: 'user.admin' },
      schema: {
        tags: ['用户'],
        summary: '启用用户',
        params: userIdParams,
        body: versionBody,
        response: { 200: userResponse, ...errors },
      },
    },
    async (request) => ({
      user: await service.setStatus(actorOf(request), request.params.id, request.body.version, 'active'),
    }),
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      config: { action: 'user.admin' },
      schema: {
        tags: ['用户'],
        summary: '重置密码（返回一次性临时密码）',
        params: userIdParams,
        body: versionBody,
        response: { 200: userWithPasswordResponse, ...errors },
      },
    },
    async (request) => service.resetPassword(actorOf(request), request.params.id, request.body.version),
  );

  r.post(
    '/api/users/:id/phone',
    {
      config: { action: 'user.admin' },
      schema: {
        tags: ['用户'],
        summary: '查看完整手机号（须有查看个人信息权限并写明原因，留痕）',
        params: userIdParams,
        body: revealPhoneBody,
        response: { 200: revealedUserPhoneResponse, ...errors },
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

  r.post(
    '/api/users/:id/end-sessions',
    {
      config: { action: 'user.admin' },
      schema: {
        tags: ['用户'],
        summary: '结束该用户的全部会话（须重新登录）',
        params: userIdParams,
        response: { 200: endedSessionsResponse, ...errors },
      },
    },
    async (request) => service.endSessions(actorOf(request), request.params.id),
  );

  r.post(
    '/api/users/:id/reset-mfa',
    {
      config: { action: 'user.admin' },
      schema: {
        tags: ['用户'],
        summary: '重置两步验证（手机丢失时；该用户下次登录须重新绑定，现有会话结束）',
        params: userIdParams,
        response: { 200: okResponse, ...errors },
      },
    },
    async (request) => {
      await deps.mfa.reset(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/security/end-all-sessions',
    {
      config: { action: 'security.admin' },
      schema: {
        tags: ['安全策略'],
        summary: '结束所有用户的会话（除本人当前会话），所有人须重新登录',
        response: { 200: endedSessionsResponse, ...errors },
      },
    },
    async (request) => service.endAllSessions(actorOf(request), requirePrincipal(request).sessionId),
  );

  r.put(
    '/api/users/:id/access',
    {
      config: { action: 'access.admin' },
      schema: {
        tags: ['用户'],
        summary: '分配角色与数据范围（安全管理员）',
        params: userIdParams,
        body: updateAccessBody,
        response: { 200: userResponse, ...errors },
      },
    },
    async (request) => ({
      user: await service.updateAccess(actorOf(request), request.params.id, request.body),
    }),
  );

  r.get(
    '/api/users/enterprise-options',
    {
      config: { action: 'access.admin' },
      schema: {
        tags: ['用户'],
        summary: '可关联的企业（为企业用户指定企业时选择）',
        querystring: z.strictObject({ q: z.string().trim().max(50).optional() }),
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string().uuid(), name: z.string(), uscc: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await users.enterpriseOptions(request.query.q) }),
  );
}
