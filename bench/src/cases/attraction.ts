import fs from 'node:fs';
import path from 'node:path';
import { normaliseCompanyName } from '@groundbreak/domain';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../../server/src/db/schema/index';
import { leadProfiles, orgs, projects, regions, users } from '../../../server/src/db/schema/index';
import { hashPassword } from '../../../server/src/lib/password';
import { leadInScope, leadsFrom, liveLead } from '../../../server/src/modules/attraction/leads.repository';
import type { Principal } from '../../../server/src/modules/registry';
import { REPO_ROOT } from '../../../server/src/testing/spawn-app';
import { measureHttp, rssMbOf } from '../http';
import type { BenchData } from '../registry-data';
import type { BenchCase, BenchEnvironment, BenchOptions, BenchResult } from '../types';
import { prepareRegistry } from './registry';

// attraction.* and opendata.package over the registry's bench projects.
// - attraction.leads: the lead list (招商线索 + 在谈) of one bench district, first page of 20 in the default
//   order and with a keyword, 20 connections for 10 s. Every bench project in LEAD/NEGOTIATING gets a
//   profile; extra LEAD projects (internal_no BNL-…, in the district's 板块) bring the leads to 20,000 on
//   the external PostgreSQL or with --full (2,000 in quick mode), most of them in that district.
// - attraction.duplicate-check: the duplicate hint for a name and USCC that are registered, and for ones
//   that are not, 20 connections for 10 s each.
// - opendata.package: the OC4IDS package of the district (and of the province, for scale), one request
//   at a time, three runs, the median; with the server's memory before, at its peak and after.

const DURATION_SEC = 10;
const CONNECTIONS = 20;
const PACKAGE_RUNS = 3;
const PLAN_DIR = path.join(REPO_ROOT, 'artifacts', 'bench-plans');
const EXTRA_PREFIX = 'BNL-';
const KEYWORD = '新材料';

function leadTarget(env: BenchEnvironment, options: BenchOptions): number {
  const override = Number(process.env.BENCH_LEADS);
  if (override > 0) return override;
  return env.db === 'external' || options.full ? 20_000 : 2_000;
}

// Company names: a place (or none), a two-character brand, an industry and a legal form; one in ten
// spells the place in brackets after the brand ("燕龙汽车零部件(常州)有限公司"), which the duplicate key
// reads as the same investor. Drawn from an index by multiplicative hashing: varied and repeatable.
const PLACES = ['', '', '常州', '江苏', '无锡', '上海', '苏州', '深圳', '浙江'];
const FIRST = '恒瑞华新联德天宏泰鑫科博中金远达明兴隆昊晟'.split('');
const SECOND = '盛昌通源创润丰信锐拓安嘉力航宇峰骏川'.split('');
const INDUSTRIES = [
  '智能装备',
  '新材料',
  '汽车零部件',
  '光伏科技',
  '电子科技',
  '生物医药',
  '精密机械',
  '储能技术',
  '半导体',
  '环保科技',
  '新能源',
  '机器人',
];
const FORMS = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];
const SOURCES = ['overseas', 'by_business', 'fund', 'chain', 'expo', 'other'];

function pick<T>(list: readonly T[], i: number, salt: number): T {
  const h = Math.imul(i + 1, 2654435761 + salt * 40503) >>> 0;
  return list[h % list.length] as T;
}

function companyNameOf(i: number): string {
  const place = pick(PLACES, i, 1);
  const brand = `${pick(FIRST, i, 2)}${pick(SECOND, i, 3)}`;
  const industry = pick(INDUSTRIES, i, 4);
  const form = pick(FORMS, i, 5);
  return place && i % 10 === 3
    ? `${brand}${industry}(${place})${form}`
    : `${place}${brand}${industry}${form}`;
}

/** A USCC-shaped code for about half the leads (one per brand and industry, so repeats are duplicates). */
function usccOf(i: number): string | null {
  if (i % 2 === 1) return null;
  const key = FIRST.indexOf(pick(FIRST, i, 2)) * 1000 + SECOND.indexOf(pick(SECOND, i, 3)) * 20;
  return `91320${String(key + INDUSTRIES.indexOf(pick(INDUSTRIES, i, 4))).padStart(6, '0')}MA1X${String(i % 1000).padStart(3, '0')}`.slice(
    0,
    18,
  );
}

type Prepared = {
  leads: number;
  districtLeads: number;
  profiles: number;
  district: { id: string; path: string };
  hit: { companyName: string; uscc: string };
};

let preparedLeads: Promise<Prepared> | undefined;
let districtSession: Promise<string> | undefined;

async function prepareLeads(data: BenchData, target: number, log: (m: string) => void): Promise<Prepared> {
  const pool = data.database.pool;
  const { rows: districts } = await pool.query<{ id: string; path: string }>(
    `SELECT id::text, path FROM regions WHERE code = 'BENCH-1-1'`,
  );
  const district = districts[0];
  if (!district) throw new Error('bench district BENCH-1-1 missing');
  const { rows: subareas } = await pool.query<{ id: string }>(
    `SELECT id::text FROM regions WHERE level = 'subarea' AND path LIKE $1 ORDER BY code`,
    [`${district.path}%`],
  );
  const started = Date.now();
  const liveLeads = async () =>
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM projects WHERE deleted_at IS NULL AND state IN ('LEAD','NEGOTIATING')`,
      )
    ).rows[0]?.n ?? 0;
  const have = await liveLeads();
  if (have < target) {
    const { rows: extra } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM projects WHERE internal_no LIKE '${EXTRA_PREFIX}%'`,
    );
    const from = extra[0]?.n ?? 0;
    const add = target - have;
    log(`bench: adding ${add} LEAD projects in the 板块 of BENCH-1-1 …`);
    const ids: string[] = [];
    const names: string[] = [];
    const regionIds: string[] = [];
    const investors: string[] = [];
    const chains: string[] = [];
    const sources: string[] = [];
    const amounts: number[] = [];
    const ages: number[] = [];
    for (let k = 0; k < add; k++) {
      const i = from + k;
      const company = companyNameOf(i + 100_000);
      ids.push(`${EXTRA_PREFIX}${String(i + 1).padStart(6, '0')}`);
      names.push(`${company.replace(/(股份|集团)?有限(责任)?公司$/, '')}年产${10 + (i % 90)}万套项目`);
      regionIds.push((subareas[i % subareas.length] as { id: string }).id);
      investors.push(company);
      chains.push(pick(['新能源', '智能制造', '新材料', '生物医药', '电子信息'], i, 6));
      sources.push(pick(SOURCES, i, 7));
      amounts.push((5 + (i % 200)) * 10_000_000);
      ages.push(i % 720);
    }
    await pool.query(
      `INSERT INTO projects (id, internal_no, name, state, region_id, investor_name, investor_origin, industry_chain,
                             source, total_investment, created_at, updated_at)
       SELECT gen_random_uuid(), t.no, t.name, 'LEAD', t.region::uuid, t.investor, 'domestic', t.chain, t.source,
              t.amount, now() - make_interval(days => t.age), now() - make_interval(days => t.age)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::int[])
           AS t(no, name, region, investor, chain, source, amount, age)`,
      [ids, names, regionIds, investors, chains, sources, amounts, ages],
    );
  }
  // A profile for every lead that has none, its duplicate key computed as the server computes it.
  const { rows: bare } = await pool.query<{
    id: string;
    region_id: string;
    source: string | null;
    origin: string | null;
    day: string;
  }>(
    `SELECT p.id::text, p.region_id::text, p.source, p.investor_origin AS origin,
            ((p.created_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS day
       FROM projects p
      WHERE p.deleted_at IS NULL AND p.state IN ('LEAD','NEGOTIATING')
        AND NOT EXISTS (SELECT 1 FROM lead_profiles l WHERE l.project_id = p.id)
      ORDER BY p.internal_no`,
  );
  if (bare.length > 0) {
    const { rows: offset } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead_profiles`);
    const base = offset[0]?.n ?? 0;
    for (let s = 0; s < bare.length; s += 5_000) {
      const batch = bare.slice(s, s + 5_000);
      const company = batch.map((_, k) => companyNameOf(base + s + k));
      await pool.query(
        `INSERT INTO lead_profiles (project_id, company_name, company_name_norm, investor_uscc, investor_origin,
                                    intended_product, estimated_land_mu, source, registered_region_id, registered_on,
                                    assigned_via, created_at, updated_at)
         SELECT t.id::uuid, t.company, t.norm, t.uscc, t.origin, t.product, t.mu, t.source, t.region::uuid,
                t.day::date, 'registered', now(), now()
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[],
                       $8::text[], $9::text[], $10::text[])
             AS t(id, company, norm, uscc, origin, product, mu, source, region, day)`,
        [
          batch.map((b) => b.id),
          company,
          company.map((c) => normaliseCompanyName(c)),
          batch.map((_, k) => usccOf(base + s + k)),
          batch.map((b) => b.origin ?? 'domestic'),
          batch.map((_, k) => `${pick(INDUSTRIES, base + s + k, 8)}产品`),
          batch.map((_, k) => 20 + ((base + s + k) % 180)),
          batch.map((b, k) =>
            b.source && SOURCES.includes(b.source) ? b.source : pick(SOURCES, base + s + k, 9),
          ),
          batch.map((b) => b.region_id),
          batch.map((b) => b.day),
        ],
      );
    }
    await pool.query('VACUUM ANALYZE projects');
    await pool.query('VACUUM ANALYZE lead_profiles');
    log(`bench: ${bare.length} lead profiles loaded in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const { rows: counts } = await pool.query<{ leads: number; district: number; profiles: number }>(
    `SELECT count(*)::int AS leads,
            count(*) FILTER (WHERE r.path LIKE $1)::int AS district,
            count(l.project_id)::int AS profiles
       FROM projects p JOIN regions r ON r.id = p.region_id
       LEFT JOIN lead_profiles l ON l.project_id = p.id
      WHERE p.deleted_at IS NULL AND p.state IN ('LEAD','NEGOTIATING')`,
    [`${district.path}%`],
  );
  const { rows: hits } = await pool.query<{ company_name: string; investor_uscc: string }>(
    `SELECT company_name, investor_uscc FROM lead_profiles
      WHERE investor_uscc IS NOT NULL AND merged_into_project_id IS NULL ORDER BY project_id LIMIT 1`,
  );
  const hit = hits[0];
  if (!hit) throw new Error('no lead profile with a USCC');
  return {
    leads: counts[0]?.leads ?? 0,
    districtLeads: counts[0]?.district ?? 0,
    profiles: counts[0]?.profiles ?? 0,
    district,
    hit: { companyName: hit.company_name, uscc: hit.investor_uscc },
  };
}

/** A 区发改 account of the bench district BENCH-1-1 (drc: attraction.* and opendata.admin), signed in once. */
async function signInDistrict(env: BenchEnvironment, data: BenchData): Promise<string> {
  districtSession ??= (async () => {
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
  })();
  return districtSession;
}

async function prepare(env: BenchEnvironment, options: BenchOptions) {
  const registry = await prepareRegistry(env, options);
  preparedLeads ??= prepareLeads(registry.data, leadTarget(env, options), (m) => console.error(m));
  const leads = await preparedLeads;
  return {
    ...registry,
    ...leads,
    district: leads.district,
    districtCookie: await signInDistrict(env, registry.data),
  };
}

/**
 * The list's SQL (page and count) as the service builds it — the repository's own join, live-lead and scope
 * conditions, its keyword condition and default order — timed with EXPLAIN ANALYZE; plans to artifacts/.
 */
async function explainLeads(
  data: BenchData,
  districtPath: string,
  keyword: string | undefined,
  name: string,
): Promise<{ sqlMs: number; plan: string }> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: data.url, max: 2 });
  try {
    const db = drizzle(pool, {
      schema,
      casing: 'snake_case',
      logger: { logQuery: (q, params) => captured.push({ sql: q, params }) },
    });
    const principal = {
      roles: ['drc'],
      scopePaths: [districtPath],
      regionScopeIds: [],
      enterpriseId: null,
    } as unknown as Principal;
    const like = keyword ? `%${keyword}%` : '';
    const where = and(
      liveLead(),
      leadInScope(principal),
      keyword
        ? sql`(${projects.name} ILIKE ${like} OR ${projects.investorName} ILIKE ${like}
      OR ${leadProfiles.companyName} ILIKE ${like} OR ${leadProfiles.intendedProduct} ILIKE ${like})`
        : undefined,
    ) as SQL;
    await leadsFrom(db as never)
      .where(where)
      .orderBy(desc(projects.createdAt), projects.id)
      .limit(20);
    await db
      .select({ n: sql<number>`count(*)` })
      .from(projects)
      .leftJoin(
        leadProfiles,
        and(eq(leadProfiles.projectId, projects.id), sql`${leadProfiles.deletedAt} IS NULL`),
      )
      .where(where);
    let sqlMs = 0;
    const plans: string[] = [];
    for (const q of captured) {
      await pool.query(q.sql, q.params as unknown[]);
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params as unknown[]);
      const text = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      sqlMs += Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? 0);
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** One download of the package: wall time, bytes, projects, the server's memory before / peak / after. */
async function downloadPackage(env: BenchEnvironment, cookie: string) {
  const before = rssMbOf(env.serverPid) ?? 0;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMbOf(env.serverPid) ?? 0);
  }, 50);
  const started = performance.now();
  try {
    const res = await fetch(`${env.baseUrl}/api/oc4ids/package`, { headers: { cookie } });
    const body = Buffer.from(await res.arrayBuffer());
    const ms = performance.now() - started;
    const header = Number(res.headers.get('x-project-count') ?? -1);
    let projectsIn = -1;
    if (res.status === 200) {
      try {
        projectsIn = (JSON.parse(body.toString('utf8')) as { projects: unknown[] }).projects.length;
      } catch {
        projectsIn = -1;
      }
    }
    return {
      ms,
      bytes: body.length,
      projects: projectsIn,
      ok: res.status === 200 && projectsIn === header && projectsIn > 0,
      status: res.status,
      before,
      peak: Math.max(peak, rssMbOf(env.serverPid) ?? 0),
      after: rssMbOf(env.serverPid) ?? 0,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function measurePackage(env: BenchEnvironment, label: string, cookie: string, total: number) {
  const runs = [];
  for (let i = 0; i < PACKAGE_RUNS; i++) runs.push(await downloadPackage(env, cookie));
  const ms = Math.round(median(runs.map((r) => r.ms)));
  const last = runs[runs.length - 1];
  const projectsIn = last?.projects ?? 0;
  const bytes = last?.bytes ?? 0;
  const size =
    bytes >= 2 ** 20 ? `${Math.round((bytes / 2 ** 20) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
  // Per 10,000 projects only where the fixed cost of a request no longer dominates.
  const per10k =
    projectsIn >= 5_000 ? `, ≈ ${Math.round((ms * 10_000) / projectsIn)} ms per 10,000 projects` : '';
  return {
    case: `opendata.package@${label}`,
    kind: 'http',
    db: env.db,
    ms,
    p99Ms: Math.round(Math.max(...runs.map((r) => r.ms))),
    rows: projectsIn,
    requests: runs.length,
    rssMb: Math.max(...runs.map((r) => r.peak)),
    params: `${total} projects in the database; the OC4IDS package of one ${label} (${projectsIn} public projects, ${size}), one request at a time, median of ${PACKAGE_RUNS} (max in p99Ms; runs ${runs.map((r) => Math.round(r.ms)).join(' / ')} ms${per10k}); server RSS MB before → peak → after: ${runs.map((r) => `${r.before}→${r.peak}→${r.after}`).join(', ')}`,
    errors: runs.filter((r) => !r.ok).length,
  } satisfies BenchResult;
}

export const attractionCases: BenchCase[] = [
  {
    name: 'attraction.leads',
    run: async (env, options) => {
      const { data, district, districtCookie, leads, districtLeads, profiles } = await prepare(env, options);
      const results: BenchResult[] = [];
      for (const [label, keyword] of [
        ['default', undefined],
        ['keyword', KEYWORD],
      ] as const) {
        const name = `attraction.leads.${label}`;
        const plan = await explainLeads(data, district.path, keyword, name);
        const query = keyword ? `?keyword=${encodeURIComponent(keyword)}` : '';
        results.push(
          await measureHttp(
            `attraction.leads@district@${label}@${CONNECTIONS}`,
            env,
            options,
            { path: `/api/leads${query}`, headers: { cookie: districtCookie } },
            {
              rows: districtLeads,
              params: `${data.projects} projects, ${leads} live leads (${profiles} with a profile), ${districtLeads} in the district; first page of 20, default order (newest)${keyword ? `, keyword "${keyword}"` : ''}, with the total; ${CONNECTIONS} conn × ${DURATION_SEC} s; SQL ${plan.sqlMs} ms (${plan.plan})`,
            },
            { connections: CONNECTIONS, durationSec: DURATION_SEC },
          ),
        );
      }
      for (const r of results.slice(1)) process.stdout.write(`${JSON.stringify(r)}\n`);
      return results[0] as BenchResult;
    },
  },
  {
    name: 'attraction.duplicate-check',
    run: async (env, options) => {
      const { data, districtCookie, hit, leads } = await prepare(env, options);
      // The hit spells the registered name another way (brackets, full-width), as a 板块 might type it.
      const variant = `江苏${hit.companyName.replace(/\((.*?)\)/, '（$1）')}`;
      const cases = [
        ['hit', variant, hit.uscc],
        ['miss', '基准未登记精工科技(常州)有限公司', '91320412MA9ZZZZZ0X'],
      ] as const;
      const results: BenchResult[] = [];
      for (const [label, companyName, uscc] of cases) {
        const query = new URLSearchParams({ companyName, uscc }).toString();
        const probe = await fetch(`${env.baseUrl}/api/leads/duplicate-check?${query}`, {
          headers: { cookie: districtCookie },
        });
        const found = ((await probe.json()) as { duplicates?: unknown[] }).duplicates?.length ?? -1;
        const expected = label === 'hit' ? found > 0 : found === 0;
        const result = await measureHttp(
          `attraction.duplicate-check@${label}@${CONNECTIONS}`,
          env,
          options,
          { path: `/api/leads/duplicate-check?${query}`, headers: { cookie: districtCookie } },
          {
            rows: leads,
            params: `${data.projects} projects, ${leads} live leads; name "${companyName}" + USCC, ${found} hints (${label}); ${CONNECTIONS} conn × ${DURATION_SEC} s`,
          },
          { connections: CONNECTIONS, durationSec: DURATION_SEC },
        );
        results.push(expected ? result : { ...result, errors: result.errors + 1 });
      }
      for (const r of results.slice(1)) process.stdout.write(`${JSON.stringify(r)}\n`);
      return results[0] as BenchResult;
    },
  },
  {
    name: 'opendata.package',
    run: async (env, options) => {
      // The registry's projects only: the package leaves leads out, so no lead data is loaded for it.
      const { data, cookie } = await prepareRegistry(env, options);
      const districtCookie = await signInDistrict(env, data);
      const district = await measurePackage(env, 'district', districtCookie, data.projects);
      const province = await measurePackage(env, 'province', cookie, data.projects);
      process.stdout.write(`${JSON.stringify(province)}\n`);
      return district;
    },
  },
];
