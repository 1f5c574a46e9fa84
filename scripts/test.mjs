#!/usr/bin/env node
// `npm test`: check, unit tests, integration tests (embedded PostgreSQL, then TEST_DATABASE_URL when set),
// API fuzzing (fixed seed), process lifecycle tests, browser journeys. Prints one closing line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, 'artifacts', 'test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];
const chromium = process.env.CHROMIUM_PATH
  ? fs.existsSync(process.env.CHROMIUM_PATH)
    ? process.env.CHROMIUM_PATH
    : undefined
  : CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
const requireBrowser = process.env.REQUIRE_BROWSER === '1';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const started = Date.now();

function run(label, command, args, env = process.env) {
  const t0 = Date.now();
  console.log(`\n━━ ${label} ━━`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    `━━ ${label}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s`,
  );
  if (result.status !== 0) failures.push(label);
  return result.status === 0;
}

function vitest(label, project, env) {
  const out = path.join(resultsDir, `${label.replace(/\W+/g, '-')}.json`);
  run(
    label,
    process.execPath,
    [
      path.join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    env,
  );
  if (!fs.existsSync(out)) return;
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  // The report, not only the exit code, decides: a failed test fails the step.
  if ((report.numFailedTests > 0 || report.success === false) && !failures.includes(label)) {
    console.log(`━━ ${label}: FAILED (${report.numFailedTests} failed tests although the runner exited 0)`);
    failures.push(label);
  }
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

const withoutExternal = { ...process.env };
delete withoutExternal.TEST_DATABASE_URL;

run('check (typecheck + lint + format)', 'npm', ['run', '--silent', 'check']);
vitest('unit', 'unit', withoutExternal);
vitest('integration (embedded PostgreSQL)', 'int', withoutExternal);
if (process.env.TEST_DATABASE_URL) {
  vitest('integration (TEST_DATABASE_URL)', 'int', process.env);
} else {
  console.log('\n(TEST_DATABASE_URL not set: the integration suite ran on the embedded PostgreSQL only)');
}

// API fuzzing with a fixed seed and 20 requests a route (npm run test:fuzz for longer runs).
vitest('API fuzzing (seed 20251205, 20 requests a route)', 'fuzz', {
  ...withoutExternal,
  FUZZ_RUNS: '20',
  FUZZ_SEED: '20251205',
});

if (!fs.existsSync(path.join(root, 'web/dist/index.html')))
  run('build web', 'npm', ['run', '--silent', 'build']);
vitest('process lifecycle', 'process', withoutExternal);

if (chromium) {
  vitest('browser journeys', 'e2e', { ...withoutExternal, CHROMIUM_PATH: chromium });
} else if (requireBrowser) {
  console.error('\n✖ REQUIRE_BROWSER=1 but no Chromium was found (CHROMIUM_PATH or /usr/bin/chromium).');
  failures.push('browser journeys (no Chromium)');
  totals.failed += 1;
} else {
  console.warn(`\n${'!'.repeat(78)}`);
  console.warn('!! BROWSER JOURNEYS SKIPPED: no Chromium found. Install Debian `chromium` and');
  console.warn('!! `fonts-noto-cjk`, or set CHROMIUM_PATH. REQUIRE_BROWSER=1 makes this a failure.');
  console.warn('!'.repeat(78));
}

const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(
  `\nnpm test finished in ${minutes} min${failures.length ? `; failed steps: ${failures.join(', ')}` : ''}`,
);
if (failures.length > 0 && totals.failed === 0) totals.failed = failures.length; // a failed step with no failed test (e.g. check)
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length === 0 ? 0 : 1);
