import { CSRF_HEADER } from '@groundbreak/contract';
import { mustUseMfa, type Role } from '@groundbreak/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { AppError } from '../errors';
import { type AuditActor, createAuditRepository } from '../modules/audit/audit.repository';
import type { SecurityPolicyStore } from '../modules/auth/security-policy';
import { createSessionsRepository } from '../modules/auth/sessions.repository';
import type { Principal } from '../modules/registry';

// Who is calling and whether they may: the session cookie becomes request.principal; then the route's
// declared action decides — public, any signed-in user ('self'), or an action from the permission table.
// State-changing requests need the CSRF token and, when the browser names an origin, the same origin.

export const SESSION_COOKIE = 'gb_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthOptions = {
  database: Database;
  clock: Clock;
  policy: SecurityPolicyStore;
  secureCookies: boolean;
  /** Demo accounts are exempt from two-factor login outside production mode. */
  mode: 'demo' | 'production';
};

export function actorOf(request: FastifyRequest): AuditActor {
  const p = request.principal;
  return {
    userId: p?.userId ?? null,
    username: p?.username ?? null,
    roles: p?.roles ?? [],
    ip: request.ip ?? null,
    requestId: request.id,
  };
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.principal;
}

function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const from = new URL(origin);
    // Parse the Host header with the origin's scheme so that default ports compare equal.
    return from.host === new URL(`${from.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

/**
 * Whether the user must set up two-factor login before anything else: their role requires it, none is
 * set up, and they are not a demo account outside production mode.
 */
export function withMfaRequirement(
  principal: Principal,
  requiredRoles: readonly Role[],
  mode: 'demo' | 'production',
): Principal {
  principal.mustEnrollMfa = !principal.totpEnabled && mustUseMfa(principal, requiredRoles, mode);
  return principal;
}

export function registerPrincipal(app: FastifyInstance, options: AuthOptions): void {
  const { database, clock, policy, secureCookies } = options;
  const sessions = createSessionsRepository(database.db);
  const audit = createAuditRepository(database.db);
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config as {
      action?: string;
      beforePasswordChange?: boolean;
      mfaStep?: boolean;
      mfaEnrolment?: boolean;
    };
    const action = config.action;
    if (action === undefined) return; // 404s and plugin routes (API docs)

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const now = clock.now();
      const resolved = await sessions.resolve(token, now, (await policy.get()).session);
      if (resolved.state === 'valid') {
        request.principal = withMfaRequirement(
          resolved.principal,
          (await policy.get()).mfa.requiredRoles,
          options.mode,
        );
      } else {
        clearSessionCookie(reply, secureCookies);
        if (resolved.state === 'expired') {
          await audit.append(
            database.db,
            {
              userId: resolved.userId,
              username: resolved.username,
              roles: resolved.roles,
              ip: request.ip,
              requestId: request.id,
            },
            {
              action: 'auth.session_timeout',
              objectType: 'user',
              objectId: resolved.userId,
              result: 'success',
              summary: { reason: resolved.reason },
            },
            now,
          );
        }
      }
    }

    const unsafe = !SAFE_METHODS.has(request.method);
    if (unsafe && !isSameOrigin(request)) {
      throw new AppError('CSRF_FAILED', '请求来源与本站不一致，已拒绝');
    }
    if (action === 'public') return;

    const principal = request.principal;
    if (!principal) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (principal.mfaPending && !config.mfaStep) {
      throw new AppError('UNAUTHENTICATED', '请先输入身份验证器上的动态验证码');
    }
    if (unsafe && request.headers[CSRF_HEADER] !== principal.csrfToken) {
      throw new AppError('CSRF_FAILED', '页面已过期，请刷新后重试');
    }
    if (principal.mustChangePassword && !config.beforePasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录或密码已重置，请先修改密码');
    }
    if (principal.mustEnrollMfa && !config.beforePasswordChange && !config.mfaEnrolment) {
      throw new AppError('MFA_ENROLMENT_REQUIRED', '您的账号须启用两步验证：请先用身份验证器扫码绑定');
    }
    if (action === 'self') return;
    if (!principal.actions.has(action as never)) {
      await audit.append(
        database.db,
        actorOf(request),
        {
          action: 'access.denied',
          result: 'denied',
          summary: { method: request.method, route: request.routeOptions.url, wanted: action },
        },
        clock.now(),
      );
      throw new AppError('FORBIDDEN', '您没有执行此操作的权限');
    }
  });
}
