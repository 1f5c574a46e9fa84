import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  enterprises,
  notificationAttempts,
  notificationChannels,
  notificationDeliveries,
  notifications,
  orgs,
  projects,
} from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { TEST_NOTIFICATION_SETTINGS } from '../../testing/notification-settings';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';
import { createDeliveryService, type DeliveryService } from './delivery';
import { deliverNotificationsJob } from './notifications.jobs';

const USCC = '91320412MAEUHUXQ7A';

type Received = { url: string; headers: http.IncomingHttpHeaders; body: string };

/** A webhook endpoint on 127.0.0.1 that answers each request as the next scripted reply says. */
async function scriptedEndpoint() {
  const received: Received[] = [];
  const replies: ('500' | '503' | 'hang' | 'ok' | 'robot-ok' | 'robot-refuse')[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      const reply = replies.shift() ?? 'ok';
      if (reply === 'hang') return; // never answers: the sender's timeout ends it
      if (reply === '500' || reply === '503') {
        res.writeHead(Number(reply), { 'content-type': 'text/plain' }).end('robot is down');
        return;
      }
      const answer =
        reply === 'robot-refuse'
          ? { errcode: 93000, errmsg: 'invalid webhook url' }
          : { errcode: 0, errmsg: 'ok' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: connections are refused. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('outside channels: group robots, JSON webhooks, e-mail', () => {
  let ctx: TestContext;
  let endpoint: Awaited<ReturnType<typeof scriptedEndpoint>>;
  let smtp: SMTPServer;
  const mails: { to: string[]; data: string }[] = [];
  let admin: Client;
  let hutangAdmin: Client;
  let drc: Client;
  let gxq: Client;
  let delivery: DeliveryService;
  let nrpOrgId: string;
  let projectId: string;
  const settings = { ...TEST_NOTIFICATION_SETTINGS, timeoutMs: 600 };

  beforeAll(async () => {
    endpoint = await scriptedEndpoint();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => {
          data += c.toString('utf8');
        });
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    Object.assign(settings, { smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
    ctx = await createTestContext({ notifications: settings });
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'sysadmin', roles: ['system_admin'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'htadmin', roles: ['system_admin'], orgCode: '320412100-GOV', scopeCodes: ['320412100'] },
      // The installation's administrator (no regions, like the demo's sysadmin): every organisation.
      { username: 'instadmin', roles: ['system_admin'], orgCode: 'WJ-DRC', scopeCodes: [] },
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'nrp', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['320412100'] },
    ]);
    ctx.clock.set(new Date('2025-03-03T10:00:00+08:00'));
    await signIn();
    delivery = createDeliveryService({
      db: ctx.database.db,
      protector: ctx.protector,
      clock: ctx.clock,
      settings,
    });
    const [nrp] = await ctx.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'WJ-NRP'));
    nrpOrgId = nrp?.id ?? '';
    const [enterprise] = await ctx.database.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.uscc, USCC));
    const [row] = await ctx.database.db
      .insert(projects)
      .values(
        await protectProjectValues(ctx.protector, {
          internalNo: 'NTF-1',
          name: '推送测试智能装备项目',
          state: 'STARTED',
          regionId: await regionIdOf(ctx.database.db, 'WJ-GXQ'),
          enterpriseId: enterprise?.id ?? null,
          totalInvestment: 200_000_000,
          actualStartOn: '2025-01-10',
          createdAt: new Date('2025-01-05T10:00:00+08:00'),
          updatedAt: ctx.clock.now(),
        }),
      )
      .returning({ id: projects.id });
    projectId = row?.id ?? '';
  });
  afterAll(async () => {
    await ctx?.close();
    await endpoint?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  /** Sessions end when idle: after the clock jumps, sign in again. */
  async function signIn() {
    admin = await login(ctx.app, 'sysadmin');
    hutangAdmin = await login(ctx.app, 'htadmin');
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
  }

  const create = (client: Client, payload: Record<string, unknown>) =>
    client.inject({ method: 'POST', url: '/api/notification-channels', payload });

  /** Raises a problem on the project and assigns it to 自然资源: every WJ-NRP account is told. */
  async function assignProblemToNrp(title: string): Promise<string> {
    const raised = await drc.inject({
      method: 'POST',
      url: '/api/problems',
      payload: {
        projectId,
        source: 'inspection',
        category: 'land',
        title,
        description: '用地红线与规划条件不一致，需协调。',
      },
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const id = raised.json().problem.id as string;
    const assigned = await drc.inject({
      method: 'POST',
      url: `/api/problems/${id}/steps`,
      payload: { step: 'assign', version: 1, leadOrgId: nrpOrgId },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    return id;
  }

  it('is set up by a system administrator of the scope, checked per kind, with the key never shown', async () => {
    // Not an administrator: 403. An administrator whose scope does not cover the organisation: 404.
    const body = {
      orgId: nrpOrgId,
      kind: 'json',
      name: '自然资源值班系统',
      target: endpoint.url('/hook?token=abcdef123456'),
    };
    expect((await create(drc, body)).statusCode).toBe(403);
    expect((await create(gxq, body)).statusCode).toBe(403);
    expect((await create(hutangAdmin, body)).statusCode).toBe(404);
    // Bad input, each with its reason.
    const noKey = await create(admin, {
      ...body,
      kind: 'wecom',
      target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send',
    });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.message).toContain('key');
    const ftp = await create(admin, { ...body, target: 'ftp://127.0.0.1/x' });
    expect(ftp.statusCode).toBe(400);
    expect((await create(admin, { ...body, target: 'not a url' })).statusCode).toBe(400);
    const mail = await create(admin, { ...body, kind: 'email', target: 'a@wj.gov.cn, 张三' });
    expect(mail.statusCode).toBe(400);
    expect(mail.json().error.message).toContain('张三');
    expect(
      (
        await create(admin, {
          ...body,
          kind: 'wecom',
          target: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1',
          secret: 's',
        })
      ).statusCode,
    ).toBe(400);
    expect((await create(admin, { ...body, name: 'x' })).statusCode).toBe(400);

    const created = await create(admin, { ...body, secret: 'json-hook-secret' });
    expect(created.statusCode, created.body).toBe(200);
    const channel = created.json().channel;
    expect(channel).toMatchObject({
      kind: 'json',
      mode: 'instant',
      enabled: true,
      hasSecret: true,
      orgName: '自然资源和规划分局',
    });
    expect(channel.targetHint).toMatch(/\/hook\?token=\*\*\*\*3456$/);
    expect(created.body).not.toContain('abcdef123456');
    expect(created.body).not.toContain('json-hook-secret');
    // At rest the target and secret are ciphertext.
    const [stored] = await ctx.database.db
      .select()
      .from(notificationChannels)
      .where(eq(notificationChannels.id, channel.id));
    expect(stored?.target).not.toContain('127.0.0.1');
    expect(stored?.secret).not.toContain('json-hook-secret');
    // The 湖塘 administrator does not see it; the district's does; the audit records it without the key.
    expect((await hutangAdmin.inject({ url: '/api/notification-channels' })).json().total).toBe(0);
    expect((await hutangAdmin.inject({ url: `/api/notification-channels/${channel.id}` })).statusCode).toBe(
      404,
    );
    expect((await admin.inject({ url: '/api/notification-channels' })).json().total).toBe(1);
    const installation = await login(ctx.app, 'instadmin');
    expect((await installation.inject({ url: '/api/notification-channels' })).json().total).toBe(1);
    const [entry] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'notification_channel.create'));
    expect(JSON.stringify(entry?.summary)).not.toContain('abcdef123456');
    expect(JSON.stringify(entry?.summary)).not.toContain('json-hook-secret');
  });

  it('never blocks the change it reports: a failing endpoint on 127.0.0.1 is retried with backoff until it answers', async () => {
    const [channel] = await ctx.database.db.select().from(notificationChannels);
    endpoint.replies.push('500', '503', 'hang');
    const t0 = new Date('2025-03-03T10:00:00+08:00');
    ctx.clock.set(t0);
    await signIn();
    const before = endpoint.received.length;
    // The change happens and answers at once; nothing was sent in its request.
    await assignProblemToNrp('地块规划条件需调整');
    expect(endpoint.received.length).toBe(before);
    const inbox = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.module, 'tracking'));
    const told = inbox.filter((n) => n.title.includes('地块规划条件需调整'));
    expect(told.length).toBeGreaterThanOrEqual(1);
    // One delivery for the channel, however many of the organisation's people were told.
    const queued = await ctx.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.channelId, channel?.id ?? ''));
    expect(queued).toHaveLength(1);
    const id = queued[0]?.id ?? '';
    expect(queued[0]).toMatchObject({ status: 'pending', attempts: 0 });

    const state = async () => {
      const [d] = await ctx.database.db
        .select()
        .from(notificationDeliveries)
        .where(eq(notificationDeliveries.id, id));
      return d;
    };
    // Attempt 1 at t0: HTTP 500 → next in 60 s.
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0, retrying: 1 });
    expect(await state()).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(t0.getTime() + 60_000),
    });
    expect((await state())?.lastError).toContain('HTTP 500');
    // Not due 30 s later.
    ctx.clock.set(new Date(t0.getTime() + 30_000));
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    // Attempt 2 at +60 s: 503 → next in 120 s.
    ctx.clock.set(new Date(t0.getTime() + 60_000));
    await delivery.deliverDue();
    expect(await state()).toMatchObject({ attempts: 2, nextAttemptAt: new Date(t0.getTime() + 180_000) });
    // Attempt 3 at +180 s: no answer within the timeout → next in 240 s.
    ctx.clock.set(new Date(t0.getTime() + 180_000));
    await delivery.deliverDue();
    const third = await state();
    expect(third?.attempts).toBe(3);
    expect(third?.lastError).toContain('超时');
    // Attempt 4 at +420 s, through the scheduled job itself: delivered.
    ctx.clock.set(new Date(t0.getTime() + 420_000));
    await signIn();
    const run = await deliverNotificationsJob.run({
      database: ctx.database,
      dataDir: ctx.dataDir,
      asOf: '2025-03-03',
      now: ctx.clock.now(),
      log: { info: () => undefined, error: () => undefined },
      protector: ctx.protector,
      notifications: settings,
    });
    expect(run.rows).toBe(1);
    expect(await state()).toMatchObject({
      status: 'sent',
      attempts: 4,
      lastError: null,
      nextAttemptAt: null,
    });

    const attempts = await ctx.database.db
      .select()
      .from(notificationAttempts)
      .where(eq(notificationAttempts.deliveryId, id))
      .orderBy(asc(notificationAttempts.attempt));
    expect(attempts.map((a) => [a.attempt, a.ok, a.statusCode])).toEqual([
      [1, false, 500],
      [2, false, 503],
      [3, false, null],
      [4, true, 200],
    ]);
    // What the endpoint got: the message as JSON, the link absolute, signed with the channel's secret.
    const last = endpoint.received.at(-1);
    const payload = JSON.parse(last?.body ?? '{}');
    expect(payload).toMatchObject({
      event: 'groundbreak.notification',
      id,
      module: 'tracking',
      organisation: '自然资源和规划分局',
    });
    expect(payload.title).toContain('地块规划条件需调整');
    expect(payload.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/problems\//);
    const expected = `sha256=${crypto
      .createHmac('sha256', 'json-hook-secret')
      .update(last?.body ?? '')
      .digest('hex')}`;
    expect(last?.headers['x-groundbreak-signature']).toBe(expected);
    expect(last?.url).toBe('/hook?token=abcdef123456');

    // The log as the administrator reads it.
    const detail = (await admin.inject({ url: `/api/notification-deliveries/${id}` })).json().delivery;
    expect(detail.status).toBe('sent');
    expect(detail.attemptLog.map((a: { ok: boolean }) => a.ok)).toEqual([false, false, false, true]);
    expect((await hutangAdmin.inject({ url: `/api/notification-deliveries/${id}` })).statusCode).toBe(404);
  });

  it('gives up after the last attempt, shows the failure, and sends again when asked', async () => {
    const port = await closedPort();
    const created = await create(admin, {
      orgId: nrpOrgId,
      kind: 'wecom',
      name: '自然资源工作群',
      target: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=wecom-key-0001`,
      modules: ['tracking'],
    });
    expect(created.statusCode, created.body).toBe(200);
    const channelId = created.json().channel.id as string;
    // Only this channel should be tried: switch the JSON one off.
    const [json] = await ctx.database.db
      .select()
      .from(notificationChannels)
      .where(eq(notificationChannels.kind, 'json'));
    const off = await admin.inject({
      method: 'PUT',
      url: `/api/notification-channels/${json?.id}`,
      payload: { version: json?.version, enabled: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().channel.enabled).toBe(false);

    let at = new Date('2025-03-04T09:00:00+08:00').getTime();
    ctx.clock.set(new Date(at));
    await signIn();
    const problemId = await assignProblemToNrp('施工用电接入受阻');
    const [queued] = await ctx.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.channelId, channelId));
    const id = queued?.id ?? '';
    // 8 attempts 1, 2, 4 … 64 minutes apart; the connection is refused each time.
    const waits = [60, 120, 240, 480, 960, 1920, 3840];
    for (let n = 0; n < 8; n++) {
      const result = await delivery.deliverDue();
      expect(result, `attempt ${n + 1}`).toEqual(
        n < 7 ? { sent: 0, failed: 0, retrying: 1 } : { sent: 0, failed: 1, retrying: 0 },
      );
      at += (waits[n] ?? 0) * 1000;
      ctx.clock.set(new Date(at));
    }
    await signIn();
    const list = (
      await admin.inject({ url: `/api/notification-deliveries?status=failed&channelId=${channelId}` })
    ).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id, status: 'failed', attempts: 8, nextAttemptAt: null });
    expect(list.items[0].lastError).toContain('ECONNREFUSED');
    const channel = (await admin.inject({ url: `/api/notification-channels/${channelId}` })).json().channel;
    expect(channel.lastDelivery).toMatchObject({ status: 'failed' });
    expect(channel.failedLast7Days).toBe(1);
    // The failure did not touch the problem: it stands assigned.
    const problem = (await drc.inject({ url: `/api/problems/${problemId}` })).json().problem;
    expect(problem.status).toBe('assigned');

    // Sent again by hand: one more attempt, now through a working robot address.
    expect(
      (await admin.inject({ method: 'POST', url: `/api/notification-deliveries/${id}/retry` })).statusCode,
    ).toBe(200);
    expect(
      (await admin.inject({ method: 'POST', url: `/api/notification-deliveries/${id}/retry` })).statusCode,
    ).toBe(409);
    const moved = await admin.inject({
      method: 'PUT',
      url: `/api/notification-channels/${channelId}`,
      payload: { version: channel.version, target: endpoint.url('/cgi-bin/webhook/send?key=wecom-key-0002') },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().channel.targetHint).toContain('key=****0002');
    endpoint.replies.push('robot-ok');
    expect(await delivery.deliverDue()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    const got = JSON.parse(endpoint.received.at(-1)?.body ?? '{}');
    expect(got.msgtype).toBe('markdown');
    expect(got.markdown.content).toContain('施工用电接入受阻');
    expect(got.markdown.content).toContain('[在平台中查看](http://127.0.0.1:3000/problems/');
    // A stale version is refused.
    const stale = await admin.inject({
      method: 'PUT',
      url: `/api/notification-channels/${channelId}`,
      payload: { version: channel.version, name: '改名' },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('sends a test message at once: 钉钉 signed, a robot that refuses is a logged failure, e-mail through SMTP', async () => {
    const ding = await create(admin, {
      orgId: nrpOrgId,
      kind: 'dingtalk',
      name: '自然资源钉钉群',
      target: endpoint.url('/robot/send?access_token=ding-token-0001'),
      secret: 'SECding-secret',
    });
    expect(ding.statusCode, ding.body).toBe(200);
    endpoint.replies.push('robot-ok');
    const ok = await admin.inject({
      method: 'POST',
      url: `/api/notification-channels/${ding.json().channel.id}/test`,
    });
    expect(ok.json()).toMatchObject({ ok: true, statusCode: 200, error: null });
    const sent = endpoint.received.at(-1);
    const url = new URL(sent?.url ?? '', 'http://x');
    const timestamp = url.searchParams.get('timestamp') ?? '';
    const sign = crypto
      .createHmac('sha256', 'SECding-secret')
      .update(`${timestamp}\nSECding-secret`)
      .digest('base64');
    expect(url.searchParams.get('sign')).toBe(sign);
    expect(url.searchParams.get('access_token')).toBe('ding-token-0001');
    expect(JSON.parse(sent?.body ?? '{}').markdown.title).toContain('测试消息');

    endpoint.replies.push('robot-refuse');
    const refused = await admin.inject({
      method: 'POST',
      url: `/api/notification-channels/${ding.json().channel.id}/test`,
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ ok: false, statusCode: 200 });
    expect(refused.json().error).toContain('93000');

    const mail = await create(admin, {
      orgId: nrpOrgId,
      kind: 'email',
      name: '自然资源值班邮箱',
      target: 'ZhiBan@wj-nrp.gov.cn; duty2@wj-nrp.gov.cn',
    });
    expect(mail.statusCode, mail.body).toBe(200);
    expect(mail.json().channel.targetHint).toBe('z***@wj-nrp.gov.cn, d***@wj-nrp.gov.cn');
    const mailed = await admin.inject({
      method: 'POST',
      url: `/api/notification-channels/${mail.json().channel.id}/test`,
    });
    expect(mailed.json(), mailed.body).toMatchObject({ ok: true, statusCode: 250 });
    expect(mails.at(-1)?.to).toEqual(['zhiban@wj-nrp.gov.cn', 'duty2@wj-nrp.gov.cn']);
    expect(mails.at(-1)?.data).toContain('Subject:');
  });

  it('gathers a digest channel\u2019s messages into one daily message', async () => {
    // Everything else off (the refused test message waiting for its retry then fails: its channel is
    // off); a digest channel on.
    for (const c of await ctx.database.db.select().from(notificationChannels)) {
      await ctx.database.db
        .update(notificationChannels)
        .set({ enabled: false })
        .where(eq(notificationChannels.id, c.id));
    }
    ctx.clock.set(new Date('2025-03-05T09:00:00+08:00'));
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 1, retrying: 0 });
    await signIn();
    const digest = await create(admin, {
      orgId: nrpOrgId,
      kind: 'json',
      name: '自然资源每日摘要',
      target: endpoint.url('/digest'),
      mode: 'digest',
    });
    expect(digest.statusCode, digest.body).toBe(200);
    const channelId = digest.json().channel.id as string;
    ctx.clock.set(new Date('2025-03-05T10:00:00+08:00'));
    await signIn();
    await assignProblemToNrp('排水许可材料补正');
    await assignProblemToNrp('临时用地手续办理');
    // Held, not sent.
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    ctx.clock.set(new Date('2025-03-06T08:30:00+08:00'));
    expect(await delivery.gatherDigests('2025-03-06')).toBe(1);
    expect(await delivery.deliverDue()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    const got = JSON.parse(endpoint.received.at(-1)?.body ?? '{}');
    expect(got.kind).toBe('digest');
    expect(got.title).toBe('2025-03-06 消息摘要：2 条');
    expect(got.body).toContain('排水许可材料补正');
    expect(got.body).toContain('临时用地手续办理');
    const rows = await ctx.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.channelId, channelId));
    expect(rows.map((r) => r.status).sort()).toEqual(['batched', 'batched', 'sent']);
    expect(await delivery.gatherDigests('2025-03-07')).toBe(0);

    // Deleting the channel: what still waits for it is marked not sent, and it leaves the list.
    ctx.clock.set(new Date('2025-03-06T10:00:00+08:00'));
    await signIn();
    await assignProblemToNrp('人防审批意见待出具');
    const current = (await admin.inject({ url: `/api/notification-channels/${channelId}` })).json().channel;
    const removed = await admin.inject({
      method: 'POST',
      url: `/api/notification-channels/${channelId}/delete`,
      payload: { version: current.version },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const after = await ctx.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.channelId, channelId));
    expect(after.find((r) => r.title.includes('人防审批意见待出具'))).toMatchObject({
      status: 'failed',
      lastError: '渠道已删除，未发送',
    });
    expect((await admin.inject({ url: `/api/notification-channels/${channelId}` })).statusCode).toBe(404);
  });
});
