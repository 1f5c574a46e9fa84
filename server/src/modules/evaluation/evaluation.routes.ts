import {
  applyCompletionBody,
  closeOptimisationActionBody,
  completionDetail,
  completionListQuery,
  completionListResponse,
  completionMetrics,
  completionMetricsQuery,
  createDispositionBody,
  createOptimisationActionBody,
  createRectificationBody,
  errorBody,
  evaluationDetail,
  evaluationListQuery,
  evaluationListResponse,
  evaluationSettingsResponse,
  evaluationSummary,
  evaluationSummaryQuery,
  fillEvaluationBody,
  generateEvaluationsResponse,
  issueCompletionBody,
  notifyEvaluationBody,
  optimisationAction,
  optimisationActionListQuery,
  optimisationActionListResponse,
  recheckBody,
  saveCompletionBody,
  scoreEvaluationBody,
  updateEvaluationSettingsBody,
  updateOptimisationActionBody,
  verifyEvaluationBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiDate } from '../../clock';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import { projectsServiceOf } from '../projects/projects.context';
import type { ModuleContext } from '../registry';
import { createCompletionService } from './completion.service';
import { createEvaluationService } from './evaluation.service';
import { createOptimisationService } from './optimisation.service';

// 竣工即发证 and the post-evaluation loop over HTTP (the route table is in contract/src/evaluation.ts).

const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
};
const idParams = z.strictObject({ id: z.string().uuid() });

export function evaluationServicesOf(ctx: Pick<ModuleContext, 'database' | 'clock'>) {
  const audit = createAuditRepository(ctx.database.db);
  const optimisation = createOptimisationService({ database: ctx.database, clock: ctx.clock, audit });
  const evaluation = createEvaluationService({
    database: ctx.database,
    clock: ctx.clock,
    audit,
    optimisation,
  });
  return { optimisation, evaluation };
}

export function evaluationRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const audit = createAuditRepository(ctx.database.db);
  const completion = createCompletionService({
    database: ctx.database,
    clock: ctx.clock,
    audit,
    projects: projectsServiceOf(ctx),
  });
  const { evaluation, optimisation } = evaluationServicesOf(ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctags = ['竣工即发证'];
  const tags = ['后评价'];

  // --- 竣工即发证 -------------------------------------------------------------------------------------

  r.get(
    '/api/projects/:id/completion',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ctags,
        summary: '项目的竣工即发证申请：多测合一、资格预检、三证编号',
        params: idParams,
        response: { 200: completionDetail, ...errors },
      },
    },
    async (request) => completion.detail(requirePrincipal(request), request.params.id),
  );

  r.put(
    '/api/projects/:id/completion',
    {
      config: { action: 'completion.write' },
      schema: {
        tags: ctags,
        summary: '填写竣工即发证申请（多测合一测绘成果、五项资格条件）',
        params: idParams,
        body: saveCompletionBody,
        response: { 200: completionDetail, ...errors },
      },
    },
    async (request) =>
      completion.save(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/projects/:id/completion/apply',
    {
      config: { action: 'completion.write' },
      schema: {
        tags: ctags,
        summary: '一并申请联合验收、竣工验收备案和不动产首次登记（资格条件须全部满足）',
        params: idParams,
        body: applyCompletionBody,
        response: { 200: completionDetail, ...errors },
      },
    },
    async (request) =>
      completion.apply(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/projects/:id/completion/issue',
    {
      config: { action: 'completion.write' },
      schema: {
        tags: ctags,
        summary: '登记同步发放的联合验收意见书、竣工验收备案表和不动产权证书，项目进入已竣工',
        params: idParams,
        body: issueCompletionBody,
        response: { 200: completionDetail, ...errors },
      },
    },
    async (request) =>
      completion.issue(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/completion',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ctags,
        summary: '竣工即发证申请列表（本人数据范围）',
        querystring: completionListQuery,
        response: { 200: completionListResponse, ...errors },
      },
    },
    async (request) => completion.list(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/completion/metrics',
    {
      config: { action: 'project.read' },
      schema: {
        tags: ctags,
        summary: '竣工即发证成效：各板块发证数、当日发证比例、验收至发证平均天数',
        querystring: completionMetricsQuery,
        response: { 200: completionMetrics, ...errors },
      },
    },
    async (request) => completion.metrics(requirePrincipal(request), request.query),
  );

  // --- 后评价 -----------------------------------------------------------------------------------------

  r.get(
    '/api/evaluations',
    {
      config: { action: 'evaluation.read' },
      schema: {
        tags,
        summary: '后评价任务列表（板块看本板块，企业看本企业项目）',
        querystring: evaluationListQuery,
        response: { 200: evaluationListResponse, ...errors },
      },
    },
    async (request) => evaluation.list(requirePrincipal(request), request.query),
  );

  r.get(
    '/api/evaluations/summary',
    {
      config: { action: 'evaluation.read' },
      schema: {
        tags,
        summary: '评估—反馈—优化闭环统计：按产业链和板块汇总',
        querystring: evaluationSummaryQuery,
        response: { 200: evaluationSummary, ...errors },
      },
    },
    async (request) => evaluation.summary(requirePrincipal(request), request.query.year),
  );

  r.get(
    '/api/evaluations/settings',
    {
      config: { action: 'evaluation.read' },
      schema: {
        tags,
        summary: '后评价设置：评价时点、指标权重、封顶系数、宽限天数、等级分数线、整改期',
        response: { 200: evaluationSettingsResponse, ...errors },
      },
    },
    async () => evaluation.settings(),
  );

  r.put(
    '/api/evaluations/settings',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '修改后评价设置（此后生成的评价任务采用）',
        body: updateEvaluationSettingsBody,
        response: { 200: evaluationSettingsResponse, ...errors },
      },
    },
    async (request) => evaluation.saveSettings(actorOf(request), request.body),
  );

  r.post(
    '/api/evaluations/generate',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '按今天生成到期的投产评价、达产评价任务（已生成的不重复）',
        body: z.strictObject({}).optional(),
        response: { 200: generateEvaluationsResponse, ...errors },
      },
    },
    async (request) =>
      evaluation.generate(actorOf(request), shanghaiDate(ctx.clock.now()), requirePrincipal(request)),
  );

  r.get(
    '/api/evaluations/:id',
    {
      config: { action: 'evaluation.read' },
      schema: {
        tags,
        summary: '后评价详情：承诺值与实际值、得分明细、整改、违约处置、优化措施',
        params: idParams,
        response: { 200: evaluationDetail, ...errors },
      },
    },
    async (request) => evaluation.detail(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/evaluations/:id/fill',
    {
      config: { action: 'evaluation.write' },
      schema: {
        tags,
        summary: '企业填报实际数据（未填项取亩均评价数据和项目实际日期）',
        params: idParams,
        body: fillEvaluationBody,
        response: { 200: evaluationDetail, ...errors },
      },
    },
    async (request) =>
      evaluation.fill(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/evaluations/:id/verify',
    {
      config: { action: 'evaluation.write' },
      schema: {
        tags,
        summary: '板块核查企业填报的数据（通过，或退回并说明）',
        params: idParams,
        body: verifyEvaluationBody,
        response: { 200: evaluationDetail, ...errors },
      },
    },
    async (request) =>
      evaluation.verify(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/evaluations/:id/score',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '评分定级（按任务生成时的指标、权重和封顶系数计算，逐项可解释）',
        params: idParams,
        body: scoreEvaluationBody,
        response: { 200: evaluationDetail, ...errors },
      },
    },
    async (request) =>
      evaluation.score(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/evaluations/:id/notify',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '将评价结果和反馈意见告知企业',
        params: idParams,
        body: notifyEvaluationBody,
        response: { 200: evaluationDetail, ...errors },
      },
    },
    async (request) =>
      evaluation.notify(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/evaluations/:id/rectifications',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '对不合格的评价下达整改通知（整改期限按设置自动计算）',
        params: idParams,
        body: createRectificationBody,
        response: { 200: evaluationDetail, ...errors },
      },
    },
    async (request) =>
      evaluation.rectify(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/evaluation-rectifications/:id/recheck',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '启动整改复核（生成一次复核评价，承诺值与原评价相同）',
        params: idParams,
        body: recheckBody.optional(),
        response: { 200: evaluationDetail, ...errors },
      },
    },
    async (request) => evaluation.recheck(requirePrincipal(request), actorOf(request), request.params.id),
  );

  r.post(
    '/api/evaluations/:id/dispositions',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '整改复核未通过后记录违约处置（暂缓或追回奖励、调整地价、暂缓证照、收回土地等）',
        params: idParams,
        body: createDispositionBody,
        response: { 200: evaluationDetail, ...errors },
      },
    },
    async (request) =>
      evaluation.dispose(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  // --- 优化措施 ---------------------------------------------------------------------------------------

  r.get(
    '/api/optimisation-actions',
    {
      config: { action: 'evaluation.read' },
      schema: {
        tags,
        summary: '优化措施列表（准入标准、招商政策、服务流程）',
        querystring: optimisationActionListQuery,
        response: { 200: optimisationActionListResponse, ...errors },
      },
    },
    async (request) => optimisation.list(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/optimisation-actions',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '登记优化措施（责任单位、完成期限）',
        body: createOptimisationActionBody,
        response: { 200: optimisationAction, ...errors },
      },
    },
    async (request) => optimisation.create(requirePrincipal(request), actorOf(request), request.body),
  );

  r.put(
    '/api/optimisation-actions/:id',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '修改优化措施（内容、责任单位、期限、进展）',
        params: idParams,
        body: updateOptimisationActionBody,
        response: { 200: optimisationAction, ...errors },
      },
    },
    async (request) =>
      optimisation.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/optimisation-actions/:id/close',
    {
      config: { action: 'evaluation.admin' },
      schema: {
        tags,
        summary: '优化措施完成销号',
        params: idParams,
        body: closeOptimisationActionBody,
        response: { 200: optimisationAction, ...errors },
      },
    },
    async (request) =>
      optimisation.close(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );
}
