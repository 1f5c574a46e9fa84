import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from './seed/seed';
import { seedDemoProjects } from './seed/seed-projects';
import { createTestUsers, login } from './testing/accounts';
import { type FuzzReport, runApiFuzz } from './testing/fuzz/api-fuzz';
import { REPO_ROOT } from './testing/spawn-app';
import { createTestContext, type TestContext } from './testing/test-app';

// `npm run test:fuzz [-- --runs N] [--seed N|random] [--only "GET /api/projects"]`; npm test runs it with a
// fixed seed and about 20 requests a route. Every failure it finds becomes a regression test elsewhere.

const runs = Number(process.env.FUZZ_RUNS ?? 20);
const seed = Number(process.env.FUZZ_SEED ?? 20251205);
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 1);

describe('API fuzzing from /api/openapi.json', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // The login limit has its own test; here it would only cap how often callers sign in again.
    ctx = await createTestContext({ loginRateLimitPerMinute: 1_000_000 });
    ctx.clock.set(new Date('2026-11-27T10:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    // A saved view and an import preview, so that their ids are there to aim at.
    await createTestUsers(ctx.database.db, [
      { username: 'fz_seed', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
    ]);
    const seeder = await login(ctx.app, 'fz_seed');
    await seeder.inject({
      method: 'POST',
      url: '/api/saved-views',
      payload: { name: '本板块在建', query: 'state=STARTED' },
    });
    const template = await seeder.inject({ url: '/api/projects/import-template' });
    const boundary = '----fuzz-seed';
    await seeder.inject({
      method: 'POST',
      url: '/api/projects/imports',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="导入.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        template.rawPayload,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
  });
  afterAll(() => ctx?.close());

  it(`keeps every route free of 5xx, true to its declared schema and within the caller's scope (${runs} requests a route, seed ${seed})`, async () => {
    const report: FuzzReport = await runApiFuzz(ctx, {
      runs,
      seed,
      concurrency,
      only: process.env.FUZZ_ONLY || undefined,
      log: process.env.FUZZ_VERBOSE ? (m) => console.log(m) : undefined,
    });
    const out = path.join(REPO_ROOT, 'artifacts', 'fuzz-report.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(report, null, 2));
    const routes = Object.keys(report.perRoute).length;
    console.log(
      `[fuzz] ${report.requests} requests over ${routes} routes (${Math.round(report.requests / routes)} a route) in ${(report.ms / 1000).toFixed(1)} s, seed ${seed}; statuses ${JSON.stringify(report.statuses)}; ${report.failures.length} failures (report: ${path.relative(REPO_ROOT, out)})`,
    );
    for (const f of report.failures.slice(0, 30)) {
      console.log(
        `[fuzz] ${f.route} as ${f.caller}: ${f.problem}\n  ${f.method} ${f.url}\n  body ${f.body}\n  → ${f.status} ${f.answer}`,
      );
    }
    expect(report.failures).toEqual([]);
  });
});
