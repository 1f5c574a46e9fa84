import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { TEST_APP_ROLE } from '../../testing/test-database';
import { createAuditRepository } from './audit.repository';
import { sealAudit } from './audit.seal';

// The audit log cannot be quietly changed: the application's role may only read and append, and a
// trigger refuses UPDATE, DELETE and TRUNCATE even to the owner. Runs on the embedded and the
// external PostgreSQL (the integration suite runs on both).

describe('append-only audit log', () => {
  let ctx: TestContext;
  let owner: pg.Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    const repo = createAuditRepository(ctx.database.db);
    for (const at of [
      '2024-01-05T10:00:00+08:00',
      '2024-06-05T10:00:00+08:00',
      '2025-03-01T10:00:00+08:00',
    ]) {
      await repo.append(
        ctx.database.db,
        { userId: null, username: 'tester', roles: [], ip: '127.0.0.1', requestId: null },
        { action: 'test.event', result: 'success', summary: { phone: '13812345678', note: '示例' } },
        new Date(at),
      );
    }
    owner = new pg.Client({ connectionString: ctx.databaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await ctx.close();
  });

  it('connects as the application role, not as the table owner', async () => {
    const { rows } = await ctx.database.pool.query<{ current_user: string }>('SELECT current_user');
    expect(rows[0]?.current_user).toBe(TEST_APP_ROLE);
  });

  it('refuses UPDATE and DELETE to the application role', async () => {
    await expect(ctx.database.pool.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(ctx.database.pool.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    await expect(ctx.database.pool.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    // Setting the purge flag by hand opens nothing: the role has no DELETE right at all.
    const client = await ctx.database.pool.connect();
    try {
      await client.query(`SELECT set_config('groundbreak.audit_purge', 'on', false)`);
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    } finally {
      client.release();
    }
    expect(await ctx.database.db.select().from(auditLog)).toHaveLength(3);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the owner through the trigger', async () => {
    await expect(owner.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(owner.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(owner.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('masks personal fields in what it stores', async () => {
    const rows = await ctx.database.db.select().from(auditLog);
    expect(JSON.stringify(rows)).not.toContain('13812345678');
    expect(rows[0]?.summary).toMatchObject({ phone: '138****5678' });
  });

  it('deletes only through the retention function, which leaves an anchor row', async () => {
    // Only sealed rows can go (the chain continues from the anchor), so the sealer runs first.
    await sealAudit(ctx.database.db, Buffer.from('test-audit-key'));
    const { rows } = await ctx.database.pool.query<{ removed: number }>(
      `SELECT audit_purge_before($1, 'retention-test') AS removed`,
      [new Date('2024-12-31T16:00:00Z')],
    );
    expect(rows[0]?.removed).toBe(2);
    const left = await ctx.database.db.select().from(auditLog);
    expect(left.map((r) => r.action).sort()).toEqual(['audit.retention', 'test.event']);
    expect(left.find((r) => r.action === 'audit.retention')?.summary).toMatchObject({ removedRows: 2 });
  });
});
