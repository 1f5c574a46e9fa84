import { phoneIndexKey } from '@groundbreak/domain';
import { sql } from 'drizzle-orm';
import {
  describeProtectedValue,
  type FieldContext,
  FieldKeyError,
  type FieldProtector,
  isProtectedValue,
} from '../lib/crypto/field-protector';
import type { Db } from './database';

// The protected columns, and the pass that brings them to the configured key and scheme at start-up:
// values written before encryption existed (or restored from such a backup) are encrypted and indexed,
// values of the other scheme are re-encrypted, and a value under another key stops the start — the
// configured FIELD_ENCRYPTION_KEY is not the one the data needs, and writing more under it would leave
// the table readable by neither.

type ProtectedColumn = {
  table: 'projects' | 'users';
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
];

const BATCH = 500;

/** Throws FieldKeyError when any stored value was encrypted under a key other than the protector's. */
export async function checkFieldKey(db: Db, protector: FieldProtector): Promise<void> {
  for (const c of PROTECTED_COLUMNS) {
    const { rows } = await db.execute<{ value: string }>(
      sql`SELECT ${sql.identifier(c.column)} AS value FROM ${sql.identifier(c.table)}
           WHERE ${sql.identifier(c.column)} ~ '^(a1|s1):[0-9a-f]{8}:'
             AND substr(${sql.identifier(c.column)}, 4, 8) <> ${protector.keyId} LIMIT 1`,
    );
    const found = rows[0] ? describeProtectedValue(rows[0].value) : null;
    if (found) {
      throw new FieldKeyError(
        `${c.context} 中的数据由编号 ${found.keyId} 的密钥加密，而配置的 FIELD_ENCRYPTION_KEY 编号为 ${protector.keyId}。` +
          '请使用加密这些数据时的密钥（恢复备份时，密钥在备份中，以备份口令解开）',
      );
    }
  }
}

/** Encrypts plain values and re-encrypts other-scheme ones; returns how many values were rewritten. */
export async function protectStoredFields(db: Db, protector: FieldProtector): Promise<number> {
  await checkFieldKey(db, protector);
  const current = `${protector.scheme === 'sm4' ? 's1' : 'a1'}:${protector.keyId}:%`;
  let rewritten = 0;
  for (const c of PROTECTED_COLUMNS) {
    for (;;) {
      const { rows } = await db.execute<{ id: string; value: string }>(
        sql`SELECT id::text AS id, ${sql.identifier(c.column)} AS value FROM ${sql.identifier(c.table)}
             WHERE ${sql.identifier(c.column)} IS NOT NULL AND ${sql.identifier(c.column)} NOT LIKE ${current}
             LIMIT ${BATCH}`,
      );
      if (rows.length === 0) break;
      await db.transaction(async (tx) => {
        for (const row of rows) {
          const plain = isProtectedValue(row.value)
            ? await protector.decrypt(row.value, c.context)
            : row.value.trim();
          const stored = await protector.encrypt(plain, c.context);
          const index = c.index ? await protector.blindIndex(c.index.key(plain), c.context) : null;
          // Only the value this pass read: a concurrent edit wins and is protected by its own writer.
          await tx.execute(
            sql`UPDATE ${sql.identifier(c.table)} SET ${sql.identifier(c.column)} = ${stored}
                ${c.index ? sql`, ${sql.identifier(c.index.column)} = ${index}` : sql``}
                WHERE id = ${row.id}::uuid AND ${sql.identifier(c.column)} = ${row.value}`,
          );
        }
      });
      rewritten += rows.length;
    }
  }
  // Recovery codes were kept as an unkeyed SHA-256 (about 40 bits each: brute-forceable from a stolen
  // copy); now a keyed MAC of that same hash, so that nothing about the codes is learnt without the key.
  const { rows: codes } = await db.execute<{ id: string; hash: string }>(
    sql`SELECT id::text AS id, code_hash AS hash FROM mfa_recovery_codes WHERE code_hash !~ '^(a1|s1):'`,
  );
  if (codes.length > 0) {
    await db.transaction(async (tx) => {
      for (const code of codes) {
        await tx.execute(
          sql`UPDATE mfa_recovery_codes SET code_hash = ${await protector.mac(code.hash)} WHERE id = ${code.id}::uuid`,
        );
      }
    });
  }
  return rewritten + codes.length;
}
