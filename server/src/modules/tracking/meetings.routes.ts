import {
  createMeetingBody,
  errorBody,
  meetingDecisionBody,
  meetingDecisionResponse,
  meetingListQuery,
  meetingListResponse,
  meetingResponse,
  updateMeetingBody,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import type { AuditRepository } from '../audit/audit.repository';
import { contentDisposition } from '../projects/attachments.service';
import type { ModuleContext } from '../registry';
import { meetingMaterial } from './meetings.material';
import type { MeetingsService } from './meetings.service';

// Dispatch meetings over HTTP: the list, creating one (its agenda drawn at once), editing agenda and
// minutes, recording decisions, and the meeting material as a .docx.

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const idParams = z.strictObject({ id: z.string().uuid() });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function meetingRoutes(
  app: FastifyInstance,
  ctx: ModuleContext,
  deps: { meetings: MeetingsService; audit: AuditRepository },
): void {
  const { meetings } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['调度会'];

  r.get(
    '/api/meetings',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '调度会列表（本范围与本单位参会的）',
        querystring: meetingListQuery,
        response: { 200: meetingListResponse, ...errors },
      },
    },
    async (request) => meetings.list(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/meetings',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '新建调度会（区发改或板块）：议题按范围内红灯项目和超期、升级的问题自动生成',
        body: createMeetingBody,
        response: { 200: meetingResponse, ...errors },
      },
    },
    async (request) => meetings.create(requirePrincipal(request), actorOf(request), request.body),
  );

  r.get(
    '/api/meetings/:id',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '调度会详情：议题、议定事项、上次议定事项落实情况',
        params: idParams,
        response: { 200: meetingResponse, ...errors },
      },
    },
    async (request) => meetings.detail(requirePrincipal(request), request.params.id),
  );

  r.put(
    '/api/meetings/:id',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '修改调度会（议题、纪要、状态）',
        params: idParams,
        body: updateMeetingBody,
        response: { 200: meetingResponse, ...errors },
      },
    },
    async (request) =>
      meetings.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/meetings/:id/decisions',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '记录议定事项：新建已交办的问题，或更新已有问题的主办单位和时限',
        params: idParams,
        body: meetingDecisionBody,
        response: { 200: meetingDecisionResponse, ...errors },
      },
    },
    async (request) =>
      meetings.decide(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/meetings/:id/material',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '下载会议材料（.docx：议题表含亮灯、说明和问题）',
        params: idParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const detail = await meetings.detail(requirePrincipal(request), request.params.id);
      const buffer = await meetingMaterial(detail);
      await ctx.database.db.transaction(async (tx) => {
        await deps.audit.append(
          tx,
          actorOf(request),
          {
            action: 'meeting.material',
            objectType: 'meeting',
            objectId: detail.meeting.id,
            result: 'success',
            summary: { title: detail.meeting.title },
          },
          ctx.clock.now(),
        );
      });
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(`${detail.meeting.title}材料.docx`))
        .header('cache-control', 'private, no-store')
        .send(buffer);
    },
  );
}
