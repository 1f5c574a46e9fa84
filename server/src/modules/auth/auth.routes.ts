import rateLimit from '@fastify/rate-limit';
import {
  changePasswordBody,
  errorBody,
  loginBody,
  loginResponse,
  meResponse,
  okResponse,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import { actorOf, clearSessionCookie, requirePrincipal, setSessionCookie } from '../../plugins/principal';
import { presentSessionUser } from './auth.presenter';
import type { AuthService } from './auth.service';

export type AuthRouteOptions = { auth: AuthService; secureCookies: boolean; loginRateLimitPerMinute: number };

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const { auth, secureCookies } = options;
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED', '登录尝试过于频繁，请一分钟后再试'),
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: {
        action: 'public',
        rateLimit: { max: options.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['账号'],
        summary: '用户名密码登录',
        body: loginBody,
        response: { 200: loginResponse, 400: errorBody, 401: errorBody, 423: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const result = await auth.login(request.body.username, request.body.password, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      setSessionCookie(reply, result.token, secureCookies);
      return { user: presentSessionUser(await auth.principalOf(result.token)), csrfToken: result.csrfToken };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { action: 'self', beforePasswordChange: true },
      schema: {
        tags: ['账号'],
        summary: '退出登录',
        response: { 200: okResponse, 401: errorBody, 403: errorBody },
      },
    },
    async (request, reply) => {
      await auth.logout(requirePrincipal(request), actorOf(request));
      clearSessionCookie(reply, secureCookies);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/me',
    {
      config: { action: 'self', beforePasswordChange: true },
      schema: { tags: ['账号'], summary: '当前用户', response: { 200: meResponse, 401: errorBody } },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return { user: presentSessionUser(principal), csrfToken: principal.csrfToken };
    },
  );

  r.post(
    '/api/me/password',
    {
      config: { action: 'self', beforePasswordChange: true },
      schema: {
        tags: ['账号'],
        summary: '修改自己的密码',
        body: changePasswordBody,
        response: { 200: okResponse, 400: errorBody, 401: errorBody, 403: errorBody },
      },
    },
    async (request) => {
      await auth.changePassword(
        requirePrincipal(request),
        actorOf(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return { ok: true as const };
    },
  );
}
