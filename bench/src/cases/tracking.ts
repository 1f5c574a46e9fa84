import { addMonths, lastClosedMonth, monthOf } from '@groundbreak/domain';
import { eq, sql } from 'drizzle-orm';
import { systemClock } from '../../../server/src/clock';
import { orgs, regions, users } from '../../../server/src/db/schema/index';
import { hashPassword } from '../../../server/src/lib/password';
import { createAuditRepository } from '../../../server/src/modules/audit/audit.repository';
import { createCalendarService } from '../../../server/src/modules/calendar/calendar.service';
import { createLightsService } from '../../../server/src/modules/tracking/lights.service';
import { measureHttp } from '../http';
import type { BenchData } from '../registry-data';
import type { BenchCase, BenchEnvironment, BenchOptions, BenchResult } from '../types';
import { prepareRegistry } from './registry';

// tracking.*: warning lights over the registry's bench projects (50,000 on the external PostgreSQL), each
// with 36 months of monthly reports up to the last closed month (1.8 M rows; about 3% of months never
// filed) and a plan for the current year.
// - tracking.recompute: the nightly recompute of every tracked project's light (the job's own code).
// - tracking.submit: submitting one report, which refreshes that project's stored light before answering.
// - tracking.redlist: a district's red and yellow list with the explanations, 20 connections.

const MONTHS = 36;
const DURATION_SEC = 10;

let prepared: Promise<{ reports: number; tracked: number }> | undefined;

async function prepareReports(data: BenchData, log: (m: string) => void) {
  const db = data.database.db;
  const [have] = (
    await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM monthly_reports WHERE work_this_month = 'bench'`,
    )
  ).rows;
  const today = new Date().toISOString().slice(0, 10);
  const last = lastClosedMonth(today);
  const first = addMonths(last, -(MONTHS - 1));
  const year = Number(last.slice(0, 4));
  if ((have?.n ?? 0) < data.projects * (MONTHS - 6)) {
    const started = Date.now();
    await db.execute(sql`DELETE FROM monthly_reports WHERE work_this_month = 'bench'`);
    // Loaded as a replica would (no per-row region trigger, no stale marking): the bench owns the data.
    await data.database.pool.query(`
      BEGIN;
      SET LOCAL session_replication_role = replica;
      INSERT INTO monthly_reports (id, project_id, region_id, month, kind, status, month_yuan, ytd_yuan,
                                   since_start_yuan, in_statistics, progress_text, submitted_at,
                                   work_this_month, created_at, updated_at)
      SELECT gen_random_uuid(), p.id, p.region_id, m.month, 'construction', 'confirmed', v.amount,
             sum(v.amount) OVER (PARTITION BY p.id, left(m.month, 4) ORDER BY m.month),
             sum(v.amount) OVER (PARTITION BY p.id ORDER BY m.month),
             true, '主体结构施工', (m.month || '-20 10:00+08')::timestamptz, 'bench', now(), now()
        FROM projects p
        CROSS JOIN (SELECT to_char(d, 'YYYY-MM') AS month
                      FROM generate_series('${first}-01'::date, '${last}-01'::date, interval '1 month') d) m
        CROSS JOIN LATERAL (SELECT (abs(hashtext(p.id::text || m.month)) % 6000000 + 200000)::bigint AS amount) v
       WHERE p.deleted_at IS NULL AND abs(hashtext(m.month || p.id::text)) % 33 <> 0
         -- The demo projects keep the reports their seed gave them.
         AND NOT EXISTS (SELECT 1 FROM monthly_reports r WHERE r.project_id = p.id);
      COMMIT;`);
    await data.database.pool.query(`
      INSERT INTO project_year_plans (project_id, year, planned_investment, updated_at)
      SELECT p.id, ${year}, (abs(hashtext(p.id::text)) % 40000000 + 20000000)::bigint, now()
        FROM projects p WHERE p.deleted_at IS NULL
      ON CONFLICT DO NOTHING`);
    await data.database.pool.query('VACUUM ANALYZE monthly_reports');
    await data.database.pool.query('VACUUM ANALYZE project_year_plans');
    log(`bench: ${MONTHS} months of reports loaded in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const [counts] = (
    await db.execute<{ reports: number; tracked: number }>(sql`
      SELECT (SELECT count(*)::int FROM monthly_reports) AS reports,
             (SELECT count(*)::int FROM projects WHERE deleted_at IS NULL
                 AND state IN ('SIGNED','FILED','LAND_PREP','LAND_SUPPLIED','APPROVING','STARTED')) AS tracked`)
  ).rows;
  return { reports: counts?.reports ?? 0, tracked: counts?.tracked ?? 0 };
}

function lightsOf(data: BenchData) {
  const audit = createAuditRepository(data.database.db);
  const calendar = createCalendarService({ database: data.database, audit, clock: systemClock });
  return createLightsService({ database: data.database, audit, clock: systemClock, calendar });
}

async function prepare(env: BenchEnvironment, options: BenchOptions) {
  const registry = await prepareRegistry(env, options);
  prepared ??= prepareReports(registry.data, (m) => console.error(m));
  return { ...registry, ...(await prepared) };
}

/** A 区发改 account of one bench district (about 1/104 of the projects). */
async function signInDistrict(env: BenchEnvironment, data: BenchData) {
  const db = data.database.db;
  const [district] = await db.select({ id: regions.id }).from(regions).where(eq(regions.code, 'BENCH-1-1'));
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'WJ-DRC'));
  const password = `Bench#${Date.now().toString(36)}Dst`;
  const values = {
    displayName: '基准区发改',
    passwordHash: await hashPassword(password),
    roles: ['drc'],
    orgId: org?.id as string,
    regionScopes: [district?.id as string],
    mustChangePassword: false,
    status: 'active' as const,
    isDemo: true,
  };
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'bench_district'));
  if (user) await db.update(users).set(values).where(eq(users.id, user.id));
  else await db.insert(users).values({ username: 'bench_district', ...values });
  const res = await fetch(`${env.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench_district', password }),
  });
  if (res.status !== 200) throw new Error(`bench district login failed: ${res.status}`);
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * An approved annual plan of the current year for the bench province, its lines from the year plans the
 * reports were loaded against (the statistics read the approved plan, as the offices do).
 */
async function prepareAnnualPlan(data: BenchData): Promise<void> {
  const year = Number(lastClosedMonth(new Date().toISOString().slice(0, 10)).slice(0, 4));
  const { rows } = await data.database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM annual_plans WHERE year = $1 AND region_id = $2 AND status = 'approved'`,
    [year, data.provinceId],
  );
  if ((rows[0]?.n ?? 0) > 0) return;
  await data.database.pool.query(
    `WITH plan AS (
       INSERT INTO annual_plans (id, year, version, status, note, approved_at, approved_by_name, region_id)
       VALUES (gen_random_uuid(), $1, 1, 'approved', 'bench', now(), '基准', $2) RETURNING id)
     INSERT INTO annual_plan_items (plan_id, project_id, region_id, start_category, completing, planned_investment)
     SELECT plan.id, y.project_id, p.region_id, 'continuing', false, y.planned_investment
       FROM plan, project_year_plans y JOIN projects p ON p.id = y.project_id
      WHERE y.year = $1 AND p.deleted_at IS NULL`,
    [year, data.provinceId],
  );
  await data.database.pool.query('ANALYZE annual_plan_items');
}

export const trackingCases: BenchCase[] = [
  {
    name: 'tracking.recompute',
    run: async (env, options) => {
      const { data, reports, tracked } = await prepare(env, options);
      const lights = lightsOf(data);
      const runs: number[] = [];
      let rows = 0;
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        rows = await lights.recomputeAll();
        runs.push(performance.now() - started);
      }
      const [mix] = (
        await data.database.db.execute<{ red: number; yellow: number }>(sql`
          SELECT count(*) FILTER (WHERE light = 'red')::int AS red, count(*) FILTER (WHERE light = 'yellow')::int AS yellow
            FROM project_lights`)
      ).rows;
      return {
        case: 'tracking.recompute',
        kind: 'compute',
        db: env.db,
        ms: Math.round(Math.min(...runs)),
        rows,
        params: `${data.projects} projects (${tracked} tracked), ${reports} monthly reports; full recompute and store, first run ${Math.round(runs[0] ?? 0)} ms, second ${Math.round(runs[1] ?? 0)} ms; ${mix?.red} red, ${mix?.yellow} yellow`,
        errors: rows === tracked ? 0 : 1,
      };
    },
  },
  {
    name: 'tracking.submit',
    run: async (env, options) => {
      const { data, cookie, csrfToken, reports } = await prepare(env, options);
      const month = monthOf(new Date().toISOString().slice(0, 10));
      // Projects not yet started (a 前期 report needs no photo) that have no report of this month yet.
      const { rows: targets } = await data.database.pool.query<{ id: string }>(
        `SELECT p.id FROM projects p
          WHERE p.deleted_at IS NULL AND p.state IN ('FILED','LAND_PREP','LAND_SUPPLIED','APPROVING')
            AND p.actual_start_on IS NULL
            AND NOT EXISTS (SELECT 1 FROM monthly_reports r WHERE r.project_id = p.id AND r.month = $1)
          LIMIT 40`,
        [month],
      );
      const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
      const times: number[] = [];
      let errors = 0;
      let refreshed = 0;
      for (const { id } of targets) {
        const url = `${env.baseUrl}/api/projects/${id}/monthly-reports/${month}`;
        const saved = await fetch(url, {
          method: 'PUT',
          headers,
          body: JSON.stringify({
            monthYuan: 1_000_000,
            sinceStartYuan: null,
            equipmentYuan: null,
            constructionYuan: null,
            progressText: '完成施工图设计',
            planNodeKey: null,
            nodePercent: null,
            workThisMonth: null,
            workNextMonth: null,
            problemsText: null,
            inStatistics: null,
            statisticsYuan: null,
            fundsInPlaceYuan: null,
            workers: null,
            photoIds: [],
            version: 0,
          }),
        });
        if (saved.status !== 200) {
          errors++;
          continue;
        }
        const before = new Date();
        const started = performance.now();
        const res = await fetch(`${url}/steps`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ step: 'submit', version: 1 }),
        });
        await res.arrayBuffer();
        times.push(performance.now() - started);
        if (res.status !== 200) errors++;
        const { rows } = await data.database.pool.query<{ ok: boolean }>(
          `SELECT computed_at >= $2 AS ok FROM project_lights WHERE project_id = $1`,
          [id, before],
        );
        if (rows[0]?.ok) refreshed++;
      }
      // Leave the month as it was, for the next run.
      await data.database.pool.query(
        `DELETE FROM monthly_reports WHERE month = $1 AND project_id = ANY($2::uuid[])`,
        [month, targets.map((t) => t.id)],
      );
      const sorted = [...times].sort((a, b) => a - b);
      return {
        case: 'tracking.submit',
        kind: 'http',
        db: env.db,
        p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
        p95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
        p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
        requests: times.length,
        rows: reports,
        params: `${times.length} submissions one after another, each answered after the project's light was recomputed and stored (${refreshed} lights seen refreshed)`,
        errors: errors + (times.length - refreshed),
      };
    },
  },
  {
    name: 'tracking.redlist',
    run: async (env, options) => {
      const { data, cookie, tracked } = await prepare(env, options);
      const { rows: stored } = await data.database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM project_lights`,
      );
      if ((stored[0]?.n ?? 0) < tracked) await lightsOf(data).recomputeAll();
      // The recompute just rewrote every light: measured as the morning finds it, after autovacuum has
      // been by (within a minute of the nightly run), not with the planner reading the empty table's stats.
      await data.database.pool.query('VACUUM ANALYZE project_lights');
      const district = await signInDistrict(env, data);
      const results: BenchResult[] = [];
      for (const [label, who, connections] of [
        ['district', district, 20],
        ['district', district, 1],
        ['province', cookie, 20],
      ] as const) {
        results.push(
          await measureHttp(
            `tracking.redlist@${label}@${connections}`,
            env,
            options,
            { path: '/api/lights?pageSize=20', headers: { cookie: who } },
            {
              params: `${data.projects} projects, ${tracked} lights stored; red and yellow list of one ${label === 'district' ? 'district (~1/104 of the projects)' : 'province (all)'}, first page of 20 with the counts and explanations; ${connections} conn × ${DURATION_SEC} s`,
              rows: tracked,
            },
            { connections, durationSec: DURATION_SEC },
          ),
        );
      }
      for (const r of results.slice(1)) process.stdout.write(`${JSON.stringify(r)}\n`);
      return results[0] as BenchResult;
    },
  },
  {
    name: 'stats.cockpit',
    run: async (env, options) => {
      const { data, cookie, reports } = await prepare(env, options);
      await prepareAnnualPlan(data);
      const district = await signInDistrict(env, data);
      const year = Number(lastClosedMonth(new Date().toISOString().slice(0, 10)).slice(0, 4));
      // The computation itself, timed once per scope before the load: no snapshot is there to serve.
      await data.database.pool.query('DELETE FROM stats_snapshots');
      const computed: Record<string, number> = {};
      for (const [label, who, query] of [
        ['province', cookie, `year=${year}&regionId=${data.provinceId}`],
        ['district', district, `year=${year}`],
      ] as const) {
        const started = performance.now();
        const res = await fetch(`${env.baseUrl}/api/stats/overview?${query}`, { headers: { cookie: who } });
        if (res.status !== 200) throw new Error(`stats overview failed: ${res.status}`);
        await res.arrayBuffer();
        computed[label] = Math.round(performance.now() - started);
      }
      await data.database.pool.query('DELETE FROM stats_snapshots');
      const results: BenchResult[] = [];
      for (const [label, who, connections, query] of [
        ['province', cookie, 20, `year=${year}&regionId=${data.provinceId}`],
        ['district', district, 20, `year=${year}`],
        ['province', cookie, 1, `year=${year}&regionId=${data.provinceId}`],
      ] as const) {
        results.push(
          await measureHttp(
            `stats.cockpit@${label}@${connections}`,
            env,
            options,
            { path: `/api/stats/overview?${query}`, headers: { cookie: who } },
            {
              params: `${data.projects} projects, ${reports} monthly reports, an approved annual plan; the cockpit's overview of one ${label} (tiers, 序时, starts, completions, entries, lights, funnel, every child region ranked), computed once (alone: ${computed[label]} ms) then served from its snapshot for STATS_CACHE_SECONDS; ${connections} conn × ${DURATION_SEC} s`,
              rows: data.projects,
            },
            { connections, durationSec: DURATION_SEC },
          ),
        );
      }
      for (const r of results.slice(1)) process.stdout.write(`${JSON.stringify(r)}\n`);
      return results[0] as BenchResult;
    },
  },
];
