import {
  activitiesResponse,
  activityBody,
  activityDoneBody,
  activityResponse,
  assignResultResponse,
  claimBody,
  contactBody,
  contactResponse,
  contactsResponse,
  createLeadBody,
  deleteContactBody,
  duplicateCandidatesResponse,
  duplicateCheckQuery,
  duplicateHintResponse,
  errorBody,
  funnelQuery,
  funnelResponse,
  leadCreatedResponse,
  leadListQuery,
  leadListResponse,
  leadResponse,
  mergeBody,
  okResponse,
  poolListQuery,
  poolRulesBody,
  poolRulesResponse,
  releaseBody,
  reviewBody,
  reviewResponse,
  reviewsResponse,
  scoreBody,
  scorecardConfigBody,
  scorecardConfigResponse,
  signBody,
  updateContactBody,
  updateLeadBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import type { ModuleContext } from '../registry';
import { createActivitiesService } from './activities.service';
import { funnel } from './funnel.service';
import { createLeadsService } from './leads.service';

// 招商 over HTTP: leads and the pool, duplicates and their merge, the timeline and contacts, the scorecard,
// the review, signing with the commitments, the funnel, and the pipeline's settings.

const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
};
const idParams = z.strictObject({ id: z.string().uuid() });

export function attractionRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const leads = createLeadsService(ctx);
  const timeline = createActivitiesService(ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['招商'];
  const read = { action: 'attraction.read' } as const;
  const write = { action: 'attraction.write' } as const;
  const admin = { action: 'attraction.admin' } as const;

  r.get(
    '/api/leads',
    {
      config: read,
      schema: {
        tags,
        summary: '招商线索（招商线索、在谈）：按状态、来源、评级、板块、产业链、关键词、下一步到期筛选',
        querystring: leadListQuery,
        response: { 200: leadListResponse, ...errors },
      },
    },
    async (request) => leads.list(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/leads',
    {
      config: write,
      schema: {
        tags,
        summary: '登记招商线索（板块的线索归本板块；商务、区发改可放入公海）；疑似重复的照常登记并标注',
        body: createLeadBody,
        response: { 200: leadCreatedResponse, ...errors },
      },
    },
    async (request) => leads.create(requirePrincipal(request), actorOf(request), request.body),
  );

  r.get(
    '/api/leads/duplicate-check',
    {
      config: read,
      schema: {
        tags,
        summary: '重复线索提示：同一投资方已在哪个板块、何时登记（仅此两项）',
        querystring: duplicateCheckQuery,
        response: { 200: duplicateHintResponse, ...errors },
      },
    },
    async (request) => ({
      duplicates: await leads.duplicateHints(
        request.query.companyName,
        request.query.uscc,
        request.query.excludeId,
      ),
    }),
  );

  r.get(
    '/api/leads/pool',
    {
      config: read,
      schema: {
        tags,
        summary: '线索公海：尚未归属板块的线索，各板块可认领',
        querystring: poolListQuery,
        response: { 200: leadListResponse, ...errors },
      },
    },
    async (request) => leads.pool(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/leads/assign',
    {
      config: admin,
      schema: {
        tags,
        summary: '按分配规则分配公海线索（依次匹配，首条命中的规则决定板块；未命中的留在公海）',
        response: { 200: assignResultResponse, ...errors },
      },
    },
    async (request) => leads.assign(requirePrincipal(request), actorOf(request)),
  );

  r.get(
    '/api/leads/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '招商线索详情：投资方档案、评分、评审、承诺指标',
        params: idParams,
        response: { 200: leadResponse, ...errors },
      },
    },
    async (request) => ({ lead: await leads.get(requirePrincipal(request), request.params.id) }),
  );

  r.put(
    '/api/leads/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改招商线索档案（无档案的线索建立档案）',
        params: idParams,
        body: updateLeadBody,
        response: { 200: leadResponse, ...errors },
      },
    },
    async (request) =>
      leads.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/leads/:id/claim',
    {
      config: write,
      schema: {
        tags,
        summary: '认领公海线索：所属板块改为认领的板块（已被认领时 409）',
        params: idParams,
        body: claimBody,
        response: { 200: leadResponse, ...errors },
      },
    },
    async (request) =>
      leads.claim(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/leads/:id/release',
    {
      config: write,
      schema: {
        tags,
        summary: '退回公海：线索重新归区所有，各板块可认领',
        params: idParams,
        body: releaseBody,
        response: { 200: leadResponse, ...errors },
      },
    },
    async (request) =>
      leads.release(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/leads/:id/duplicates',
    {
      config: admin,
      schema: {
        tags,
        summary: '疑似重复的线索（企业名称归一后相同或统一社会信用代码相同）',
        params: idParams,
        response: { 200: duplicateCandidatesResponse, ...errors },
      },
    },
    async (request) => leads.duplicates(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/leads/:id/merge',
    {
      config: admin,
      schema: {
        tags,
        summary: '合并重复线索：本线索终止（重复线索），活动记录和联系人并入保留的线索',
        params: idParams,
        body: mergeBody,
        response: { 200: leadResponse, ...errors },
      },
    },
    async (request) =>
      leads.merge(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/leads/:id/activities',
    {
      config: read,
      schema: {
        tags,
        summary: '线索的活动记录（走访、洽谈、实地考察……）及下一步工作',
        params: idParams,
        response: { 200: activitiesResponse, ...errors },
      },
    },
    async (request) => timeline.activities(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/leads/:id/activities',
    {
      config: write,
      schema: {
        tags,
        summary: '记录一次招商活动，可约定下一步工作和日期（到期当天提醒负责人）',
        params: idParams,
        body: activityBody,
        response: { 200: activityResponse, ...errors },
      },
    },
    async (request) =>
      timeline.addActivity(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/lead-activities/:id/done',
    {
      config: write,
      schema: {
        tags,
        summary: '下一步工作已完成',
        params: idParams,
        body: activityDoneBody,
        response: { 200: activityResponse, ...errors },
      },
    },
    async (request) =>
      timeline.doneActivity(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body.version,
      ),
  );

  r.get(
    '/api/leads/:id/contacts',
    {
      config: read,
      schema: {
        tags,
        summary: '线索的联系人（电话脱敏显示）',
        params: idParams,
        response: { 200: contactsResponse, ...errors },
      },
    },
    async (request) => timeline.contacts(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/leads/:id/contacts',
    {
      config: write,
      schema: {
        tags,
        summary: '新增联系人',
        params: idParams,
        body: contactBody,
        response: { 200: contactResponse, ...errors },
      },
    },
    async (request) =>
      timeline.addContact(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.put(
    '/api/lead-contacts/:id',
    {
      config: write,
      schema: {
        tags,
        summary: '修改联系人（不传电话则保留原号码）',
        params: idParams,
        body: updateContactBody,
        response: { 200: contactResponse, ...errors },
      },
    },
    async (request) =>
      timeline.updateContact(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/lead-contacts/:id/delete',
    {
      config: write,
      schema: {
        tags,
        summary: '删除联系人',
        params: idParams,
        body: deleteContactBody,
        response: { 200: okResponse, ...errors },
      },
    },
    async (request) =>
      timeline.deleteContact(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body.version,
      ),
  );

  r.post(
    '/api/leads/:id/score',
    {
      config: write,
      schema: {
        tags,
        summary: '按评分卡为线索评分（A/B/C），保存各项计算过程',
        params: idParams,
        body: scoreBody,
        response: { 200: leadResponse, ...errors },
      },
    },
    async (request) =>
      leads.score(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body.inputs,
        request.body.version,
      ),
  );

  r.get(
    '/api/leads/:id/reviews',
    {
      config: read,
      schema: {
        tags,
        summary: '项目评审（准入）记录',
        params: idParams,
        response: { 200: reviewsResponse, ...errors },
      },
    },
    async (request) => leads.reviews(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/leads/:id/reviews',
    {
      config: write,
      schema: {
        tags,
        summary: '记录项目评审（准入）：会议、评审要点、结论和条件；通过或有条件通过即满足签约关口的准入条件',
        params: idParams,
        body: reviewBody,
        response: { 200: reviewResponse, ...errors },
      },
    },
    async (request) =>
      leads.addReview(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/leads/:id/sign',
    {
      config: write,
      schema: {
        tags,
        summary: '签约：录入承诺指标并写入项目，经关口推进到「已签约」（不满足条件时不写入任何内容）',
        params: idParams,
        body: signBody,
        response: { 200: leadResponse, ...errors },
      },
    },
    async (request) =>
      leads.sign(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/attraction/scorecard',
    {
      config: read,
      schema: {
        tags,
        summary: '线索评分卡（指标、档位、权重、评级分数线）',
        response: { 200: scorecardConfigResponse, ...errors },
      },
    },
    async () => leads.settings.scorecard(),
  );

  r.put(
    '/api/attraction/scorecard',
    {
      config: admin,
      schema: {
        tags,
        summary: '修改线索评分卡',
        body: scorecardConfigBody,
        response: { 200: scorecardConfigResponse, ...errors },
      },
    },
    async (request) =>
      leads.settings.saveScorecard(actorOf(request), request.body.config, request.body.version),
  );

  r.get(
    '/api/attraction/pool-rules',
    {
      config: read,
      schema: {
        tags,
        summary: '公海线索分配规则（依次匹配）',
        response: { 200: poolRulesResponse, ...errors },
      },
    },
    async () => leads.settings.poolRules(),
  );

  r.put(
    '/api/attraction/pool-rules',
    {
      config: admin,
      schema: {
        tags,
        summary: '修改公海线索分配规则',
        body: poolRulesBody,
        response: { 200: poolRulesResponse, ...errors },
      },
    },
    async (request) =>
      leads.settings.savePoolRules(actorOf(request), request.body.rules, request.body.version),
  );

  r.get(
    '/api/attraction/funnel',
    {
      config: read,
      schema: {
        tags,
        summary: '招商漏斗：各阶段数量、转化率、各阶段停留天数中位数（按板块或来源）',
        querystring: funnelQuery,
        response: { 200: funnelResponse, ...errors },
      },
    },
    async (request) => funnel(ctx.database.db, requirePrincipal(request), request.query),
  );
}
