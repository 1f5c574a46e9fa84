import { errorBody, statsReportQuery } from '@groundbreak/contract';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { streamWorkbook, XLSX_TYPE, xlsxDisposition } from '../../lib/excel/write-workbook';
import { requirePrincipal } from '../../plugins/principal';
import type { ModuleContext } from '../registry';
import { createStatsReportsService, type StatsReport } from './stats.reports';
import { createStatsService } from './stats.service';

// The standard reports as Excel downloads, for the scope and period of GET /api/stats/overview and under
// the same action: 重大项目月度推进表, 板块汇总表, 问题台账.

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

function sendWorkbook(reply: FastifyReply, report: StatsReport): FastifyReply {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', xlsxDisposition(report.fileName))
    .header('cache-control', 'private, no-store')
    .send(
      streamWorkbook({
        sheetName: report.sheetName,
        columns: report.columns,
        rows: report.rows,
        notes: report.notes,
      }),
    );
}

export function statsReportRoutes(app: FastifyInstance, { database, clock }: ModuleContext): void {
  // The overview the reports start from is computed when the report is (cacheSeconds 0 where the service
  // keeps snapshots): its totals are then those of the rows read beside it, at the same moment.
  const statsDeps = { database, clock, cacheSeconds: 0 };
  const reports = createStatsReportsService({ database, clock, stats: createStatsService(statsDeps) });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['统计分析'];
  const route = (path: string, summary: string, make: typeof reports.progress) =>
    r.get(
      path,
      {
        config: { action: 'stats.read', heavyExport: true },
        schema: { tags, summary, querystring: statsReportQuery, response: { 200: z.any(), ...errors } },
      },
      async (request, reply) => sendWorkbook(reply, await make(requirePrincipal(request), request.query)),
    );

  route(
    '/api/stats/reports/progress',
    '重大项目月度推进表（Excel）：一个层级（level）在库项目的年度计划、本月完成、自年初累计、完成率、形象进度、存在问题',
    reports.progress,
  );
  route(
    '/api/stats/reports/subareas',
    '板块汇总表（Excel）：各下级区域的投资完成率、开工率、入库、问题与综合排名，与统计总览一致',
    reports.subareas,
  );
  route(
    '/api/stats/reports/problems',
    '问题台账（Excel）：本年至期末交办的问题，与统计总览的问题办结率同一口径',
    reports.problems,
  );
}
