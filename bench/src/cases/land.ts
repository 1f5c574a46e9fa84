import { sql } from 'drizzle-orm';
import { launchBrowser } from '../../../web/e2e/browser';
import { measureHttp } from '../http';
import type { BenchData } from '../registry-data';
import type { BenchCase, BenchEnvironment, BenchOptions, BenchResult } from '../types';
import { prepareRegistry } from './registry';

// land.match: one project's land demand ranked against a ledger of 20,000 parcels (the matching query,
// the score of every candidate, the top 20), at 1 and 10 connections. land.map: the map's data for one
// district of 2,000 polygons. land.map.browser: the same district drawn in Chromium — the time from the
// chart's option to its first finished frame (the page leaves it on the map element), and the whole page.

const PARCELS = 20_000;
const PER_DISTRICT = 2_000;
const DURATION_SEC = 10;
const BROWSER_RUNS = 5;

let prepared: Promise<{ projectId: string; districtId: string }> | undefined;

/** 20,000 parcels over ten bench districts (2,000 each, on a grid inside Wujin), and a project with a demand. */
async function prepareLand(data: BenchData, log: (m: string) => void) {
  const db = data.database.db;
  const [have] = (
    await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM parcels WHERE parcel_no LIKE 'BNP-%'`)
  ).rows;
  const districts = (
    await db.execute<{ id: string; path: string }>(sql`
      SELECT id::text, path FROM regions WHERE code ~ '^BENCH-[12]-[1-8]$' ORDER BY code LIMIT 10`)
  ).rows;
  if (districts.length < PARCELS / PER_DISTRICT) throw new Error('bench districts missing');
  if ((have?.n ?? 0) < PARCELS) {
    const started = Date.now();
    for (const [k, district] of districts.entries()) {
      // Each district's parcels lie on a 50 × 40 grid of 0.004° × 0.005° cells, squares of 0.003° × 0.004°.
      await db.execute(sql`
        WITH subs AS (
          SELECT array_agg(id ORDER BY code) AS ids FROM regions
           WHERE level = 'subarea' AND path LIKE ${`${district.path}%`}
        ), g AS (
          SELECT i, 119.80 + (i % 50) * 0.004 AS lon, 31.55 + (i / 50) * 0.005 AS lat
            FROM generate_series(0, ${PER_DISTRICT - 1}) AS i
        )
        INSERT INTO parcels (id, parcel_no, name, region_id, area_m2, use, source, status, plot_ratio_min, plot_ratio_max,
                             industries, list_done, list_counted_on, conversion_approval_no, geometry, centre_lon, centre_lat,
                             created_at, updated_at)
        SELECT gen_random_uuid(), 'BNP-' || ${k} || '-' || i, '基准地块' || ${k} || '-' || i,
               subs.ids[1 + (i % array_length(subs.ids, 1))],
               6000 + (i * 7919) % 120000,
               (ARRAY['industrial','industrial','industrial','m0','warehouse','commercial'])[1 + i % 6],
               'new',
               (ARRAY['reserve','approved_unsupplied','reserve','supplied','planned','under_construction','reserve'])[1 + i % 7],
               1.0 + (i % 3) * 0.2, 2.0 + (i % 4) * 0.5, '{}', 14 + i % 6, current_date,
               CASE WHEN i % 3 = 0 THEN NULL ELSE '苏政地〔2025〕' || i || '号' END,
               jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
                 jsonb_build_array(lon - 0.0015, lat - 0.002), jsonb_build_array(lon + 0.0015, lat - 0.002),
                 jsonb_build_array(lon + 0.0015, lat + 0.002), jsonb_build_array(lon - 0.0015, lat + 0.002),
                 jsonb_build_array(lon - 0.0015, lat - 0.002)))),
               lon, lat, now(), now()
          FROM g, subs`);
    }
    await data.database.pool.query('VACUUM ANALYZE parcels');
    log(`bench: loaded ${PARCELS} parcels in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const first = districts[0] as { id: string; path: string };
  const [project] = (
    await db.execute<{ id: string }>(sql`SELECT id::text FROM projects WHERE internal_no = 'BN-LAND-0001'`)
  ).rows;
  let projectId = project?.id;
  if (!projectId) {
    const [subarea] = (
      await db.execute<{ id: string }>(sql`
        SELECT id::text FROM regions WHERE level = 'subarea' AND path LIKE ${`${first.path}%`} ORDER BY code LIMIT 1`)
    ).rows;
    const [inserted] = (
      await db.execute<{ id: string }>(sql`
        INSERT INTO projects (id, internal_no, name, state, region_id, land_use, industry_chain, created_at, updated_at)
        VALUES (gen_random_uuid(), 'BN-LAND-0001', '基准用地匹配项目', 'FILED', ${subarea?.id}::uuid, 'new_land', '新能源', now(), now())
        RETURNING id::text`)
    ).rows;
    projectId = inserted?.id as string;
    await db.execute(sql`
      INSERT INTO project_land_demands (project_id, area_m2, use, plot_ratio_needed, wanted_on)
      VALUES (${projectId}::uuid, 40000, 'industrial', 1.5, current_date + 120)`);
  }
  return { projectId, districtId: first.id };
}

async function prepare(env: BenchEnvironment, options: BenchOptions) {
  const registry = await prepareRegistry(env, options);
  prepared ??= prepareLand(registry.data, (m) => console.error(m));
  return { ...registry, ...(await prepared) };
}

export const landCases: BenchCase[] = [
  {
    name: 'land.match',
    run: async (env, options) => {
      const { cookie, projectId } = await prepare(env, options);
      const results: BenchResult[] = [];
      for (const connections of [1, 10]) {
        results.push(
          await measureHttp(
            `land.match@${connections}`,
            env,
            options,
            { path: `/api/projects/${projectId}/parcel-matches`, headers: { cookie } },
            {
              params: `${PARCELS} parcels in scope; one demand of 40,000 ㎡; top 20 with their parts; ${connections} conn × ${DURATION_SEC} s`,
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
    name: 'land.map',
    run: async (env, options) => {
      const { cookie, districtId } = await prepare(env, options);
      const results: BenchResult[] = [];
      for (const connections of [1, 10]) {
        results.push(
          await measureHttp(
            `land.map@${connections}`,
            env,
            options,
            { path: `/api/land/map?regionId=${districtId}`, headers: { cookie, 'accept-encoding': 'gzip' } },
            {
              params: `${PER_DISTRICT} polygons of one district as GeoJSON (gzip); ${connections} conn × ${DURATION_SEC} s`,
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
    name: 'land.map.browser',
    run: async (env, options) => {
      const { data, districtId } = await prepare(env, options);
      const browser = await launchBrowser();
      const draws: number[] = [];
      const pages: number[] = [];
      let errors = 0;
      try {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
        const page = await context.newPage();
        page.on('pageerror', () => {
          errors++;
        });
        await page.goto(`${env.baseUrl}/login`);
        await page.getByLabel('用户名', { exact: true }).fill(data.user.username);
        await page.getByLabel('密码', { exact: true }).fill(data.user.password);
        await page.getByRole('button', { name: '登录', exact: true }).click();
        await page.locator('[data-testid="user-menu"]').waitFor();
        for (let run = 0; run < BROWSER_RUNS; run++) {
          const started = performance.now();
          await page.goto(`${env.baseUrl}/land/map?regionId=${districtId}`);
          const map = page.locator('[data-testid="land-map"][data-render-ms]');
          await map.waitFor({ timeout: 30_000 });
          pages.push(performance.now() - started);
          draws.push(Number(await map.getAttribute('data-render-ms')));
        }
        const drawn = await page.getByText(/^图上 \d+ 宗地块/).textContent();
        if (!drawn?.includes(`${PER_DISTRICT} 宗`)) errors++;
      } finally {
        await browser.close();
      }
      const sorted = [...draws].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      return {
        case: 'land.map.browser',
        kind: 'browser',
        db: env.db,
        ms: median,
        p99Ms: Math.max(...draws),
        params: `${PER_DISTRICT} polygons drawn by ECharts in Chromium (headless, software rendering): option → first finished frame, median of ${BROWSER_RUNS} (max in p99Ms); whole page load median ${Math.round([...pages].sort((a, b) => a - b)[Math.floor(pages.length / 2)] ?? 0)} ms`,
        errors,
      };
    },
  },
];
