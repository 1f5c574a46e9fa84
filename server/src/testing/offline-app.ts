import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { fixedClock } from '../clock';
import { createDatabase } from '../db/database';
import { createFieldProtector } from '../lib/crypto/field-protector';
import { TEST_NOTIFICATION_SETTINGS } from './notification-settings';

/**
 * An app whose database never answers (port 1 on loopback): for tests of what needs no data — the route
 * table, readiness while the database is down. Closing the app also closes its pool.
 */
export async function buildOfflineApp(
  options: { serveWeb?: boolean; extraRoutes?: (app: FastifyInstance) => void } = {},
): Promise<FastifyInstance> {
  const database = createDatabase('postgres://nobody:x@127.0.0.1:1/none', 'external', {
    max: 1,
    statementTimeoutMs: 1000,
    onError: () => undefined,
  });
  const app = await buildApp({
    config: {
      logLevel: 'silent',
      bodyLimitBytes: 1024 * 1024,
      mode: 'demo',
      loginRateLimitPerMinute: 30,
      dataDir: '/nonexistent',
      attachmentMaxBytes: 1024 * 1024,
      projectNumberPrefix: 'WJ',
      exportRateLimitPerMinute: 10,
      importRateLimitPerMinute: 20,
      notifications: TEST_NOTIFICATION_SETTINGS,
      statsCacheSeconds: 0,
    },
    database,
    protector: createFieldProtector(Buffer.from('groundbreak-offline-app-field-key-unused')),
    clock: fixedClock(new Date('2025-03-31T02:00:00Z')),
    ...options,
    facts: {
      name: 'Groundbreak',
      version: 'offline',
      mode: 'demo',
      node: process.version,
      startedAt: '',
      database: { serverVersion: '', name: '', encoding: '', ctype: '', address: '', migrations: 0 },
    },
  });
  app.addHook('onClose', () => database.close());
  await app.ready();
  return app;
}
