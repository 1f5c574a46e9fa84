import type {
  Channel,
  channelListQuery,
  createChannelBody,
  Delivery,
  DeliveryDetail,
  DeliveryStatus,
  deliveryListQuery,
  ListResult,
  updateChannelBody,
} from '@groundbreak/contract';
import { emailHint, parseEmailList, webhookHint } from '@groundbreak/domain';
import { and, asc, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../../clock';
import type { NotificationSettings } from '../../config';
import type { Db } from '../../db/database';
import {
  notificationAttempts,
  notificationChannels,
  notificationDeliveries,
  orgs,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import type { FieldProtector } from '../../lib/crypto/field-protector';
import { offsetOf } from '../../lib/paging';
import { regionInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import type { DeliveryService } from './delivery';

// An organisation's outside channels (系统管理 › 消息推送), kept by the system administrator whose regions
// cover the organisation's region (an administrator without regions keeps all, as for accounts): add, change, switch off, delete, send a test message, read the log of
// deliveries and attempts, send a failed delivery again. The target and secret are encrypted at rest and
// never leave the server; screens see a hint. Every change is audited (without the target or secret).

type ChannelRow = typeof notificationChannels.$inferSelect;
const WEBHOOK_HOSTS: Record<'wecom' | 'dingtalk', string> = {
  wecom: 'qyapi.weixin.qq.com',
  dingtalk: 'oapi.dingtalk.com',
};

/** Only a 钉钉 robot (加签) and a JSON webhook (its signature) use a secret. */
function checkSecretKind(kind: Channel['kind']): void {
  if (kind === 'dingtalk' || kind === 'json') return;
  throw new AppError('VALIDATION_FAILED', '只有钉钉群机器人（加签）和 JSON Webhook（签名）使用密钥', {
    fields: { secret: '此类渠道不用密钥' },
  });
}

export function createChannelsService(deps: {
  db: Db;
  protector: FieldProtector;
  clock: Clock;
  audit: AuditRepository;
  delivery: DeliveryService;
  settings: NotificationSettings;
}) {
  const { db, protector, clock, audit, delivery, settings } = deps;

  /**
   * The organisations whose channels the administrator keeps: those of their regions; an administrator
   * without regions (the installation's, as for accounts) keeps every organisation's.
   */
  function orgInScope(principal: Principal): SQL {
    if (principal.regionScopeIds.length === 0) return sql`true`;
    return regionInScope(principal, orgs.regionId);
  }

  /** Checks and normalises a target for its kind; answers what to store and what to show. */
  function checkTarget(kind: Channel['kind'], target: string): { stored: string; hint: string } {
    if (kind === 'email') {
      if (!settings.smtpUrl) {
        throw new AppError('VALIDATION_FAILED', '未配置邮件服务器（SMTP_URL），不能添加电子邮件渠道', {
          fields: { target: '未配置邮件服务器' },
        });
      }
      const parsed = parseEmailList(target);
      if ('bad' in parsed) {
        throw new AppError('VALIDATION_FAILED', `“${parsed.bad}”不是有效的邮箱地址`, {
          fields: { target: '邮箱地址有误' },
        });
      }
      if (parsed.addresses.length > 20) {
        throw new AppError('VALIDATION_FAILED', '一个渠道至多 20 个邮箱地址', {
          fields: { target: '地址过多' },
        });
      }
      return { stored: parsed.addresses.join(','), hint: emailHint(parsed.addresses) };
    }
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new AppError('VALIDATION_FAILED', '请填写完整的网址（https://…）', {
        fields: { target: '网址有误' },
      });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new AppError('VALIDATION_FAILED', '网址只能以 http:// 或 https:// 开头', {
        fields: { target: '网址有误' },
      });
    }
    // A robot's URL must carry its key (企业微信 key=, 钉钉 access_token=); another host is accepted for a
    // private deployment's relay, but the key parameter is still required.
    if (kind === 'wecom' && !url.searchParams.get('key')) {
      throw new AppError(
        'VALIDATION_FAILED',
        `企业微信群机器人的网址应含 key 参数（形如 https://${WEBHOOK_HOSTS.wecom}/cgi-bin/webhook/send?key=…）`,
        {
          fields: { target: '缺少 key' },
        },
      );
    }
    if (kind === 'dingtalk' && !url.searchParams.get('access_token')) {
      throw new AppError(
        'VALIDATION_FAILED',
        `钉钉群机器人的网址应含 access_token 参数（形如 https://${WEBHOOK_HOSTS.dingtalk}/robot/send?access_token=…）`,
        {
          fields: { target: '缺少 access_token' },
        },
      );
    }
    return { stored: url.toString(), hint: webhookHint(url.toString()) };
  }

  async function findRow(principal: Principal, id: string): Promise<ChannelRow> {
    const [row] = await db
      .select({ channel: notificationChannels })
      .from(notificationChannels)
      .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
      .where(
        and(eq(notificationChannels.id, id), isNull(notificationChannels.deletedAt), orgInScope(principal)),
      );
    if (!row) throw notFound('推送渠道');
    return row.channel;
  }

  async function present(rows: { channel: ChannelRow; orgName: string }[]): Promise<Channel[]> {
    if (rows.length === 0) return [];
    const ids = `{${rows.map((r) => r.channel.id).join(',')}}`;
    const since = new Date(clock.now().getTime() - 7 * 86_400_000);
    const last = await db.execute<{
      channel_id: string;
      status: DeliveryStatus;
      at: Date;
      error: string | null;
    }>(sql`
      SELECT DISTINCT ON (channel_id) channel_id::text, status, coalesce(sent_at, created_at) AS at, last_error AS error
        FROM notification_deliveries WHERE channel_id = ANY(${ids}::uuid[]) AND status <> 'batched'
       ORDER BY channel_id, created_at DESC, id DESC`);
    const failed = await db.execute<{ channel_id: string; n: number }>(sql`
      SELECT channel_id::text, count(*)::int AS n FROM notification_deliveries
       WHERE channel_id = ANY(${ids}::uuid[]) AND status = 'failed' AND created_at >= ${since.toISOString()}::timestamptz
       GROUP BY channel_id`);
    const lastBy = new Map(last.rows.map((r) => [r.channel_id, r]));
    const failedBy = new Map(failed.rows.map((r) => [r.channel_id, r.n]));
    return rows.map(({ channel: c, orgName }) => {
      const l = lastBy.get(c.id);
      return {
        id: c.id,
        orgId: c.orgId,
        orgName,
        name: c.name,
        kind: c.kind,
        targetHint: c.targetHint,
        hasSecret: c.secret !== null,
        mode: c.mode,
        modules: c.modules,
        enabled: c.enabled,
        version: c.version,
        updatedAt: c.updatedAt.toISOString(),
        lastDelivery: l ? { status: l.status, at: new Date(l.at).toISOString(), error: l.error } : null,
        failedLast7Days: failedBy.get(c.id) ?? 0,
      };
    });
  }

  async function one(principal: Principal, id: string): Promise<Channel> {
    const [row] = await db
      .select({ channel: notificationChannels, orgName: orgs.shortName })
      .from(notificationChannels)
      .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
      .where(
        and(eq(notificationChannels.id, id), isNull(notificationChannels.deletedAt), orgInScope(principal)),
      );
    if (!row) throw notFound('推送渠道');
    const [channel] = await present([row]);
    if (!channel) throw notFound('推送渠道');
    return channel;
  }

  function auditSummary(
    c: Pick<ChannelRow, 'orgId' | 'name' | 'kind' | 'targetHint' | 'mode' | 'modules' | 'enabled'> & {
      hasSecret: boolean;
    },
  ) {
    return {
      orgId: c.orgId,
      name: c.name,
      kind: c.kind,
      target: c.targetHint,
      hasSecret: c.hasSecret,
      mode: c.mode,
      modules: c.modules,
      enabled: c.enabled,
    };
  }

  function deliveryInScope(principal: Principal): SQL {
    return orgInScope(principal);
  }

  function presentDelivery(r: {
    d: typeof notificationDeliveries.$inferSelect;
    channelName: string;
    orgName: string;
  }): Delivery {
    return {
      id: r.d.id,
      channelId: r.d.channelId,
      channelName: r.channelName,
      orgName: r.orgName,
      kind: r.d.kind,
      status: r.d.status,
      module: r.d.module,
      title: r.d.title,
      createdAt: r.d.createdAt.toISOString(),
      attempts: r.d.attempts,
      nextAttemptAt: r.d.status === 'pending' && r.d.nextAttemptAt ? r.d.nextAttemptAt.toISOString() : null,
      lastError: r.d.lastError,
      sentAt: r.d.sentAt ? r.d.sentAt.toISOString() : null,
    };
  }

  return {
    async list(principal: Principal, query: z.infer<typeof channelListQuery>): Promise<ListResult<Channel>> {
      const where = and(
        isNull(notificationChannels.deletedAt),
        orgInScope(principal),
        query.orgId ? eq(notificationChannels.orgId, query.orgId) : undefined,
      );
      const order =
        query.sort === '-name'
          ? desc(notificationChannels.name)
          : query.sort === 'name'
            ? asc(notificationChannels.name)
            : asc(orgs.code);
      const [rows, totals] = await Promise.all([
        db
          .select({ channel: notificationChannels, orgName: orgs.shortName })
          .from(notificationChannels)
          .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
          .where(where)
          .orderBy(order, asc(notificationChannels.createdAt))
          .limit(query.pageSize)
          .offset(offsetOf(query)),
        db
          .select({ n: count() })
          .from(notificationChannels)
          .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
          .where(where),
      ]);
      return {
        items: await present(rows),
        total: totals[0]?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    get: one,

    async create(
      principal: Principal,
      actor: AuditActor,
      body: z.infer<typeof createChannelBody>,
    ): Promise<Channel> {
      const [org] = await db
        .select({ id: orgs.id })
        .from(orgs)
        .where(and(eq(orgs.id, body.orgId), isNull(orgs.deletedAt), orgInScope(principal)));
      if (!org) throw notFound('组织机构');
      const { stored, hint } = checkTarget(body.kind, body.target);
      const secret = body.secret ? body.secret : null;
      if (secret) checkSecretKind(body.kind);
      const now = clock.now();
      const values = {
        orgId: body.orgId,
        name: body.name,
        kind: body.kind,
        target: await protector.encrypt(stored, 'notification_channels.target'),
        targetHint: hint,
        secret: secret ? await protector.encrypt(secret, 'notification_channels.secret') : null,
        mode: body.mode,
        modules: body.modules,
        enabled: body.enabled,
        createdAt: now,
        createdBy: actor.userId,
        updatedAt: now,
        updatedBy: actor.userId,
      };
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(notificationChannels)
          .values(values)
          .returning({ id: notificationChannels.id });
        if (!row) throw new Error('channel not written');
        await audit.append(
          tx,
          actor,
          {
            action: 'notification_channel.create',
            objectType: 'notification_channel',
            objectId: row.id,
            result: 'success',
            summary: { after: auditSummary({ ...values, hasSecret: secret !== null }) },
          },
          now,
        );
        return row.id;
      });
      return one(principal, id);
    },

    async update(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: z.infer<typeof updateChannelBody>,
    ): Promise<Channel> {
      const before = await findRow(principal, id);
      const now = clock.now();
      const patch: Partial<typeof notificationChannels.$inferInsert> = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.mode !== undefined) patch.mode = body.mode;
      if (body.modules !== undefined) patch.modules = body.modules;
      if (body.enabled !== undefined) patch.enabled = body.enabled;
      if (body.target !== undefined) {
        const { stored, hint } = checkTarget(before.kind, body.target);
        patch.target = await protector.encrypt(stored, 'notification_channels.target');
        patch.targetHint = hint;
      }
      if (body.secret !== undefined) {
        if (body.secret) checkSecretKind(before.kind);
        patch.secret = body.secret
          ? await protector.encrypt(body.secret, 'notification_channels.secret')
          : null;
      }
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(notificationChannels)
          .set({
            ...patch,
            version: sql`${notificationChannels.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(
            and(
              eq(notificationChannels.id, id),
              eq(notificationChannels.version, body.version),
              isNull(notificationChannels.deletedAt),
            ),
          )
          .returning();
        const after = updated[0];
        if (!after) throw await versionConflict(db, '推送渠道', before);
        // A digest channel switched to instant sends what it held as they are; the other way, nothing waits.
        if (before.mode === 'digest' && after.mode === 'instant') {
          await tx
            .update(notificationDeliveries)
            .set({ status: 'pending', nextAttemptAt: now })
            .where(and(eq(notificationDeliveries.channelId, id), eq(notificationDeliveries.status, 'held')));
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'notification_channel.update',
            objectType: 'notification_channel',
            objectId: id,
            result: 'success',
            summary: {
              before: auditSummary({ ...before, hasSecret: before.secret !== null }),
              after: auditSummary({ ...after, hasSecret: after.secret !== null }),
              ...(body.target !== undefined ? { targetChanged: true } : {}),
              ...(body.secret !== undefined ? { secretChanged: true } : {}),
            },
          },
          now,
        );
      });
      return one(principal, id);
    },

    async remove(principal: Principal, actor: AuditActor, id: string, version: number): Promise<void> {
      const before = await findRow(principal, id);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const deleted = await tx
          .update(notificationChannels)
          .set({
            deletedAt: now,
            enabled: false,
            version: sql`${notificationChannels.version} + 1`,
            updatedAt: now,
            updatedBy: actor.userId,
          })
          .where(
            and(
              eq(notificationChannels.id, id),
              eq(notificationChannels.version, version),
              isNull(notificationChannels.deletedAt),
            ),
          )
          .returning({ id: notificationChannels.id });
        if (deleted.length === 0) throw await versionConflict(db, '推送渠道', before);
        // What was still waiting for it will not be sent: it is marked so, not lost from the log.
        await tx
          .update(notificationDeliveries)
          .set({ status: 'failed', nextAttemptAt: null, lastError: '渠道已删除，未发送' })
          .where(
            and(
              eq(notificationDeliveries.channelId, id),
              sql`${notificationDeliveries.status} IN ('pending', 'held')`,
            ),
          );
        await audit.append(
          tx,
          actor,
          {
            action: 'notification_channel.delete',
            objectType: 'notification_channel',
            objectId: id,
            result: 'success',
            summary: { before: auditSummary({ ...before, hasSecret: before.secret !== null }) },
          },
          now,
        );
      });
    },

    /** Sends a test message now; the outcome is answered (and logged), a failure is not an HTTP error. */
    async test(principal: Principal, actor: AuditActor, id: string) {
      const channel = await findRow(principal, id);
      if (!channel.enabled) throw new AppError('CONFLICT', '渠道已停用，请先启用再发送测试消息');
      const outcome = await delivery.sendTest(id, principal.displayName);
      await audit.append(
        db,
        actor,
        {
          action: 'notification_channel.test',
          objectType: 'notification_channel',
          objectId: id,
          result: outcome.ok ? 'success' : 'failure',
          summary: { statusCode: outcome.statusCode, error: outcome.error },
        },
        clock.now(),
      );
      return outcome;
    },

    async deliveries(
      principal: Principal,
      query: z.infer<typeof deliveryListQuery>,
    ): Promise<ListResult<Delivery>> {
      const where = and(
        deliveryInScope(principal),
        query.channelId ? eq(notificationDeliveries.channelId, query.channelId) : undefined,
        query.status ? eq(notificationDeliveries.status, query.status) : undefined,
      );
      const order =
        query.sort === 'createdAt'
          ? asc(notificationDeliveries.createdAt)
          : desc(notificationDeliveries.createdAt);
      const base = db
        .select({
          d: notificationDeliveries,
          channelName: notificationChannels.name,
          orgName: orgs.shortName,
        })
        .from(notificationDeliveries)
        .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
        .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
        .where(where);
      const [rows, totals] = await Promise.all([
        base.orderBy(order, desc(notificationDeliveries.id)).limit(query.pageSize).offset(offsetOf(query)),
        db
          .select({ n: count() })
          .from(notificationDeliveries)
          .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
          .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
          .where(where),
      ]);
      return {
        items: rows.map(presentDelivery),
        total: totals[0]?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async delivery(principal: Principal, id: string): Promise<DeliveryDetail> {
      const [row] = await db
        .select({
          d: notificationDeliveries,
          channelName: notificationChannels.name,
          orgName: orgs.shortName,
        })
        .from(notificationDeliveries)
        .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
        .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
        .where(and(eq(notificationDeliveries.id, id), deliveryInScope(principal)));
      if (!row) throw notFound('推送记录');
      const attempts = await db
        .select()
        .from(notificationAttempts)
        .where(eq(notificationAttempts.deliveryId, id))
        .orderBy(asc(notificationAttempts.attempt));
      return {
        ...presentDelivery(row),
        body: row.d.body,
        link: row.d.link,
        attemptLog: attempts.map((a) => ({
          attempt: a.attempt,
          at: a.at.toISOString(),
          ok: a.ok,
          statusCode: a.statusCode,
          error: a.error,
          durationMs: a.durationMs,
        })),
      };
    },

    /** A delivery that failed for good gets one more attempt, by the job within the minute. */
    async retry(principal: Principal, actor: AuditActor, id: string): Promise<DeliveryDetail> {
      const current = await this.delivery(principal, id);
      if (current.status !== 'failed') throw new AppError('CONFLICT', '只有发送失败的消息可以重新发送');
      const now = clock.now();
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(notificationDeliveries)
          .set({ status: 'pending', nextAttemptAt: now })
          .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, 'failed')))
          .returning({ id: notificationDeliveries.id });
        if (updated.length === 0) throw new AppError('CONFLICT', '该消息的状态已变化，请刷新');
        await audit.append(
          tx,
          actor,
          {
            action: 'notification_delivery.retry',
            objectType: 'notification_delivery',
            objectId: id,
            result: 'success',
            summary: { attempts: current.attempts },
          },
          now,
        );
      });
      return this.delivery(principal, id);
    },
  };
}

export type ChannelsService = ReturnType<typeof createChannelsService>;
