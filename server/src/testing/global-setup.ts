import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDataDir } from '../db/data-dir';
import { createDatabase, runMigrations } from '../db/database';
import { embeddedUrl, startEmbeddedServer } from '../db/embedded';
import { seedReferenceData } from '../seed/seed';
import { adminQuery, TEST_APP_ROLE, type TestDatabaseInfo, uniqueName, withDatabase } from './test-database';

// Integration tests run on the embedded PostgreSQL by default, or on TEST_DATABASE_URL when it is set.

const quiet = { info: () => undefined, warn: (m: string) => console.warn(m), debug: () => undefined };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let stopServer: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let adminUrl: string;
  let kind: TestDatabaseInfo['kind'];

  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
    kind = 'external';
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gb-int-'));
    ensureDataDir(dataDir);
    const server = await startEmbeddedServer(dataDir, quiet);
    stopServer = server.stop;
    adminUrl = embeddedUrl(server.info, 'postgres');
    kind = 'embedded';
  }

  const template = uniqueName('gb_tpl');
  await adminQuery(
    adminUrl,
    `CREATE DATABASE ${template} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
  );
  const templateUrl = withDatabase(adminUrl, template);
  await runMigrations(templateUrl, TEST_APP_ROLE);
  const database = createDatabase(templateUrl, kind, {
    max: 2,
    statementTimeoutMs: 30_000,
    onError: () => undefined,
  });
  await seedReferenceData(database.db);
  await database.close();

  const info: TestDatabaseInfo = { adminUrl, template, kind };
  project.provide('testDatabase', info);
  console.info(`[int] database: ${kind} PostgreSQL (${new URL(adminUrl).host})`);

  return async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => undefined);
    await stopServer?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
