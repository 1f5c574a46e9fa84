import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../db/database';
import { sealAudit, verifyAudit } from '../modules/audit/audit.seal';
import { seedDemoData } from '../seed/seed';
import { seedDemoProjects } from '../seed/seed-projects';
import { createTestUsers } from '../testing/accounts';
import { createTestContext, TEST_FIELD_KEY, type TestContext } from '../testing/test-app';
import { createDatabaseFromTemplate, TEST_APP_ROLE } from '../testing/test-database';
import { BackupError, createBackup, restoreBackup } from './backup';
import { createFieldProtector } from './crypto/field-protector';

// Backup → wipe → restore on a new, empty database and data directory: every table's rows and checksum,
// every attachment's bytes, the audit chain (verify-audit passes with the key from the archive) and the
// full phone numbers come back. A wrong passphrase, a damaged archive and a non-empty target are refused.
// Runs on the embedded and the external PostgreSQL.

const KEY = 'Zr8qW2nB5vK0xT7mC4yH1jP6dL9sF3gE-backup';
const PASSPHRASE = '备份口令-correct horse 2025';

async function checksums(client: pg.Client, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await client.query<{ n: string; sum: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(row_to_json(x)::text, '|' ORDER BY row_to_json(x)::text)) AS sum FROM public."${t}" x`,
    );
    out[t] = `${rows[0]?.n}:${rows[0]?.sum ?? ''}`;
  }
  return out;
}

describe('backup and restore', () => {
  let ctx: TestContext;
  const archive = () => path.join(ctx.dataDir, 'backup.tar.gz');
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    await sealAudit(ctx.database.db, Buffer.from(KEY));
  });
  afterAll(() => ctx.close());

  it('restores every row, file and the audit chain into an empty database and data directory', async () => {
    const manifest = await createBackup({
      pool: ctx.database.pool,
      dataDir: ctx.dataDir,
      file: archive(),
      keys: {
        auditHmacKey: KEY,
        auditKeyFromFile: false,
        fieldKey: TEST_FIELD_KEY.toString('utf8'),
        fieldKeyFromFile: false,
      },
      passphrase: PASSPHRASE,
      now: ctx.clock.now(),
    });
    expect(manifest.tables.find((t) => t.name === 'projects')?.rows).toBeGreaterThan(100);
    expect(manifest.files.length).toBeGreaterThan(0);
    expect(fs.readFileSync(archive()).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    const target = await createDatabaseFromTemplate(inject('testDatabase'));
    const owner = new pg.Client({ connectionString: target.url });
    await owner.connect();
    const dataDir = fs.mkdtempSync(path.join(path.dirname(ctx.dataDir), 'gb-restored-'));
    try {
      // The template holds reference data: empty it, as a new installation's database is before restore.
      const names = manifest.tables.map((t) => t.name).filter((n) => !n.startsWith('audit_'));
      await owner.query(`TRUNCATE ${names.map((n) => `"${n}"`).join(', ')} CASCADE`);
      await expect(
        restoreBackup({ client: owner, dataDir, file: archive(), passphrase: 'wrong passphrase!' }),
      ).rejects.toThrow(/备份口令不正确/);
      // A configured key that is not the archive's is refused before any row is loaded.
      await expect(
        restoreBackup({
          client: owner,
          dataDir,
          file: archive(),
          passphrase: PASSPHRASE,
          acceptKeys: () => {
            throw new BackupError('FIELD_ENCRYPTION_KEY 与备份时的不同');
          },
        }),
      ).rejects.toThrow(/FIELD_ENCRYPTION_KEY/);
      expect((await owner.query('SELECT count(*)::int AS n FROM projects')).rows[0].n).toBe(0);
      const restored = await restoreBackup({
        client: owner,
        dataDir,
        file: archive(),
        passphrase: PASSPHRASE,
      });
      expect(restored.keys.auditHmacKey).toBe(KEY);
      expect(restored.keys.fieldKey).toBe(TEST_FIELD_KEY.toString('utf8'));

      const source = new pg.Client({ connectionString: ctx.databaseUrl });
      await source.connect();
      try {
        const tables = manifest.tables.map((t) => t.name);
        expect(await checksums(owner, tables)).toEqual(await checksums(source, tables));
        const [phone] = (
          await source.query('SELECT id, contact_phone FROM projects WHERE contact_phone IS NOT NULL LIMIT 1')
        ).rows;
        const [back] = (await owner.query('SELECT contact_phone FROM projects WHERE id = $1', [phone.id]))
          .rows;
        // Stored encrypted, restored as stored, and the archive's key opens it to the original number.
        expect(back.contact_phone).toBe(phone.contact_phone);
        expect(back.contact_phone).not.toMatch(/^1[3-9]\d{9}$/);
        const original = await ctx.protector.decrypt(phone.contact_phone, 'projects.contact_phone');
        expect(original).toMatch(/^1[3-9]\d{9}$/);
        const withRestoredKey = createFieldProtector(Buffer.from(restored.keys.fieldKey ?? '', 'utf8'));
        expect(await withRestoredKey.decrypt(back.contact_phone, 'projects.contact_phone')).toBe(original);
      } finally {
        await source.end();
      }
      for (const f of manifest.files) {
        expect(fs.readFileSync(path.join(dataDir, 'files', f.path))).toEqual(
          fs.readFileSync(path.join(ctx.dataDir, 'files', f.path)),
        );
      }
      const database = createDatabase(target.url, inject('testDatabase').kind, {
        max: 2,
        statementTimeoutMs: 30_000,
        appRole: TEST_APP_ROLE,
        onError: () => undefined,
      });
      try {
        expect(await verifyAudit(database.db, Buffer.from(restored.keys.auditHmacKey))).toMatchObject({
          ok: true,
        });
      } finally {
        await database.close();
      }
      // Once restored, the database is not empty: a second restore is refused.
      await expect(
        restoreBackup({ client: owner, dataDir: ctx.dataDir, file: archive(), passphrase: PASSPHRASE }),
      ).rejects.toThrow(/不是空的|已有附件/);
    } finally {
      await owner.end();
      await target.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged archive before loading anything', async () => {
    const bytes = fs.readFileSync(archive());
    const damaged = path.join(ctx.dataDir, 'damaged.tar.gz');
    // Flip a byte in the middle of the compressed stream.
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    const target = await createDatabaseFromTemplate(inject('testDatabase'));
    const owner = new pg.Client({ connectionString: target.url });
    await owner.connect();
    try {
      await expect(
        restoreBackup({
          client: owner,
          dataDir: fs.mkdtempSync(path.join(path.dirname(ctx.dataDir), 'gb-x-')),
          file: damaged,
          passphrase: PASSPHRASE,
        }),
      ).rejects.toThrow();
      const { rows } = await owner.query('SELECT count(*)::int AS n FROM projects');
      expect(rows[0]?.n).toBe(0);
    } finally {
      await owner.end();
      await target.drop();
    }
  });
});
