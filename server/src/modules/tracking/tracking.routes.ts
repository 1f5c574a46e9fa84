import {
  errorBody,
  LIGHT_RULE_SET_CODES,
  lightListQuery,
  lightListResponse,
  lightRules,
  lightRulesResponse,
  missingReportsQuery,
  missingReportsResponse,
  monthlyReportHistoryResponse,
  monthlyReportResponse,
  monthlyReportsQuery,
  monthlyReportsResponse,
  projectLightQuery,
  projectLightResponse,
  reportMonth,
  reportParams,
  reportStepBody,
  saveMonthlyReportBody,
  trackingMonthParams,
  trackingMonthsCloseResponse,
  trackingMonthsResponse,
} from '@groundbreak/contract';
import { LIGHT_RULE_SETS } from '@groundbreak/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_READ_LIMITS } from '../../lib/excel/read-workbook';
import { primed, streamWorkbook, XLSX_TYPE, xlsxDisposition } from '../../lib/excel/write-workbook';
import { createImportJobs } from '../../lib/imports/import-jobs';
import { importRoutes } from '../../lib/imports/import-routes';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import { calendarServiceOf } from '../calendar/calendar.routes';
import { createAttachmentsService } from '../projects/attachments.service';
import { projectsServiceOf } from '../projects/projects.context';
import type { ModuleContext } from '../registry';
import { createLightsService } from './lights.service';
import { meetingRoutes } from './meetings.routes';
import { createMeetingsService } from './meetings.service';
import { problemRoutes } from './problems.routes';
import { createProblemsService } from './problems.service';
import { createReportImporter, REPORT_SHEET_COLUMNS } from './reports.import';
import { createReportsService } from './reports.service';
import { ticketRoutes } from './tickets.routes';
import { createTicketsService } from './tickets.service';

// Tracking (推): monthly reports — a project's report for a month, its workflow steps, a month's reports
// of a scope and who has not reported. (Warning lights, problems, tickets and meetings follow.)

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const projectIdParams = z.strictObject({ id: z.string().uuid() });

export function trackingRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { database, clock } = ctx;
  const db = database.db;
  const audit = createAuditRepository(db);
  const projects = projectsServiceOf(ctx);
  const calendar = calendarServiceOf(ctx);
  const lights = createLightsService({ database, audit, clock, projects, calendar });
  const reports = createReportsService({
    database,
    audit,
    clock,
    projects,
    afterStep: (projectId) => lights.refresh([projectId]),
  });
  const problems = createProblemsService({
    database,
    audit,
    clock,
    calendar,
    projects,
    afterChange: (projectId) => lights.refresh([projectId]),
  });
  const files = createAttachmentsService({
    database,
    audit,
    clock,
    projects,
    dataDir: ctx.config.dataDir,
    maxBytes: ctx.config.attachmentMaxBytes,
  });
  problemRoutes(app, ctx, { problems, calendar, audit, files });
  const meetings = createMeetingsService({
    database,
    audit,
    clock,
    calendar,
    afterChange: (projectId) => lights.refresh([projectId]),
  });
  meetingRoutes(app, ctx, { meetings, audit });
  ticketRoutes(app, { tickets: createTicketsService({ database, audit, clock, calendar, projects }) });
  const ruleSets = LIGHT_RULE_SET_CODES.map((code) => ({ code, name: LIGHT_RULE_SETS[code].name }));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['月报'];

  r.get(
    '/api/monthly-reports',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '某月的月报（范围内项目，按状态筛选，服务端分页）',
        querystring: monthlyReportsQuery,
        response: { 200: monthlyReportsResponse, ...errors },
      },
    },
    async (request) => reports.list(requirePrincipal(request), request.query),
  );

  importRoutes(app, {
    base: '/api/monthly-reports/imports',
    tag: '月报',
    action: 'report.write',
    maxBytes: DEFAULT_READ_LIMITS.maxBytes,
    jobs: createImportJobs({
      database,
      clock,
      audit,
      dataDir: ctx.config.dataDir,
      importer: createReportImporter({ db, clock, audit }),
    }),
  });

  r.get(
    '/api/monthly-reports/export',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '某月的月报填报表（Excel：范围内应报项目及已填内容，填好后可导入）',
        querystring: z.strictObject({ month: reportMonth }),
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { month } = request.query;
      const source = reports.sheet(requirePrincipal(request), month);
      const rows = await primed(
        (async function* () {
          for await (const item of source) yield REPORT_SHEET_COLUMNS.map((c) => c.read(item));
        })(),
      );
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', xlsxDisposition(`${month}月报填报表.xlsx`))
        .header('cache-control', 'private, no-store')
        .send(
          streamWorkbook({
            sheetName: `${month}月报`,
            columns: REPORT_SHEET_COLUMNS,
            rows,
            dropdowns: true,
            notes: {
              title: '填表说明',
              rows: [
                ['【用途】', `${month} 应报月报的项目，已填的内容一并导出；填好后在“月报 › 导入”上传`],
                [
                  '【匹配】',
                  '按项目编号和月份找到月报：没有的新建为草稿，草稿或被退回的更新；已提交、已确认或已关账的月份不能导入',
                ],
                ['【空白单元格】', '表示不修改原值'],
                ['【金额】', '单位万元（表头写明亿元或元时按表头）'],
                ['【自年初累计】', '由平台按各月本月完成投资计算，不必填写'],
                ['【提交】', '导入的月报是草稿：已开工项目还须上传现场照片，然后逐个提交'],
                ...REPORT_SHEET_COLUMNS.filter((c) => c.note).map((c): [string, string] => [
                  c.header,
                  c.note ?? '',
                ]),
              ],
            },
          }),
        );
    },
  );

  r.get(
    '/api/monthly-reports/missing',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '某月各板块应报、已报和未报的项目',
        querystring: missingReportsQuery,
        response: { 200: missingReportsResponse, ...errors },
      },
    },
    async (request) => reports.missing(requirePrincipal(request), request.query.month),
  );

  r.get(
    '/api/projects/:id/monthly-reports',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '项目的历次月报（最近在前）',
        params: projectIdParams,
        response: { 200: monthlyReportHistoryResponse, ...errors },
      },
    },
    async (request) => reports.history(requirePrincipal(request), request.params.id),
  );

  r.get(
    '/api/projects/:id/monthly-reports/:month',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '项目某月的月报（尚未填报时为空白草稿），以及当前用户可做的操作',
        params: reportParams,
        response: { 200: monthlyReportResponse, ...errors },
      },
    },
    async (request) => reports.get(requirePrincipal(request), request.params.id, request.params.month),
  );

  r.put(
    '/api/projects/:id/monthly-reports/:month',
    {
      config: { action: 'report.write' },
      schema: {
        tags,
        summary: '保存月报草稿（企业或板块填报；自年初累计由系统按上月累计计算）',
        params: reportParams,
        body: saveMonthlyReportBody,
        response: { 200: monthlyReportResponse, ...errors },
      },
    },
    async (request) =>
      reports.save(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.month,
        request.body,
      ),
  );

  r.post(
    '/api/projects/:id/monthly-reports/:month/steps',
    {
      config: { action: 'report.write' },
      schema: {
        tags,
        summary: '月报流转：提交、板块审核、发改确认（锁定）、退回（须说明原因）',
        params: reportParams,
        body: reportStepBody,
        response: { 200: monthlyReportResponse, ...errors },
      },
    },
    async (request) =>
      reports.step(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.month,
        request.body,
      ),
  );

  r.get(
    '/api/projects/:id/lights',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['亮灯'],
        summary: '项目的红黄绿灯及每条规则的说明（可按日期回看）',
        params: projectIdParams,
        querystring: projectLightQuery,
        response: { 200: projectLightResponse, ...errors },
      },
    },
    async (request) => lights.forProject(requirePrincipal(request), request.params.id, request.query.asOf),
  );

  r.get(
    '/api/lights',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['亮灯'],
        summary: '红黄灯清单（范围内项目，按板块、级别、规则筛选，附说明；可看某月关账时的正式亮灯）',
        querystring: lightListQuery,
        response: { 200: lightListResponse, ...errors },
      },
    },
    async (request) => lights.list(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/tracking/months',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['亮灯'],
        summary: '已关账的月份，以及下一个待关账月份',
        response: { 200: trackingMonthsResponse, ...errors },
      },
    },
    async (request) => lights.months(requirePrincipal(request)),
  );

  r.post(
    '/api/tracking/months/:month/close',
    {
      config: { action: 'registry.admin' },
      schema: {
        tags: ['亮灯'],
        summary: '月度关账（区发改）：该月月报不再修改，序时进度读该月，当日亮灯冻结为该月正式亮灯',
        params: trackingMonthParams,
        response: { 200: trackingMonthsCloseResponse, ...errors },
      },
    },
    async (request) => lights.closeMonthNow(actorOf(request), request.params.month),
  );

  r.get(
    '/api/tracking/light-rules',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ['亮灯'],
        summary: '亮灯规则（投资进度按银川、武汉或三亚规则；资金规则是否启用）',
        response: { 200: lightRulesResponse, ...errors },
      },
    },
    async (request) => ({
      rules: await lights.rules(),
      ruleSets,
      canEdit: requirePrincipal(request).actions.has('registry.admin'),
    }),
  );

  r.put(
    '/api/tracking/light-rules',
    {
      config: { action: 'registry.admin' },
      schema: {
        tags: ['亮灯'],
        summary: '设定亮灯规则（区发改）',
        body: lightRules,
        response: { 200: lightRulesResponse, ...errors },
      },
    },
    async (request) => ({
      rules: await lights.saveRules(requirePrincipal(request), actorOf(request), request.body),
      ruleSets,
      canEdit: true,
    }),
  );
}
