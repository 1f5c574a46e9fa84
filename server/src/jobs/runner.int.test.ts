import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns, notifications } from '../db/schema/index';
import { pruneReadNotificationsJob } from '../modules/notifications/notifications.jobs';
import { createNotificationsRepository } from '../modules/notifications/notifications.repository';
import { createTestContext, type TestContext } from '../testing/test-app';
import { createJobRunner, type JobDefinition } from './runner';

const quiet = { info: () => undefined, error: () => undefined };
const USER_A = '01900000-0000-7000-8000-00000000000a';
const USER_B = '01900000-0000-7000-8000-00000000000b';

describe('scheduled job runner', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('runs a job as of a given day and records the run with its row count', async () => {
    const repo = createNotificationsRepository(ctx.database.db);
    const day = (d: string) => new Date(`${d}T09:00:00+08:00`);
    await repo.insertMany(
      [
        { recipientId: USER_A, module: 'test', title: '旧的已读' },
        { recipientId: USER_A, module: 'test', title: '较新的已读' },
        { recipientId: USER_B, module: 'test', title: '旧的未读' },
      ],
      day('2024-01-10'),
    );
    const rows = await ctx.database.db.select().from(notifications);
    const id = (title: string) => rows.find((r) => r.title === title)?.id ?? '';
    await repo.markRead(USER_A, [id('旧的已读')], day('2024-01-11'));
    await repo.markRead(USER_A, [id('较新的已读')], day('2024-12-01'));

    const runner = createJobRunner({
      database: ctx.database,
      jobs: [pruneReadNotificationsJob],
      clock: ctx.clock,
      log: quiet,
      dataDir: ctx.dataDir,
    });
    // 2025-03-01 − 180 days = 2024-09-02: only the message read on 2024-01-11 is old enough.
    const run = await runner.runJob('notifications.prune-read', { trigger: 'manual', asOf: '2025-03-01' });
    expect(run).toMatchObject({ result: 'succeeded', rows: 1, asOf: '2025-03-01' });
    const left = (await ctx.database.db.select().from(notifications)).map((r) => r.title).sort();
    expect(left).toEqual(['旧的未读', '较新的已读']);
    const [recorded] = await ctx.database.db.select().from(jobRuns).where(eq(jobRuns.id, run.id));
    expect(recorded).toMatchObject({ result: 'succeeded', rows: 1, trigger: 'manual', asOf: '2025-03-01' });
    expect(recorded?.finishedAt).toBeInstanceOf(Date);
  });

  it('skips a run while another instance holds the job’s lock, and records that', async () => {
    let release: () => void = () => undefined;
    const slow: JobDefinition = {
      name: 'test.slow',
      description: 'blocks until released',
      schedule: '0 3 * * *',
      run: () =>
        new Promise((resolve) => {
          release = () => resolve({ rows: 7 });
        }),
    };
    const a = createJobRunner({
      database: ctx.database,
      jobs: [slow],
      clock: ctx.clock,
      log: quiet,
      dataDir: ctx.dataDir,
    });
    const b = createJobRunner({
      database: ctx.database,
      jobs: [slow],
      clock: ctx.clock,
      log: quiet,
      dataDir: ctx.dataDir,
    });
    const first = a.runJob('test.slow', { trigger: 'schedule' });
    await new Promise((r) => setTimeout(r, 200));
    const second = await b.runJob('test.slow', { trigger: 'schedule' });
    expect(second.result).toBe('skipped');
    release();
    expect((await first).result).toBe('succeeded');
    const runs = await ctx.database.db.select().from(jobRuns).where(eq(jobRuns.jobName, 'test.slow'));
    expect(runs.map((r) => r.result).sort()).toEqual(['skipped', 'succeeded']);
    // The business date defaults to today on the injected clock (2025-03-31 in Asia/Shanghai).
    expect(runs.every((r) => r.asOf === '2025-03-31')).toBe(true);
  });

  it('records a failing job as failed with its message', async () => {
    const failing: JobDefinition = {
      name: 'test.failing',
      description: 'always fails',
      schedule: '0 4 * * *',
      run: async () => {
        throw new Error('上游数据缺失');
      },
    };
    const runner = createJobRunner({
      database: ctx.database,
      jobs: [failing],
      clock: ctx.clock,
      log: quiet,
      dataDir: ctx.dataDir,
    });
    const run = await runner.runJob('test.failing', { trigger: 'manual' });
    expect(run).toMatchObject({ result: 'failed', message: '上游数据缺失' });
  });

  it('refuses an unknown job by name, listing the known ones', async () => {
    const runner = createJobRunner({
      database: ctx.database,
      jobs: [pruneReadNotificationsJob],
      clock: ctx.clock,
      log: quiet,
      dataDir: ctx.dataDir,
    });
    await expect(runner.runJob('nope', { trigger: 'manual' })).rejects.toThrow(/notifications.prune-read/);
  });
});

describe('notifications inbox', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it('needs a logged-in user', async () => {
    for (const url of ['/api/notifications', '/api/notifications/unread-count']) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('counts, pages and marks read only the recipient’s own messages', async () => {
    const repo = createNotificationsRepository(ctx.database.db);
    await repo.insertMany(
      Array.from({ length: 25 }, (_, i) => ({ recipientId: USER_A, module: 'test', title: `消息 ${i}` })),
      ctx.clock.now(),
    );
    await repo.insertMany([{ recipientId: USER_B, module: 'test', title: '别人的消息' }], ctx.clock.now());
    expect(await repo.countUnread(USER_A)).toBe(25);
    const page2 = await repo.listForRecipient(USER_A, { page: 2, pageSize: 20 });
    expect(page2).toMatchObject({ total: 25, page: 2, pageSize: 20 });
    expect(page2.items).toHaveLength(5);
    const others = await repo.listForRecipient(USER_B, { page: 1, pageSize: 20 });
    const foreignId = others.items[0]?.id ?? '';
    const mine = page2.items.map((n) => n.id);
    expect(await repo.markRead(USER_A, [...mine, foreignId], ctx.clock.now())).toBe(5);
    expect(await repo.countUnread(USER_A)).toBe(20);
    expect(await repo.countUnread(USER_B)).toBe(1);
    expect((await repo.listForRecipient(USER_A, { page: 1, pageSize: 50, unread: false })).total).toBe(5);
  });
});
