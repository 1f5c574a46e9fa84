import { errorBody, oc4idsPackage, oc4idsSettingsBody, oc4idsSettingsResponse } from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import type { ModuleContext } from '../registry';
import { createOc4idsService } from './oc4ids.service';
import { createOc4idsSettings } from './oc4ids.settings';

// OC4IDS open data: the publisher settings (区发改), the package of every public project in scope as a
// download, and one project's package from its page.

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const projectParams = z.strictObject({ id: z.string().uuid() });

export function openDataRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { database, clock } = ctx;
  const audit = createAuditRepository(database.db);
  const settings = createOc4idsSettings({ database, audit, clock });
  const oc4ids = createOc4idsService({ database, audit, clock, settings });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['开放数据'];

  const settingsAnswer = async (principal: ReturnType<typeof requirePrincipal>) => ({
    ...(await settings.state()),
    projectCount: (await oc4ids.summary(principal)).count,
  });

  r.get(
    '/api/oc4ids/settings',
    {
      config: { action: 'opendata.admin' },
      schema: {
        tags,
        summary: 'OC4IDS 发布设置（发布机构、项目编号前缀、许可与发布政策、标识方案）及数据包将包含的项目数',
        response: { 200: oc4idsSettingsResponse, ...errors },
      },
    },
    async (request) => settingsAnswer(requirePrincipal(request)),
  );

  r.put(
    '/api/oc4ids/settings',
    {
      config: { action: 'opendata.admin' },
      schema: {
        tags,
        summary: '保存 OC4IDS 发布设置（带版本号；他人先保存时 409）',
        body: oc4idsSettingsBody,
        response: { 200: oc4idsSettingsResponse, ...errors },
      },
    },
    async (request) => {
      await settings.save(actorOf(request), request.body);
      return settingsAnswer(requirePrincipal(request));
    },
  );

  r.get(
    '/api/oc4ids/package',
    {
      config: { action: 'opendata.admin', heavyExport: true },
      schema: {
        tags,
        summary:
          '下载开放数据包（OC4IDS 0.9 项目数据包，JSON）：范围内已立项及以后的项目；招商线索、在谈、已签约未立项的不发布；不含任何个人信息',
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const result = await oc4ids.packageStream(requirePrincipal(request), actorOf(request));
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${result.fileName}"`)
        .header('x-project-count', String(result.count))
        .header('cache-control', 'private, no-store')
        .send(result.stream);
    },
  );

  r.get(
    '/api/projects/:id/oc4ids',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '一个项目的 OC4IDS 数据包（项目已立项才公开，否则 409）',
        params: projectParams,
        response: { 200: oc4idsPackage, ...errors },
      },
    },
    async (request, reply) => {
      const pkg = await oc4ids.projectPackage(requirePrincipal(request), request.params.id);
      const name = String(pkg.projects[0]?.id ?? 'oc4ids');
      return reply.header('content-disposition', `attachment; filename="${name}.json"`).send(pkg);
    },
  );
}
