import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { fixedClock } from '../clock';
import type { NotificationSettings } from '../config';
import { createDatabase, type Database } from '../db/database';
import { createFieldProtector, type FieldProtector } from '../lib/crypto/field-protector';
import type { ModuleDefinition } from '../modules/registry';
import { TEST_NOTIFICATION_SETTINGS } from './notification-settings';
import { createDatabaseFromTemplate, TEST_APP_ROLE } from './test-database';

/** The field key of every test app (not a secret). */
export const TEST_FIELD_KEY = Buffer.from('groundbreak-test-field-key-not-a-secret', 'utf8');

export { TEST_NOTIFICATION_SETTINGS };

export type TestContext = {
  app: FastifyInstance;
  database: Database;
  /** The app's field protector (a fixed test key). */
  protector: FieldProtector;
  clock: ReturnType<typeof fixedClock>;
  databaseUrl: string;
  /** A temporary data directory (attachments), removed on close. */
  dataDir: string;
  close(): Promise<void>;
};

/** A fresh migrated database and an app on it, with the clock fixed at 2025-03-31 10:00 Asia/Shanghai. */
export async function createTestContext(
  options: {
    modules?: ModuleDefinition[];
    extraRoutes?: (app: FastifyInstance) => void;
    loginRateLimitPerMinute?: number;
    /** Exports and imports per user and minute (tests send many; the limit's own test sets a few). */
    heavyRateLimitPerMinute?: number;
    mode?: 'demo' | 'production';
    attachmentMaxBytes?: number;
    notifications?: Partial<NotificationSettings>;
    /** Statistics are computed on every request unless a test asks for the cache. */
    statsCacheSeconds?: number;
  } = {},
): Promise<TestContext> {
  const info = inject('testDatabase');
  const created = await createDatabaseFromTemplate(info);
  const database = createDatabase(created.url, info.kind, {
    max: 4,
    statementTimeoutMs: 30_000,
    appRole: TEST_APP_ROLE,
    onError: () => undefined,
  });
  const clock = fixedClock(new Date('2025-03-31T10:00:00+08:00'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'groundbreak-test-'));
  const protector = createFieldProtector(TEST_FIELD_KEY);
  const app = await buildApp({
    config: {
      logLevel: 'silent',
      bodyLimitBytes: 1_048_576,
      mode: options.mode ?? 'demo',
      loginRateLimitPerMinute: options.loginRateLimitPerMinute ?? 1000,
      dataDir,
      attachmentMaxBytes: options.attachmentMaxBytes ?? 1024 * 1024,
      projectNumberPrefix: 'WJ',
      exportRateLimitPerMinute: options.heavyRateLimitPerMinute ?? 1000,
      importRateLimitPerMinute: options.heavyRateLimitPerMinute ?? 1000,
      notifications: { ...TEST_NOTIFICATION_SETTINGS, ...options.notifications },
      statsCacheSeconds: options.statsCacheSeconds ?? 0,
    },
    database,
    protector,
    clock,
    ...(options.modules ? { modules: options.modules } : {}),
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
    facts: {
      name: 'Groundbreak',
      version: '0.0.0-test',
      mode: 'demo',
      node: process.version,
      startedAt: clock.now().toISOString(),
      database: {
        serverVersion: 'test',
        name: created.name,
        encoding: 'UTF8',
        ctype: 'C.UTF-8',
        address: database.address,
        migrations: 1,
      },
    },
  });
  await app.ready();
  return {
    app,
    database,
    protector,
    clock,
    databaseUrl: created.url,
    dataDir,
    close: async () => {
      await app.close();
      await database.close();
      await created.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
