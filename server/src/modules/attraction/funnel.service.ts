import { type FunnelResponse, LEAD_SOURCE_LABELS, type LeadSource } from '@groundbreak/contract';
import { funnelOf, type StateHistory } from '@groundbreak/domain';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { Principal } from '../registry';
import { leadInScope } from './leads.repository';

// The funnel: the projects in scope that began as a lead (first state 招商线索 or 在谈), registered within
// the period, with how far each got, grouped by 板块 or by 招商来源.

export async function funnel(
  db: Db,
  principal: Principal,
  query: { from?: string | undefined; to?: string | undefined; groupBy: 'region' | 'source' },
): Promise<FunnelResponse> {
  const { rows } = await db.execute<{
    id: string;
    region_name: string;
    source: string | null;
    states: string[];
    days: string[];
  }>(sql`
    WITH changes AS (
      SELECT c.project_id, c.to_state, ((c.at AT TIME ZONE 'Asia/Shanghai')::date)::text AS on_day, c.at, c.id
        FROM project_state_changes c),
    firsts AS (
      SELECT DISTINCT ON (project_id) project_id, to_state, on_day FROM changes ORDER BY project_id, at, id)
    SELECT projects.id, r.name AS region_name, COALESCE(lp.source, projects.source) AS source,
           array_agg(ch.to_state ORDER BY ch.at, ch.id) AS states,
           array_agg(ch.on_day ORDER BY ch.at, ch.id) AS days
      FROM projects
      JOIN firsts f ON f.project_id = projects.id AND f.to_state IN ('LEAD', 'NEGOTIATING')
      JOIN regions r ON r.id = projects.region_id
      LEFT JOIN lead_profiles lp ON lp.project_id = projects.id
      JOIN changes ch ON ch.project_id = projects.id
     WHERE projects.deleted_at IS NULL AND lp.merged_into_project_id IS NULL AND ${leadInScope(principal)}
       ${query.from ? sql`AND f.on_day >= ${query.from}` : sql``}
       ${query.to ? sql`AND f.on_day <= ${query.to}` : sql``}
     GROUP BY projects.id, r.name, lp.source, projects.source`);
  const history = (r: (typeof rows)[number]): StateHistory =>
    r.states.map((toState, i) => ({ toState, on: r.days[i] as string }));
  const groups = new Map<string, { label: string; histories: StateHistory[] }>();
  for (const r of rows) {
    const key = query.groupBy === 'region' ? r.region_name : (r.source ?? 'unknown');
    const label =
      query.groupBy === 'region' ? r.region_name : (LEAD_SOURCE_LABELS[r.source as LeadSource] ?? '未填写');
    const group = groups.get(key) ?? { label, histories: [] };
    group.histories.push(history(r));
    groups.set(key, group);
  }
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    groupBy: query.groupBy,
    total: { key: 'total', label: '合计', ...funnelOf(rows.map(history)) },
    groups: [...groups.entries()]
      .map(([key, g]) => ({ key, label: g.label, ...funnelOf(g.histories) }))
      .sort((a, b) => b.counts.LEAD - a.counts.LEAD || a.label.localeCompare(b.label, 'zh')),
  };
}
