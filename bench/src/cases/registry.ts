import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../../server/src/db/schema/index';
import {
  createProjectsRepository,
  type ProjectFilter,
} from '../../../server/src/modules/projects/projects.repository';
import type { Principal } from '../../../server/src/modules/registry';
import { REPO_ROOT } from '../../../server/src/testing/spawn-app';
import { measureHttp } from '../http';
import { type BenchData, benchDatabaseUrl, benchProtector, prepareBenchData } from '../registry-data';
import type { BenchCase, BenchEnvironment, BenchOptions, BenchResult } from '../types';

// registry.list and registry.search: the project list with three filters + sort + a page of 50, and the
// keyword search with one- and two-character terms, each at 50, 10 and 1 connections for 10 s, next to
// the database time of the same SQL (EXPLAIN ANALYZE). The plans go to artifacts/bench-plans/.

const DURATION_SEC = 10;
const PLAN_DIR = path.join(REPO_ROOT, 'artifacts', 'bench-plans');

let prepared: Promise<{ data: BenchData; cookie: string; csrfToken: string }> | undefined;

function projectCount(env: BenchEnvironment, options: BenchOptions): number {
  const override = Number(process.env.BENCH_PROJECTS);
  if (override > 0) return override;
  return env.db === 'external' || options.full ? 50_000 : 2_000;
}

/** The bench dataset and a signed-in province-scope session (prepared once per run). */
export async function prepareRegistry(env: BenchEnvironment, options: BenchOptions) {
  prepared ??= (async () => {
    const url = benchDatabaseUrl(env.dataDir, options.databaseUrl);
    const data = await prepareBenchData(url, projectCount(env, options), (m) => console.error(m));
    const res = await fetch(`${env.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(data.user),
    });
    if (res.status !== 200) throw new Error(`bench login failed: ${res.status} ${await res.text()}`);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { data, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', csrfToken };
  })();
  return prepared;
}

/** The SQL the API runs for a filter, captured from the repository itself, timed with EXPLAIN ANALYZE. */
async function explain(
  data: BenchData,
  filter: ProjectFilter,
  name: string,
): Promise<{ sqlMs: number; plan: string }> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: data.url, max: 2 });
  try {
    const db = drizzle(pool, {
      schema,
      casing: 'snake_case',
      logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
    });
    const principal = {
      roles: ['drc'],
      scopePaths: [data.provincePath],
      regionScopeIds: [data.provinceId],
      enterpriseId: null,
    } as unknown as Principal;
    const year = new Date().getFullYear();
    await createProjectsRepository(db as never, benchProtector()).list(principal, filter, year);
    let sqlMs = 0;
    const plans: string[] = [];
    for (const q of captured) {
      // Warm once, then measure.
      await pool.query(q.sql, q.params as unknown[]);
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params as unknown[]);
      const text = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? 0);
      sqlMs += ms;
      plans.push(`-- ${q.sql}\n-- params: ${JSON.stringify(q.params)}\n${text}\n`);
    }
    fs.mkdirSync(PLAN_DIR, { recursive: true });
    fs.writeFileSync(path.join(PLAN_DIR, `${name}.txt`), plans.join('\n'));
    return {
      sqlMs: Math.round(sqlMs * 100) / 100,
      plan: path.relative(REPO_ROOT, path.join(PLAN_DIR, `${name}.txt`)),
    };
  } finally {
    await pool.end();
  }
}

function queryString(filter: Record<string, string | number>): string {
  return new URLSearchParams(
    Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
}

/** One case measured at 50, 10 and 1 connections, with the SQL time of the same query. */
async function measureList(
  name: string,
  env: BenchEnvironment,
  options: BenchOptions,
  filter: (data: BenchData) => Record<string, string | number>,
  loads: number[],
): Promise<BenchResult[]> {
  const { data, cookie } = await prepareRegistry(env, options);
  const f = filter(data);
  const parsed: ProjectFilter = {
    page: 1,
    pageSize: Number(f.pageSize ?? 50),
    ...(f.sort ? { sort: String(f.sort) } : {}),
    ...(f.q ? { q: String(f.q) } : {}),
    ...(f.regionId ? { regionId: String(f.regionId) } : {}),
    ...(f.state ? { state: String(f.state).split(',') as ProjectFilter['state'] } : {}),
    ...(f.level ? { level: f.level as ProjectFilter['level'] } : {}),
  };
  const sql = await explain(data, parsed, name);
  const results: BenchResult[] = [];
  for (const connections of loads) {
    const result = await measureHttp(
      `${name}@${connections}`,
      env,
      options,
      { path: `/api/projects?${queryString(f)}`, headers: { cookie } },
      {
        params: `${data.projects} projects; ${connections} conn × ${DURATION_SEC} s; SQL ${sql.sqlMs} ms (${sql.plan}); ${queryString(f).replace(/regionId=[^&]+/, 'regionId=<city>')}`,
      },
      { connections, durationSec: DURATION_SEC },
    );
    results.push(result);
  }
  return results;
}

function oneResult(results: BenchResult[]): BenchResult {
  // The bench runner expects one result per case: the rest are printed as they come.
  for (const r of results.slice(1)) process.stdout.write(`${JSON.stringify(r)}\n`);
  return results[0] as BenchResult;
}

export const registryCases: BenchCase[] = [
  {
    name: 'registry.list',
    run: async (env, options) =>
      oneResult(
        await measureList(
          'registry.list',
          env,
          options,
          (d) => ({
            regionId: d.cityId,
            state: 'STARTED',
            level: 'district',
            sort: '-totalInvestment',
            pageSize: 50,
          }),
          [50, 10, 1],
        ),
      ),
  },
  {
    name: 'registry.search.1char',
    run: async (env, options) =>
      oneResult(
        await measureList('registry.search.1char', env, options, () => ({ q: '智', pageSize: 50 }), [10, 1]),
      ),
  },
  {
    name: 'registry.search.2char',
    run: async (env, options) =>
      oneResult(
        await measureList(
          'registry.search.2char',
          env,
          options,
          () => ({ q: '装备', pageSize: 50 }),
          [10, 1],
        ),
      ),
  },
  {
    name: 'registry.search.4char',
    run: async (env, options) =>
      oneResult(
        await measureList(
          'registry.search.4char',
          env,
          options,
          () => ({ q: '智能装备', pageSize: 50 }),
          [10, 1],
        ),
      ),
  },
];
