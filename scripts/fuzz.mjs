#!/usr/bin/env node
// `npm run test:fuzz [-- --runs N] [--seed N|random] [--only "GET /api/projects"] [--concurrency N]`
// Fuzzes every route of /api/openapi.json through app.inject() as users of every role, on the embedded
// PostgreSQL (or TEST_DATABASE_URL). --runs is the number of requests per route across roles (default
// 2000); --seed fixes the stream of requests (random: a new one, printed so that a failure can be rerun).
// The report, with every failure's request, is written to artifacts/fuzz-report.json.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(value('runs', '2000'));
const seedArg = value('seed', '20251205');
const seed = seedArg === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seedArg);
const concurrency = Number(value('concurrency', '1'));
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || !Number.isInteger(concurrency)) {
  console.error(
    'usage: npm run test:fuzz -- [--runs N] [--seed N|random] [--only "METHOD /path"] [--concurrency N]',
  );
  process.exit(2);
}
console.log(`fuzz: ${runs} requests a route, seed ${seed}, concurrency ${concurrency}`);
const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'fuzz'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_RUNS: String(runs),
      FUZZ_SEED: String(seed),
      FUZZ_CONCURRENCY: String(concurrency),
      FUZZ_ONLY: value('only', ''),
    },
  },
);
process.exit(result.status ?? 1);
