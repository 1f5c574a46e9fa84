import os from 'node:os';
import { Cron } from 'croner';
import { eq } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../clock';
import type { NotificationSettings } from '../config';
import type { Database } from '../db/database';
import { jobRuns } from '../db/schema/index';
import type { FieldProtector } from '../lib/crypto/field-protector';

// Scheduled work: croner in Asia/Shanghai; one instance at a time per job through a PostgreSQL advisory
// lock; every run (also a skipped one) recorded in job_runs. Modules only contribute JobDefinitions.

export type JobContext = {
  database: Database;
  dataDir: string;
  asOf: string;
  now: Date;
  log: JobLogger;
  /** The audit chain's key and retention, for the audit jobs (absent in runners built without them). */
  audit?: { key: Buffer; retentionDays: number } | undefined;
  /** The field protector and the outside channels' settings, for the delivery jobs. */
  protector?: FieldProtector | undefined;
  notifications?: NotificationSettings | undefined;
};
export type JobResult = { rows: number; message?: string };
export type JobDefinition = {
  name: string;
  description: string;
  /** Cron expression (minute hour day month weekday), Asia/Shanghai. */
  schedule: string;
  run(ctx: JobContext): Promise<JobResult>;
  /** A frequent job whose runs that did nothing (0 rows) are not kept in job_runs. */
  quiet?: boolean;
};
export type JobLogger = { info(msg: string): void; error(msg: string): void };

export type JobRun = {
  id: string;
  jobName: string;
  asOf: string;
  trigger: 'schedule' | 'manual';
  result: 'succeeded' | 'failed' | 'skipped';
  rows: number | null;
  message: string | null;
};

export class UnknownJobError extends Error {
  override name = 'UnknownJobError';
}

const INSTANCE = `${os.hostname()}:${process.pid}`;

export function createJobRunner(deps: {
  database: Database;
  jobs: JobDefinition[];
  clock: Clock;
  log: JobLogger;
  dataDir: string;
  audit?: { key: Buffer; retentionDays: number };
  protector?: FieldProtector;
  notifications?: NotificationSettings;
}) {
  const { database, jobs, clock, log, dataDir, audit, protector, notifications } = deps;
  const byName = new Map(jobs.map((j) => [j.name, j]));
  if (byName.size !== jobs.length) throw new Error('duplicate job names');
  const crons: Cron[] = [];

  async function record(values: typeof jobRuns.$inferInsert): Promise<string> {
    const [row] = await database.db.insert(jobRuns).values(values).returning({ id: jobRuns.id });
    if (!row) throw new Error('job run not recorded');
    return row.id;
  }

  /** Runs one job now; `asOf` (YYYY-MM-DD, Asia/Shanghai) defaults to today on the injected clock. */
  async function runJob(
    name: string,
    options: { asOf?: string; trigger: 'schedule' | 'manual' },
  ): Promise<JobRun> {
    const job = byName.get(name);
    if (!job) throw new UnknownJobError(`未知的任务 "${name}"。可用任务：${[...byName.keys()].join(', ')}`);
    const now = clock.now();
    const asOf = options.asOf ?? shanghaiDate(now);
    const base = { jobName: name, asOf, trigger: options.trigger, instance: INSTANCE, startedAt: now };
    const client = await database.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [`job:${name}`],
      );
      if (!rows[0]?.locked) {
        const message = '另一实例正在运行该任务，本次跳过';
        const id = await record({ ...base, result: 'skipped', finishedAt: clock.now(), message });
        return { id, jobName: name, asOf, trigger: options.trigger, result: 'skipped', rows: null, message };
      }
      const id = await record({ ...base, result: 'running' });
      try {
        const result = await job.run({ database, dataDir, asOf, now, log, audit, protector, notifications });
        if (job.quiet && result.rows === 0 && options.trigger === 'schedule') {
          await database.db.delete(jobRuns).where(eq(jobRuns.id, id));
          return {
            id,
            jobName: name,
            asOf,
            trigger: options.trigger,
            result: 'succeeded',
            rows: 0,
            message: null,
          };
        }
        await database.db
          .update(jobRuns)
          .set({
            result: 'succeeded',
            rows: result.rows,
            message: result.message ?? null,
            finishedAt: clock.now(),
          })
          .where(eq(jobRuns.id, id));
        log.info(`任务 ${name} (as of ${asOf}) 完成：${result.rows} 行`);
        return {
          id,
          jobName: name,
          asOf,
          trigger: options.trigger,
          result: 'succeeded',
          rows: result.rows,
          message: result.message ?? null,
        };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await database.db
          .update(jobRuns)
          .set({ result: 'failed', message, finishedAt: clock.now() })
          .where(eq(jobRuns.id, id));
        log.error(`任务 ${name} (as of ${asOf}) 失败：${message}`);
        return { id, jobName: name, asOf, trigger: options.trigger, result: 'failed', rows: null, message };
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`job:${name}`]);
      }
    } finally {
      client.release();
    }
  }

  return {
    jobs: (): JobDefinition[] => [...byName.values()],
    runJob,
    /** Schedules every job; `protect` stops a run from overlapping the previous one in this process. */
    start(): void {
      for (const job of byName.values()) {
        crons.push(
          new Cron(job.schedule, { timezone: 'Asia/Shanghai', protect: true, name: job.name }, async () => {
            await runJob(job.name, { trigger: 'schedule' }).catch((error: unknown) =>
              log.error(`任务 ${job.name} 无法记录：${String(error)}`),
            );
          }),
        );
      }
    },
    stop(): void {
      for (const cron of crons.splice(0)) cron.stop();
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
