import {
  ESCALATION_LEVELS,
  PROBLEM_CATEGORIES,
  PROBLEM_COMPLEXITIES,
  PROBLEM_SOURCES,
  PROBLEM_STATUSES,
  PROBLEM_STEP_NAMES,
  type ProblemStep,
} from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

// Problems (问题清单) and 督办: raising a problem on a project, the list of a scope, one problem with its
// history and the steps the caller may take, and the KPIs per lead unit and per 板块.

const id = z.string().uuid();
const text = (max: number) => z.string().trim().max(max);

export const raiseProblemBody = z.strictObject({
  projectId: id,
  source: z.enum(PROBLEM_SOURCES),
  /** What it was raised from (a report's month, a ticket's or a meeting's id). */
  sourceRef: text(100).nullable().optional(),
  category: z.enum(PROBLEM_CATEGORIES),
  title: text(100).min(2, { message: '问题标题至少2个字' }),
  description: text(2000).min(1, { message: '请描述问题' }),
  needsPolicy: z.boolean().default(false),
});
export type RaiseProblemBody = z.input<typeof raiseProblemBody>;

export const problemStepBody = z.strictObject({
  step: z.enum(PROBLEM_STEP_NAMES as [ProblemStep, ...ProblemStep[]]),
  version: rowVersion,
  /** 交办: the lead unit, the co-units, the complexity (default time limit) or the working days given. */
  leadOrgId: id.optional(),
  coOrgIds: z.array(id).max(10).optional(),
  complexity: z.enum(PROBLEM_COMPLEXITIES).optional(),
  limitWorkingDays: z.number().int().min(1).max(120).optional(),
  /** 申请延期: the new time limit asked for. */
  requestedDueOn: z.iso.date().optional(),
  /** 办理情况, the reason of an extension or a return, the resolution. */
  note: text(2000).optional(),
  /** 办结: the evidence (the project's attachments). */
  evidenceIds: z.array(id).max(20).optional(),
});
export type ProblemStepBody = z.input<typeof problemStepBody>;

export const problemListQuery = listQuery(['raisedOn', 'dueOn', 'problemNo']).extend({
  status: z.enum([...PROBLEM_STATUSES, 'open']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  regionId: id.optional(),
  projectId: id.optional(),
  leadOrgId: id.optional(),
  category: z.enum(PROBLEM_CATEGORIES).optional(),
  level: z.enum(ESCALATION_LEVELS).optional(),
  /** Only those the caller's unit leads or co-handles. */
  mine: z.enum(['true', 'false']).optional(),
  q: text(100).optional(),
});

const org = z.object({ id, name: z.string() });

export const problemItem = z.object({
  id,
  problemNo: z.string(),
  project: z.object({ id, name: z.string(), internalNo: z.string(), regionName: z.string() }),
  source: z.enum(PROBLEM_SOURCES),
  sourceRef: z.string().nullable(),
  category: z.enum(PROBLEM_CATEGORIES),
  title: z.string(),
  description: z.string(),
  raisedOn: z.string(),
  status: z.enum(PROBLEM_STATUSES),
  complexity: z.enum(PROBLEM_COMPLEXITIES).nullable(),
  leadOrg: org.nullable(),
  coOrgs: z.array(org),
  limitWorkingDays: z.number().int().nullable(),
  assignedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  originalDueOn: z.string().nullable(),
  requestedDueOn: z.string().nullable(),
  extensionReason: z.string().nullable(),
  level: z.enum(ESCALATION_LEVELS),
  levelSince: z.string(),
  supervisedOn: z.string().nullable(),
  /** Working days past the time limit while being worked (0 when not overdue). */
  overdueWorkingDays: z.number().int(),
  needsPolicy: z.boolean(),
  resolvedOn: z.string().nullable(),
  resolution: z.string().nullable(),
  evidence: z.array(z.object({ id, fileName: z.string() })),
  closedOn: z.string().nullable(),
  closedHow: z.enum(['enterprise', 'verified']).nullable(),
  version: z.number().int(),
});
export type ProblemItem = z.infer<typeof problemItem>;

export const problemListResponse = listResponse(problemItem);

export const problemEvent = z.object({
  at: z.string(),
  actorName: z.string(),
  orgName: z.string().nullable(),
  step: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
});

export const problemResponse = z.object({
  problem: problemItem,
  events: z.array(problemEvent),
  can: z.record(z.enum(PROBLEM_STEP_NAMES as [ProblemStep, ...ProblemStep[]]), z.boolean()),
  /** Whether a 督办函 may be downloaded (the problem is or was under 督办). */
  letter: z.boolean(),
  /** The default time limits, for the 交办 form. */
  limits: z.object({
    simple: z.number().int(),
    normal: z.number().int(),
    complex: z.number().int(),
    co: z.number().int(),
  }),
});
export type ProblemResponse = z.infer<typeof problemResponse>;

export const problemKpiQuery = z.strictObject({ by: z.enum(['unit', 'region']).default('unit') });
export const problemKpiResponse = z.object({
  asOf: z.string(),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      assigned: z.number().int(),
      closed: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
      /** 办结率, e.g. "66.7%"; null when nothing was assigned. */
      closeRate: z.string().nullable(),
      averageWorkingDaysToClose: z.number().nullable(),
    }),
  ),
});

/** Units a problem may be assigned to (the district's departments and 板块 offices). */
export const problemUnitsResponse = z.object({
  items: z.array(z.object({ id, name: z.string(), kind: z.string() })),
});
