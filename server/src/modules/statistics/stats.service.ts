import type {
  Briefing,
  ChildStats,
  Measure,
  SiblingRank,
  StatsOverview,
  siblingRankQuery,
  statsQuery,
  TierStats,
} from '@groundbreak/contract';
import {
  amongOf,
  childLibraryLevel,
  competitionRanks,
  compositeScore,
  DEFAULT_COMPOSITE_WEIGHTS,
  formatDecimal,
  formatPercentOf,
  type LibraryLevel,
  lastClosedMonth,
  lastDayOf,
  periodText,
  quarterSentence,
  rankText,
  ratio,
  redListText,
  scheduleGapPoints,
  scheduleProgress,
  scheduleSentence,
  targetsSentence,
} from '@groundbreak/domain';
import { and, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database } from '../../db/database';
import { statsSnapshots } from '../../db/schema/index';
import { AppError } from '../../errors';
import { completingSql, startCategorySql } from '../projects/projects.repository';
import type { Principal } from '../registry';

// The statistics of a scope and period (domain.md §8.1), computed set-wise in PostgreSQL: per tier (省重大,
// 市重大, 区重点) the projects, 完成投资 of the approved annual plan, 开工率, 竣工率 and new library entries
// against the year's targets; the light distribution, 问题办结率, 满意率, the lifecycle funnel, investment by
// month; and every child region (the 板块 of a district, the districts of a city) with the same figures
// ranked competitively and on the composite score. Tiers and yearly categories are read as the project
// list reads them (the year's library membership, the derived start category), so a chart's number is the
// count of the list it drills down to. 完成投资 counts reports once submitted, month by month to the period's end.

const TIERS: readonly LibraryLevel[] = ['province', 'city', 'district'];
/**
 * The overview's shape: raised whenever StatsOverview changes, so that a stored snapshot of an older
 * shape (another instance mid-deploy, or from before the change) is computed again, never served.
 */
export const STATS_SHAPE = 2;
const COUNTED = `('submitted','subarea_reviewed','confirmed')`;
const FUNNEL: { stage: string; label: string; states: string[] }[] = (() => {
  const main = [
    'LEAD',
    'NEGOTIATING',
    'SIGNED',
    'FILED',
    'LAND_PREP',
    'LAND_SUPPLIED',
    'APPROVING',
    'STARTED',
    'COMPLETED',
    'IN_PRODUCTION',
    'AT_TARGET',
    'POST_EVALUATED',
  ];
  const from = (state: string) => main.slice(main.indexOf(state));
  return [
    { stage: 'lead', label: '招商线索', states: from('LEAD') },
    { stage: 'signed', label: '签约', states: from('SIGNED') },
    { stage: 'filed', label: '入库备案', states: from('FILED') },
    { stage: 'land', label: '供地', states: from('LAND_SUPPLIED') },
    { stage: 'started', label: '开工', states: from('STARTED') },
    { stage: 'completed', label: '竣工', states: from('COMPLETED') },
    { stage: 'production', label: '投产', states: from('IN_PRODUCTION') },
  ];
})();

type Row = Record<string, string | number | null>;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const measure = (value: number, of: number | null): Measure => ({
  value,
  of,
  rate: of === null ? null : ratio(value, of),
});

export function createStatsService(deps: { database: Database; clock: Clock; cacheSeconds: number }) {
  const { db } = deps.database;

  /** The region the figures are for: the asked one within the caller's scope, else the caller's own. */
  async function regionOf(principal: Principal, regionId: string | undefined) {
    if (principal.roles.length === 1 && principal.roles[0] === 'enterprise') {
      throw new AppError('FORBIDDEN', '统计分析面向政府部门；企业请在项目页查看本企业项目');
    }
    const wanted =
      regionId ?? (principal.regionScopeIds.length === 1 ? principal.regionScopeIds[0] : undefined);
    if (!wanted)
      throw new AppError('VALIDATION_FAILED', '请选择统计范围', {
        fields: [{ field: 'regionId', message: '请选择统计范围' }],
      });
    const { rows } = await db.execute<{ id: string; name: string; level: string; path: string }>(sql`
      SELECT id::text, name, level, path FROM regions WHERE id = ${wanted}::uuid AND deleted_at IS NULL`);
    const region = rows[0];
    if (!region || !principal.scopePaths.some((p) => region.path.startsWith(p)))
      throw new AppError('NOT_FOUND', '统计范围不存在或无权访问');
    return region;
  }

  function period(query: z.output<typeof statsQuery>) {
    const today = shanghaiDate(deps.clock.now());
    const closed = lastClosedMonth(today);
    const year = query.year ?? Number(today.slice(0, 4));
    const defaultMonth =
      Number(closed.slice(0, 4)) === year
        ? Number(closed.slice(5, 7))
        : Number(closed.slice(0, 4)) > year
          ? 12
          : 1;
    const month = query.month ?? defaultMonth;
    const ym = `${year}-${String(month).padStart(2, '0')}`;
    return { year, month, ym, end: lastDayOf(ym), start: `${year}-01-01` };
  }

  type Region = Awaited<ReturnType<typeof regionOf>>;
  type Period = ReturnType<typeof period>;
  const inFlight = new Map<string, Promise<StatsOverview>>();

  /** The overview as the data stands now; stored as the region's and period's snapshot. */
  async function computeLive(region: Region, p: Period): Promise<StatsOverview> {
    const body = await compute(region, p);
    await db
      .insert(statsSnapshots)
      .values({
        regionId: region.id,
        year: p.year,
        month: p.month,
        computedAt: new Date(body.computedAt),
        shape: STATS_SHAPE,
        body,
      })
      .onConflictDoUpdate({
        target: [statsSnapshots.regionId, statsSnapshots.year, statsSnapshots.month],
        set: { computedAt: new Date(body.computedAt), shape: STATS_SHAPE, body },
        // A newer computation wins; a snapshot of another shape is replaced whatever its time.
        setWhere: sql`${statsSnapshots.computedAt} < excluded.computed_at OR ${statsSnapshots.shape} <> excluded.shape`,
      });
    return body;
  }

  async function compute(region: Region, p: Period): Promise<StatsOverview> {
    const computedAt = deps.clock.now().toISOString();
    const { year, month, ym, end, start } = p;
    const schedule = scheduleProgress(month);
    const prefix = `${region.path}%`;
    const tierColumns = (alias: string): SQL =>
      sql.join(
        TIERS.map((t) =>
          sql.raw(`
          count(*) FILTER (WHERE ${alias}.levels @> ARRAY['${t}']) AS ${t}_projects,
          sum(${alias}.plan_yuan) FILTER (WHERE ${alias}.levels @> ARRAY['${t}']) AS ${t}_plan,
          sum(${alias}.ytd_yuan) FILTER (WHERE ${alias}.levels @> ARRAY['${t}'] AND ${alias}.plan_yuan IS NOT NULL) AS ${t}_ytd,
          count(*) FILTER (WHERE ${alias}.levels @> ARRAY['${t}'] AND ${alias}.cat = 'new') AS ${t}_new,
          count(*) FILTER (WHERE ${alias}.levels @> ARRAY['${t}'] AND ${alias}.cat = 'new' AND ${alias}.actual_start_on <= '${end}') AS ${t}_started,
          count(*) FILTER (WHERE ${alias}.levels @> ARRAY['${t}'] AND ${alias}.completing) AS ${t}_completing,
          count(*) FILTER (WHERE ${alias}.levels @> ARRAY['${t}'] AND ${alias}.completing AND ${alias}.actual_completion_on <= '${end}') AS ${t}_completed`),
        ),
        sql`,`,
      );
    // One pass over the scope's projects, grouped by child region (null: directly in the scope's region).
    const { rows: groups } = await db.execute<Row>(sql`
        WITH plan AS (
          SELECT DISTINCT ON (region_id) id FROM annual_plans
           WHERE year = ${year} AND status = 'approved' ORDER BY region_id, version DESC),
        scope AS (SELECT id FROM regions WHERE path LIKE ${prefix}),
        planned AS (
          SELECT i.project_id, sum(i.planned_investment) AS plan_yuan
            FROM annual_plan_items i JOIN plan ON plan.id = i.plan_id
           WHERE i.region_id IN (SELECT id FROM scope) GROUP BY i.project_id),
        done AS (
          SELECT r.project_id, sum(r.month_yuan) AS ytd_yuan FROM monthly_reports r
           WHERE r.deleted_at IS NULL AND r.month BETWEEN ${`${year}-01`} AND ${ym} AND r.status IN ${sql.raw(COUNTED)}
             AND r.region_id IN (SELECT id FROM scope)
           GROUP BY r.project_id),
        children AS (SELECT id, path FROM regions WHERE parent_id = ${region.id}::uuid AND deleted_at IS NULL),
        lib AS (
          SELECT project_id, array_agg(DISTINCT level) AS levels FROM project_libraries
           WHERE year = ${year} AND status = 'entered' AND deleted_at IS NULL GROUP BY project_id),
        p AS (
          SELECT coalesce(lib.levels, '{}') AS levels, projects.actual_start_on, projects.actual_completion_on,
                 ${startCategorySql(year)} AS cat, ${completingSql(year)} AS completing,
                 planned.plan_yuan, done.ytd_yuan,
                 (SELECT c.id FROM children c WHERE rg.path LIKE c.path || '%') AS child_id
            FROM projects
            JOIN regions rg ON rg.id = projects.region_id
            LEFT JOIN planned ON planned.project_id = projects.id
            LEFT JOIN done ON done.project_id = projects.id
            LEFT JOIN lib ON lib.project_id = projects.id
           WHERE projects.deleted_at IS NULL AND rg.path LIKE ${prefix})
        SELECT p.child_id::text AS child_id, count(*) AS projects,
               count(*) FILTER (WHERE p.plan_yuan IS NOT NULL) AS planned,
               sum(p.plan_yuan) AS plan, sum(p.ytd_yuan) FILTER (WHERE p.plan_yuan IS NOT NULL) AS ytd,
               count(*) FILTER (WHERE p.cat = 'new') AS new_build,
               count(*) FILTER (WHERE p.cat = 'new' AND p.actual_start_on <= ${end}::date) AS started_new,
               count(*) FILTER (WHERE p.completing AND p.actual_completion_on <= ${end}::date) AS completed,
               sum(p.ytd_yuan) AS ytd_all,
               ${tierColumns('p')}
          FROM p GROUP BY p.child_id`);

    const { rows: entryRows } = await db.execute<Row>(sql`
        WITH children AS (SELECT id, path FROM regions WHERE parent_id = ${region.id}::uuid AND deleted_at IS NULL)
        SELECT (SELECT c.id FROM children c WHERE rg.path LIKE c.path || '%')::text AS child_id, l.level, count(*) AS n
          FROM project_libraries l
          JOIN projects ON projects.id = l.project_id AND projects.deleted_at IS NULL
          JOIN regions rg ON rg.id = projects.region_id
         WHERE l.status = 'entered' AND l.deleted_at IS NULL AND l.entered_on BETWEEN ${start}::date AND ${end}::date
           AND rg.path LIKE ${prefix}
         GROUP BY 1, 2`);

    const { rows: targetRows } = await db.execute<{ region_id: string; metric: string; value: string }>(sql`
        SELECT region_id::text, metric, value::text FROM targets
         WHERE year = ${year} AND deleted_at IS NULL
           AND (region_id = ${region.id}::uuid OR region_id IN (SELECT id FROM regions WHERE parent_id = ${region.id}::uuid))`);

    const { rows: problemRows } = await db.execute<Row>(sql`
        WITH children AS (SELECT id, path FROM regions WHERE parent_id = ${region.id}::uuid AND deleted_at IS NULL)
        SELECT (SELECT c.id FROM children c WHERE rg.path LIKE c.path || '%')::text AS child_id,
               count(*) AS assigned, count(*) FILTER (WHERE pr.status = 'closed') AS closed
          FROM problems pr JOIN regions rg ON rg.id = pr.region_id
         WHERE pr.deleted_at IS NULL AND pr.assigned_on BETWEEN ${start}::date AND ${end}::date AND rg.path LIKE ${prefix}
         GROUP BY 1`);

    // The lights of the period: its month's official lights once that month was closed, else today's.
    const { rows: frozen } = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM tracking_months WHERE month = ${ym}`,
    );
    const lightsMonth = (frozen[0]?.n ?? 0) > 0 ? ym : null;
    const [lightRow] = (
      await db.execute<Row>(sql`
          SELECT count(*) FILTER (WHERE l.light = 'red') AS red, count(*) FILTER (WHERE l.light = 'yellow') AS yellow,
                 count(*) FILTER (WHERE l.light = 'green') AS green
            FROM ${lightsMonth ? sql`project_light_months` : sql`project_lights`} l JOIN regions rg ON rg.id = l.region_id
           WHERE rg.path LIKE ${prefix} ${lightsMonth ? sql`AND l.month = ${lightsMonth}` : sql``}`)
    ).rows;

    const [ticketRow] = (
      await db.execute<Row>(sql`
          SELECT count(*) FILTER (WHERE coalesce(t.rerating, t.rating) >= 4) AS satisfied, count(t.rating) AS rated
            FROM service_tickets t JOIN regions rg ON rg.id = t.region_id
           WHERE t.rated_on BETWEEN ${start}::date AND ${end}::date AND rg.path LIKE ${prefix}`)
    ).rows;

    const { rows: monthRows } = await db.execute<Row>(sql`
        WITH plan AS (
          SELECT DISTINCT ON (region_id) id FROM annual_plans
           WHERE year = ${year} AND status = 'approved' ORDER BY region_id, version DESC)
        SELECT right(r.month, 2)::int AS month, sum(r.month_yuan) AS yuan
          FROM monthly_reports r JOIN regions rg ON rg.id = r.region_id
         WHERE r.deleted_at IS NULL AND r.month BETWEEN ${`${year}-01`} AND ${ym} AND r.status IN ${sql.raw(COUNTED)}
           AND rg.path LIKE ${prefix}
           AND r.project_id IN (SELECT i.project_id FROM annual_plan_items i JOIN plan ON plan.id = i.plan_id)
         GROUP BY 1 ORDER BY 1`);

    const { rows: stateRows } = await db.execute<{ state: string; n: string }>(sql`
        SELECT projects.state, count(*)::text AS n FROM projects JOIN regions rg ON rg.id = projects.region_id
         WHERE projects.deleted_at IS NULL AND rg.path LIKE ${prefix} GROUP BY 1`);

    const { rows: childRegions } = await db.execute<{ id: string; name: string }>(sql`
        SELECT id::text, name FROM regions WHERE parent_id = ${region.id}::uuid AND deleted_at IS NULL
         ORDER BY sort_order, code`);

    // Sums over the groups: the scope's totals, or one child's.
    const sum = (rows: Row[], key: string) => rows.reduce((s, r) => s + num(r[key]), 0);
    const targetOf = (regionId: string, metric: string) => {
      const t = targetRows.find((r) => r.region_id === regionId && r.metric === metric);
      return t ? Number(t.value) : null;
    };
    const entriesOf = (rows: Row[], level: string) =>
      rows.filter((r) => r.level === level).reduce((s, r) => s + num(r.n), 0);

    const tiers: TierStats[] = TIERS.map((t) => {
      const plan = sum(groups, `${t}_plan`);
      const invest = measure(sum(groups, `${t}_ytd`), plan > 0 ? plan : null);
      return {
        level: t,
        projects: sum(groups, `${t}_projects`),
        investment: invest,
        gapPoints: invest.rate === null ? null : scheduleGapPoints(invest.rate, schedule),
        starts: measure(sum(groups, `${t}_started`), sum(groups, `${t}_new`)),
        completions: measure(sum(groups, `${t}_completed`), sum(groups, `${t}_completing`)),
        entries: measure(entriesOf(entryRows, t), targetOf(region.id, `library_${t}`)),
      };
    });
    const totalPlan = sum(groups, 'plan');
    /** A target of the scope's region for the year, against what was done to the period's end. */
    const target = (metric: StatsOverview['targets'][number]['metric'], actual: number) => {
      const of = targetOf(region.id, metric);
      return { metric, actual, target: of, rate: of === null || of <= 0 ? null : ratio(actual, of) };
    };
    const investment = measure(sum(groups, 'ytd'), totalPlan > 0 ? totalPlan : null);

    // A district's 板块 are measured on 区重点 entries, a city's districts on 市重大, a province's cities on 省重大.
    const childLevel = childLibraryLevel(region.level);
    const children = childRegions.map((c) => {
      const own = groups.filter((g) => g.child_id === c.id);
      const plan = sum(own, 'plan');
      return {
        regionId: c.id,
        regionName: c.name,
        projects: sum(own, 'projects'),
        investment: measure(sum(own, 'ytd'), plan > 0 ? plan : null),
        starts: measure(sum(own, 'started_new'), sum(own, 'new_build')),
        entries: measure(
          entriesOf(
            entryRows.filter((r) => r.child_id === c.id),
            childLevel,
          ),
          targetOf(c.id, `library_${childLevel}`),
        ),
        problems: measure(
          sum(
            problemRows.filter((r) => r.child_id === c.id),
            'closed',
          ),
          sum(
            problemRows.filter((r) => r.child_id === c.id),
            'assigned',
          ),
        ),
      };
    });
    const rankBy = (pick: (c: (typeof children)[number]) => number | null) =>
      competitionRanks(children.map((c) => ({ key: c.regionId, value: pick(c) })));
    const composites = new Map(
      children.map((c) => [
        c.regionId,
        compositeScore({
          investment: c.investment.rate,
          start: c.starts.rate,
          entry: c.entries.rate,
          problems: c.problems.rate,
        }),
      ]),
    );
    const ranks = {
      investment: rankBy((c) => c.investment.rate),
      starts: rankBy((c) => c.starts.rate),
      entries: rankBy((c) => c.entries.rate),
      problems: rankBy((c) => c.problems.rate),
      // Ranked on the score as shown (one decimal): 49.96 and 50.0 both read 50.0分 and share a rank.
      composite: rankBy((c) => {
        const score = composites.get(c.regionId)?.score;
        return score === undefined ? null : Math.round(score * 10) / 10;
      }),
    };
    const ranked: ChildStats[] = children.map((c) => ({
      ...c,
      ranks: {
        investment: ranks.investment.get(c.regionId) ?? 0,
        starts: ranks.starts.get(c.regionId) ?? 0,
        entries: ranks.entries.get(c.regionId) ?? 0,
        problems: ranks.problems.get(c.regionId) ?? 0,
        composite: ranks.composite.get(c.regionId) ?? 0,
      },
      composite: composites.get(c.regionId) ?? { score: 0, parts: [] },
    }));

    let running = 0;
    const byMonth = new Map(monthRows.map((r) => [num(r.month), num(r.yuan)]));
    const investmentByMonth = Array.from({ length: month }, (_, i) => {
      const monthYuan = byMonth.get(i + 1) ?? 0;
      running += monthYuan;
      return { month: i + 1, monthYuan, cumulativeYuan: running };
    });
    const byState = new Map(stateRows.map((r) => [r.state, Number(r.n)]));

    return {
      year,
      month,
      region: { id: region.id, name: region.name, level: region.level },
      schedule,
      tiers,
      investment,
      plannedProjects: sum(groups, 'planned'),
      targets: [
        target('annual_investment', sum(groups, 'ytd_all')),
        target('new_starts', sum(groups, 'started_new')),
        target('completions', sum(groups, 'completed')),
        ...TIERS.map((t) =>
          target(`library_${t as 'province' | 'city' | 'district'}`, entriesOf(entryRows, t)),
        ),
      ],
      gapPoints: investment.rate === null ? null : scheduleGapPoints(investment.rate, schedule),
      investmentByMonth,
      lights: { red: num(lightRow?.red), yellow: num(lightRow?.yellow), green: num(lightRow?.green) },
      lightsMonth,
      problems: measure(sum(problemRows, 'closed'), sum(problemRows, 'assigned')),
      satisfaction: measure(num(ticketRow?.satisfied), num(ticketRow?.rated)),
      funnel: FUNNEL.map((f) => ({
        ...f,
        count: f.states.reduce((s, st) => s + (byState.get(st) ?? 0), 0),
      })),
      children: ranked,
      weights: { ...DEFAULT_COMPOSITE_WEIGHTS },
      computedAt,
    };
  }

  /**
   * The overview of a scope and period: a snapshot computed within `cacheSeconds` as the text it is stored
   * as, else computed now — once per instance however many ask at the same moment. `live` computes now
   * whatever the snapshot's age (a briefing quotes today's data).
   */
  async function resolve(
    principal: Principal,
    query: z.output<typeof statsQuery>,
    live: boolean,
  ): Promise<{ json: string } | { body: StatsOverview }> {
    const region = await regionOf(principal, query.regionId);
    const p = period(query);
    const key = `${region.id}|${p.year}|${p.month}`;
    if (!live && deps.cacheSeconds > 0) {
      const [hit] = await db
        .select({ json: sql<string>`${statsSnapshots.body}::text` })
        .from(statsSnapshots)
        .where(
          and(
            eq(statsSnapshots.regionId, region.id),
            eq(statsSnapshots.year, p.year),
            eq(statsSnapshots.month, p.month),
            eq(statsSnapshots.shape, STATS_SHAPE),
            gt(statsSnapshots.computedAt, new Date(deps.clock.now().getTime() - deps.cacheSeconds * 1000)),
          ),
        );
      if (hit) return { json: hit.json };
      const running = inFlight.get(key);
      if (running) return { body: await running };
    }
    // A live computation (a briefing's) runs on its own; only cached readers share one in flight.
    if (live) return { body: await computeLive(region, p) };
    const job = computeLive(region, p).finally(() => inFlight.delete(key));
    inFlight.set(key, job);
    return { body: await job };
  }

  return {
    /**
     * The region's place among its siblings (the districts of its city, the 板块 of its district) on new
     * entries into a level's library in the period — the query behind "列全市第一". Only the region's own
     * count and place leave the server, not the siblings' figures (a sanctioned view across scope).
     * Siblings without a project on the platform are not compared; with fewer than two there is no rank.
     */
    async siblingRank(principal: Principal, query: z.output<typeof siblingRankQuery>): Promise<SiblingRank> {
      const region = await regionOf(principal, query.regionId);
      const { start, end } = period(query);
      const { rows } = await db.execute<{
        id: string;
        parent_level: string | null;
        active: boolean;
        n: number;
      }>(sql`
        WITH me AS (SELECT parent_id FROM regions WHERE id = ${region.id}::uuid),
        sib AS (
          SELECT s.id, s.path FROM regions s JOIN me ON s.parent_id = me.parent_id WHERE s.deleted_at IS NULL)
        SELECT sib.id::text,
               (SELECT r.level FROM regions r JOIN me ON r.id = me.parent_id) AS parent_level,
               EXISTS (SELECT 1 FROM projects pr JOIN regions rg ON rg.id = pr.region_id
                        WHERE pr.deleted_at IS NULL AND rg.path LIKE sib.path || '%') AS active,
               (SELECT count(*) FROM project_libraries l
                  JOIN projects pr ON pr.id = l.project_id AND pr.deleted_at IS NULL
                  JOIN regions rg ON rg.id = pr.region_id
                 WHERE l.level = ${query.level} AND l.status = 'entered' AND l.deleted_at IS NULL
                   AND l.entered_on BETWEEN ${start}::date AND ${end}::date
                   AND rg.path LIKE sib.path || '%')::int AS n
          FROM sib`);
      const mine = rows.find((r) => r.id === region.id);
      const compared = rows.filter((r) => r.active || r.id === region.id);
      const among = amongOf(rows[0]?.parent_level ?? '');
      const value = mine?.n ?? 0;
      if (compared.length < 2) {
        return {
          region: { id: region.id, name: region.name },
          among,
          level: query.level,
          value,
          rank: null,
          tied: false,
          compared: compared.length,
          text: null,
        };
      }
      const ranks = competitionRanks(compared.map((r) => ({ key: r.id, value: r.n })));
      const rank = ranks.get(region.id) ?? compared.length;
      const tied = compared.filter((r) => ranks.get(r.id) === rank).length > 1;
      return {
        region: { id: region.id, name: region.name },
        among,
        level: query.level,
        value,
        rank,
        tied,
        compared: compared.length,
        text: rankText({ rank, among, tied }),
      };
    },

    /** The overview as an object (the briefing and the reports compute from it). */
    async overview(
      principal: Principal,
      query: z.output<typeof statsQuery>,
      options: { live?: boolean } = {},
    ): Promise<StatsOverview> {
      const r = await resolve(principal, query, options.live ?? false);
      return 'json' in r ? (JSON.parse(r.json) as StatsOverview) : r.body;
    },

    /**
     * The overview as JSON text for the cockpit's request: a snapshot's stored text is sent as it is,
     * neither parsed nor serialised again (at 20 connections that was most of a cached answer's time).
     */
    async overviewJson(principal: Principal, query: z.output<typeof statsQuery>): Promise<string> {
      const r = await resolve(principal, query, false);
      return 'json' in r ? r.json : JSON.stringify(r.body);
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;

const LEVEL_NAMES: Record<string, string> = { province: '省重大', city: '市重大', district: '区重点' };

/**
 * The briefing (简报) of a scope and period, written from the overview with the sentences of §8.3: the
 * province tier and the library entries (the seed's sentence), the scope's investment against 序时, the
 * district tier against its targets, the 板块 leading the ranking, then the red-light projects and the
 * main open problems. Text only; the screen edits it before it is issued.
 */
export function createBriefingGenerator(deps: { database: Database; stats: StatsService }) {
  const { db } = deps.database;
  return {
    /** The briefing of a scope and period from the data as it stands now, and the figures it quotes. */
    async compose(
      principal: Principal,
      query: z.output<typeof statsQuery>,
    ): Promise<{ briefing: Briefing; overview: StatsOverview }> {
      const o = await deps.stats.overview(principal, query, { live: true });
      const period = periodText(1, o.month, 'quarter');
      const tier = (l: string) => o.tiers.find((t) => t.level === l) as TierStats;
      const province = tier('province');
      const city = tier('city');
      const district = tier('district');
      // "位列全市第一": the region's place among its siblings on new 市重大 entries, when they can be compared.
      const cityRank = await deps.stats.siblingRank(principal, {
        year: o.year,
        month: o.month,
        regionId: o.region.id,
        level: 'city',
      });
      const paragraphs: string[] = [];
      if (province.projects > 0 || city.entries.value > 0 || district.entries.value > 0) {
        paragraphs.push(
          quarterSentence({
            period,
            province: {
              projects: province.projects,
              ytdYuan: province.investment.value,
              annualPlanYuan: province.investment.of ?? 0,
              newBuild: province.starts.of ?? 0,
              startedNew: province.starts.value,
            },
            cityEntries: {
              count: city.entries.value,
              rank:
                cityRank.rank === null
                  ? null
                  : { rank: cityRank.rank, among: cityRank.among, tied: cityRank.tied },
            },
            districtEntries: { count: district.entries.value, target: district.entries.of ?? 0 },
          }),
        );
      }
      if (o.investment.of !== null) {
        paragraphs.push(
          scheduleSentence({
            period: periodText(1, o.month, 'dash'),
            scopeName: o.region.name,
            projects: o.plannedProjects,
            tierName: '列入年度计划的重大项目',
            ytdYuan: o.investment.value,
            annualPlanYuan: o.investment.of,
            monthsElapsed: o.month,
          }),
        );
      }
      if (district.projects > 0) {
        // Against the region's 年度目标 where 区发改 set one — with the overview's actual of that target, as
        // 计划与目标 shows it — else the 区重点 tier against its annual plan and the projects it planned to
        // start or complete this year.
        const goal = (metric: StatsOverview['targets'][number]['metric']) =>
          o.targets.find((t) => t.metric === metric && t.target !== null);
        const invest = goal('annual_investment');
        const starts = goal('new_starts');
        const completions = goal('completions');
        paragraphs.push(
          targetsSentence({
            tierName: `${LEVEL_NAMES.district}项目`,
            ytdYuan: invest ? invest.actual : district.investment.value,
            annualPlanYuan: invest?.target ?? district.investment.of ?? 0,
            items: [
              { label: '新增区重点项目', count: district.entries.value, target: district.entries.of ?? 0 },
              {
                label: '新开工项目',
                count: starts ? starts.actual : district.starts.value,
                target: starts?.target ?? district.starts.of ?? 0,
              },
              {
                label: '竣工项目',
                count: completions ? completions.actual : district.completions.value,
                target: completions?.target ?? district.completions.of ?? 0,
              },
            ],
          }),
        );
      }
      const leaders = o.children
        .filter((c) => c.investment.rate !== null)
        .sort((a, b) => a.ranks.investment - b.ranks.investment)
        .slice(0, 3);
      const best = [...o.children].sort((a, b) => a.ranks.composite - b.ranks.composite)[0];
      if (leaders.length > 0 && best) {
        paragraphs.push(
          `分板块看，投资完成率居前的是${leaders
            .map((c) => `${c.regionName}（${formatPercentOf(c.investment.rate ?? 0)}）`)
            .join(
              '、',
            )}；综合得分第一的是${best.regionName}（${formatDecimal(best.composite.score, 1)}分）。`,
        );
      }
      // The red list of the period: the official lights of its month when the month was closed, else today's.
      const path = `${(await regionPath(db, o.region.id)) ?? ''}%`;
      const ym = `${o.year}-${String(o.month).padStart(2, '0')}`;
      // The same lights as the overview's: the month's official ones once it was closed.
      const official = o.lightsMonth !== null;
      const { rows: red } = await db.execute<{
        id: string;
        name: string;
        region_name: string;
        findings: { light: string; explanation: string }[];
        total: number;
      }>(
        official
          ? sql`SELECT p.id::text, p.name, rg.name AS region_name, l.findings, count(*) OVER ()::int AS total
                  FROM project_light_months l JOIN projects p ON p.id = l.project_id JOIN regions rg ON rg.id = l.region_id
                 WHERE l.month = ${ym} AND l.light = 'red' AND rg.path LIKE ${path}
                 ORDER BY l.since, p.internal_no LIMIT 20`
          : sql`SELECT p.id::text, p.name, rg.name AS region_name, l.findings, count(*) OVER ()::int AS total
                  FROM project_lights l JOIN projects p ON p.id = l.project_id JOIN regions rg ON rg.id = l.region_id
                 WHERE l.light = 'red' AND rg.path LIKE ${path}
                 ORDER BY l.since, p.internal_no LIMIT 20`,
      );
      const redList = red.map((r) => ({
        projectId: r.id,
        name: r.name,
        regionName: r.region_name,
        explanation: r.findings.find((f) => f.light === 'red')?.explanation ?? '',
      }));
      paragraphs.push(
        `${official ? `${ym}关账时` : '目前'}${redListText(
          red.map((r) => r.name),
          10,
          red[0]?.total ?? 0,
        )}。`,
      );
      const { rows: open } = await db.execute<{
        id: string;
        problem_no: string;
        title: string;
        project_name: string;
        due_on: string | null;
      }>(sql`
        SELECT pr.id::text, pr.problem_no, pr.title, p.name AS project_name, pr.due_on::text
          FROM problems pr JOIN projects p ON p.id = pr.project_id JOIN regions rg ON rg.id = pr.region_id
         WHERE pr.deleted_at IS NULL AND pr.status IN ('assigned','in_progress','extension_requested')
           AND rg.path LIKE ${path}
         ORDER BY pr.level DESC, pr.due_on NULLS LAST LIMIT 5`);
      const briefing: Briefing = {
        title: `${o.region.name}重大项目推进情况简报（${o.year}年${period}）`,
        paragraphs,
        redTotal: red[0]?.total ?? 0,
        redList,
        problems: open.map((p) => ({
          id: p.id,
          problemNo: p.problem_no,
          title: p.title,
          projectName: p.project_name,
          dueOn: p.due_on,
        })),
      };
      return { briefing, overview: o };
    },
  };
}

async function regionPath(db: Database['db'], id: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ path: string }>(sql`SELECT path FROM regions WHERE id = ${id}::uuid`);
  return rows[0]?.path;
}
