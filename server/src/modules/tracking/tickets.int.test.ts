import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprises, notifications, projects, users } from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';

const USCC = '91320412MAEUHUXQ7A';

describe('帮办代办 tickets', () => {
  let ctx: TestContext;
  let gxq: Client;
  let hutang: Client;
  let qiye: Client;
  let bangban: Client;
  let projectId: string;
  let helperId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.database.db, ctx.clock.now());
    const ids = await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'bangban', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      {
        username: 'hutang',
        roles: ['subarea_operator'],
        orgCode: '320412100-GOV',
        scopeCodes: ['320412100'],
      },
      { username: 'qiye', roles: ['enterprise'], orgCode: 'WJ-GXQ-ADM', enterpriseUscc: USCC },
    ]);
    helperId = ids.get('bangban') ?? '';
    ctx.clock.set(new Date('2025-06-09T10:00:00+08:00'));
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    qiye = await login(ctx.app, 'qiye');
    bangban = await login(ctx.app, 'bangban');
    const [enterprise] = await ctx.database.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.uscc, USCC));
    const [row] = await ctx.database.db
      .insert(projects)
      .values(
        await protectProjectValues(ctx.protector, {
          internalNo: 'TKT-1',
          name: '帮办测试智能装备项目',
          state: 'APPROVING',
          regionId: await regionIdOf(ctx.database.db, 'WJ-GXQ'),
          enterpriseId: enterprise?.id ?? null,
          createdAt: ctx.clock.now(),
          updatedAt: ctx.clock.now(),
        }),
      )
      .returning({ id: projects.id });
    projectId = row?.id ?? '';
  });
  afterAll(() => ctx.close());

  const request = (client: Client, kind = 'agency') =>
    client.inject({
      method: 'POST',
      url: '/api/tickets',
      payload: {
        projectId,
        kind,
        items: ['水电气报装', '建筑工程施工许可'],
        description: '请代办供水供电报装和施工许可',
      },
    });
  const step = (client: Client, id: string, body: Record<string, unknown>) =>
    client.inject({ method: 'POST', url: `/api/tickets/${id}/steps`, payload: body });

  it('runs a ticket through acceptance, suspension, a poor rating, callback, rectification and one re-rating', async () => {
    expect(
      (
        await qiye.inject({
          method: 'POST',
          url: '/api/tickets',
          payload: { projectId, kind: 'help', items: [], description: '' },
        })
      ).statusCode,
    ).toBe(400);
    const created = await request(qiye);
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().ticket.id as string;
    expect(created.json().ticket).toMatchObject({
      ticketNo: 'BB-2025-0001',
      status: 'pending',
      deadlines: { acceptBy: '2025-06-10', noticeBy: null },
    });
    expect((await hutang.inject({ url: `/api/tickets/${id}` })).statusCode).toBe(404);
    const told = await ctx.database.db
      .select({ title: notifications.title })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.recipientId))
      .where(eq(users.username, 'gxq'));
    expect(told.map((n) => n.title)).toContain('帮办代办申请待受理：帮办测试智能装备项目');

    // The 板块 accepts and names the 帮办员; the enterprise may not.
    expect((await step(qiye, id, { step: 'accept', version: 1, helperUserId: helperId })).statusCode).toBe(
      403,
    );
    expect((await step(gxq, id, { step: 'accept', version: 1 })).statusCode).toBe(400);
    const accepted = await step(gxq, id, { step: 'accept', version: 1, helperUserId: helperId });
    expect(accepted.json().ticket).toMatchObject({
      status: 'accepted',
      helperName: 'bangban(测试)',
      deadlines: { noticeBy: '2025-06-11' },
    });
    expect(accepted.json().notice).toEqual([]);

    // The 帮办员 works it, waits for the enterprise's materials, resumes and closes it.
    expect((await step(bangban, id, { step: 'start', version: 2 })).json().ticket.status).toBe('in_progress');
    expect((await step(bangban, id, { step: 'suspend', version: 3 })).statusCode).toBe(400);
    expect(
      (await step(bangban, id, { step: 'suspend', version: 3, note: '请补充不动产权证书' })).json().ticket
        .status,
    ).toBe('suspended');
    expect((await step(bangban, id, { step: 'finish', version: 4 })).statusCode).toBe(403);
    expect((await step(bangban, id, { step: 'resume', version: 4 })).json().ticket.status).toBe(
      'in_progress',
    );
    expect((await step(bangban, id, { step: 'finish', version: 5 })).json().ticket).toMatchObject({
      status: 'done',
      doneOn: '2025-06-09',
    });

    // 不满意: called back within a day, rectified within 15 days, re-rated once.
    expect((await step(bangban, id, { step: 'rate', version: 6, rating: 2 })).statusCode).toBe(403);
    const poor = await step(qiye, id, { step: 'rate', version: 6, rating: 2, note: '办理周期太长' });
    expect(poor.json().ticket).toMatchObject({
      status: 'callback_pending',
      rating: 2,
      deadlines: { callbackBy: '2025-06-10' },
    });
    ctx.clock.set(new Date('2025-06-10T10:00:00+08:00'));
    gxq = await login(ctx.app, 'gxq');
    qiye = await login(ctx.app, 'qiye');
    bangban = await login(ctx.app, 'bangban');
    hutang = await login(ctx.app, 'hutang');
    const called = await step(bangban, id, {
      step: 'callback',
      version: 7,
      note: '已电话回访，承诺压缩办理时限',
    });
    expect(called.json().ticket).toMatchObject({
      status: 'rectifying',
      deadlines: { rectifyBy: '2025-06-25' },
    });
    expect(
      (await step(bangban, id, { step: 'rectified', version: 8, note: '已建立并联审批专班' })).json().ticket
        .status,
    ).toBe('rerate_pending');
    const closed = await step(qiye, id, { step: 'rerate', version: 9, rating: 4 });
    expect(closed.json().ticket).toMatchObject({ status: 'closed', rerating: 4, closedOn: '2025-06-10' });
    expect(closed.json().events.map((e: { step: string }) => e.step)).toEqual([
      'request',
      'accept',
      'start',
      'suspend',
      'resume',
      'finish',
      'rate',
      'callback',
      'rectified',
      'rerate',
    ]);
  });

  it('closes a well-rated ticket at the routine callback, lets the enterprise withdraw an open one, and counts satisfaction', async () => {
    const good = (await request(qiye, 'help')).json().ticket.id as string;
    await step(gxq, good, { step: 'accept', version: 1, helperUserId: helperId });
    await step(bangban, good, { step: 'start', version: 2 });
    await step(bangban, good, { step: 'finish', version: 3 });
    expect((await step(qiye, good, { step: 'rate', version: 4, rating: 5 })).json().ticket.status).toBe(
      'rated',
    );
    expect(
      (await step(gxq, good, { step: 'callback', version: 5, note: '企业满意' })).json().ticket.status,
    ).toBe('closed');

    const dropped = (await request(qiye)).json().ticket.id as string;
    expect((await step(qiye, dropped, { step: 'withdraw', version: 1 })).json().ticket.status).toBe(
      'withdrawn',
    );
    expect((await step(qiye, dropped, { step: 'withdraw', version: 2 })).statusCode).toBe(403);

    const byRegion = (await gxq.inject({ url: '/api/tickets/kpi?by=region' })).json();
    expect(byRegion.rows).toEqual([
      {
        id: expect.any(String),
        name: '武进国家高新区',
        tickets: 3,
        open: 0,
        rated: 2,
        satisfaction: '50.0%',
        poor: 1,
      },
    ]);
    const byHelper = (await gxq.inject({ url: '/api/tickets/kpi?by=helper' })).json();
    expect(byHelper.rows.find((r: { id: string }) => r.id === helperId)).toMatchObject({
      tickets: 2,
      satisfaction: '50.0%',
    });
    expect((await bangban.inject({ url: '/api/tickets?mine=true' })).json().total).toBe(2);
    expect((await hutang.inject({ url: '/api/tickets' })).json().total).toBe(0);
    expect((await qiye.inject({ url: '/api/tickets' })).json().total).toBe(3);
  });
});
