import {
  calendarYearParams,
  calendarYearResponse,
  calendarYearsResponse,
  errorBody,
  saveCalendarYearBody,
  workingDueQuery,
  workingDueResponse,
} from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, requirePrincipal } from '../../plugins/principal';
import { createAuditRepository } from '../audit/audit.repository';
import type { ModuleContext } from '../registry';
import { type CalendarService, createCalendarService } from './calendar.service';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** One service per database, so that every module computing deadlines reads the same cached calendar. */
const services = new WeakMap<ModuleContext['database'], CalendarService>();

export function calendarServiceOf(ctx: ModuleContext): CalendarService {
  let service = services.get(ctx.database);
  if (!service) {
    service = createCalendarService({
      database: ctx.database,
      audit: createAuditRepository(ctx.database.db),
      clock: ctx.clock,
    });
    services.set(ctx.database, service);
  }
  return service;
}

export function calendarRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const calendar = calendarServiceOf(ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/calendar/years',
    {
      config: { action: 'reference.read' },
      schema: {
        tags: ['工作日历'],
        summary: '已配置节假日安排的年份（2000–2100 年，至多 101 行），及尚未配置的本年、下年提醒',
        response: { 200: calendarYearsResponse, ...errors },
      },
    },
    async () => calendar.listYears(),
  );

  r.get(
    '/api/calendar/years/:year',
    {
      config: { action: 'reference.read' },
      schema: {
        tags: ['工作日历'],
        summary: '一年的放假日与调休上班日（未配置的年份按周末规则，configured=false）',
        params: calendarYearParams,
        response: { 200: calendarYearResponse, ...errors },
      },
    },
    async (request) => calendar.getYear(request.params.year),
  );

  r.put(
    '/api/calendar/years/:year',
    {
      config: { action: 'reference.admin' },
      schema: {
        tags: ['工作日历'],
        summary: '保存一年的节假日安排（整年替换；调休上班日须为周末；version 不符时 409）',
        params: calendarYearParams,
        body: saveCalendarYearBody,
        response: { 200: calendarYearResponse, ...errors },
      },
    },
    async (request) => {
      requirePrincipal(request);
      return calendar.saveYear(actorOf(request), request.params.year, request.body);
    },
  );

  r.get(
    '/api/calendar/due',
    {
      config: { action: 'reference.read' },
      schema: {
        tags: ['工作日历'],
        summary: '从某日起算若干工作日的到期日（起算日不计），并说明所跨年份是否已配置',
        querystring: workingDueQuery,
        response: { 200: workingDueResponse, ...errors },
      },
    },
    async (request) => calendar.due(request.query.from, request.query.days),
  );
}
