import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import {
  makeDataDir,
  type SpawnedApp,
  spawnApp,
  stopApp,
  waitForOk,
} from '../../server/src/testing/spawn-app';
import './context.d';

// The journeys drive the real app: a separate process on a fresh embedded PostgreSQL with demo data,
// serving the production build of web/.

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = makeDataDir('gb-e2e-');
  let app: SpawnedApp | undefined;
  try {
    app = await spawnApp(dataDir);
    await waitForOk(`${app.baseUrl}/readyz`, 60_000, app.exited);
  } catch (error) {
    throw new Error(
      `the app did not start for the browser journeys: ${String(error)}\n${app?.output() ?? ''}`,
    );
  }
  project.provide('baseUrl', app.baseUrl);
  const started = app;
  return async () => {
    await stopApp(started);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
