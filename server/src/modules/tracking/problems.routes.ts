import {
  attachmentResponse,
  errorBody,
  problemKpiQuery,
  problemKpiResponse,
  problemListQuery,
  problemListResponse,
  problemResponse,
  problemStepBody,
  problemUnitsResponse,
  raiseProblemBody,
} from '@groundbreak/contract';
import { addWorkingDays } from '@groundbreak/domain';
import { and, asc, isNull, ne, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiDate } from '../../clock';
import { orgs } from '../../db/schema/index';
import { AppError } from '../../errors';
import { withUploadedFile } from '../../lib/upload-error';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import type { AuditRepository } from '../audit/audit.repository';
import type { CalendarService } from '../calendar/calendar.service';
import { type AttachmentsService, contentDisposition } from '../projects/attachments.service';
import type { ModuleContext } from '../registry';
import { supervisionLetter } from './problems.letter';
import type { ProblemsService } from './problems.service';

// Problems (问题清单) and 督办 over HTTP: the list of a scope, raising one, its record and history, the
// workflow steps, the 督办函 (.docx) and the KPIs per unit and per 板块.

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const idParams = z.strictObject({ id: z.string().uuid() });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Working days a 督办函 gives to reply [A]. */
const REPLY_WORKING_DAYS = 3;

export function problemRoutes(
  app: FastifyInstance,
  ctx: ModuleContext,
  deps: {
    problems: ProblemsService;
    calendar: CalendarService;
    audit: AuditRepository;
    files: AttachmentsService;
  },
): void {
  const { problems, calendar } = deps;
  const db = ctx.database.db;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['问题清单'];

  r.get(
    '/api/problems',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary:
          '问题清单（范围内项目的问题，以及本单位主办、协办的问题；按状态、超期、板块、单位、类别筛选）',
        querystring: problemListQuery,
        response: { 200: problemListResponse, ...errors },
      },
    },
    async (request) => problems.list(requirePrincipal(request), request.query),
  );

  r.post(
    '/api/problems',
    {
      config: { action: 'report.write' },
      schema: {
        tags,
        summary: '提出问题（来自月报、帮办工单、调度会或现场督查等）',
        body: raiseProblemBody,
        response: { 200: problemResponse, ...errors },
      },
    },
    async (request) => problems.raise(requirePrincipal(request), actorOf(request), request.body),
  );

  r.get(
    '/api/problems/kpi',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '问题办结率、平均办结工作日和超期数（按主办单位或板块）',
        querystring: problemKpiQuery,
        response: { 200: problemKpiResponse, ...errors },
      },
    },
    async (request) => problems.kpi(requirePrincipal(request), request.query.by),
  );

  r.get(
    '/api/problems/units',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '可交办的单位（部门与板块）',
        response: { 200: problemUnitsResponse, ...errors },
      },
    },
    async () => {
      const rows = await db
        .select({ id: orgs.id, name: orgs.shortName, kind: orgs.kind })
        .from(orgs)
        .where(and(isNull(orgs.deletedAt), ne(orgs.kind, 'enterprise')))
        .orderBy(asc(orgs.kind), sql`${orgs.shortName} COLLATE "zh-x-icu"`);
      return { items: rows };
    },
  );

  r.get(
    '/api/problems/:id',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '问题详情、办理记录和当前用户可做的操作',
        params: idParams,
        response: { 200: problemResponse, ...errors },
      },
    },
    async (request) => problems.detail(requirePrincipal(request), request.params.id),
  );

  r.post(
    '/api/problems/:id/steps',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary:
          '问题流转：交办、签收、办理情况、申请延期、审核延期、办结、销号、退回重办（按角色与状态校验）',
        params: idParams,
        body: problemStepBody,
        response: { 200: problemResponse, ...errors },
      },
    },
    async (request) =>
      problems.step(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/problems/:id/evidence',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '上传销号依据（multipart，字段 file；存为项目附件；限可办结该问题的单位）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: attachmentResponse, 413: errorBody, 415: errorBody, ...errors },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      // Scope and role first: a foreign problem answers 404, one the caller may not resolve 403.
      const detail = await problems.detail(principal, request.params.id);
      if (!detail.can.resolve) throw new AppError('FORBIDDEN', '只有主办单位或区发改可上传销号依据');
      return {
        attachment: await withUploadedFile(request, deps.files.maxBytes, (file) =>
          deps.files.upload(principal, actorOf(request), detail.problem.project.id, 'other', file, {
            problemEvidence: true,
          }),
        ),
      };
    },
  );

  r.get(
    '/api/problems/:id/letter',
    {
      config: { action: 'project.read' },
      schema: {
        tags,
        summary: '下载督办函（.docx，由问题记录生成；仅超期或已列入督办的问题）',
        params: idParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const detail = await problems.detail(principal, request.params.id);
      if (!detail.letter) {
        return reply.code(409).send({
          error: { code: 'CONFLICT', message: '该问题未超期，也未列入督办，无需督办函' },
        });
      }
      const now = ctx.clock.now();
      const day = shanghaiDate(now);
      const cal = await calendar.calendar();
      const year = day.slice(0, 4);
      // The letter's number: the problems of the year under 督办 up to this one.
      const [n] = await db
        .execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM problems WHERE supervised_on IS NOT NULL AND left(supervised_on::text, 4) = ${year}
            AND problem_no <= ${detail.problem.problemNo}`,
        )
        .then((x) => x.rows);
      const [office] = await db
        .select({ name: orgs.name })
        .from(orgs)
        .where(and(sql`${orgs.kind} = 'drc'`, isNull(orgs.deletedAt)))
        .limit(1);
      const buffer = await supervisionLetter({
        detail,
        serial: `督办〔${year}〕${Math.max(1, n?.n ?? 1)}号`,
        issuedOn: day,
        office: office?.name ?? '区重大项目办',
        replyWithinWorkingDays: REPLY_WORKING_DAYS,
        replyBy: addWorkingDays(cal, day, REPLY_WORKING_DAYS),
      });
      await deps.audit.append(
        db,
        actorOf(request),
        {
          action: 'problem.letter',
          objectType: 'problem',
          objectId: detail.problem.id,
          result: 'success',
          summary: { problemNo: detail.problem.problemNo },
        },
        now,
      );
      return reply
        .type(DOCX)
        .header('content-disposition', contentDisposition(`督办函-${detail.problem.problemNo}.docx`))
        .header('cache-control', 'private, no-store')
        .send(buffer);
    },
  );
}
