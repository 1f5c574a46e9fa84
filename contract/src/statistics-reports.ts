import { z } from 'zod';
import { statsQuery } from './statistics';

// The standard reports (Excel) the offices exchange, for the same scope and period as the statistics
// overview: 重大项目月度推进表 of one library level, 板块汇总表, 问题台账.

/** The three tiers of the 推进表 (the 亿元库 is not a tier of the statistics). */
export const STATS_REPORT_LEVELS = ['province', 'city', 'district'] as const;

export const statsReportQuery = statsQuery.extend({
  /** The library level of the 推进表 (required there); the 板块汇总表 and the 问题台账 ignore it. */
  level: z.enum(STATS_REPORT_LEVELS).optional(),
});
export type StatsReportQuery = z.input<typeof statsReportQuery>;

/** The metrics the composite score (综合得分) weighs, by the keys of its weights and parts. */
export const COMPOSITE_METRIC_LABELS: Record<string, string> = {
  investment: '投资完成率',
  start: '开工率',
  entry: '入库完成率',
  problems: '问题办结率',
};
