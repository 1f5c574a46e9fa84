import { TICKET_KINDS, TICKET_STATUSES, TICKET_STEP_NAMES, type TicketStep } from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

// 帮办代办 service tickets: requesting one, the list of a scope, one ticket with its history, SLA dates, the
// steps the caller may take and the one-time notice, and satisfaction per 帮办员 and per 板块.

const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);

export const createTicketBody = z.strictObject({
  projectId: id,
  kind: z.enum(TICKET_KINDS),
  items: z.array(text(50).min(1)).min(1, { message: '请至少选择一项服务事项' }).max(30),
  description: text(2000).min(1, { message: '请说明需要帮办的事项' }),
});
export type CreateTicketBody = z.input<typeof createTicketBody>;

export const ticketStepBody = z.strictObject({
  step: z.enum(TICKET_STEP_NAMES as [TicketStep, ...TicketStep[]]),
  version: rowVersion,
  /** 受理: the 帮办员 (a user of the accepting unit). */
  helperUserId: id.optional(),
  /** 评价 / 复评 on the 好差评 scale. */
  rating: z.number().int().min(1).max(5).optional(),
  note: text(2000).optional(),
});
export type TicketStepBody = z.input<typeof ticketStepBody>;

export const ticketListQuery = listQuery(['requestedOn', 'ticketNo']).extend({
  status: z.enum(TICKET_STATUSES).optional(),
  projectId: id.optional(),
  mine: z.enum(['true', 'false']).optional(),
});

export const ticketItem = z.object({
  id,
  ticketNo: z.string(),
  project: z.object({ id, name: z.string(), internalNo: z.string(), regionName: z.string() }),
  kind: z.enum(TICKET_KINDS),
  items: z.array(z.string()),
  description: z.string(),
  status: z.enum(TICKET_STATUSES),
  requestedOn: z.string(),
  acceptedOn: z.string().nullable(),
  helperName: z.string().nullable(),
  doneOn: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingNote: z.string().nullable(),
  rerating: z.number().int().nullable(),
  closedOn: z.string().nullable(),
  deadlines: z.object({
    acceptBy: z.string(),
    noticeBy: z.string().nullable(),
    callbackBy: z.string().nullable(),
    rectifyBy: z.string().nullable(),
  }),
  version: z.number().int(),
});
export type TicketItem = z.infer<typeof ticketItem>;
export const ticketListResponse = listResponse(ticketItem);

export const ticketResponse = z.object({
  ticket: ticketItem,
  events: z.array(
    z.object({
      at: z.string(),
      actorName: z.string(),
      step: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  can: z.record(z.enum(TICKET_STEP_NAMES as [TicketStep, ...TicketStep[]]), z.boolean()),
  /** 一次性告知单: the project's approval items still to do, with their department and promised time. */
  notice: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      deptKind: z.string(),
      status: z.string(),
      promisedDays: z.number().int().nullable(),
      dueOn: z.string().nullable(),
    }),
  ),
});
export type TicketResponse = z.infer<typeof ticketResponse>;

export const ticketKpiQuery = z.strictObject({ by: z.enum(['helper', 'region']).default('region') });
export const ticketKpiResponse = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      tickets: z.number().int(),
      open: z.number().int(),
      rated: z.number().int(),
      /** 满意率, e.g. "83.3%"; null when nothing was rated. */
      satisfaction: z.string().nullable(),
      poor: z.number().int(),
    }),
  ),
});
