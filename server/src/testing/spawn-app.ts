import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../db/embedded';

// Runs the real app as a separate process, the way `npm start` does, for tests of the process lifecycle.

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(REPO_ROOT, 'server/bin/groundbreak.mjs');

export type SpawnedApp = {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  output(): string;
  exited: Promise<number | null>;
};

export function makeDataDir(prefix = 'gb-proc-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Environment for a child: no DATABASE_URL (embedded), quiet logs, the given data directory and port. */
export function childEnv(
  dataDir: string,
  port: number,
  databaseUrl?: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'info',
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  delete env.NODE_OPTIONS;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  return env;
}

export async function spawnApp(
  dataDir: string,
  options: {
    port?: number;
    command?: string[];
    viaNpmStart?: boolean;
    databaseUrl?: string;
    env?: Record<string, string>;
  } = {},
): Promise<SpawnedApp> {
  const port = options.port ?? (await findFreePort());
  let log = '';
  const child = options.viaNpmStart
    ? // Its own process group, so that stopping it is like Ctrl-C in a terminal: the signal reaches npm,
      // the shell and the app alike.
      spawn('npm', ['start', '--silent'], {
        cwd: REPO_ROOT,
        env: childEnv(dataDir, port),
        stdio: 'pipe',
        detached: true,
      })
    : spawn(process.execPath, [BIN, ...(options.command ?? ['serve'])], {
        cwd: REPO_ROOT,
        env: childEnv(dataDir, port, options.databaseUrl, options.env),
        stdio: 'pipe',
      });
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => log, exited };
}

/** Polls a URL until it answers 200 (returns the ms waited) or the deadline passes. */
export async function waitForOk(
  url: string,
  timeoutMs: number,
  exited?: Promise<number | null>,
): Promise<number> {
  const started = Date.now();
  let done = false;
  void exited?.then(() => {
    done = true;
  });
  while (Date.now() - started < timeoutMs) {
    if (done) throw new Error(`process exited before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Stops a spawned app with SIGTERM (clean shutdown of its embedded PostgreSQL). */
export async function stopApp(app: SpawnedApp): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const pid = app.child.pid;
  if (app.child.spawnargs[0] === 'npm' && pid !== undefined) process.kill(-pid, 'SIGINT');
  else app.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([app.exited, new Promise((r) => (timer = setTimeout(r, 20_000)))]);
  clearTimeout(timer);
}

/** Runs a CLI command to completion; returns its exit code and output. */
export async function runCli(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const app = await spawnApp(dataDir, { command: args, port: 0, env });
  const code = await app.exited;
  return { code, output: app.output() };
}
