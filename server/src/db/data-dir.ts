import fs from 'node:fs';
import path from 'node:path';

// Ownership of DATA_DIR: one process at a time holds DATA_DIR/app.lock (JSON with its PID). The lock is
// judged by liveness, not by existence, so a lock left by a killed process is taken over.

export type LockRole = 'serve' | 'cli';
export type LockHolder = { pid: number; role: LockRole; command: string; startedAt: string };

export type AppLock = { readonly path: string; readonly holder: LockHolder; release(): void };

export type AcquireResult = { acquired: true; lock: AppLock } | { acquired: false; holder: LockHolder };

/** True when a process with this PID exists (EPERM means it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

// A process whose parent died is re-parented; where nothing reaps it (PID 1 in a container) it stays a
// zombie that kill(pid, 0) still finds. It is dead all the same.
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export function ensureDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  // The embedded server runs as the `postgres` user when we are root: it must be able to enter DATA_DIR.
  fs.chmodSync(dataDir, 0o755);
}

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'app.lock');
}

/** Reads the current holder of DATA_DIR/app.lock if that process is alive. */
export function readLiveHolder(dataDir: string): LockHolder | undefined {
  const holder = readHolder(lockPath(dataDir));
  return holder && isProcessAlive(holder.pid) ? holder : undefined;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number') return undefined;
    return {
      pid: parsed.pid,
      role: parsed.role === 'cli' ? 'cli' : 'serve',
      command: parsed.command ?? '',
      startedAt: parsed.startedAt ?? '',
    };
  } catch {
    return undefined;
  }
}

/** Takes DATA_DIR/app.lock for this process, or reports the live process that holds it. */
export function acquireAppLock(dataDir: string, role: LockRole, command: string): AcquireResult {
  ensureDataDir(dataDir);
  const file = lockPath(dataDir);
  const holder: LockHolder = { pid: process.pid, role, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify(holder));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      return { acquired: true, lock: createLock(file, holder) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = readHolder(file);
    if (current && current.pid !== process.pid && isProcessAlive(current.pid)) {
      return { acquired: false, holder: current };
    }
    // Stale (its process is gone) or unreadable (a crash while writing it): take it over.
    fs.rmSync(file, { force: true });
  }
  const current = readHolder(file);
  if (current) return { acquired: false, holder: current };
  throw new Error(`无法获取数据目录锁 ${file}`);
}

function createLock(file: string, holder: LockHolder): AppLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // Only remove the file if it is still ours.
    if (readHolder(file)?.pid === holder.pid) fs.rmSync(file, { force: true });
  };
  process.once('exit', release);
  return { path: file, holder, release };
}

export function describeHolder(holder: LockHolder): string {
  const what = holder.role === 'serve' ? 'Groundbreak 服务' : `命令 "${holder.command}"`;
  return `${what} (PID ${holder.pid}，启动于 ${holder.startedAt})`;
}
