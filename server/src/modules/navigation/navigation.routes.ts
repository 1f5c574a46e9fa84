import { errorBody, navigationResponse, workbenchResponse } from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { shanghaiDate } from '../../clock';
import { requirePrincipal } from '../../plugins/principal';
import type { ModuleContext, ModuleDefinition } from '../registry';
import { createNavigationService } from './navigation.service';

export function navigationRoutes(
  app: FastifyInstance,
  { clock, database }: ModuleContext,
  modules: ModuleDefinition[],
): void {
  const service = createNavigationService(modules, database.db);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/navigation',
    {
      config: { action: 'self' },
      schema: {
        tags: ['工作台'],
        summary: '我的菜单（按生命周期分组，只含有权限的入口）',
        response: { 200: navigationResponse, 401: errorBody },
      },
    },
    async (request) => service.navigation(requirePrincipal(request)),
  );

  r.get(
    '/api/workbench',
    {
      config: { action: 'self' },
      schema: {
        tags: ['工作台'],
        summary: '我的待办：已逾期、7 天内到期、其他',
        response: { 200: workbenchResponse, 401: errorBody },
      },
    },
    async (request) => {
      const now = clock.now();
      return service.workbench(requirePrincipal(request), now, shanghaiDate(now));
    },
  );
}
