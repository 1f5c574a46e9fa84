import { LIBRARY_LEVELS } from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

// Statistics of a scope and period (领导驾驶舱, 简报): the §8.1 figures with what they were computed from,
// the scope's child regions ranked, and the filters of the project list that shows the projects behind
// each number.

const id = z.string().uuid();

export const statsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** The last month of the period (1–12): 序时 counts the months to it. Default: the last closed month. */
  month: z.coerce.number().int().min(1).max(12).optional(),
  /** A region within the caller's scope; default: the caller's own (one region) or the whole scope. */
  regionId: id.optional(),
});
export type StatsQuery = z.input<typeof statsQuery>;

/** A number with what it was computed from; rate is null when there is no denominator. */
const measure = z.object({ value: z.number(), of: z.number().nullable(), rate: z.number().nullable() });
export type Measure = z.infer<typeof measure>;

export const tierStats = z.object({
  level: z.enum(LIBRARY_LEVELS),
  projects: z.number().int(),
  /** Σ 自年初累计 (counted reports to the period's month) of Σ 年度计划投资 (the approved annual plan). */
  investment: measure,
  /** 超(低于)序时 in 个百分点, from the unrounded rate; null without a plan. */
  gapPoints: z.number().nullable(),
  /** New-build projects started to the period's end, of those planned to start this year. */
  starts: measure,
  completions: measure,
  /** New entries into this level's library in the period, of the year's target. */
  entries: measure,
});
export type TierStats = z.infer<typeof tierStats>;

export const childStats = z.object({
  regionId: id,
  regionName: z.string(),
  projects: z.number().int(),
  investment: measure,
  starts: measure,
  entries: measure,
  problems: measure,
  ranks: z.object({
    investment: z.number().int(),
    starts: z.number().int(),
    entries: z.number().int(),
    problems: z.number().int(),
    composite: z.number().int(),
  }),
  composite: z.object({
    score: z.number(),
    parts: z.array(
      z.object({ metric: z.string(), rate: z.number().nullable(), weight: z.number(), points: z.number() }),
    ),
  }),
});
export type ChildStats = z.infer<typeof childStats>;

export const statsOverviewResponse = z.object({
  year: z.number().int(),
  month: z.number().int(),
  region: z.object({ id, name: z.string(), level: z.string() }),
  /** 序时进度: months to the period's end ÷ 12. */
  schedule: z.number(),
  tiers: z.array(tierStats),
  /** Every project of the scope with a line in the approved annual plan. */
  investment: measure,
  plannedProjects: z.number().int(),
  /**
   * The region's targets of the year (年度目标, set by 区发改) against what was done to the period's end:
   * 年度完成投资 (Σ 自年初累计 of every project), 新开工 and 竣工 (projects), new entries per level.
   * target null: not set.
   */
  targets: z.array(
    z.object({
      metric: z.enum([
        'annual_investment',
        'new_starts',
        'completions',
        'library_province',
        'library_city',
        'library_district',
      ]),
      actual: z.number(),
      target: z.number().nullable(),
      rate: z.number().nullable(),
    }),
  ),
  gapPoints: z.number().nullable(),
  /** Cumulative 完成投资 by month of the year, to the period's month, and the plan. */
  investmentByMonth: z.array(
    z.object({ month: z.number().int(), monthYuan: z.number(), cumulativeYuan: z.number() }),
  ),
  lights: z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int() }),
  /** The closed month whose official lights these are; null: today's lights (the month is not closed). */
  lightsMonth: z.string().nullable(),
  problems: measure,
  satisfaction: measure,
  /** The lifecycle funnel: projects of the scope by stage reached. */
  funnel: z.array(
    z.object({ stage: z.string(), label: z.string(), count: z.number().int(), states: z.array(z.string()) }),
  ),
  children: z.array(childStats),
  /** What the composite score weighs. */
  weights: z.record(z.string(), z.number()),
  /** When these figures were computed (they are served for a short while, see STATS_CACHE_SECONDS). */
  computedAt: z.string(),
});
export type StatsOverview = z.infer<typeof statsOverviewResponse>;

export const briefingResponse = z.object({
  title: z.string(),
  paragraphs: z.array(z.string()),
  /** Red-light projects of the period in all; `redList` is the first of them. */
  redTotal: z.number().int(),
  redList: z.array(
    z.object({ projectId: id, name: z.string(), regionName: z.string(), explanation: z.string() }),
  ),
  problems: z.array(
    z.object({
      id,
      problemNo: z.string(),
      title: z.string(),
      projectName: z.string(),
      dueOn: z.string().nullable(),
    }),
  ),
});
export type Briefing = z.infer<typeof briefingResponse>;

/** Where a region stands among its siblings on new library entries of a level ("列全市第一"). */
export const siblingRankQuery = statsQuery.extend({
  level: z.enum(['province', 'city', 'district']).default('city'),
});

export const siblingRankResponse = z.object({
  region: z.object({ id, name: z.string() }),
  /** 全市, 全区 or 全省: the parent the siblings share. */
  among: z.string(),
  level: z.enum(['province', 'city', 'district']),
  /** The region's own count in the period. */
  value: z.number().int(),
  /** Competition rank among the siblings with projects on the platform; null when fewer than two have. */
  rank: z.number().int().nullable(),
  tied: z.boolean(),
  /** Siblings compared (those with projects on the platform), the region included. */
  compared: z.number().int(),
  /** The phrase a briefing uses, e.g. "列全市第一"; null without a rank. */
  text: z.string().nullable(),
});
export type SiblingRank = z.infer<typeof siblingRankResponse>;

export const BRIEFING_STATUS_LABELS = { draft: '草稿', issued: '已印发' } as const;

/** Generate a briefing of a scope and period and keep it as a draft. */
export const createBriefingBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12),
  regionId: id.optional(),
});

const paragraph = z.string().trim().min(1, '段落不能为空').max(4000, '段落不超过 4000 字');

/** A draft's text as edited before it is issued. */
export const updateBriefingBody = z.strictObject({
  version: rowVersion,
  title: z.string().trim().min(1, '请填写标题').max(200, '标题不超过 200 字'),
  paragraphs: z.array(paragraph).min(1, '简报至少一段').max(50, '简报不超过 50 段'),
});

export const issueBriefingBody = z.strictObject({ version: rowVersion });

export const briefingListQuery = listQuery(['createdAt', 'period'] as const).extend({
  regionId: id.optional(),
  status: z.enum(['draft', 'issued']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const briefingSummary = z.object({
  id,
  regionId: id,
  regionName: z.string(),
  year: z.number().int(),
  month: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'issued']),
  /** 第N期 of the year it was issued in. */
  issueYear: z.number().int().nullable(),
  issueNo: z.number().int().nullable(),
  issuedAt: z.string().nullable(),
  issuedByName: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  computedAt: z.string(),
  version: z.number().int(),
});
export type BriefingSummary = z.infer<typeof briefingSummary>;

export const briefingListResponse = listResponse(briefingSummary);

/**
 * The figures a kept briefing was computed from, read leniently: an issued briefing outlives changes of the
 * overview's shape, so only what its page and .docx show is required, and the rest passes through.
 */
export const briefingSnapshot = statsOverviewResponse
  .pick({
    year: true,
    month: true,
    region: true,
    schedule: true,
    tiers: true,
    children: true,
    computedAt: true,
  })
  .loose();

export const savedBriefingResponse = briefingSummary.extend({
  paragraphs: z.array(z.string()),
  redTotal: z.number().int(),
  redList: briefingResponse.shape.redList,
  problems: briefingResponse.shape.problems,
  /** The figures the text was computed from, as they stood then. */
  snapshot: briefingSnapshot,
  /** Whether the caller may edit and issue it. */
  canEdit: z.boolean(),
});
export type SavedBriefing = z.infer<typeof savedBriefingResponse>;
export type CreateBriefingBody = z.input<typeof createBriefingBody>;
export type UpdateBriefingBody = z.input<typeof updateBriefingBody>;
