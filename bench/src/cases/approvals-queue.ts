import { eq, sql } from 'drizzle-orm';
import { orgs, users } from '../../../server/src/db/schema/index';
import { hashPassword } from '../../../server/src/lib/password';
import { measureHttp } from '../http';
import type { BenchData } from '../registry-data';
import type { BenchCase, BenchEnvironment, BenchOptions, BenchResult } from '../types';
import { prepareRegistry } from './registry';

// approvals.queue: the 自然资源和规划 work queue — its running items over every project of a province-sized
// scope, soonest due first, with the total — on the registry's bench projects (50,000 on the external
// PostgreSQL) with ~15 approval items each, at 1 and 10 connections.

const DURATION_SEC = 10;

let prepared: Promise<{ cookie: string; items: number }> | undefined;

/** 15 items a project from the catalogue's codes, with statuses and due dates spread over a year. */
async function prepareItems(data: BenchData, log: (m: string) => void): Promise<number> {
  const db = data.database.db;
  const [have] = (
    await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM project_approval_items WHERE note = 'bench'`,
    )
  ).rows;
  if ((have?.n ?? 0) < data.projects * 10) {
    const started = Date.now();
    await db.execute(sql`DELETE FROM project_approval_items WHERE note = 'bench'`);
    // Each project takes the 15 automatic catalogue entries an industrial project on new land gets; about
    // a third are running (受理, due from 60 days ago to 300 days ahead), a third done, a third not started.
    await db.execute(sql`
      INSERT INTO project_approval_items (id, project_id, region_id, code, stage, name, dept_kind, promised_days, unit,
                                          prerequisites, parallel_group, sort_order, status, accepted_on, due_on,
                                          done_on, note, created_at, updated_at)
      SELECT gen_random_uuid(), p.id, p.region_id, c.code, c.stage, c.name, c.dept_kind, c.promised_days, c.unit,
             c.prerequisites, c.parallel_group, c.sort_order,
             CASE (abs(hashtext(p.id::text || c.code)) % 3) WHEN 0 THEN 'accepted' WHEN 1 THEN 'done' ELSE 'not_started' END,
             CASE WHEN abs(hashtext(p.id::text || c.code)) % 3 < 2
                  THEN current_date - 70 + (abs(hashtext(c.code || p.id::text)) % 360) END,
             CASE WHEN abs(hashtext(p.id::text || c.code)) % 3 < 2
                  THEN current_date - 60 + (abs(hashtext(c.code || p.id::text)) % 360) END,
             CASE WHEN abs(hashtext(p.id::text || c.code)) % 3 = 1
                  THEN current_date - 65 + (abs(hashtext(c.code || p.id::text)) % 360) END,
             'bench', now(), now()
        FROM projects p
        CROSS JOIN (SELECT * FROM approval_catalogue WHERE automatic AND deleted_at IS NULL
                      AND (investment IS NULL OR investment = 'enterprise')
                      AND (land_uses IS NULL OR 'new_land' = ANY(land_uses))) c
       WHERE p.deleted_at IS NULL
      ON CONFLICT DO NOTHING`);
    await data.database.pool.query('VACUUM ANALYZE project_approval_items');
    log(`bench: approval items loaded in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const [total] = (
    await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM project_approval_items`)
  ).rows;
  return total?.n ?? 0;
}

/** A 自然资源和规划 office account with the bench province as its scope. */
async function signInDepartment(env: BenchEnvironment, data: BenchData): Promise<string> {
  const db = data.database.db;
  const password = `Bench#${Date.now().toString(36)}Nrp`;
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'WJ-NRP'));
  const values = {
    displayName: '基准自然资源经办',
    passwordHash: await hashPassword(password),
    roles: ['dept_operator'],
    orgId: org?.id as string,
    regionScopes: [data.provinceId],
    mustChangePassword: false,
    status: 'active' as const,
    isDemo: true,
  };
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'bench_nrp'));
  if (user) await db.update(users).set(values).where(eq(users.id, user.id));
  else await db.insert(users).values({ username: 'bench_nrp', ...values });
  const res = await fetch(`${env.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench_nrp', password }),
  });
  if (res.status !== 200) throw new Error(`bench department login failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
}

async function prepare(env: BenchEnvironment, options: BenchOptions) {
  const registry = await prepareRegistry(env, options);
  prepared ??= (async () => {
    const items = await prepareItems(registry.data, (m) => console.error(m));
    return { cookie: await signInDepartment(env, registry.data), items };
  })();
  return { ...registry, ...(await prepared) };
}

export const approvalsQueueCases: BenchCase[] = [
  {
    name: 'approvals.queue',
    run: async (env, options) => {
      const { cookie, items, data } = await prepare(env, options);
      const results: BenchResult[] = [];
      for (const connections of [1, 10]) {
        results.push(
          await measureHttp(
            `approvals.queue@${connections}`,
            env,
            options,
            { path: '/api/approvals/queue?pageSize=20', headers: { cookie } },
            {
              params: `${data.projects} projects, ${items} items; 自然资源和规划's running items, first page of 20 by due date with the total; ${connections} conn × ${DURATION_SEC} s`,
              rows: items,
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
