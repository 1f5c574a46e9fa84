import type { MonthlyReport, SaveMonthlyReportBody } from '@groundbreak/contract';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  enterprises,
  notifications,
  projects,
  projectYearPlans,
  users,
} from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { multipart } from '../../testing/multipart';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';
import { nightlyLightsJob, refreshLightsJob } from './lights.jobs';
import { reportRemindersJob } from './reports.jobs';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const USCC = '91320412MAEUHUXQ7A';

describe('monthly reports', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let hutang: Client;
  let qiye: Client;
  let leader: Client;
  let projectId: string;
  let silentId: string;

  async function signIn() {
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    qiye = await login(ctx.app, 'qiye');
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
      { username: 'qiye', roles: ['enterprise'], orgCode: 'WJ-DRC', enterpriseUscc: USCC },
      { username: 'leader', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    ctx.clock.set(new Date('2025-04-20T10:00:00+08:00'));
    await signIn();
    const [enterprise] = await ctx.database.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.uscc, USCC));
    const now = ctx.clock.now();
    const [row] = await ctx.database.db
      .insert(projects)
      .values(
        await protectProjectValues(ctx.protector, {
          internalNo: 'RPT-1',
          name: '月报测试汽车零部件项目',
          state: 'STARTED',
          regionId: await regionIdOf(ctx.database.db, 'WJ-GXQ'),
          enterpriseId: enterprise?.id ?? null,
          totalInvestment: 150_000_000,
          actualStartOn: '2025-02-10',
          // Registered in January: it owes every report from then on.
          createdAt: new Date('2025-01-10T10:00:00+08:00'),
          updatedAt: now,
        }),
      )
      .returning({ id: projects.id });
    projectId = row?.id ?? '';
    // A project of 湖塘 that never reports.
    const [silent] = await ctx.database.db
      .insert(projects)
      .values(
        await protectProjectValues(ctx.protector, {
          internalNo: 'RPT-2',
          name: '湖塘未报月报项目',
          state: 'APPROVING',
          regionId: await regionIdOf(ctx.database.db, '320412100'),
          createdAt: new Date('2025-01-10T10:00:00+08:00'),
          updatedAt: now,
        }),
      )
      .returning({ id: projects.id });
    silentId = silent?.id ?? '';
  });
  afterAll(() => ctx.close());

  const url = (month: string) => `/api/projects/${projectId}/monthly-reports/${month}`;
  const read = async (client: Client, month: string) => (await client.inject({ url: url(month) })).json();
  const blank: Omit<SaveMonthlyReportBody, 'version'> = {
    monthYuan: null,
    sinceStartYuan: null,
    equipmentYuan: null,
    constructionYuan: null,
    progressText: null,
    planNodeKey: null,
    nodePercent: null,
    workThisMonth: null,
    workNextMonth: null,
    problemsText: null,
    inStatistics: null,
    statisticsYuan: null,
    fundsInPlaceYuan: null,
    workers: null,
    photoIds: [],
  };
  const save = (client: Client, month: string, body: Partial<typeof blank>, version: number) =>
    client.inject({ method: 'PUT', url: url(month), payload: { ...blank, ...body, version } });
  const step = (client: Client, month: string, body: Record<string, unknown>) =>
    client.inject({ method: 'POST', url: `${url(month)}/steps`, payload: body });

  it('runs a report from draft through 板块 review to 区发改 confirmation, with returns and reasons', async () => {
    // February: the enterprise's first construction report.
    const empty = await read(qiye, '2025-02');
    expect(empty.report).toMatchObject({ id: null, kind: 'construction', status: 'draft', version: 0 });
    expect(empty.can).toMatchObject({ edit: true, submit: false });
    const feb = await save(qiye, '2025-02', { monthYuan: 8_000_000, progressText: '场地平整' }, 0);
    expect(feb.statusCode, feb.body).toBe(200);
    expect(feb.json().report).toMatchObject({ ytdYuan: 8_000_000, version: 1, status: 'draft' });

    // March builds on February's running total; a construction report cannot be submitted without a photo.
    const mar = await save(
      qiye,
      '2025-03',
      { monthYuan: 12_000_000, sinceStartYuan: 20_000_000, progressText: '正在进行基础短柱浇筑' },
      0,
    );
    expect(mar.json().report).toMatchObject({ ytdYuan: 20_000_000, previousYtdYuan: 8_000_000 });
    const noPhoto = await step(qiye, '2025-03', { step: 'submit', version: 1 });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().error.message).toBe('已开工项目至少上传1张现场照片');
    const photo = await qiye.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/attachments?kind=site_photo`,
      ...multipart('现场.png', PNG),
    });
    expect(photo.statusCode).toBe(200);
    const photoId = photo.json().attachment.id as string;
    const withPhoto = await save(
      qiye,
      '2025-03',
      {
        monthYuan: 12_000_000,
        sinceStartYuan: 20_000_000,
        progressText: '正在进行基础短柱浇筑',
        photoIds: [photoId],
      },
      1,
    );
    expect(withPhoto.json().report.photos).toMatchObject([{ id: photoId, fileName: '现场.png' }]);
    expect((await step(qiye, '2025-03', { step: 'submit', version: 2 })).statusCode).toBe(200);

    // Submitted: locked for the filler; the 板块 returns it with a reason; the enterprise resubmits.
    expect((await save(qiye, '2025-03', { monthYuan: 1 }, 3)).statusCode).toBe(409);
    expect((await step(gxq, '2025-03', { step: 'return', version: 3 })).statusCode).toBe(400);
    const returned = await step(gxq, '2025-03', {
      step: 'return',
      reason: '自开工累计与上月不符',
      version: 3,
    });
    expect(returned.json().report).toMatchObject({
      status: 'returned',
      returnReason: '自开工累计与上月不符',
    });
    const fixed = await save(
      qiye,
      '2025-03',
      {
        monthYuan: 12_000_000,
        sinceStartYuan: 20_000_000,
        progressText: '正在进行基础短柱浇筑，钢结构厂房预计8月下旬完工',
        photoIds: [photoId],
      },
      4,
    );
    expect(fixed.statusCode).toBe(200);
    expect((await step(qiye, '2025-03', { step: 'submit', version: 5 })).json().report).toMatchObject({
      status: 'submitted',
      returnReason: null,
    });

    // The enterprise may not review; 区发改 may not confirm before the 板块 has reviewed.
    expect((await step(qiye, '2025-03', { step: 'review', version: 6 })).statusCode).toBe(403);
    expect((await step(drc, '2025-03', { step: 'confirm', version: 6 })).statusCode).toBe(403);
    expect((await step(gxq, '2025-03', { step: 'review', version: 6 })).json().report.status).toBe(
      'subarea_reviewed',
    );
    expect((await step(gxq, '2025-03', { step: 'confirm', version: 7 })).statusCode).toBe(403);
    const confirmed = await step(drc, '2025-03', { step: 'confirm', version: 7 });
    expect(confirmed.json()).toMatchObject({
      report: { status: 'confirmed' },
      can: { edit: false, submit: false, return: false },
    });
    expect((await save(drc, '2025-03', { monthYuan: 1 }, 8)).statusCode).toBe(409);

    const audit = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.objectId, projectId), inArray(auditLog.objectType, ['project'])));
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('report.'))).toEqual([
      'report.create',
      'report.create',
      'report.update',
      'report.submit',
      'report.return',
      'report.update',
      'report.submit',
      'report.review',
      'report.confirm',
    ]);
  });

  it("refuses what is wrong whatever comes next, a future month, and another project's photo", async () => {
    const parts = await save(qiye, '2025-04', { monthYuan: 1_000, equipmentYuan: 2_000 }, 0);
    expect(parts.statusCode).toBe(400);
    expect(parts.json().error.message).toBe('设备投资与建安投资之和不能超过本月完成投资');
    expect((await save(qiye, '2025-05', { monthYuan: 1_000 }, 0)).statusCode).toBe(400);
    const foreign = await save(qiye, '2025-04', { photoIds: ['0190b3c4-0000-7000-8000-000000000000'] }, 0);
    expect(foreign.statusCode).toBe(400);
    // 自开工累计 above the total investment is a warning for the reviewers, not a refusal.
    const over = await save(qiye, '2025-04', { monthYuan: 5_000_000, sinceStartYuan: 160_000_000 }, 0);
    expect(over.statusCode).toBe(200);
    expect(over.json().report.warnings).toEqual([
      { field: 'sinceStartYuan', message: '自开工累计完成投资超过项目总投资，请核实' },
    ]);
  });

  it("lists a month's reports and the missing ones in scope, and keeps other 板块 and leaders out", async () => {
    const list = (await gxq.inject({ url: '/api/monthly-reports?month=2025-03' })).json();
    expect(list.items.map((i: { project: { id: string } }) => i.project.id)).toEqual([projectId]);
    expect(list.items[0]).toMatchObject({ status: 'confirmed', ytdYuan: 20_000_000 });
    expect((await hutang.inject({ url: '/api/monthly-reports?month=2025-03' })).json().total).toBe(0);
    expect((await hutang.inject({ url: url('2025-03') })).statusCode).toBe(404);
    expect((await leader.inject({ url: url('2025-03') })).json().can).toMatchObject({ edit: false });
    expect((await save(leader, '2025-04', { monthYuan: 1 }, 0)).statusCode).toBe(403);

    // April: our project owes it and has only a draft, which does not count.
    const missing = (await gxq.inject({ url: '/api/monthly-reports/missing?month=2025-04' })).json();
    expect(missing).toMatchObject({
      dueOn: '2025-04-25',
      regions: [{ regionName: '武进国家高新区', owing: 1, submitted: 0, missing: [{ id: projectId }] }],
    });
    // March for 区发改: ours confirmed, 湖塘's missing; 湖塘 itself sees only its own.
    const march = (await drc.inject({ url: '/api/monthly-reports/missing?month=2025-03' })).json();
    expect(
      march.regions.map(
        (r: { regionName: string; owing: number; submitted: number; missing: { id: string }[] }) => [
          r.regionName,
          r.owing,
          r.submitted,
          r.missing.map((p) => p.id),
        ],
      ),
    ).toEqual([
      ['武进国家高新区', 1, 1, []],
      ['湖塘镇', 1, 0, [silentId]],
    ]);
    const own = (await hutang.inject({ url: '/api/monthly-reports/missing?month=2025-03' })).json();
    expect(own.regions.map((r: { regionName: string }) => r.regionName)).toEqual(['湖塘镇']);
    // Projects registered after a month owe nothing for it.
    expect((await drc.inject({ url: '/api/monthly-reports/missing?month=2024-12' })).json().regions).toEqual(
      [],
    );
  });

  it("keeps a project's history for its investment curve, newest first", async () => {
    const history = (await qiye.inject({ url: `/api/projects/${projectId}/monthly-reports` })).json();
    expect(history.items.map((r: MonthlyReport) => [r.month, r.ytdYuan])).toEqual([
      ['2025-04', 25_000_000],
      ['2025-03', 20_000_000],
      ['2025-02', 8_000_000],
    ]);
    // February corrected (still a draft): the later months' running totals follow, locked March included.
    expect(
      (await save(qiye, '2025-02', { monthYuan: 9_000_000, progressText: '场地平整' }, 1)).statusCode,
    ).toBe(200);
    const after = (await qiye.inject({ url: `/api/projects/${projectId}/monthly-reports` })).json();
    expect(after.items.map((r: MonthlyReport) => r.ytdYuan)).toEqual([26_000_000, 21_000_000, 9_000_000]);
    expect(
      (await save(qiye, '2025-02', { monthYuan: 8_000_000, progressText: '场地平整' }, 2)).statusCode,
    ).toBe(200);
  });

  it("lights the project by its facts, explains each rule, follows the district's rule set and replays a day", async () => {
    await ctx.database.db
      .insert(projectYearPlans)
      .values({ projectId, year: 2025, plannedInvestment: 100_000_000, updatedAt: ctx.clock.now() });
    const light = (await gxq.inject({ url: `/api/projects/${projectId}/lights` })).json();
    expect(light).toMatchObject({ asOf: '2025-04-20', period: '2025-03', ruleSet: 'yinchuan', light: 'red' });
    const by = (rule: string, l = light) => l.findings.find((f: { rule: string }) => f.rule === rule);
    // March confirmed at 20.0% of the year's 1亿 against 25.0%: 5 points below, still green.
    expect(by('investment')).toMatchObject({
      light: 'green',
      explanation: '年度投资完成率 20.0%，低于序时进度25.0%达5.0个百分点 → 绿灯，自2025-03-28',
    });
    // January was never filed and February is still a draft.
    expect(by('report')).toMatchObject({
      light: 'red',
      since: '2025-02-05',
      explanation: '2025-01月报应于2025-01-25前提交，尚未提交（逾期85天）（另有1项） → 红灯，自2025-02-05',
    });
    expect(by('statistics')).toMatchObject({ light: 'red', since: '2025-04-11' });

    // Sanya's ratio: 20.0% is 80.0% of 序时, below 100% → yellow.
    const put = (client: Client, ruleSet: string) =>
      client.inject({
        method: 'PUT',
        url: '/api/tracking/light-rules',
        payload: { ruleSet, fundsEnabled: false },
      });
    expect((await put(gxq, 'sanya')).statusCode).toBe(403);
    expect((await put(drc, 'sanya')).statusCode).toBe(200);
    const sanya = (await gxq.inject({ url: `/api/projects/${projectId}/lights` })).json();
    expect(by('investment', sanya)).toMatchObject({
      light: 'yellow',
      explanation: '年度投资完成率 20.0%，为序时进度25.0%的80.0% → 黄灯，自2025-03-28',
    });
    expect((await put(drc, 'yinchuan')).statusCode).toBe(200);

    // As of 27 March: February was the last closed month, and nothing had been submitted yet.
    const replay = (await gxq.inject({ url: `/api/projects/${projectId}/lights?asOf=2025-03-27` })).json();
    expect(replay).toMatchObject({ asOf: '2025-03-27', period: '2025-02' });
    expect(by('investment', replay)).toBeUndefined();
    expect((await hutang.inject({ url: `/api/projects/${projectId}/lights` })).statusCode).toBe(404);
  });

  it('keeps lights for the red list, refreshes them on a change, and freezes a closed month', async () => {
    const job = (j: typeof refreshLightsJob, asOf: string) =>
      j.run({
        database: ctx.database,
        dataDir: '',
        asOf,
        now: ctx.clock.now(),
        log: { info() {}, error() {} },
      });
    expect((await job(refreshLightsJob, '2025-04-20')).rows).toBeGreaterThanOrEqual(2);
    type Row = {
      project: { id: string };
      light: string;
      period: string;
      findings: { rule: string }[];
      stale: boolean;
    };
    const list = async (client: Client, query = '') =>
      (await client.inject({ url: `/api/lights${query}` })).json();
    const ids = (body: { items: Row[] }) => body.items.map((i) => i.project.id);

    // Each 板块 sees its own red projects, with the rules that lit them; the enterprise its own project.
    const ours = await list(gxq, '?light=red');
    expect(ids(ours)).toContain(projectId);
    expect(ids(ours)).not.toContain(silentId);
    const row = ours.items.find((i: Row) => i.project.id === projectId);
    expect(row).toMatchObject({ light: 'red', period: '2025-03', stale: false });
    expect(row.findings.map((f: { rule: string }) => f.rule)).toEqual(['statistics', 'report']);
    expect(ids(await list(hutang))).toEqual([silentId]);
    expect(ids(await list(qiye))).toEqual([projectId]);
    const all = await list(drc, '?rule=report&pageSize=100');
    expect(ids(all)).toEqual(expect.arrayContaining([projectId, silentId]));
    expect(all.counts.red + all.counts.yellow).toBeGreaterThanOrEqual(all.total);
    expect(ids(await list(drc, '?rule=investment&pageSize=100'))).not.toContain(projectId);
    expect((await leader.inject({ url: '/api/lights?light=blue' })).statusCode).toBe(400);

    // A fact changed elsewhere (the planned start) marks the light stale until it is read again.
    await ctx.database.db
      .update(projects)
      .set({ plannedStartOn: '2025-01-15' })
      .where(eq(projects.id, projectId));
    expect((await list(gxq, '?light=red')).items.find((i: Row) => i.project.id === projectId).stale).toBe(
      true,
    );
    await gxq.inject({ url: `/api/projects/${projectId}/lights` });
    expect((await list(gxq, '?light=red')).items.find((i: Row) => i.project.id === projectId).stale).toBe(
      false,
    );

    // 区发改 closes April on the 26th, after its reports were due: the month takes no more changes, 序时 reads
    // it, and the day's lights are kept as April's official ones.
    ctx.clock.set(new Date('2025-04-24T10:00:00+08:00'));
    await signIn();
    const early = await drc.inject({ method: 'POST', url: '/api/tracking/months/2025-04/close' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toBe('2025-04 的月报截止日为2025-04-25，截止前不能关账');
    ctx.clock.set(new Date('2025-04-26T10:00:00+08:00'));
    await signIn();
    expect((await gxq.inject({ method: 'POST', url: '/api/tracking/months/2025-04/close' })).statusCode).toBe(
      403,
    );
    expect((await drc.inject({ method: 'POST', url: '/api/tracking/months/2025-02/close' })).statusCode).toBe(
      400,
    );
    expect((await drc.inject({ method: 'POST', url: '/api/tracking/months/2025-05/close' })).statusCode).toBe(
      400,
    );
    const closed = await drc.inject({ method: 'POST', url: '/api/tracking/months/2025-04/close' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ month: '2025-04', closedOn: '2025-04-26' });
    expect(closed.json().projects).toBeGreaterThanOrEqual(2);
    expect((await drc.inject({ method: 'POST', url: '/api/tracking/months/2025-04/close' })).statusCode).toBe(
      409,
    );
    const april = await read(qiye, '2025-04');
    const refused = await save(qiye, '2025-04', { monthYuan: 5_000_000 }, april.report.version);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('2025-04 已于2025-04-26关账，月报不能再修改');
    const months = (await gxq.inject({ url: '/api/tracking/months' })).json();
    expect(months).toMatchObject({
      items: [{ month: '2025-04', closedOn: '2025-04-26' }],
      next: { month: '2025-05' },
      canClose: false,
    });

    const official = await list(gxq, '?month=2025-04&light=red');
    expect(official.month).toBe('2025-04');
    expect(official.items.find((i: Row) => i.project.id === projectId)).toMatchObject({ period: '2025-04' });
    expect(ids(await list(hutang, '?month=2025-04'))).toEqual([silentId]);
    // Live lights were read against March; they are stale until refreshed, then read April.
    expect((await list(gxq, '?light=red')).items.find((i: Row) => i.project.id === projectId).stale).toBe(
      true,
    );
    await job(refreshLightsJob, '2025-04-26');
    expect((await list(gxq, '?light=red')).items.find((i: Row) => i.project.id === projectId)).toMatchObject({
      stale: false,
      period: '2025-04',
    });
    const audit = await ctx.database.db
      .select({ summary: auditLog.summary })
      .from(auditLog)
      .where(eq(auditLog.action, 'tracking.month_close'));
    expect(audit).toHaveLength(1);

    // The night after May's default close day, the nightly run closes May as of that day by itself.
    ctx.clock.set(new Date('2025-05-29T01:10:00+08:00'));
    const nightly = await job(nightlyLightsJob, '2025-05-29');
    expect(nightly.message).toMatch(/^已关账 2025-05；重算 \d+ 个项目的亮灯$/);
    await signIn();
    expect(
      (await drc.inject({ url: '/api/tracking/months' }))
        .json()
        .items.map((m: { month: string; closedOn: string }) => [m.month, m.closedOn]),
    ).toEqual([
      ['2025-05', '2025-05-28'],
      ['2025-04', '2025-04-26'],
    ]);
  });

  it("reminds those who owe the month's report from three days before it is due, once a day", async () => {
    const run = (asOf: string) =>
      reportRemindersJob.run({
        database: ctx.database,
        dataDir: '',
        asOf,
        now: new Date(`${asOf}T09:00:00+08:00`),
        log: { info() {}, error() {} },
      });
    expect((await run('2025-06-21')).message).toBe('2025-06 月报截止日为2025-06-25，今天不提醒');
    const first = await run('2025-06-22');
    expect(first.message).toBe(`提醒 ${first.rows} 位用户提交 2025-06 月报（截止2025-06-25）`);
    const reminded = await ctx.database.db
      .select({ username: users.username, title: notifications.title, body: notifications.body })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.recipientId))
      .where(like(notifications.title, '2025-06月报%'));
    const of = (name: string) => reminded.find((r) => r.username === name);
    expect(of('qiye')).toMatchObject({
      title: '2025-06月报尚未提交（1个项目），截止2025-06-25',
      body: '月报测试汽车零部件项目',
    });
    expect(of('gxq')?.body).toBe('月报测试汽车零部件项目');
    expect(of('hutang')?.body).toBe('湖塘未报月报项目');
    expect(of('drc')).toBeUndefined();
    // A second run the same day reminds nobody again.
    expect((await run('2025-06-22')).rows).toBe(0);
    expect((await run('2025-06-26')).rows).toBe(0);
  });
});
