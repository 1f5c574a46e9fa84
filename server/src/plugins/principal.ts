import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';
import type { Principal } from '../modules/registry';

/** Every request starts anonymous; the accounts module resolves the session into a principal. */
export function registerPrincipal(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.principal;
}
