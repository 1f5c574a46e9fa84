import { MEETING_STATUSES, MEETING_TYPES, PROBLEM_CATEGORIES, PROBLEM_STATUSES } from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

// Dispatch meetings (调度会): the list of a scope, a meeting with its agenda (drawn automatically, then
// edited), its decisions (each a problem) and how the previous meeting's decisions stand.

const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);

export const agendaItem = z.object({
  projectId: id,
  reason: text(2000),
  light: z.enum(['green', 'yellow', 'red']).nullable(),
  problemIds: z.array(id).max(50),
  manual: z.boolean(),
});

export const createMeetingBody = z.strictObject({
  type: z.enum(MEETING_TYPES),
  title: text(100).min(2, { message: '会议名称至少2个字' }),
  heldOn: z.iso.date(),
  chair: text(50).min(1, { message: '请填写主持人' }),
  unitIds: z.array(id).max(40).default([]),
  /** The district or the 板块 whose projects it reviews; the caller's own scope by default. */
  regionId: id.optional(),
});

export type CreateMeetingBody = z.input<typeof createMeetingBody>;

export const updateMeetingBody = z.strictObject({
  version: rowVersion,
  title: text(100).min(2).optional(),
  heldOn: z.iso.date().optional(),
  chair: text(50).min(1).optional(),
  unitIds: z.array(id).max(40).optional(),
  agenda: z.array(agendaItem).max(300).optional(),
  minutes: text(20000).nullable().optional(),
  status: z.enum(MEETING_STATUSES).optional(),
});

export type UpdateMeetingBody = z.input<typeof updateMeetingBody>;

export const meetingDecisionBody = z.strictObject({
  version: rowVersion,
  text: text(1000).min(2, { message: '请填写议定事项' }),
  projectId: id,
  /** Updates this problem (new lead unit and time limit) instead of raising a new one. */
  problemId: id.optional(),
  category: z.enum(PROBLEM_CATEGORIES).default('other'),
  leadOrgId: id,
  coOrgIds: z.array(id).max(10).default([]),
  limitWorkingDays: z.number().int().min(1).max(120),
});

export type MeetingDecisionBody = z.input<typeof meetingDecisionBody>;

export const meetingListQuery = listQuery(['heldOn']).extend({ type: z.enum(MEETING_TYPES).optional() });

export const meetingListItem = z.object({
  id,
  type: z.enum(MEETING_TYPES),
  title: z.string(),
  heldOn: z.string(),
  chair: z.string(),
  regionName: z.string(),
  status: z.enum(MEETING_STATUSES),
  agendaCount: z.number().int(),
  decisionCount: z.number().int(),
});
export const meetingListResponse = listResponse(meetingListItem);

const decisionView = z.object({
  id,
  text: z.string(),
  project: z.object({ id, name: z.string() }),
  createdProblem: z.boolean(),
  problem: z.object({
    id,
    problemNo: z.string(),
    status: z.enum(PROBLEM_STATUSES),
    leadOrgName: z.string().nullable(),
    dueOn: z.string().nullable(),
    overdueWorkingDays: z.number().int(),
  }),
});

export const meetingResponse = z.object({
  meeting: z.object({
    id,
    type: z.enum(MEETING_TYPES),
    title: z.string(),
    heldOn: z.string(),
    chair: z.string(),
    units: z.array(z.object({ id, name: z.string() })),
    regionId: id,
    regionName: z.string(),
    status: z.enum(MEETING_STATUSES),
    minutes: z.string().nullable(),
    version: z.number().int(),
  }),
  agenda: z.array(
    agendaItem.extend({
      project: z.object({ id, name: z.string(), internalNo: z.string(), regionName: z.string() }),
      problems: z.array(
        z.object({ id, problemNo: z.string(), title: z.string(), status: z.enum(PROBLEM_STATUSES) }),
      ),
    }),
  ),
  decisions: z.array(decisionView),
  /** The previous meeting of the same kind and scope, and how its decisions stand now. */
  previous: z
    .object({ id, title: z.string(), heldOn: z.string(), decisions: z.array(decisionView) })
    .nullable(),
  canEdit: z.boolean(),
});
export type MeetingResponse = z.infer<typeof meetingResponse>;
export const meetingDecisionResponse = meetingResponse.extend({ problemId: id });
