import {
  errorBody,
  missingReportsQuery,
  missingReportsResponse,
  monthlyReportHistoryResponse,
  monthlyReportResponse,
  monthlyReportsQuery,
  monthlyReportsResponse,
  reportParams,
  reportStepBody,
  saveMonthlyReportBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import { createProjectsRepository } from '../projects/projects.repository';
import { createProjectsService } from '../projects/projects.service';
import { createReferenceRepository } from '../reference/reference.repository';
import type { ModuleContext } from '../registry';
import { createReportsService } from './reports.service';

// Tracking (推): monthly reports — a project's report for a month, its workflow steps, a month's reports
// of a scope and who has not reported. (Warning lights, problems, tickets and meetings follow.)

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const projectIdParams = z.strictObject({ id: z.string().uuid() });

export function trackingRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { database, clock } = ctx;
  const db = database.db;
  const audit = createAuditRepository(db);
  const projects = createProjectsService({
    database,
    projects: createProjectsRepository(db, ctx.protector),
    reference: createReferenceRepository(db),
    audit,
    clock,
    internalNoPrefix: ctx.config.projectNumberPrefix,
  });
  const reports = createReportsService({ database, audit, clock, projects });
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
}
