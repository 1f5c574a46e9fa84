import fs from 'node:fs';
import os from 'node:os';
import { makeDataDir, spawnApp, stopApp, waitForOk } from '../../server/src/testing/spawn-app';
import { approvalsCases } from './cases/approvals';
import { approvalsGanttCases } from './cases/approvals-gantt';
import { approvalsQueueCases } from './cases/approvals-queue';
import { attractionCases } from './cases/attraction';
import { authCases } from './cases/auth';
import { excelCases } from './cases/excel';
import { landCases } from './cases/land';
import { registryCases } from './cases/registry';
import { shellCases } from './cases/shell';
import { trackingCases } from './cases/tracking';
import { BENCH_FIELD_KEY } from './registry-data';
import type { BenchCase, BenchOptions, BenchResult } from './types';

// `npm run bench [-- --case <prefix>] [--full] [--json]`
// Starts the real app as its own process (embedded PostgreSQL in a temporary DATA_DIR, or
// BENCH_DATABASE_URL), runs each case against 127.0.0.1, prints one result per case.

const CASES: BenchCase[] = [
  ...shellCases,
  ...authCases,
  ...registryCases,
  ...excelCases,
  ...landCases,
  ...approvalsCases,
  ...approvalsQueueCases,
  ...approvalsGanttCases,
  ...trackingCases,
  ...attractionCases,
];

function parseArgs(argv: string[]): { prefix: string | undefined; full: boolean; json: boolean } {
  const index = argv.indexOf('--case');
  const inline = argv.find((a) => a.startsWith('--case='));
  return {
    prefix: index >= 0 ? argv[index + 1] : inline?.slice('--case='.length),
    full: argv.includes('--full'),
    json: argv.includes('--json'),
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const selected = CASES.filter((c) => !args.prefix || c.name.startsWith(args.prefix));
  if (selected.length === 0) {
    console.error(
      `no bench case starts with "${args.prefix}"; cases: ${CASES.map((c) => c.name).join(', ')}`,
    );
    return 2;
  }
  const options: BenchOptions = { full: args.full, databaseUrl: process.env.BENCH_DATABASE_URL };
  const dataDir = makeDataDir('gb-bench-');
  // The login rate limit (30 a minute per IP) would cap auth.login; demo mode lets a bench raise it. One
  // fixed field key, so that bench data loaded into BENCH_DATABASE_URL by an earlier run still opens.
  // Scheduled jobs off: a refresh of every light at the fifth minute would land inside a measurement.
  const env = {
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000000',
    FIELD_ENCRYPTION_KEY: BENCH_FIELD_KEY,
    JOBS_ENABLED: 'false',
  };
  const app = await spawnApp(
    dataDir,
    options.databaseUrl ? { databaseUrl: options.databaseUrl, env } : { env },
  );
  const log = (msg: string) => {
    if (!args.json) console.error(msg);
  };
  try {
    await waitForOk(`${app.baseUrl}/readyz`, 60_000, app.exited);
    const pid = app.child.pid ?? 0;
    log(
      `bench: ${args.full ? 'full' : 'quick'} mode, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
        `Node ${process.version}, database ${options.databaseUrl ? 'external' : 'embedded'}`,
    );
    const results: BenchResult[] = [];
    for (const benchCase of selected) {
      log(`running ${benchCase.name} …`);
      const result = await benchCase.run(
        { baseUrl: app.baseUrl, dataDir, db: options.databaseUrl ? 'external' : 'embedded', serverPid: pid },
        options,
      );
      results.push(result);
      if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    if (!args.json) console.table(results);
    return results.some((r) => r.errors > 0) ? 1 : 0;
  } finally {
    await stopApp(app);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exit(await main());
