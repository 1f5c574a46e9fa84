import {
  createTicketBody,
  errorBody,
  ticketKpiQuery,
  ticketKpiResponse,
  ticketListQuery,
  ticketListResponse,
  ticketResponse,
  ticketStepBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import type { TicketsService } from './tickets.service';

// 帮办代办 tickets over HTTP: the list, requesting one, a ticket with its history, SLA dates and one-time
// notice, the workflow steps, and satisfaction per 帮办员 or 板块.

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const idParams = z.strictObject({ id: z.string().uuid() });

export function ticketRoutes(app: FastifyInstance, deps: { tickets: TicketsService }): void {
  const { tickets } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['帮办代办'];

  r.get(
    '/api/tickets',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '帮办代办工单（本范围的、分配给我的）',
        querystring: ticketListQuery,
        response: { 200: ticketListResponse, ...errors },
      },
    },
    async (request) => tickets.list(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/tickets',
    {
      config: { action: 'report.write' },
      schema: {
        tags,
        summary: '申请帮办代办（企业为本企业项目，或板块代为申请）',
        body: createTicketBody,
        response: { 200: ticketResponse, ...errors },
      },
    },
    async (request) => tickets.create(requirePrincipal(request), actorOf(request), request.body),
  );

  r.get(
    '/api/tickets/kpi',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '满意率与工作量（按帮办员或板块）',
        querystring: ticketKpiQuery,
        response: { 200: ticketKpiResponse, ...errors },
      },
    },
    async (request) => tickets.kpi(requirePrincipal(request), request.query.by),
  );

  r.get(
    '/api/tickets/:id',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '工单详情、办理记录、时限和一次性告知单',
        params: idParams,
        response: { 200: ticketResponse, ...errors },
      },
    },
    async (request) => tickets.detail(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/tickets/:id/steps',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '工单流转：受理、办理、挂起与恢复、办结、评价、回访、整改、复评、撤回（按角色与状态校验）',
        params: idParams,
        body: ticketStepBody,
        response: { 200: ticketResponse, ...errors },
      },
    },
    async (request) =>
      tickets.step(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );
}
