import { errorBody, muListQuery, muListResponse, projectMuResponse } from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_READ_LIMITS } from '../../lib/excel/read-workbook';
import { streamWorkbook, XLSX_TYPE, xlsxDisposition } from '../../lib/excel/write-workbook';
import { createImportJobs } from '../../lib/imports/import-jobs';
import { importRoutes } from '../../lib/imports/import-routes';
import { requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import { projectsServiceOf } from '../projects/projects.context';
import type { ModuleContext } from '../registry';
import { createMuImporter } from './mu.import';
import { createMuService } from './mu.service';
import { MU_SHEET_COLUMNS, MU_SHEET_NOTES, MU_TEMPLATE_EXAMPLE } from './mu.sheet';

// 亩均 evaluations of enterprises per year: the list with its class distribution, a project's company's
// classes, and the yearly import from the district's 工业企业资源集约利用 system (工信, 区发改).

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const projectParams = z.strictObject({ id: z.string().uuid() });

export function muRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { database, clock } = ctx;
  const audit = createAuditRepository(database.db);
  const mu = createMuService({ database, projects: projectsServiceOf(ctx) });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['亩均评价'];

  r.get(
    '/api/mu-evaluations',
    {
      config: { action: 'evaluation.read' },
      schema: {
        tags,
        summary: '亩均评价（分页；按年度、类别、企业筛选；含各类别企业数）',
        querystring: muListQuery,
        response: { 200: muListResponse, ...errors },
      },
    },
    async (request) => mu.list(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/projects/:id/mu-evaluations',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '项目建设单位各年度的亩均评价类别及数据',
        params: projectParams,
        response: { 200: projectMuResponse, ...errors },
      },
    },
    async (request) => mu.forProject(requirePrincipal(request), request.params.id),
  );

  importRoutes(app, {
    base: '/api/mu-evaluations/imports',
    tag: '亩均评价',
    action: 'evaluation.admin',
    maxBytes: DEFAULT_READ_LIMITS.maxBytes,
    jobs: createImportJobs({
      database,
      clock,
      audit,
      dataDir: ctx.config.dataDir,
      importer: createMuImporter({ db: database.db, clock, audit }),
    }),
  });

  r.get(
    '/api/mu-evaluations/import-template',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '亩均评价导入模板（中文表头、示例行、填表说明）',
        response: { 200: z.any(), ...errors },
      },
    },
    async (_request, reply) =>
      reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', xlsxDisposition('亩均评价导入模板.xlsx'))
        .send(
          streamWorkbook({
            sheetName: '亩均评价',
            columns: MU_SHEET_COLUMNS,
            rows: [MU_TEMPLATE_EXAMPLE],
            dropdowns: true,
            notes: { title: '填表说明', rows: MU_SHEET_NOTES },
          }),
        ),
  );
}
