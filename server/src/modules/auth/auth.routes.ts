import rateLimit from '@fastify/rate-limit';
import {
  changePasswordBody,
  errorBody,
  loginBody,
  loginResponse,
  meResponse,
  mfaDisableBody,
  mfaEnableBody,
  mfaEnableResponse,
  mfaSetupResponse,
  mfaStatusResponse,
  okResponse,
  totpLoginBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import {
  actorOf,
  clearSessionCookie,
  requirePrincipal,
  setSessionCookie,
  withMfaRequirement,
} from '../../plugins/principal';
import { presentSessionUser } from './auth.presenter';
import type { AuthService } from './auth.service';
import type { MfaService } from './mfa.service';
import type { SecurityPolicyStore } from './security-policy';

export type AuthRouteOptions = {
  auth: AuthService;
  mfa: MfaService;
  policy: SecurityPolicyStore;
  mode: 'demo' | 'production';
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
};

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const { auth, secureCookies } = options;
  /** The signed-in user for a fresh session, with whether they must set up two-factor login first. */
  const sessionUserOf = async (token: string) =>
    presentSessionUser(
      withMfaRequirement(
        await auth.principalOf(token),
        (await options.policy.get()).mfa.requiredRoles,
        options.mode,
      ),
    );
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
      if (result.mfaRequired) return { mfaRequired: true as const, csrfToken: result.csrfToken };
      return { user: await sessionUserOf(result.token), csrfToken: result.csrfToken };
    },
  );

  r.post(
    '/api/auth/totp',
    {
      config: {
        action: 'self',
        mfaStep: true,
        beforePasswordChange: true,
        rateLimit: { max: options.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['账号'],
        summary: '两步验证：输入身份验证器上的动态验证码（或一次性恢复码）完成登录',
        body: totpLoginBody,
        response: {
          200: meResponse,
          400: errorBody,
          401: errorBody,
          409: errorBody,
          423: errorBody,
          429: errorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!principal.mfaPending) throw new AppError('CONFLICT', '已经登录');
      const result = await options.mfa.verifyLogin(principal, request.body.code, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      setSessionCookie(reply, result.token, secureCookies);
      return { user: await sessionUserOf(result.token), csrfToken: result.csrfToken };
    },
  );

  r.get(
    '/api/me/mfa',
    {
      config: { action: 'self', mfaEnrolment: true },
      schema: {
        tags: ['账号'],
        summary: '两步验证状态',
        response: { 200: mfaStatusResponse, 401: errorBody },
      },
    },
    async (request) => options.mfa.status(requirePrincipal(request)),
  );

  r.post(
    '/api/me/mfa/setup',
    {
      config: { action: 'self', mfaEnrolment: true },
      schema: {
        tags: ['账号'],
        summary: '生成两步验证密钥和二维码（扫码后用第一个验证码启用）',
        response: { 200: mfaSetupResponse, 401: errorBody, 409: errorBody },
      },
    },
    async (request) => options.mfa.setup(requirePrincipal(request), actorOf(request)),
  );

  r.post(
    '/api/me/mfa/enable',
    {
      config: { action: 'self', mfaEnrolment: true },
      schema: {
        tags: ['账号'],
        summary: '用第一个验证码启用两步验证；返回一次性恢复码（只显示这一次）',
        body: mfaEnableBody,
        response: { 200: mfaEnableResponse, 400: errorBody, 401: errorBody, 409: errorBody },
      },
    },
    async (request) => options.mfa.enable(requirePrincipal(request), actorOf(request), request.body.code),
  );

  r.post(
    '/api/me/mfa/disable',
    {
      config: { action: 'self' },
      schema: {
        tags: ['账号'],
        summary: '关闭两步验证（须输入密码和当前动态验证码；角色要求时不可关闭）',
        body: mfaDisableBody,
        response: { 200: okResponse, 400: errorBody, 401: errorBody, 409: errorBody, 423: errorBody },
      },
    },
    async (request) => {
      await options.mfa.disable(
        requirePrincipal(request),
        actorOf(request),
        request.body.password,
        request.body.code,
      );
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { action: 'self', beforePasswordChange: true, mfaStep: true },
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
