import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, auditSeals, notifications } from '../../db/schema/index';
import { createJobRunner } from '../../jobs/runner';
import { seedDemoData } from '../../seed/seed';
import { createTestUsers } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { type AuditActor, createAuditRepository } from './audit.repository';
import { auditRetentionJob, sealAudit, sealAuditJob, verifyAudit, verifyAuditJob } from './audit.seal';

// The audit log's seal chain: every row is sealed in order; a row changed, deleted or slipped in by
// someone who can get past the append-only trigger (the table owner) is named by verify-audit and the
// daily job alerts the administrators; retention removes a sealed prefix and the chain goes on from its
// anchor. Runs on the embedded and the external PostgreSQL.

const KEY = Buffer.from('k9Vx2LmQ7rT4wZ8pN3bF6hJ1cY5dS0gA-test');
const ACTOR: AuditActor = { userId: null, username: 'tester', roles: [], ip: '127.0.0.1', requestId: null };
const quiet = { info: () => undefined, error: () => undefined };

describe('audit seal chain', () => {
  let ctx: TestContext;
  let owner: pg.Client;
  const ids: string[] = [];

  /** What the table owner can do by switching the append-only trigger off: a quiet change. */
  async function asOwnerBehindTrigger(statement: string, params: unknown[] = []) {
    await owner.query('BEGIN');
    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await owner.query(statement, params);
    await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    await owner.query('COMMIT');
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'auditor', roles: ['audit_admin'], orgCode: 'WJ-DRC' },
    ]);
    const repo = createAuditRepository(ctx.database.db);
    // A year and more of rows, dated by the app's clock.
    for (const [i, at] of ['2023-06-01', '2023-09-01', '2024-01-05', '2025-03-01', '2025-03-02'].entries()) {
      await repo.append(
        ctx.database.db,
        ACTOR,
        {
          action: 'test.event',
          objectType: 'test',
          objectId: String(i),
          result: 'success',
          summary: { n: i, note: '示例' },
        },
        new Date(`${at}T10:00:00+08:00`),
      );
    }
    const rows = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'test.event'));
    ids.push(...rows.sort((a, b) => Number(a.objectId) - Number(b.objectId)).map((r) => r.id));
    owner = new pg.Client({ connectionString: ctx.databaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await ctx.close();
  });

  it('seals every row once, in order, and verifies the whole chain', async () => {
    const total = (await ctx.database.db.select().from(auditLog)).length;
    expect(await sealAudit(ctx.database.db, KEY)).toBe(total);
    expect(await sealAudit(ctx.database.db, KEY)).toBe(0);
    const seals = await ctx.database.db.select().from(auditSeals);
    expect(seals.map((s) => s.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_v, i) => i + 1),
    );
    expect(await verifyAudit(ctx.database.db, KEY)).toMatchObject({
      ok: true,
      checked: total,
      broken: null,
    });
    // Another key does not verify: the MAC is keyed.
    expect((await verifyAudit(ctx.database.db, Buffer.from('another key'))).ok).toBe(false);
  });

  it('refuses to change or delete a seal, even to the owner', async () => {
    await expect(ctx.database.pool.query(`UPDATE audit_seals SET mac = 'x'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(owner.query(`UPDATE audit_seals SET mac = 'x'`)).rejects.toThrow(/append-only/);
    await expect(owner.query('DELETE FROM audit_seals')).rejects.toThrow(/append-only/);
  });

  it('names a row whose content was changed behind the trigger, and passes again once it is restored', async () => {
    const target = ids[2] ?? '';
    await asOwnerBehindTrigger(`UPDATE audit_log SET summary = '{"n": 2, "note": "改过"}' WHERE id = $1`, [
      target,
    ]);
    const result = await verifyAudit(ctx.database.db, KEY);
    expect(result).toMatchObject({ ok: false, checked: 2, broken: { seq: 3, auditId: target } });
    expect(result.broken?.reason).toContain('内容已被改动');
    // Even a change of one microsecond in its time is seen.
    await asOwnerBehindTrigger(`UPDATE audit_log SET summary = '{"n": 2, "note": "示例"}' WHERE id = $1`, [
      target,
    ]);
    expect((await verifyAudit(ctx.database.db, KEY)).ok).toBe(true);
    await asOwnerBehindTrigger(`UPDATE audit_log SET at = at + interval '1 microsecond' WHERE id = $1`, [
      target,
    ]);
    expect((await verifyAudit(ctx.database.db, KEY)).broken?.auditId).toBe(target);
    await asOwnerBehindTrigger(`UPDATE audit_log SET at = at - interval '1 microsecond' WHERE id = $1`, [
      target,
    ]);
    expect((await verifyAudit(ctx.database.db, KEY)).ok).toBe(true);
  });

  it('names a deleted row and a row slipped in behind the sealer', async () => {
    // Kept aside exactly as stored, to put back.
    await owner.query('CREATE TEMP TABLE kept AS SELECT * FROM audit_log WHERE id = $1', [ids[3]]);
    await asOwnerBehindTrigger('DELETE FROM audit_log WHERE id = $1', [ids[3]]);
    const deleted = await verifyAudit(ctx.database.db, KEY);
    expect(deleted.broken).toMatchObject({ seq: 4, auditId: ids[3] });
    expect(deleted.broken?.reason).toContain('已被删除');
    await owner.query('INSERT INTO audit_log SELECT * FROM kept');
    expect((await verifyAudit(ctx.database.db, KEY)).ok).toBe(true);
    const forged = '0190c6a0-0000-7000-8000-000000000001';
    await owner.query(
      `INSERT INTO audit_log (id, at, username, action, result, recorded_at) VALUES ($1, now() - interval '2 days', 'ghost', 'user.create', 'success', now() - interval '2 days')`,
      [forged],
    );
    const slipped = await verifyAudit(ctx.database.db, KEY);
    expect(slipped.broken).toMatchObject({ seq: null, auditId: forged });
    expect(slipped.broken?.reason).toContain('不在链条中');
  });

  it('the daily job alerts the audit administrator when the chain is broken', async () => {
    const runner = createJobRunner({
      database: ctx.database,
      jobs: [sealAuditJob, verifyAuditJob, auditRetentionJob],
      clock: ctx.clock,
      log: quiet,
      dataDir: ctx.dataDir,
      audit: { key: KEY, retentionDays: 365 },
    });
    const run = await runner.runJob('audit.verify', { trigger: 'manual' });
    expect(run.result).toBe('failed');
    expect(run.message).toContain('不在链条中');
    const alerts = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.module, 'audit'));
    expect(alerts.map((a) => a.title)).toEqual(['审计日志校验失败']);
    await asOwnerBehindTrigger(`DELETE FROM audit_log WHERE username = 'ghost'`);
    expect((await runner.runJob('audit.verify', { trigger: 'manual' })).result).toBe('succeeded');
  });

  it('purges a sealed prefix older than the retention through the function, and the chain goes on from the anchor', async () => {
    const runner = createJobRunner({
      database: ctx.database,
      jobs: [sealAuditJob, verifyAuditJob, auditRetentionJob],
      clock: ctx.clock,
      log: quiet,
      dataDir: ctx.dataDir,
      audit: { key: KEY, retentionDays: 365 },
    });
    // The test clock says 2025-03-31: 365 days keep everything from 2024-03-31 on.
    const run = await runner.runJob('audit.retention', { trigger: 'manual' });
    expect(run).toMatchObject({ result: 'succeeded', rows: 3 });
    const left = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'test.event'));
    expect(left.map((r) => r.objectId).sort()).toEqual(['3', '4']);
    const [anchor] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'audit.retention'));
    expect(anchor?.summary).toMatchObject({ removedRows: 3, lastSeq: 3 });
    const after = await verifyAudit(ctx.database.db, KEY);
    expect(after.broken).toBeNull();
    expect(after.ok).toBe(true);
    // Nothing younger than 180 days goes, whatever the caller asks.
    await expect(
      ctx.database.pool.query(`SELECT audit_purge_before(now() - interval '10 days', 'impatient')`),
    ).rejects.toThrow(/180 days/);
  });
});
