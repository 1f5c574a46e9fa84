import type { AuditEntry, ListResult } from '@groundbreak/contract';
import { maskPersonalFields } from '@groundbreak/domain';
import { and, count, desc, eq, gte, ilike, inArray, lt, type SQL } from 'drizzle-orm';
import { startOfShanghaiDay } from '../../clock';
import type { Db } from '../../db/database';
import { auditLog } from '../../db/schema/index';
import { containsPattern, offsetOf, type PageRequest } from '../../lib/paging';

/** Who did it, from where: taken from the request. */
export type AuditActor = {
  userId: string | null;
  username: string | null;
  roles: string[];
  ip: string | null;
  requestId: string | null;
};

/** The actor of what the platform does by itself: scheduled jobs, the nightly runs, seeding. */
export const SYSTEM_ACTOR: AuditActor = {
  userId: null,
  username: 'system',
  roles: [],
  ip: null,
  requestId: null,
};

export type AuditRecord = {
  action: string;
  objectType?: string;
  objectId?: string;
  result: 'success' | 'failure' | 'denied';
  /** Before/after or context; personal fields are masked before they are stored. */
  summary?: Record<string, unknown>;
};

export type AuditFilter = PageRequest & {
  from?: string | undefined;
  to?: string | undefined;
  username?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  result?: AuditEntry['result'] | undefined;
  /** Only these actions (an object's change history shows its changes, not who looked at it). */
  actions?: string[] | undefined;
};

function maskSummary(summary: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!summary) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(maskPersonalFields(summary))) {
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value)
        ? maskPersonalFields(value as Record<string, unknown>)
        : value;
  }
  return out;
}

function present(row: typeof auditLog.$inferSelect): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    userId: row.userId,
    username: row.username,
    roles: row.roles,
    ip: row.ip,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    result: row.result,
    summary: row.summary,
    requestId: row.requestId,
  };
}

/** The audit log: append (in the caller's transaction) and read. There is no update or delete. */
export function createAuditRepository(db: Db) {
  return {
    async append(tx: Db, actor: AuditActor, record: AuditRecord, at: Date): Promise<void> {
      await tx.insert(auditLog).values({
        at,
        userId: actor.userId,
        username: actor.username,
        roles: actor.roles,
        ip: actor.ip,
        requestId: actor.requestId,
        action: record.action,
        objectType: record.objectType ?? null,
        objectId: record.objectId ?? null,
        result: record.result,
        summary: maskSummary(record.summary),
      });
    },

    /** Many records of one actor at once (a sheet import's rows), in batches of a multi-row insert. */
    async appendMany(tx: Db, actor: AuditActor, records: readonly AuditRecord[], at: Date): Promise<void> {
      for (let i = 0; i < records.length; i += 1000) {
        await tx.insert(auditLog).values(
          records.slice(i, i + 1000).map((record) => ({
            at,
            userId: actor.userId,
            username: actor.username,
            roles: actor.roles,
            ip: actor.ip,
            requestId: actor.requestId,
            action: record.action,
            objectType: record.objectType ?? null,
            objectId: record.objectId ?? null,
            result: record.result,
            summary: maskSummary(record.summary),
          })),
        );
      }
    },

    async list(filter: AuditFilter): Promise<ListResult<AuditEntry>> {
      const conditions: SQL[] = [];
      if (filter.from) conditions.push(gte(auditLog.at, startOfShanghaiDay(filter.from)));
      if (filter.to) {
        const end = startOfShanghaiDay(filter.to);
        end.setUTCDate(end.getUTCDate() + 1);
        conditions.push(lt(auditLog.at, end));
      }
      if (filter.username) conditions.push(ilike(auditLog.username, containsPattern(filter.username)));
      if (filter.action) conditions.push(eq(auditLog.action, filter.action));
      if (filter.actions) conditions.push(inArray(auditLog.action, filter.actions));
      if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
      if (filter.objectId) conditions.push(eq(auditLog.objectId, filter.objectId));
      if (filter.result) conditions.push(eq(auditLog.result, filter.result));
      const where = conditions.length ? and(...conditions) : undefined;
      const order =
        filter.sort === 'at' ? [auditLog.at, auditLog.id] : [desc(auditLog.at), desc(auditLog.id)];
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(...order)
          .limit(filter.pageSize)
          .offset(offsetOf(filter)),
        db.select({ n: count() }).from(auditLog).where(where),
      ]);
      return {
        items: rows.map(present),
        total: totals[0]?.n ?? 0,
        page: filter.page,
        pageSize: filter.pageSize,
      };
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
