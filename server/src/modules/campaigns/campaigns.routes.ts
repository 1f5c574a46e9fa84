import {
  batchBody,
  campaignCategoryListResponse,
  campaignItem,
  campaignListQuery,
  campaignListResponse,
  campaignPhotoResponse,
  createCampaignBody,
  createCategoryBody,
  createTaskBody,
  errorBody,
  taskLightRules as lightRules,
  maintenanceRules,
  okResponse,
  progressQuery,
  progressResponse,
  taskListQuery,
  taskListResponse,
  taskResponse,
  taskStepBody,
  updateBatchBody,
  updateCampaignBody,
  updateCategoryBody,
  updateTaskBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withUploadedFile } from '../../lib/upload-error';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import { calendarServiceOf } from '../calendar/calendar.routes';
import { contentDisposition } from '../projects/attachments.service';
import type { ModuleContext } from '../registry';
import { createCampaignsService } from './campaigns.service';
import { maintenanceRoutes } from './maintenance.routes';
import { createMaintenanceService } from './maintenance.service';
import { createProgressService } from './progress.service';
import { taskImportRoutes } from './tasks.import.routes';
import { createTasksService } from './tasks.service';

// 城中村专项行动 over HTTP: categories, campaigns and batches, the tasks with their steps and photos, and the
// progress of the 板块 (ranking, map points, 微更新 schedule).

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const idParams = z.strictObject({ id: z.string().uuid() });
const photoParams = z.strictObject({ id: z.string().uuid(), photoId: z.string().uuid() });

export function campaignRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { database, clock } = ctx;
  const audit = createAuditRepository(database.db);
  const campaigns = createCampaignsService({ database, clock, audit });
  const maintenance = createMaintenanceService({
    database,
    clock,
    audit,
    calendar: calendarServiceOf(ctx),
    dataDir: ctx.config.dataDir,
    maxBytes: ctx.config.attachmentMaxBytes,
    rules: () => campaigns.maintenanceRules(),
  });
  const tasks = createTasksService({
    database,
    clock,
    audit,
    campaigns,
    dataDir: ctx.config.dataDir,
    maxBytes: ctx.config.attachmentMaxBytes,
    onAccepted: maintenance.enter,
  });
  const progress = createProgressService({ database, clock, campaigns });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['城中村专项行动'];
  maintenanceRoutes(app, maintenance, ctx.config.attachmentMaxBytes);

  r.get(
    '/api/campaign-categories',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary: '整治任务类别（三攻坚三提升一改造、微更新、大扫除）：数量指标、管护检查项、整改时限',
        response: { 200: campaignCategoryListResponse, ...errors },
      },
    },
    async () => ({ items: await campaigns.categories() }),
  );

  r.post(
    '/api/campaign-categories',
    {
      config: { action: 'campaign.admin' },
      schema: {
        tags,
        summary: '新增整治任务类别（数量指标、管护检查项、整改时限、巡查周期）',
        body: createCategoryBody,
        response: { 200: campaignCategoryListResponse, ...errors },
      },
    },
    async (request) => ({ items: await campaigns.addCategory(actorOf(request), request.body) }),
  );

  r.put(
    '/api/campaign-categories/:code',
    {
      config: { action: 'campaign.admin' },
      schema: {
        tags,
        summary: '修改整治任务类别（检查项的修改用于此后纳入管护的点位），或停用',
        params: z.strictObject({ code: z.string().max(20) }),
        body: updateCategoryBody,
        response: { 200: campaignCategoryListResponse, ...errors },
      },
    },
    async (request) => ({
      items: await campaigns.updateCategory(actorOf(request), request.params.code, request.body),
    }),
  );

  r.get(
    '/api/campaign-settings/maintenance-rules',
    {
      config: { action: 'campaign.read' },
      schema: { tags, summary: '管护巡查合格线', response: { 200: maintenanceRules, ...errors } },
    },
    async () => campaigns.maintenanceRules(),
  );

  r.put(
    '/api/campaign-settings/maintenance-rules',
    {
      config: { action: 'campaign.admin' },
      schema: {
        tags,
        summary: '修改管护巡查合格线（各项合格且得分不低于此分为合格）',
        body: maintenanceRules,
        response: { 200: maintenanceRules, ...errors },
      },
    },
    async (request) => campaigns.saveMaintenanceRules(actorOf(request), request.body),
  );

  r.get(
    '/api/campaign-settings/light-rules',
    {
      config: { action: 'campaign.read' },
      schema: { tags, summary: '整治任务逾期亮灯规则', response: { 200: lightRules, ...errors } },
    },
    async () => campaigns.lightRules(),
  );

  r.put(
    '/api/campaign-settings/light-rules',
    {
      config: { action: 'campaign.admin' },
      schema: {
        tags,
        summary: '修改整治任务逾期亮灯规则（逾期不超过N天黄灯，超过红灯）',
        body: lightRules,
        response: { 200: lightRules, ...errors },
      },
    },
    async (request) => campaigns.saveLightRules(actorOf(request), request.body),
  );

  r.get(
    '/api/campaigns',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary: '专项行动列表（含批次与本范围的任务数）',
        querystring: campaignListQuery,
        response: { 200: campaignListResponse, ...errors },
      },
    },
    async (request) => campaigns.list(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/campaigns',
    {
      config: { action: 'campaign.admin' },
      schema: {
        tags,
        summary: '新建专项行动（区城管局或区发改）',
        body: createCampaignBody,
        response: { 200: campaignItem, ...errors },
      },
    },
    async (request) => campaigns.create(requirePrincipal(request), actorOf(request), request.body),
  );

  r.get(
    '/api/campaigns/:id',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary: '专项行动详情与批次',
        params: idParams,
        response: { 200: campaignItem, ...errors },
      },
    },
    async (request) => campaigns.detail(requirePrincipal(request), request.params.id),
  );

  r.put(
    '/api/campaigns/:id',
    {
      config: { action: 'campaign.admin' },
      schema: {
        tags,
        summary: '修改专项行动',
        params: idParams,
        body: updateCampaignBody,
        response: { 200: campaignItem, ...errors },
      },
    },
    async (request) =>
      campaigns.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/campaigns/:id/batches',
    {
      config: { action: 'campaign.admin' },
      schema: {
        tags,
        summary: '新增批次（第一批、第二批……）',
        params: idParams,
        body: batchBody,
        response: { 200: campaignItem, ...errors },
      },
    },
    async (request) =>
      campaigns.addBatch(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.put(
    '/api/campaign-batches/:id',
    {
      config: { action: 'campaign.admin' },
      schema: {
        tags,
        summary: '修改批次',
        params: idParams,
        body: updateBatchBody,
        response: { 200: campaignItem, ...errors },
      },
    },
    async (request) =>
      campaigns.updateBatch(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/campaign-tasks',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary: '整治任务列表（本范围；按行动、批次、板块、类别、状态、亮灯筛选）',
        querystring: taskListQuery,
        response: { 200: taskListResponse, ...errors },
      },
    },
    async (request) => tasks.list(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/campaign-tasks',
    {
      config: { action: 'campaign.write' },
      schema: {
        tags,
        summary: '新建整治任务（本范围内的板块）',
        body: createTaskBody,
        response: { 200: taskResponse, ...errors },
      },
    },
    async (request) => tasks.create(requirePrincipal(request), actorOf(request), request.body),
  );

  r.get(
    '/api/campaign-tasks/:id',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary: '整治任务详情：照片、亮灯说明、办理记录、可办理的步骤',
        params: idParams,
        response: { 200: taskResponse, ...errors },
      },
    },
    async (request) => tasks.detail(requirePrincipal(request), request.params.id),
  );

  r.put(
    '/api/campaign-tasks/:id',
    {
      config: { action: 'campaign.write' },
      schema: {
        tags,
        summary: '修改整治任务（验收销号前）',
        params: idParams,
        body: updateTaskBody,
        response: { 200: taskResponse, ...errors },
      },
    },
    async (request) =>
      tasks.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/campaign-tasks/:id/steps',
    {
      config: { action: 'campaign.write' },
      schema: {
        tags,
        summary: '办理整治任务：开始整治、提交验收（须整改后照片）、验收通过销号、退回整改（须说明原因）',
        params: idParams,
        body: taskStepBody,
        response: { 200: taskResponse, ...errors },
      },
    },
    async (request) =>
      tasks.step(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/campaign-tasks/:id/photos',
    {
      config: { action: 'campaign.write' },
      schema: {
        tags,
        summary: '上传整改前或整改后照片（multipart，字段 file；JPG 或 PNG，按内容检查）',
        params: idParams,
        querystring: z.strictObject({ kind: z.enum(['before', 'after']) }),
        consumes: ['multipart/form-data'],
        response: { 200: campaignPhotoResponse, 413: errorBody, 415: errorBody, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      // Scope first: a foreign task answers 404 before a byte is read.
      await tasks.load(principal, request.params.id);
      return withUploadedFile(request, ctx.config.attachmentMaxBytes, (file) =>
        tasks.uploadPhoto(principal, actorOf(request), request.params.id, request.query.kind, file),
      );
    },
  );

  r.get(
    '/api/campaign-tasks/:id/photos/:photoId',
    {
      config: { action: 'campaign.read' },
      schema: { tags, summary: '查看任务照片', params: photoParams, response: { 200: z.any(), ...errors } },
    },
    async (request, reply) => {
      const { photo, stream } = await tasks.openPhoto(
        requirePrincipal(request),
        request.params.id,
        request.params.photoId,
      );
      return reply
        .header('content-type', photo.contentType)
        .header('content-length', photo.sizeBytes)
        .header('content-disposition', contentDisposition(photo.fileName).replace(/^attachment/, 'inline'))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(stream);
    },
  );

  r.post(
    '/api/campaign-tasks/:id/photos/:photoId/delete',
    {
      config: { action: 'campaign.write' },
      schema: {
        tags,
        summary: '删除任务照片（提交验收前）',
        params: photoParams,
        response: { 200: okResponse, ...errors },
      },
    },
    async (request) => {
      await tasks.deletePhoto(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.params.photoId,
      );
      return { ok: true as const };
    },
  );

  r.get(
    '/api/campaign-progress',
    {
      config: { action: 'campaign.read' },
      schema: {
        tags,
        summary:
          '专项行动进度：分板块分类别的任务、完成率、按时完成率、排名（附计算过程）、点位地图、微更新按期情况',
        querystring: progressQuery,
        response: { 200: progressResponse, ...errors },
      },
    },
    async (request) => progress.progress(requirePrincipal(request), request.query),
  );

  taskImportRoutes(app, ctx);
}
