import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { JobDefinition } from '../../jobs/runner';
import { keyOf } from '../../lib/keys';
import { createNotificationsRepository } from '../notifications/notifications.repository';

// The audit log's hash chain (docs/adr/002-audit-seal-chain.md). One sealer at a time takes the rows not
// yet sealed, in the order PostgreSQL recorded them, and appends to audit_seals: seal n = HMAC-SHA256(key,
// MAC of seal n-1 + the row's content as PostgreSQL stores it). Verifying walks the seals in order and
// names the first row that is missing, changed or out of chain, and any old row that was never sealed.

/** Rows recorded (by PostgreSQL's clock) this long ago and still unsealed are suspect (the sealer runs every five minutes). */
export const SEAL_GRACE_MS = 60 * 60 * 1000;
const BATCH = 2000;

/** The chain's key: AUDIT_HMAC_KEY, or in demo mode a random key kept in DATA_DIR/keys (made once). */
export function auditKeyOf(config: { auditHmacKey: string | undefined; dataDir: string }): Buffer {
  return keyOf(config.auditHmacKey, config.dataDir, 'audit-hmac');
}

type ContentRow = { id: string; content: string };

/**
 * A row's content as PostgreSQL stores it: every column in a JSON array (each value quoted and escaped, so
 * that no two rows read the same), instants in microseconds, the summary as jsonb.
 */
const CONTENT = sql.raw(`a.id::text AS id, jsonb_build_array(
  a.id, (extract(epoch FROM a.at) * 1000000)::bigint, a.user_id, a.username, a.roles, a.ip, a.request_id,
  a.action, a.object_type, a.object_id, a.result, a.summary,
  (extract(epoch FROM a.recorded_at) * 1000000)::bigint)::text AS content`);

export function macOf(key: Buffer, prevMac: string, content: string): string {
  return crypto.createHmac('sha256', key).update(prevMac).update('\n').update(content).digest('hex');
}

/** Seals every row not sealed yet; returns how many. Serialised by a transaction-level advisory lock. */
export async function sealAudit(db: Db, key: Buffer): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('audit:seal'))`);
    const last = (
      await tx.execute<{ seq: string; mac: string; recorded_at: string | null }>(sql`
        SELECT s.seq::text AS seq, s.mac, a.recorded_at::text AS recorded_at
          FROM audit_seals s LEFT JOIN audit_log a ON a.id = s.audit_id
         ORDER BY s.seq DESC LIMIT 1`)
    ).rows[0];
    // With no seal left (a purge removed every sealed row), the chain goes on from the newest anchor.
    const anchor = last
      ? undefined
      : (
          await tx.execute<{ seq: string; mac: string }>(sql`
            SELECT summary->>'lastSeq' AS seq, summary->>'lastMac' AS mac FROM audit_log
             WHERE action = 'audit.retention' AND summary ? 'lastSeq'
             ORDER BY recorded_at DESC LIMIT 1`)
        ).rows[0];
    let seq = last ? Number(last.seq) : Number(anchor?.seq ?? 0);
    let prev = last?.mac ?? anchor?.mac ?? '';
    // Rows committed by a transaction that began before the last sealed row's are still found: the
    // horizon goes an hour back (no transaction runs that long under the statement timeout).
    const horizon = last?.recorded_at ?? null;
    let sealed = 0;
    for (;;) {
      const rows = (
        await tx.execute<ContentRow>(sql`
          SELECT ${CONTENT} FROM audit_log a
           WHERE (${horizon}::timestamptz IS NULL OR a.recorded_at >= ${horizon}::timestamptz - interval '1 hour')
             AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.audit_id = a.id)
           ORDER BY a.recorded_at, a.id
           LIMIT ${BATCH}`)
      ).rows;
      if (rows.length === 0) break;
      const seals = rows.map((row) => {
        seq++;
        const mac = macOf(key, prev, row.content);
        const seal = { seq, auditId: row.id, prevMac: prev, mac };
        prev = mac;
        return seal;
      });
      await tx.execute(sql`
        INSERT INTO audit_seals (seq, audit_id, prev_mac, mac, sealed_at)
        SELECT * FROM unnest(${`{${seals.map((s) => s.seq).join(',')}}`}::bigint[],
                             ${`{${seals.map((s) => s.auditId).join(',')}}`}::uuid[],
                             ${`{${seals.map((s) => s.prevMac || '""').join(',')}}`}::text[],
                             ${`{${seals.map((s) => s.mac).join(',')}}`}::text[]),
               clock_timestamp()`);
      sealed += rows.length;
      if (rows.length < BATCH) break;
    }
    return sealed;
  });
}

/**
 * The MAC a purge left for the seal that follows the removed ones, from its anchor row. Only an anchor
 * that is itself in the chain (sealed after the removed part) and that removed nothing younger than 180
 * days counts: a row slipped in to look like an anchor is not one.
 */
async function anchorMacBefore(tx: Db, firstSeq: number): Promise<string | undefined> {
  const row = (
    await tx.execute<{ mac: string }>(sql`
      SELECT a.summary->>'lastMac' AS mac FROM audit_log a
        JOIN audit_seals s ON s.audit_id = a.id AND s.seq >= ${firstSeq}
       WHERE a.action = 'audit.retention' AND (a.summary->>'lastSeq')::bigint = ${firstSeq - 1}
         AND (a.summary->>'before')::timestamptz <= a.recorded_at - interval '180 days'
       ORDER BY s.seq LIMIT 1`)
  ).rows[0];
  return row?.mac;
}

export type AuditBreak = {
  seq: number | null;
  auditId: string;
  at: string | null;
  action: string | null;
  reason: string;
};
export type AuditVerification = { ok: boolean; checked: number; lastSeq: number; broken: AuditBreak | null };

/** Walks the chain from its first seal; the first problem found is named. */
export async function verifyAudit(db: Db, key: Buffer): Promise<AuditVerification> {
  let checked = 0;
  let after = 0;
  let prev: string | undefined;
  let lastSeq = 0;
  for (;;) {
    const rows = (
      await db.execute<{
        seq: string;
        audit_id: string;
        prev_mac: string;
        mac: string;
        id: string | null;
        content: string | null;
        at: string | null;
        action: string | null;
      }>(sql`
        SELECT s.seq::text AS seq, s.audit_id::text AS audit_id, s.prev_mac, s.mac, ${CONTENT},
               a.at::text AS at, a.action
          FROM audit_seals s LEFT JOIN audit_log a ON a.id = s.audit_id
         WHERE s.seq > ${after}
         ORDER BY s.seq LIMIT ${BATCH}`)
    ).rows;
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (reason: string): AuditVerification => ({
        ok: false,
        checked,
        lastSeq,
        broken: { seq, auditId: row.audit_id, at: row.at, action: row.action, reason },
      });
      if (prev === undefined) {
        const start = seq === 1 ? '' : await anchorMacBefore(db, seq);
        if (start === undefined)
          return broken(`链条从第 ${seq} 号封存开始，但没有删除记录（留存锚点）说明之前的记录去向`);
        prev = start;
      } else if (seq !== lastSeq + 1) {
        return broken(`封存序号不连续：第 ${lastSeq} 号之后是第 ${seq} 号`);
      }
      if (row.prev_mac !== prev) return broken('封存记录的前一环校验值与链条不符（封存被改动或删除）');
      if (row.id === null || row.content === null) return broken('该条审计记录已被删除');
      if (macOf(key, prev, row.content) !== row.mac) return broken('该条审计记录的内容已被改动');
      prev = row.mac;
      lastSeq = seq;
      checked++;
    }
    after = lastSeq;
  }
  // A row old enough to have been sealed but never sealed was slipped in behind the sealer's back.
  const unsealed = (
    await db.execute<{ id: string; at: string; action: string }>(sql`
      SELECT a.id::text AS id, a.at::text AS at, a.action FROM audit_log a
       WHERE a.recorded_at < now() - ${`${SEAL_GRACE_MS / 1000} seconds`}::interval
         AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.audit_id = a.id)
       ORDER BY a.recorded_at LIMIT 1`)
  ).rows[0];
  if (unsealed) {
    return {
      ok: false,
      checked,
      lastSeq,
      broken: {
        seq: null,
        auditId: unsealed.id,
        at: unsealed.at,
        action: unsealed.action,
        reason: '该条审计记录不在链条中（封存之后插入）',
      },
    };
  }
  return { ok: true, checked, lastSeq, broken: null };
}

/** One line for the CLI, the job and the alert. */
export function describeVerification(v: AuditVerification): string {
  if (v.ok) return `审计日志校验通过：共 ${v.checked} 条，封存至第 ${v.lastSeq} 号`;
  const b = v.broken;
  return `审计日志校验失败：${b?.seq ? `第 ${b.seq} 号封存，` : ''}审计记录 ${b?.auditId}${b?.at ? `（${b.at}，${b.action}）` : ''}：${b?.reason}；此前 ${v.checked} 条完好`;
}

export const sealAuditJob: JobDefinition = {
  name: 'audit.seal',
  description: '封存新增的审计记录（防篡改链，每 5 分钟）',
  schedule: '*/5 * * * *',
  async run({ database, audit }) {
    if (!audit) throw new Error('未配置审计密钥');
    return { rows: await sealAudit(database.db, audit.key) };
  },
};

export const verifyAuditJob: JobDefinition = {
  name: 'audit.verify',
  description: '校验审计日志防篡改链；发现断链即通知审计管理员和安全管理员',
  schedule: '40 3 * * *',
  async run({ database, audit, now }) {
    if (!audit) throw new Error('未配置审计密钥');
    const db = database.db;
    await sealAudit(db, audit.key);
    const result = await verifyAudit(db, audit.key);
    const message = describeVerification(result);
    if (!result.ok) {
      const admins = (
        await db.execute<{ id: string }>(sql`
          SELECT id::text AS id FROM users
           WHERE deleted_at IS NULL AND status = 'active'
             AND roles && ARRAY['audit_admin', 'security_admin']::text[]`)
      ).rows;
      await createNotificationsRepository(db).insertMany(
        admins.map((a) => ({
          recipientId: a.id,
          module: 'audit',
          title: '审计日志校验失败',
          body: message,
          link: '/system/audit',
        })),
        now,
      );
      throw new Error(message);
    }
    return { rows: result.checked, message };
  },
};

export const auditRetentionJob: JobDefinition = {
  name: 'audit.retention',
  description: '按留存期限删除过期审计记录（至少保留 180 天；留下锚点，链条从锚点继续）',
  schedule: '50 3 * * *',
  async run({ database, audit, now }) {
    if (!audit) throw new Error('未配置审计密钥');
    await sealAudit(database.db, audit.key);
    const cutoff = new Date(now.getTime() - audit.retentionDays * 24 * 60 * 60 * 1000);
    const { rows } = await database.pool.query<{ removed: number }>(
      `SELECT audit_purge_before($1, 'audit.retention') AS removed`,
      [cutoff],
    );
    const removed = rows[0]?.removed ?? 0;
    // The anchor row joins the chain at once.
    await sealAudit(database.db, audit.key);
    return { rows: removed, message: `删除 ${cutoff.toISOString().slice(0, 10)} 之前的 ${removed} 条` };
  },
};
