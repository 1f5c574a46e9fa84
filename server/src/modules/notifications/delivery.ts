import { retryDelaySeconds } from '@groundbreak/domain';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../../clock';
import type { NotificationSettings } from '../../config';
import type { Db } from '../../db/database';
import {
  notificationAttempts,
  notificationChannels,
  notificationDeliveries,
  orgs,
  users,
} from '../../db/schema/index';
import type { FieldProtector } from '../../lib/crypto/field-protector';
import {
  digestMessage,
  dingtalkPayload,
  dingtalkSignedUrl,
  emailMessage,
  jsonPayload,
  jsonSignature,
  type OutgoingMessage,
  wecomPayload,
} from './formats';

// Outside delivery of inbox messages. A change that notifies people writes, in its own transaction, one
// delivery row per enabled channel of their organisations (queueChannelDeliveries: an outbox). The delivery
// job (every minute) claims due rows, sends them with a timeout outside any business transaction, logs each
// attempt and, after a failure, waits 1, 2, 4 … minutes before the next (domain retryDelaySeconds). So a
// robot that is down, slow or refusing never blocks, slows or rolls back the change; after the last attempt
// the delivery is 'failed' and shows on the 消息推送 screen, where it can be sent again.

type ChannelRow = typeof notificationChannels.$inferSelect;
type DeliveryRow = typeof notificationDeliveries.$inferSelect;
export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null };
export type MessageToQueue = {
  recipientId: string;
  module: string;
  title: string;
  body?: string;
  link?: string | null;
};

/**
 * Writes the outside deliveries of inbox messages (call inside the transaction that writes them): one per
 * channel and distinct message, so ten people of one 板块 told the same thing make one robot message.
 */
export async function queueChannelDeliveries(
  tx: Db,
  rows: readonly MessageToQueue[],
  now: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const recipients = [...new Set(rows.map((r) => r.recipientId))];
  const channels = await tx
    .select({
      id: notificationChannels.id,
      mode: notificationChannels.mode,
      modules: notificationChannels.modules,
      userId: users.id,
    })
    .from(users)
    .innerJoin(
      notificationChannels,
      and(
        eq(notificationChannels.orgId, users.orgId),
        eq(notificationChannels.enabled, true),
        isNull(notificationChannels.deletedAt),
      ),
    )
    .where(inArray(users.id, recipients));
  if (channels.length === 0) return 0;
  const byUser = new Map<string, typeof channels>();
  for (const c of channels) byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), c]);
  const queued = new Map<string, typeof notificationDeliveries.$inferInsert>();
  for (const r of rows) {
    for (const c of byUser.get(r.recipientId) ?? []) {
      if (c.modules.length > 0 && !c.modules.includes(r.module)) continue;
      const key = JSON.stringify([c.id, r.module, r.title, r.body ?? '', r.link ?? null]);
      if (queued.has(key)) continue;
      queued.set(key, {
        channelId: c.id,
        kind: 'message',
        status: c.mode === 'digest' ? 'held' : 'pending',
        module: r.module,
        title: r.title,
        body: r.body ?? '',
        link: r.link ?? null,
        createdAt: now,
        nextAttemptAt: c.mode === 'digest' ? null : now,
      });
    }
  }
  await tx.insert(notificationDeliveries).values([...queued.values()]);
  return queued.size;
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError')
      return `超时：${timeoutMs} 毫秒内没有应答`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? (error as { code?: string }).code;
    if (code === 'ECONNREFUSED') return '连接被拒绝（ECONNREFUSED）：对方服务未启动或地址错误';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `域名无法解析（${code}）`;
    return `${code ? `${code}：` : ''}${cause?.message ?? error.message}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

/** SMTP_URL (smtp://user:password@host:port, smtps:// for TLS from the start) as nodemailer's options. */
export function smtpOptions(smtpUrl: string, timeoutMs: number) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

export function createDeliveryService(deps: {
  db: Db;
  protector: FieldProtector;
  clock: Clock;
  settings: NotificationSettings;
}) {
  const { db, protector, clock, settings } = deps;
  const policy = {
    maxAttempts: settings.maxAttempts,
    baseSeconds: settings.retryBaseSeconds,
    capSeconds: 6 * 3600,
  };
  let mailer: Transporter | undefined;

  /** POSTs a JSON body; a non-2xx answer is a failure with its status and the start of its text. */
  async function postJson(
    url: string,
    body: string,
    headers: Record<string, string> = {},
  ): Promise<SendOutcome & { text: string }> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      signal: AbortSignal.timeout(settings.timeoutMs),
      redirect: 'error',
    });
    const text = (await response.text()).slice(0, 2000);
    if (!response.ok) {
      const error = `HTTP ${response.status}：${text.slice(0, 300) || response.statusText}`;
      return { ok: false, statusCode: response.status, error, text };
    }
    return { ok: true, statusCode: response.status, error: null, text };
  }

  /** The robots answer HTTP 200 also when they refuse: {"errcode": 310000, "errmsg": "…"}. */
  async function postRobot(url: string, payload: unknown): Promise<SendOutcome> {
    const { text, ...outcome } = await postJson(url, JSON.stringify(payload));
    if (!outcome.ok) return outcome;
    let answer: { errcode?: number; errmsg?: string };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      return {
        ok: false,
        statusCode: outcome.statusCode,
        error: `应答不是机器人接口的 JSON：${text.slice(0, 200)}`,
      };
    }
    if (answer.errcode !== 0) {
      return {
        ok: false,
        statusCode: outcome.statusCode,
        error: `机器人拒绝：errcode ${answer.errcode ?? '?'}，${answer.errmsg ?? ''}`,
      };
    }
    return { ok: true, statusCode: outcome.statusCode, error: null };
  }

  async function send(
    channel: ChannelRow,
    message: OutgoingMessage,
    deliveryId: string,
  ): Promise<SendOutcome> {
    const target = await protector.decrypt(channel.target, 'notification_channels.target');
    const secret = channel.secret
      ? await protector.decrypt(channel.secret, 'notification_channels.secret')
      : null;
    switch (channel.kind) {
      case 'wecom':
        return postRobot(target, wecomPayload(message, settings.publicUrl));
      case 'dingtalk':
        return postRobot(
          secret ? dingtalkSignedUrl(target, secret, clock.now().getTime()) : target,
          dingtalkPayload(message, settings.publicUrl),
        );
      case 'json': {
        // The signature is of the exact bytes sent.
        const body = JSON.stringify(jsonPayload(message, settings.publicUrl, deliveryId));
        const headers: Record<string, string> = { 'x-groundbreak-delivery': deliveryId };
        if (secret) headers['x-groundbreak-signature'] = jsonSignature(body, secret);
        const { text: _text, ...outcome } = await postJson(target, body, headers);
        return outcome;
      }
      case 'email': {
        if (!settings.smtpUrl) return { ok: false, statusCode: null, error: '未配置邮件服务器（SMTP_URL）' };
        mailer ??= nodemailer.createTransport(smtpOptions(settings.smtpUrl, settings.timeoutMs));
        const { subject, text } = emailMessage(message, settings.publicUrl);
        try {
          await mailer.sendMail({ from: settings.mailFrom, to: target.split(','), subject, text });
          return { ok: true, statusCode: 250, error: null };
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode ?? null;
          return { ok: false, statusCode: code, error: describeError(error, settings.timeoutMs) };
        }
      }
    }
  }

  async function orgNameOf(orgId: string): Promise<string> {
    const [row] = await db.select({ name: orgs.shortName }).from(orgs).where(eq(orgs.id, orgId));
    return row?.name ?? '';
  }

  /** One attempt: sends, logs it and moves the delivery on (sent, next try, or failed for good). */
  async function attempt(
    delivery: DeliveryRow,
    channel: ChannelRow | undefined,
  ): Promise<SendOutcome & { gaveUp: boolean }> {
    const started = clock.now();
    const t0 = performance.now();
    let outcome: SendOutcome;
    const stopped = !channel?.enabled || channel.deletedAt !== null;
    if (!channel || stopped) {
      outcome = { ok: false, statusCode: null, error: '渠道已停用或删除，未发送' };
    } else {
      try {
        outcome = await send(
          channel,
          {
            kind: delivery.kind,
            module: delivery.module,
            title: delivery.title,
            body: delivery.body,
            link: delivery.link,
            createdAt: delivery.createdAt,
            orgName: await orgNameOf(channel.orgId),
          },
          delivery.id,
        );
      } catch (error) {
        outcome = { ok: false, statusCode: null, error: describeError(error, settings.timeoutMs) };
      }
    }
    const durationMs = Math.round(performance.now() - t0);
    const number = delivery.attempts + 1;
    const wait = outcome.ok || stopped ? null : retryDelaySeconds(number, policy);
    const now = clock.now();
    await db.transaction(async (tx) => {
      await tx.insert(notificationAttempts).values({
        deliveryId: delivery.id,
        attempt: number,
        at: started,
        ok: outcome.ok,
        statusCode: outcome.statusCode,
        error: outcome.error,
        durationMs,
      });
      await tx
        .update(notificationDeliveries)
        .set(
          outcome.ok
            ? { status: 'sent', attempts: number, sentAt: now, nextAttemptAt: null, lastError: null }
            : wait === null
              ? { status: 'failed', attempts: number, nextAttemptAt: null, lastError: outcome.error }
              : {
                  attempts: number,
                  nextAttemptAt: new Date(now.getTime() + wait * 1000),
                  lastError: outcome.error,
                },
        )
        .where(eq(notificationDeliveries.id, delivery.id));
    });
    return { ...outcome, gaveUp: !outcome.ok && wait === null };
  }

  async function channelsById(ids: string[]): Promise<Map<string, ChannelRow>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select()
      .from(notificationChannels)
      .where(inArray(notificationChannels.id, [...new Set(ids)]));
    return new Map(rows.map((c) => [c.id, c]));
  }

  return {
    /**
     * Sends what is due, at most `limit`, four at a time. Claiming pushes a row's next attempt past the
     * longest an attempt can take, so a second instance skips it and a crash leaves it to be tried again.
     */
    async deliverDue(limit = 100): Promise<{ sent: number; failed: number; retrying: number }> {
      const now = clock.now();
      const leaseMs = settings.timeoutMs * 2 + 60_000;
      const claimed = await db.execute<{ id: string }>(sql`
        WITH due AS (
          SELECT id FROM notification_deliveries
           WHERE status = 'pending' AND next_attempt_at <= ${now.toISOString()}::timestamptz
           ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        UPDATE notification_deliveries d SET next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
          FROM due WHERE d.id = due.id RETURNING d.id::text AS id`);
      const ids = claimed.rows.map((r) => r.id);
      if (ids.length === 0) return { sent: 0, failed: 0, retrying: 0 };
      const rows = await db
        .select()
        .from(notificationDeliveries)
        .where(inArray(notificationDeliveries.id, ids))
        .orderBy(asc(notificationDeliveries.createdAt));
      const channels = await channelsById(rows.map((r) => r.channelId));
      const counts = { sent: 0, failed: 0, retrying: 0 };
      const queue = [...rows];
      const worker = async () => {
        for (let d = queue.shift(); d; d = queue.shift()) {
          const outcome = await attempt(d, channels.get(d.channelId));
          if (outcome.ok) counts.sent += 1;
          else if (outcome.gaveUp) counts.failed += 1;
          else counts.retrying += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(4, rows.length) }, worker));
      return counts;
    },

    /** Gathers each digest channel's held messages into one delivery; returns how many digests. */
    async gatherDigests(day: string): Promise<number> {
      const now = clock.now();
      const held = await db
        .select({
          id: notificationDeliveries.id,
          channelId: notificationDeliveries.channelId,
          module: notificationDeliveries.module,
          title: notificationDeliveries.title,
          link: notificationDeliveries.link,
          createdAt: notificationDeliveries.createdAt,
          orgName: orgs.shortName,
        })
        .from(notificationDeliveries)
        .innerJoin(notificationChannels, eq(notificationChannels.id, notificationDeliveries.channelId))
        .innerJoin(orgs, eq(orgs.id, notificationChannels.orgId))
        // A channel switched off keeps what it holds until it is switched on again (or deleted).
        .where(
          and(
            eq(notificationDeliveries.status, 'held'),
            eq(notificationChannels.enabled, true),
            isNull(notificationChannels.deletedAt),
          ),
        )
        .orderBy(asc(notificationDeliveries.createdAt));
      const byChannel = new Map<string, typeof held>();
      for (const h of held) byChannel.set(h.channelId, [...(byChannel.get(h.channelId) ?? []), h]);
      for (const [channelId, items] of byChannel) {
        const first = items[0];
        if (!first) continue;
        const digest = digestMessage(items, day, first.orgName, now);
        await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(notificationDeliveries)
            .values({
              channelId,
              kind: 'digest',
              status: 'pending',
              module: digest.module,
              title: digest.title,
              body: digest.body,
              link: digest.link,
              createdAt: now,
              nextAttemptAt: now,
            })
            .returning({ id: notificationDeliveries.id });
          await tx
            .update(notificationDeliveries)
            .set({ status: 'batched', digestId: row?.id ?? null })
            .where(
              and(
                inArray(
                  notificationDeliveries.id,
                  items.map((i) => i.id),
                ),
                eq(notificationDeliveries.status, 'held'),
              ),
            );
        });
      }
      return byChannel.size;
    },

    /** A test message to one channel, sent at once and logged like any other; returns the outcome. */
    async sendTest(channelId: string, sender: string): Promise<SendOutcome & { deliveryId: string }> {
      const now = clock.now();
      const [row] = await db
        .insert(notificationDeliveries)
        .values({
          channelId,
          kind: 'test',
          status: 'pending',
          module: 'system',
          title: '测试消息：消息推送渠道已接通',
          body: `这是 ${sender} 在重大项目服务平台发出的测试消息。收到即说明本群（或邮箱）能收到平台的交办、退回、到期和督办提醒。`,
          link: '/',
          createdAt: now,
          // Not for the job: this one attempt is made here; after a failure it waits like any other.
          nextAttemptAt: new Date(now.getTime() + settings.timeoutMs * 2 + 60_000),
        })
        .returning();
      if (!row) throw new Error('test delivery not written');
      const channels = await channelsById([channelId]);
      const { gaveUp: _, ...outcome } = await attempt(row, channels.get(channelId));
      return { ...outcome, deliveryId: row.id };
    },
  };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
