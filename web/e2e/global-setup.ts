import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { readDemoAccountsFile } from '../../server/src/seed/accounts';
import {
  makeDataDir,
  type SpawnedApp,
  spawnApp,
  stopApp,
  waitForOk,
} from '../../server/src/testing/spawn-app';
import './context.d';

// The journeys drive the real app: a separate process on a fresh embedded PostgreSQL with demo data and
// demo accounts, serving the production build of web/.

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = makeDataDir('gb-e2e-');
  let app: SpawnedApp | undefined;
  const teardown = async () => {
    if (app) await stopApp(app);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // TEST_CLOCK: the tracking journey lets a problem's deadline pass (POST /api/testing/clock).
    app = await spawnApp(dataDir, { env: { TEST_CLOCK: '1' } });
    await waitForOk(`${app.baseUrl}/readyz`, 60_000, app.exited);
    project.provide('baseUrl', app.baseUrl);
    // The demo accounts the first start created, as an operator reads them from DATA_DIR.
    project.provide('demoAccounts', readDemoAccountsFile(dataDir));
  } catch (error) {
    const output = app?.output() ?? '';
    await teardown();
    throw new Error(`the app did not start for the browser journeys: ${String(error)}\n${output}`);
  }
  return teardown;
}
