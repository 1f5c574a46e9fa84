import { phoneIndexKey } from '@groundbreak/domain';
import { sql } from 'drizzle-orm';
import {
  describeProtectedValue,
  type FieldContext,
  FieldKeyError,
  type FieldProtector,
  isMac,
  isProtectedValue,
  storedPrefix,
} from '../lib/crypto/field-protector';
import type { Db } from './database';

// The protected columns, and the start-up pass that brings them to the configured key and scheme: values
// written before encryption existed (or restored from such a backup) are encrypted and indexed, values of
// the other scheme are re-encrypted, phones waiting in an import's staged rows are sealed, recovery-code
// hashes become keyed MACs. The key the data was written with is recorded (app_settings), so that a
// process configured with another key refuses to start even before any value is encrypted — writing
// under a second key would leave data that no single key opens.

type ProtectedColumn = {
  table: 'projects' | 'users' | 'notification_channels' | 'lead_contacts';
  column: string;
  context: FieldContext;
  /** The blind-index column and what it indexes; none for a value that is never searched. */
  index?: { column: string; key: (plain: string) => string };
};

export const PROTECTED_COLUMNS: readonly ProtectedColumn[] = [
  {
    table: 'projects',
    column: 'contact_phone',
    context: 'projects.contact_phone',
    index: { column: 'contact_phone_index', key: phoneIndexKey },
  },
  {
    table: 'users',
    column: 'phone',
    context: 'users.phone',
    index: { column: 'phone_index', key: phoneIndexKey },
  },
  { table: 'users', column: 'totp_secret', context: 'users.totp_secret' },
  { table: 'notification_channels', column: 'target', context: 'notification_channels.target' },
  { table: 'notification_channels', column: 'secret', context: 'notification_channels.secret' },
  {
    table: 'lead_contacts',
    column: 'phone_cipher',
    context: 'lead_contacts.phone',
    index: { column: 'phone_index', key: phoneIndexKey },
  },
];

const KEY_RECORD = 'field_protection';

function wrongKey(found: string, protector: FieldProtector, where: string): FieldKeyError {
  return new FieldKeyError(
    `${where}由编号 ${found} 的密钥加密，而配置的 FIELD_ENCRYPTION_KEY 编号为 ${protector.keyId}。` +
      '请使用加密这些数据时的密钥（恢复备份时，密钥在备份中，以备份口令解开）',
  );
}

/** Throws FieldKeyError when the data was written under a key other than the protector's. */
export async function checkFieldKey(db: Db, protector: FieldProtector): Promise<void> {
  const { rows } = await db.execute<{ key_id: string | null }>(
    sql`SELECT value->>'keyId' AS key_id FROM app_settings WHERE key = ${KEY_RECORD}`,
  );
  const recorded = rows[0]?.key_id;
  if (recorded && recorded !== protector.keyId) throw wrongKey(recorded, protector, '本系统的个人信息');
  // An installation from before the record existed: ask the values themselves.
  for (const c of PROTECTED_COLUMNS) {
    const { rows: found } = await db.execute<{ value: string }>(
      sql`SELECT ${sql.identifier(c.column)} AS value FROM ${sql.identifier(c.table)}
           WHERE ${sql.identifier(c.column)} ~ '^(a1|s1):[0-9a-f]{8}:'
             AND substr(${sql.identifier(c.column)}, 4, 8) <> ${protector.keyId} LIMIT 1`,
    );
    const other = found[0] ? describeProtectedValue(found[0].value) : null;
    if (other) throw wrongKey(other.keyId, protector, `${c.context} 中的数据`);
  }
}

/**
 * Brings every protected value to the protector's key and scheme and records the key; returns how many
 * values were rewritten. One transaction under an advisory lock: two instances starting at once take
 * turns, and a start that fails half-way leaves everything as it was.
 */
export async function protectStoredFields(db: Db, protector: FieldProtector): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('field-protection'))`);
    await checkFieldKey(tx, protector);
    const current = `${storedPrefix(protector)}%`;
    const seal = async (value: string, context: FieldContext) => {
      const plain = isProtectedValue(value) ? await protector.decrypt(value, context) : value.trim();
      return { plain, stored: await protector.encrypt(plain, context) };
    };
    let rewritten = 0;
    for (const c of PROTECTED_COLUMNS) {
      const { rows } = await tx.execute<{ id: string; value: string }>(
        sql`SELECT id::text AS id, ${sql.identifier(c.column)} AS value FROM ${sql.identifier(c.table)}
             WHERE ${sql.identifier(c.column)} IS NOT NULL AND ${sql.identifier(c.column)} NOT LIKE ${current}`,
      );
      for (const row of rows) {
        const { plain, stored } = await seal(row.value, c.context);
        const index = c.index ? await protector.blindIndex(c.index.key(plain), c.context) : null;
        await tx.execute(
          sql`UPDATE ${sql.identifier(c.table)} SET ${sql.identifier(c.column)} = ${stored}
              ${c.index ? sql`, ${sql.identifier(c.index.column)} = ${index}` : sql``}
              WHERE id = ${row.id}::uuid`,
        );
      }
      rewritten += rows.length;
    }
    // A preview waiting for its commit keeps the phone of each row in its staged patch.
    const { rows: staged } = await tx.execute<{ job_id: string; seq: number; value: string }>(
      sql`SELECT job_id::text, seq, patch->'values'->>'contactPhone' AS value FROM import_job_rows
           WHERE patch->'values'->>'contactPhone' IS NOT NULL
             AND patch->'values'->>'contactPhone' NOT LIKE ${current}`,
    );
    for (const row of staged) {
      const { stored } = await seal(row.value, 'projects.contact_phone');
      await tx.execute(
        sql`UPDATE import_job_rows SET patch = jsonb_set(patch, '{values,contactPhone}', to_jsonb(${stored}::text))
             WHERE job_id = ${row.job_id}::uuid AND seq = ${row.seq}`,
      );
    }
    rewritten += staged.length;
    // Recovery codes were kept as an unkeyed SHA-256 (about 40 bits each: brute-forceable from a stolen
    // copy); now a keyed MAC of that same hash, so that nothing about the codes is learnt without the key.
    const { rows: codes } = await tx.execute<{ id: string; hash: string }>(
      sql`SELECT id::text AS id, code_hash AS hash FROM mfa_recovery_codes`,
    );
    for (const code of codes.filter((c) => !isMac(c.hash))) {
      await tx.execute(
        sql`UPDATE mfa_recovery_codes SET code_hash = ${await protector.mac(code.hash)} WHERE id = ${code.id}::uuid`,
      );
      rewritten++;
    }
    await tx.execute(
      sql`INSERT INTO app_settings (key, value, updated_at)
          VALUES (${KEY_RECORD}, ${JSON.stringify({ keyId: protector.keyId, scheme: protector.scheme })}::jsonb, now())
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
          WHERE app_settings.value IS DISTINCT FROM EXCLUDED.value`,
    );
    return rewritten;
  });
}
