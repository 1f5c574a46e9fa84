import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config';
import { type AppLock, acquireAppLock, describeHolder, type LockRole } from './db/data-dir';
import {
  checkServerFacts,
  createDatabase,
  type Database,
  readServerFactsAt,
  runMigrations,
  type ServerFacts,
} from './db/database';
import { embeddedUrl, type Logger, readEmbeddedInfo, startEmbeddedServer } from './db/embedded';
import { checkFieldKey, protectStoredFields } from './db/field-protection';
import type { FieldProtector } from './lib/crypto/field-protector';
import { fieldProtectorOf } from './lib/keys';

// Opens the database the configuration names: an external PostgreSQL (DATABASE_URL) or the embedded one in
// DATA_DIR, owning DATA_DIR through app.lock. CLI commands attach to the embedded server a running app
// started; with no app running they start their own.

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

export type Runtime = {
  database: Database;
  /** Encrypts personal fields with the configured key (checked against the stored data on open). */
  protector: FieldProtector;
  url: string;
  facts: ServerFacts;
  /** Closes the pool, stops an embedded server this process started, releases app.lock. */
  close(): Promise<void>;
};

const ATTACH_WAIT_MS = 60_000;

/** What opening does besides connecting: run migrations; bring protected fields to the configured key. */
type Steps = { migrate: boolean; protectFields: boolean };

/**
 * Checks the server, migrates when asked (as the owner, before any pooled connection exists), then
 * opens the pool whose connections work as the application role.
 */
async function connect(
  url: string,
  kind: Database['kind'],
  config: Config,
  log: Logger,
  steps: Steps,
): Promise<{ database: Database; facts: ServerFacts; protector: FieldProtector }> {
  const { migrate } = steps;
  const facts = await readServerFactsAt(url);
  checkServerFacts(facts);
  if (migrate) await runMigrations(url, config.databaseAppRole);
  const database = createDatabase(url, kind, {
    max: config.databasePoolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    appRole: config.databaseAppRole,
    onError: (error: Error) => log.warn(`数据库连接出错（连接池将重连）：${error.message}`),
  });
  const protector = fieldProtectorOf(config);
  try {
    if (steps.protectFields) {
      const rewritten = await protectStoredFields(database.db, protector);
      if (rewritten > 0) log.info(`已按当前密钥加密 ${rewritten} 个个人信息与验证因子字段值`);
    } else {
      await checkFieldKey(database.db, protector);
    }
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return { database, facts, protector };
}

export async function openRuntime(
  config: Config,
  log: Logger & { error(msg: string): void },
  role: LockRole,
  command: string,
  options: { migrate: boolean; protectFields?: boolean },
): Promise<Runtime> {
  // A restore opens an empty database that the archive will fill: nothing to protect, nothing to record.
  const steps: Steps = { migrate: options.migrate, protectFields: options.protectFields ?? options.migrate };
  if (config.databaseUrl) {
    const { database, facts, protector } = await connect(config.databaseUrl, 'external', config, log, steps);
    return { database, protector, url: config.databaseUrl, facts, close: () => database.close() };
  }

  const result = acquireAppLock(config.dataDir, role, command);
  if (!result.acquired) {
    const { holder } = result;
    if (role === 'cli' && holder.role === 'serve') {
      log.info(`数据目录由 ${describeHolder(holder)} 使用中，连接其内置 PostgreSQL`);
      const url = await waitForEmbedded(config.dataDir);
      const { database, facts, protector } = await connect(url, 'embedded', config, log, steps);
      return { database, protector, url, facts, close: () => database.close() };
    }
    throw new DataDirBusyError(
      `数据目录 ${config.dataDir} 正被 ${describeHolder(holder)} 使用。` +
        (role === 'serve'
          ? '同一数据目录只能运行一个 Groundbreak 服务；请先停止它，或用 DATA_DIR 指定另一个目录。'
          : '请等它结束后再试。'),
    );
  }
  return startOwned(config, result.lock, log, steps);
}

async function startOwned(config: Config, lock: AppLock, log: Logger, steps: Steps): Promise<Runtime> {
  let server: Awaited<ReturnType<typeof startEmbeddedServer>> | undefined;
  try {
    server = await startEmbeddedServer(config.dataDir, log);
    const { database, facts, protector } = await connect(server.url, 'embedded', config, log, steps);
    const started = server;
    return {
      database,
      protector,
      url: server.url,
      facts,
      close: async () => {
        await database.close().catch(() => undefined);
        await started.stop();
        lock.release();
      },
    };
  } catch (error) {
    await server?.stop().catch(() => undefined);
    lock.release();
    throw error;
  }
}

/** The running app may still be starting its server: wait until its connection facts answer. */
async function waitForEmbedded(dataDir: string): Promise<string> {
  const deadline = Date.now() + ATTACH_WAIT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    const info = readEmbeddedInfo(dataDir);
    if (info && fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))) {
      const url = embeddedUrl(info);
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return url;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`无法连接正在运行的服务的内置 PostgreSQL：${lastError || '超时'}`);
}
