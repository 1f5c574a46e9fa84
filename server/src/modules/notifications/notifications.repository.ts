import type { ListResult, Notification } from '@groundbreak/contract';
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { notifications } from '../../db/schema/index';
import { offsetOf, type PageRequest } from '../../lib/paging';
import { queueChannelDeliveries } from './delivery';

export type NewNotification = {
  recipientId: string;
  module: string;
  title: string;
  body?: string;
  link?: string | null;
};

function present(row: typeof notifications.$inferSelect): Notification {
  return {
    id: row.id,
    module: row.module,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/** Only this repository touches the notifications table; every read is by recipient. */
export function createNotificationsRepository(db: Db) {
  return {
    /**
     * Writes inbox messages and their outside deliveries (the recipients' organisations' channels); pass
     * the caller's transaction so that a message exists only if its change does.
     */
    async insertMany(rows: NewNotification[], now: Date, tx: Db = db): Promise<number> {
      if (rows.length === 0) return 0;
      await tx.insert(notifications).values(
        rows.map((r) => ({
          recipientId: r.recipientId,
          module: r.module,
          title: r.title,
          body: r.body ?? '',
          link: r.link ?? null,
          createdAt: now,
        })),
      );
      await queueChannelDeliveries(tx, rows, now);
      return rows.length;
    },

    async listForRecipient(
      recipientId: string,
      page: PageRequest & { unread?: boolean | undefined },
    ): Promise<ListResult<Notification>> {
      const conditions: SQL[] = [eq(notifications.recipientId, recipientId)];
      if (page.unread === true) conditions.push(isNull(notifications.readAt));
      if (page.unread === false) conditions.push(isNotNull(notifications.readAt));
      const where = and(...conditions);
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(notifications)
          .where(where)
          .orderBy(desc(notifications.createdAt), desc(notifications.id))
          .limit(page.pageSize)
          .offset(offsetOf(page)),
        db.select({ n: count() }).from(notifications).where(where),
      ]);
      return { items: rows.map(present), total: totals[0]?.n ?? 0, page: page.page, pageSize: page.pageSize };
    },

    async countUnread(recipientId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
      return row?.n ?? 0;
    },

    /** Marks the recipient's own messages read; ids of other recipients are ignored. */
    async markRead(recipientId: string, ids: string[], now: Date): Promise<number> {
      const updated = await db
        .update(notifications)
        .set({ readAt: now })
        .where(
          and(
            eq(notifications.recipientId, recipientId),
            inArray(notifications.id, ids),
            isNull(notifications.readAt),
          ),
        )
        .returning({ id: notifications.id });
      return updated.length;
    },

    /** Marks all of the recipient's unread messages read. */
    async markAllRead(recipientId: string, now: Date): Promise<number> {
      const updated = await db
        .update(notifications)
        .set({ readAt: now })
        .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return updated.length;
    },

    /** Deletes messages read before the cutoff. */
    async pruneReadBefore(cutoff: Date): Promise<number> {
      const deleted = await db
        .delete(notifications)
        .where(and(isNotNull(notifications.readAt), lt(notifications.readAt, cutoff)))
        .returning({ id: notifications.id });
      return deleted.length;
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
