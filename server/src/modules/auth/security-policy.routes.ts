import { errorBody, securityPolicy, securityPolicyResponse } from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import type { ModuleContext } from '../registry';
import { fromSettings, toSettings } from './security-policy';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };

export function securityPolicyRoutes(app: FastifyInstance, { database, clock, policy }: ModuleContext): void {
  const audit = createAuditRepository(database.db);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/security/policy',
    {
      config: { action: 'security.admin' },
      schema: {
        tags: ['安全策略'],
        summary: '安全策略（安全管理员）',
        response: { 200: securityPolicyResponse, ...errors },
      },
    },
    async () => ({ policy: toSettings(await policy.get()) }),
  );

  r.put(
    '/api/security/policy',
    {
      config: { action: 'security.admin' },
      schema: {
        tags: ['安全策略'],
        summary: '修改密码、锁定与会话策略（安全管理员）',
        body: securityPolicy,
        response: { 200: securityPolicyResponse, ...errors },
      },
    },
    async (request) => {
      const now = clock.now();
      const before = toSettings(await policy.get());
      await database.db.transaction(async (tx) => {
        await policy.save(tx, fromSettings(request.body), now);
        await audit.append(
          tx,
          actorOf(request),
          {
            action: 'security.policy_update',
            objectType: 'security_policy',
            result: 'success',
            summary: { before, after: request.body },
          },
          now,
        );
      });
      return { policy: toSettings(await policy.get()) };
    },
  );
}
