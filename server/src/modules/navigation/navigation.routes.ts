import { navigationResponse, workbenchResponse } from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { shanghaiDate } from '../../clock';
import type { ModuleContext, ModuleDefinition } from '../registry';
import { createNavigationService } from './navigation.service';

export function navigationRoutes(
  app: FastifyInstance,
  { clock }: ModuleContext,
  modules: ModuleDefinition[],
): void {
  const service = createNavigationService(modules);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/navigation',
    {
      config: { action: 'public' },
      schema: { tags: ['工作台'], summary: '菜单（按生命周期分组）', response: { 200: navigationResponse } },
    },
    async () => service.navigation(),
  );

  r.get(
    '/api/workbench',
    {
      config: { action: 'self' },
      schema: {
        tags: ['工作台'],
        summary: '我的待办：已逾期、7 天内到期、其他',
        response: { 200: workbenchResponse },
      },
    },
    async (request) => {
      const now = clock.now();
      return service.workbench(request.principal, now, shanghaiDate(now));
    },
  );
}
