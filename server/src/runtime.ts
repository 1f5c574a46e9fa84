import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config';
import { type AppLock, acquireAppLock, describeHolder, type LockRole } from './db/data-dir';
import {
  checkServerFacts,
  createDatabase,
  type Database,
  readServerFacts,
  runMigrations,
  type ServerFacts,
} from './db/database';
import { embeddedUrl, type Logger, readEmbeddedInfo, startEmbeddedServer } from './db/embedded';

// Opens the database the configuration names: an external PostgreSQL (DATABASE_URL) or the embedded one in
// DATA_DIR, owning DATA_DIR through app.lock. CLI commands attach to the embedded server a running app
// started; with no app running they start their own.

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

export type Runtime = {
  database: Database;
  url: string;
  facts: ServerFacts;
  /** Closes the pool, stops an embedded server this process started, releases app.lock. */
  close(): Promise<void>;
};

const ATTACH_WAIT_MS = 60_000;

export async function openRuntime(
  config: Config,
  log: Logger & { error(msg: string): void },
  role: LockRole,
  command: string,
): Promise<Runtime> {
  const poolOptions = {
    max: config.databasePoolMax,
    statementTimeoutMs: config.statementTimeoutMs,
    onError: (error: Error) => log.warn(`数据库连接出错（连接池将重连）：${error.message}`),
  };

  if (config.databaseUrl) {
    const database = createDatabase(config.databaseUrl, 'external', poolOptions);
    try {
      const facts = await readServerFacts(database.pool);
      checkServerFacts(facts);
      return { database, url: config.databaseUrl, facts, close: () => database.close() };
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  const result = acquireAppLock(config.dataDir, role, command);
  if (!result.acquired) {
    const { holder } = result;
    if (role === 'cli' && holder.role === 'serve') {
      log.info(`数据目录由 ${describeHolder(holder)} 使用中，连接其内置 PostgreSQL`);
      const url = await waitForEmbedded(config.dataDir);
      const database = createDatabase(url, 'embedded', poolOptions);
      const facts = await readServerFacts(database.pool);
      return { database, url, facts, close: () => database.close() };
    }
    throw new DataDirBusyError(
      `数据目录 ${config.dataDir} 正被 ${describeHolder(holder)} 使用。` +
        (role === 'serve'
          ? '同一数据目录只能运行一个 Groundbreak 服务；请先停止它，或用 DATA_DIR 指定另一个目录。'
          : '请等它结束后再试。'),
    );
  }
  return startOwned(config.dataDir, result.lock, log, poolOptions);
}

async function startOwned(
  dataDir: string,
  lock: AppLock,
  log: Logger,
  poolOptions: Parameters<typeof createDatabase>[2],
): Promise<Runtime> {
  let server: Awaited<ReturnType<typeof startEmbeddedServer>> | undefined;
  try {
    server = await startEmbeddedServer(dataDir, log);
    const database = createDatabase(server.url, 'embedded', poolOptions);
    const facts = await readServerFacts(database.pool);
    checkServerFacts(facts);
    const started = server;
    return {
      database,
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

export { runMigrations };
