import type { ProjectPlan } from '@groundbreak/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, projects } from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';

describe('倒排 plans', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let hutang: Client;
  let housing: Client;
  let leader: Client;
  let projectId: string;

  async function signIn() {
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    housing = await login(ctx.app, 'housing');
    leader = await login(ctx.app, 'leader');
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      {
        username: 'hutang',
        roles: ['subarea_operator'],
        orgCode: '320412100-GOV',
        scopeCodes: ['320412100'],
      },
      { username: 'housing', roles: ['dept_operator'], orgCode: 'WJ-HUD', scopeCodes: ['320412'] },
      { username: 'leader', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    ctx.clock.set(new Date('2026-01-05T10:00:00+08:00'));
    await signIn();
    const now = ctx.clock.now();
    const [row] = await ctx.database.db
      .insert(projects)
      .values(
        await protectProjectValues(ctx.protector, {
          internalNo: 'PLAN-1',
          name: '倒排测试项目',
          state: 'SIGNED',
          regionId: await regionIdOf(ctx.database.db, 'WJ-GXQ'),
          landUse: 'new_land',
          projectType: 'industrial',
          createdAt: now,
          updatedAt: now,
        }),
      )
      .returning({ id: projects.id });
    projectId = row?.id ?? '';
  });
  afterAll(() => ctx.close());

  const plan = async (client: Client = gxq) =>
    (await client.inject({ url: `/api/projects/${projectId}/plan` })).json().plan as ProjectPlan;
  const node = (p: ProjectPlan, key: string) => p.nodes.find((n) => n.key === key);

  it('refuses a template with a cycle or a negative duration, naming the nodes', async () => {
    const { items } = (await drc.inject({ url: '/api/plan-templates' })).json();
    const c = items.find((t: { code: string }) => t.code === 'C');
    const put = (body: Record<string, unknown>) =>
      drc.inject({
        method: 'PUT',
        url: `/api/plan-templates/${c.id}`,
        payload: {
          name: c.name,
          anchor: c.anchor,
          version: c.version,
          nodes: c.nodes,
          links: c.links,
          ...body,
        },
      });
    const cyclic = await put({ links: [...c.links, { from: 'production', to: 'filing' }] });
    expect(cyclic.statusCode).toBe(400);
    expect(cyclic.json().error.message).toBe(
      '依赖关系形成循环：项目备案赋码 → 厂房租赁及装修 → 设备进场 → 投产 → 项目备案赋码',
    );
    const negative = await put({
      nodes: c.nodes.map((n: { key: string }) => (n.key === 'lease' ? { ...n, duration: -5 } : n)),
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toBe(
      '节点「厂房租赁及装修」的工期必须是不小于 0 的整数（现为 -5）',
    );
    expect(
      (
        await gxq.inject({
          method: 'PUT',
          url: `/api/plan-templates/${c.id}`,
          payload: { name: c.name, anchor: c.anchor, version: c.version, nodes: c.nodes, links: c.links },
        })
      ).statusCode,
    ).toBe(403);
    // A lag on a link is kept: 设备进场 may start 7 days after the fit-out ends.
    const lagged = c.links.map((l: { from: string; to: string }) =>
      l.to === 'equipment_in' ? { ...l, lag: 7 } : l,
    );
    expect(lagged.some((l: { lag?: number }) => l.lag === 7)).toBe(true);
    const saved = await put({ links: lagged });
    expect(saved.statusCode).toBe(200);
    const again = (await drc.inject({ url: '/api/plan-templates' }))
      .json()
      .items.find((t: { code: string }) => t.code === 'C');
    expect(again.links.find((l: { to: string }) => l.to === 'equipment_in')?.lag).toBe(7);
    const back = await drc.inject({
      method: 'PUT',
      url: `/api/plan-templates/${c.id}`,
      payload: { name: c.name, anchor: c.anchor, version: again.version, nodes: c.nodes, links: c.links },
    });
    expect(back.statusCode).toBe(200);
  });

  it('reverse-schedules template A from a target 开工 date, across 春节 and 清明', async () => {
    expect(
      (
        await hutang.inject({
          method: 'POST',
          url: `/api/projects/${projectId}/plan`,
          payload: { templateCode: 'A', targetOn: '2026-04-30' },
        })
      ).statusCode,
    ).toBe(404);
    const created = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/plan`,
      payload: { templateCode: 'A', targetOn: '2026-04-30' },
    });
    expect(created.statusCode).toBe(200);
    const p = created.json().plan as ProjectPlan;
    expect(p).toMatchObject({
      status: 'draft',
      forecast: '2026-04-07',
      infeasible: false,
      targetOn: '2026-04-30',
    });
    expect(p.criticalPath).toEqual([
      'signing',
      'land_list',
      'sale_plan',
      'listing',
      'contract',
      'permits',
      'start',
    ]);
    // Latest dates back from 30 April: 四证 29 Apr, 合同 22 Apr, 挂牌 23 Mar, 出让方案 9 Mar.
    expect(node(p, 'sale_plan')).toMatchObject({
      lateStart: '2026-03-09',
      lateFinish: '2026-03-23',
      critical: true,
      late: false,
    });
    expect(node(p, 'library')).toMatchObject({ lateStart: null, floatDays: null });
    const again = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/plan`,
      payload: { templateCode: 'B', targetOn: '2026-12-31' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('is approved by the 板块 then 区发改, which freezes the baseline', async () => {
    const approve = (client: Client, version: number) =>
      client.inject({ method: 'POST', url: `/api/projects/${projectId}/plan/approve`, payload: { version } });
    expect((await approve(drc, (await plan()).version)).statusCode).toBe(409); // the 板块 first
    const first = await approve(gxq, (await plan()).version);
    expect(first.json()).toMatchObject({ plan: { status: 'subarea_approved' }, canApprove: null });
    expect((await gxq.inject({ url: `/api/projects/${projectId}/plan` })).json().canApprove).toBeNull();
    expect((await drc.inject({ url: `/api/projects/${projectId}/plan` })).json().canApprove).toBe('district');
    const second = await approve(drc, (await plan()).version);
    expect(second.json().plan).toMatchObject({
      status: 'approved',
      baselineOn: '2026-01-05',
      baselineForecast: '2026-04-07',
    });
    expect(node(second.json().plan, 'start')).toMatchObject({
      baselineFinish: '2026-04-30',
      varianceDays: 0,
    });
  });

  it('moves the forecast when an actual date is late, and marks what is 已滞后', async () => {
    ctx.clock.set(new Date('2026-03-20T10:00:00+08:00'));
    await signIn();
    const before = await plan();
    const res = await gxq.inject({
      method: 'PUT',
      url: `/api/projects/${projectId}/plan/nodes/land_list`,
      payload: { actualStart: '2026-01-05', actualFinish: '2026-03-16', version: before.version },
    });
    expect(res.statusCode).toBe(200);
    const p = res.json().plan as ProjectPlan;
    expect(p.forecast > '2026-04-30').toBe(true);
    expect(p).toMatchObject({ infeasible: true });
    expect(p.slipDays).toBeGreaterThan(0);
    expect(node(p, 'land_list')).toMatchObject({ done: true, late: false, actualFinish: '2026-03-16' });
    // 出让方案 had to start by 9 March: it is late, and so is the plan.
    expect(node(p, 'sale_plan')).toMatchObject({ late: true, earlyStart: '2026-03-20' });
    // 出让方案审批 is 自然资源's node: the 板块 may not record it, 区发改 may (and not in the future).
    const notTheirs = await gxq.inject({
      method: 'PUT',
      url: `/api/projects/${projectId}/plan/nodes/sale_plan`,
      payload: { actualStart: '2026-03-18', actualFinish: null, version: p.version },
    });
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().error.message).toBe(
      '“出让方案审批”的实际进度由责任单位（自然资源分局）或区发改填报',
    );
    const future = await drc.inject({
      method: 'PUT',
      url: `/api/projects/${projectId}/plan/nodes/sale_plan`,
      payload: { actualStart: '2026-03-25', actualFinish: null, version: p.version },
    });
    expect(future.statusCode).toBe(400);
  });

  it('takes a revision only with its reason, and shows the variance against the baseline', async () => {
    const p = await plan();
    const revise = (reason: string | null) =>
      gxq.inject({
        method: 'PUT',
        url: `/api/projects/${projectId}/plan`,
        payload: {
          targetOn: '2026-05-29',
          durations: [{ key: 'listing', duration: 25 }],
          reason,
          version: p.version,
        },
      });
    expect((await revise(null)).statusCode).toBe(400);
    const revised = await revise('挂牌时间调整，开工顺延一个月');
    expect(revised.statusCode).toBe(200);
    const r = revised.json().plan as ProjectPlan;
    expect(r).toMatchObject({
      status: 'draft',
      revision: 2,
      revisionReason: '挂牌时间调整，开工顺延一个月',
      baselineOn: '2026-01-05',
    });
    expect(node(r, 'start')).toMatchObject({
      lateFinish: '2026-05-29',
      baselineFinish: '2026-04-30',
      varianceDays: 29,
    });
    expect(node(r, 'listing')?.duration).toBe(25);
    const audit = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectId, projectId)));
    expect(audit.map((a) => a.action)).toEqual([
      'plan.create',
      'plan.approve',
      'plan.approve',
      'plan.actual',
      'plan.revise',
    ]);
  });

  it('takes actual dates from the unit each node names as responsible, and from 区发改', async () => {
    // 施工图审查 is the enterprise's and 住建's; 环评 is 生态环境's; 签约 the 板块's.
    const read = (await housing.inject({ url: `/api/projects/${projectId}/plan` })).json();
    expect(read.recordable).toEqual(['drawings']);
    expect((await gxq.inject({ url: `/api/projects/${projectId}/plan` })).json().recordable).toEqual([
      'signing',
      'library',
      'land_list',
    ]);
    expect((await drc.inject({ url: `/api/projects/${projectId}/plan` })).json().recordable).toHaveLength(
      read.plan.nodes.length,
    );
    expect((await leader.inject({ url: `/api/projects/${projectId}/plan` })).json().recordable).toEqual([]);
    const put = (client: Client, key: string, version: number) =>
      client.inject({
        method: 'PUT',
        url: `/api/projects/${projectId}/plan/nodes/${key}`,
        payload: { actualStart: '2026-03-02', actualFinish: null, version },
      });
    expect((await put(housing, 'eia', read.plan.version)).statusCode).toBe(403);
    expect((await put(leader, 'drawings', read.plan.version)).statusCode).toBe(403);
    const done = await put(housing, 'drawings', read.plan.version);
    expect(done.statusCode).toBe(200);
    expect(node(done.json().plan, 'drawings')?.actualStart).toBe('2026-03-02');
  });
});
