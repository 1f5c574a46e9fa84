import {
  approvalItem,
  approvalQueueQuery,
  approvalQueueResponse,
  approvalRules,
  approvalRulesResponse,
  approvePlanBody,
  catalogueIdParams,
  catalogueResponse,
  convertSimulatedResponse,
  createPlanBody,
  errorBody,
  generateApprovalsResponse,
  landReadyListQuery,
  landReadyListResponse,
  planActualBody,
  planNodeParams,
  planTemplateIdParams,
  planTemplatesResponse,
  projectApprovalsResponse,
  projectLandReadyResponse,
  projectPlanResponse,
  revisePlanBody,
  updateApprovalItemBody,
  updateCatalogueEntryBody,
  updatePlanTemplateBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import { calendarServiceOf } from '../calendar/calendar.routes';
import { projectsServiceOf } from '../projects/projects.context';
import type { ModuleContext } from '../registry';
import { createApprovalRules } from './approval-rules';
import { createApprovalsService } from './approvals.service';
import { createLandReadyService } from './land-ready.service';
import { createPlansService } from './plans.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const projectIdParams = z.strictObject({ id: z.string().uuid() });
const itemParams = z.strictObject({ id: z.string().uuid(), childId: z.string().uuid() });

export function approvalsRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { database, clock } = ctx;
  const db = database.db;
  const audit = createAuditRepository(db);
  const projects = projectsServiceOf(ctx);
  const calendar = calendarServiceOf(ctx);
  const rules = createApprovalRules({ database, audit, clock });
  const service = createApprovalsService({ database, audit, clock, projects, calendar, rules });
  const plans = createPlansService({ database, audit, clock, projects, calendar });
  const landReady = createLandReadyService({ database, clock, projects, calendar, rules });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['审批服务'];

  r.get(
    '/api/projects/:id/land-ready',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary:
          '拿地即开工：供地前的准备情况（预审、环评、用地清单、施工许可准备）与预计发证日期，供地后的拿地至发证天数',
        params: projectIdParams,
        response: { 200: projectLandReadyResponse, ...errors },
      },
    },
    async (request) => landReady.forProject(requirePrincipal(request), request.params.id),
  );

  r.get(
    '/api/approvals/land-ready',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '拿地即开工项目一览（范围内；准备情况与结果，可按结果筛选，服务端分页）',
        querystring: landReadyListQuery,
        response: { 200: landReadyListResponse, ...errors },
      },
    },
    async (request) => landReady.list(requirePrincipal(request), request.query),
  );
  const planTags = ['倒排计划'];

  r.get(
    '/api/plan-templates',
    {
      config: { action: 'project.read' },
      schema: {
        tags: planTags,
        summary: '倒排计划模板（A/B/C）',
        response: { 200: planTemplatesResponse, ...errors },
      },
    },
    async () => ({ items: await plans.templates() }),
  );

  r.put(
    '/api/plan-templates/:id',
    {
      config: { action: 'registry.admin' },
      schema: {
        tags: planTags,
        summary: '修改倒排计划模板（区发改；循环依赖、负工期、缺少锚点时拒绝并指明节点）',
        params: planTemplateIdParams,
        body: updatePlanTemplateBody,
        response: { 200: planTemplatesResponse, ...errors },
      },
    },
    async (request) => {
      requirePrincipal(request);
      await plans.updateTemplate(actorOf(request), request.params.id, request.body);
      return { items: await plans.templates() };
    },
  );

  r.get(
    '/api/projects/:id/plan',
    {
      config: { action: 'project.read' },
      schema: {
        tags: planTags,
        summary: '项目的倒排计划：最迟/最早日期、总时差、关键路径、已滞后节点、锚点预测、与基线的偏差',
        params: projectIdParams,
        response: { 200: projectPlanResponse, ...errors },
      },
    },
    async (request) => plans.get(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/plan',
    {
      config: { action: 'registry.write' },
      schema: {
        tags: planTags,
        summary: '按模板和锚点目标日期编制倒排计划',
        params: projectIdParams,
        body: createPlanBody,
        response: { 200: projectPlanResponse, ...errors },
      },
    },
    async (request) =>
      plans.create(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.put(
    '/api/projects/:id/plan',
    {
      config: { action: 'registry.write' },
      schema: {
        tags: planTags,
        summary: '调整倒排计划（目标日期、工期）；已审定的计划须填写调整原因，形成新版本',
        params: projectIdParams,
        body: revisePlanBody,
        response: { 200: projectPlanResponse, ...errors },
      },
    },
    async (request) =>
      plans.revise(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.put(
    '/api/projects/:id/plan/nodes/:key',
    {
      config: { action: 'plan.write' },
      schema: {
        tags: planTags,
        summary: '填报计划节点的实际开始、完成日期',
        params: planNodeParams,
        body: planActualBody,
        response: { 200: projectPlanResponse, ...errors },
      },
    },
    async (request) =>
      plans.recordActual(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.key,
        request.body,
      ),
  );

  r.post(
    '/api/projects/:id/plan/approve',
    {
      config: { action: 'registry.write' },
      schema: {
        tags: planTags,
        summary: '审核倒排计划：板块审核，区发改审定（首次审定时冻结基线）',
        params: projectIdParams,
        body: approvePlanBody,
        response: { 200: projectPlanResponse, ...errors },
      },
    },
    async (request) =>
      plans.approve(requirePrincipal(request), actorOf(request), request.params.id, request.body.version),
  );

  r.get(
    '/api/approval-catalogue',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '审批事项目录（四个阶段，约 20 项，不分页）',
        response: { 200: catalogueResponse, ...errors },
      },
    },
    async () => ({ items: await service.catalogue() }),
  );

  r.put(
    '/api/approval-catalogue/:id',
    {
      config: { action: 'registry.admin' },
      schema: {
        tags,
        summary: '修改审批事项的承诺时限、主管部门、并联分组、是否自动生成（区发改；只影响此后生成的事项）',
        params: catalogueIdParams,
        body: updateCatalogueEntryBody,
        response: { 200: catalogueResponse, ...errors },
      },
    },
    async (request) => {
      requirePrincipal(request);
      await service.updateCatalogueEntry(actorOf(request), request.params.id, request.body);
      return { items: await service.catalogue() };
    },
  );

  r.get(
    '/api/projects/:id/approvals',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '项目的审批事项（按阶段），各事项的时限状态，全流程工作日',
        params: projectIdParams,
        response: { 200: projectApprovalsResponse, ...errors },
      },
    },
    async (request) => service.forProject(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/projects/:id/approvals/generate',
    {
      config: { action: 'registry.write' },
      schema: {
        tags,
        summary: '按目录生成项目适用的审批事项（已有的不重复生成）',
        params: projectIdParams,
        response: { 200: generateApprovalsResponse, ...errors },
      },
    },
    async (request) => service.generate(requirePrincipal(request), actorOf(request), request.params.id),
  );

  r.put(
    '/api/projects/:id/approvals/:childId',
    {
      config: { action: 'approval.write' },
      schema: {
        tags,
        summary:
          '更新审批事项（主管部门或区发改）：状态、申请/受理/办结日期、文号、告知承诺、容缺受理、模拟审批',
        params: itemParams,
        body: updateApprovalItemBody,
        response: { 200: approvalItem, ...errors },
      },
    },
    async (request) =>
      service.update(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.childId,
        request.body,
      ),
  );

  r.post(
    '/api/projects/:id/approvals/convert-simulated',
    {
      config: { action: 'registry.write' },
      schema: {
        tags,
        summary: '土地供应后，将模拟审批事项一次转为正式审批',
        params: projectIdParams,
        response: { 200: convertSimulatedResponse, ...errors },
      },
    },
    async (request) =>
      service.convertSimulated(requirePrincipal(request), actorOf(request), request.params.id),
  );

  r.get(
    '/api/approvals/queue',
    {
      config: { action: 'approval.write' },
      schema: {
        tags,
        summary: '本部门待办审批事项（范围内项目，按到期日排序，服务端分页）',
        querystring: approvalQueueQuery,
        response: { 200: approvalQueueResponse, ...errors },
      },
    },
    async (request) => service.queue(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/approvals/rules',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '审批规则：临期提示（剩余工作日）、全流程目标工作日、拿地即开工（拿地后几天内发证）',
        response: { 200: approvalRulesResponse, ...errors },
      },
    },
    async (request) => ({
      rules: await rules.current(),
      canEdit: rules.mayEdit(requirePrincipal(request)),
    }),
  );

  r.put(
    '/api/approvals/rules',
    {
      config: { action: 'registry.admin' },
      schema: {
        tags,
        summary: '设定审批规则（区发改）',
        body: approvalRules,
        response: { 200: approvalRulesResponse, ...errors },
      },
    },
    async (request) => ({
      rules: await rules.save(requirePrincipal(request), actorOf(request), request.body),
      canEdit: true,
    }),
  );
}
