import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises, notifications, projects, users } from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { docxText } from '../../testing/docx';
import { multipart } from '../../testing/multipart';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';
import { superviseProblemsJob } from './lights.jobs';

const USCC = '91320412MAEUHUXQ7A';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('problems and 督办', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let hutang: Client;
  let qiye: Client;
  let nrp: Client;
  let housing: Client;
  let projectId: string;
  let nrpOrgId: string;
  let hudOrgId: string;

  async function signIn() {
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    qiye = await login(ctx.app, 'qiye');
    nrp = await login(ctx.app, 'nrp');
    housing = await login(ctx.app, 'housing');
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
      { username: 'qiye', roles: ['enterprise'], orgCode: 'WJ-GXQ-ADM', enterpriseUscc: USCC },
      // The 自然资源 office sees only 湖塘 by region: what it leads it sees through the assignment.
      { username: 'nrp', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['320412100'] },
      { username: 'housing', roles: ['dept_operator'], orgCode: 'WJ-HUD', scopeCodes: ['320412100'] },
    ]);
    ctx.clock.set(new Date('2025-03-03T10:00:00+08:00'));
    await signIn();
    const [enterprise] = await ctx.database.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.uscc, USCC));
    const [row] = await ctx.database.db
      .insert(projects)
      .values(
        await protectProjectValues(ctx.protector, {
          internalNo: 'PRB-1',
          name: '问题测试新能源装备项目',
          state: 'STARTED',
          regionId: await regionIdOf(ctx.database.db, 'WJ-GXQ'),
          enterpriseId: enterprise?.id ?? null,
          totalInvestment: 300_000_000,
          actualStartOn: '2025-01-10',
          createdAt: new Date('2025-01-05T10:00:00+08:00'),
          updatedAt: ctx.clock.now(),
        }),
      )
      .returning({ id: projects.id });
    projectId = row?.id ?? '';
    const units = (await drc.inject({ url: '/api/problems/units' })).json().items as {
      id: string;
      name: string;
      kind: string;
    }[];
    nrpOrgId = units.find((u) => u.kind === 'natural_resources')?.id ?? '';
    hudOrgId = units.find((u) => u.kind === 'housing')?.id ?? '';
    expect(units.some((u) => u.kind === 'enterprise')).toBe(false);
  });
  afterAll(() => ctx.close());

  const step = (client: Client, id: string, body: Record<string, unknown>) =>
    client.inject({ method: 'POST', url: `/api/problems/${id}/steps`, payload: body });

  it('runs a problem from a report through 交办, extension, 督办 and escalation to 销号', async () => {
    // The enterprise raises it from its February report.
    const raised = await qiye.inject({
      method: 'POST',
      url: '/api/problems',
      payload: {
        projectId,
        source: 'report',
        sourceRef: '2025-02',
        category: 'utilities',
        title: '110千伏专线接入方案未批复',
        description: '供电接入方案已报送一个月，尚未批复，影响设备调试。',
      },
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const raisedBody = raised.json();
    const id = raisedBody.problem.id as string;
    expect(raisedBody.problem).toMatchObject({ problemNo: 'WT-2025-0001', status: 'collected', level: 'L1' });
    expect(raisedBody.can).toMatchObject({ assign: false, close: false });
    // Bad input: no title, an unknown category.
    expect(
      (
        await qiye.inject({
          method: 'POST',
          url: '/api/problems',
          payload: { projectId, source: 'report', category: 'x', title: '', description: '' },
        })
      ).statusCode,
    ).toBe(400);
    // Another 板块 never sees it; the assigned units see it once assigned.
    expect((await hutang.inject({ url: `/api/problems/${id}` })).statusCode).toBe(404);
    expect((await nrp.inject({ url: `/api/problems/${id}` })).statusCode).toBe(404);

    // Only 区发改 assigns: 自然资源 leads (normal: 15 working days), 住建 co-handles.
    expect((await step(gxq, id, { step: 'assign', version: 1, leadOrgId: nrpOrgId })).statusCode).toBe(403);
    const assigned = await step(drc, id, {
      step: 'assign',
      version: 1,
      leadOrgId: nrpOrgId,
      coOrgIds: [hudOrgId],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().problem).toMatchObject({
      status: 'assigned',
      assignedOn: '2025-03-03',
      limitWorkingDays: 15,
      dueOn: '2025-03-24',
      leadOrg: { id: nrpOrgId },
      coOrgs: [{ id: hudOrgId }],
    });
    const inbox = await ctx.database.db
      .select({ title: notifications.title, recipientId: notifications.recipientId })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.recipientId))
      .where(eq(users.username, 'nrp'));
    expect(inbox.map((n) => n.title)).toContain('交办问题（主办）：110千伏专线接入方案未批复');
    const nrpView = (await nrp.inject({ url: `/api/problems/${id}` })).json();
    expect(nrpView.can).toMatchObject({ accept: true, assign: false });
    expect((await housing.inject({ url: `/api/problems/${id}` })).json().can).toMatchObject({
      accept: false,
    });
    expect((await nrp.inject({ url: '/api/problems?mine=true' })).json().total).toBe(1);

    expect((await step(nrp, id, { step: 'accept', version: 2 })).json().problem.status).toBe('in_progress');
    expect((await step(nrp, id, { step: 'note', version: 3 })).statusCode).toBe(400);
    expect(
      (await step(nrp, id, { step: 'note', version: 3, note: '已与供电公司对接，方案正在复核' })).statusCode,
    ).toBe(200);

    // An extension asked on the last day is too late; a day ahead it goes to 区发改, who refuses it.
    ctx.clock.set(new Date('2025-03-24T09:00:00+08:00'));
    await signIn();
    const late = await step(nrp, id, {
      step: 'request_extension',
      version: 4,
      requestedDueOn: '2025-03-31',
      note: '需省电力公司批复',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toBe('延期须在办理时限2025-03-24前至少1个工作日申请，已超过申请期限');
    ctx.clock.set(new Date('2025-03-21T09:00:00+08:00'));
    await signIn();
    const asked = await step(nrp, id, {
      step: 'request_extension',
      version: 4,
      requestedDueOn: '2025-03-31',
      note: '需省电力公司批复',
    });
    expect(asked.json().problem).toMatchObject({
      status: 'extension_requested',
      requestedDueOn: '2025-03-31',
    });
    expect((await step(nrp, id, { step: 'approve_extension', version: 5 })).statusCode).toBe(403);
    const refused = await step(drc, id, { step: 'refuse_extension', version: 5, note: '请按原时限办结' });
    expect(refused.json().problem).toMatchObject({
      status: 'in_progress',
      dueOn: '2025-03-24',
      requestedDueOn: null,
    });

    // Past the time limit: the nightly run puts it under 督办 and climbs L1 → L2; the project's light reads it.
    ctx.clock.set(new Date('2025-03-26T01:00:00+08:00'));
    const run = () =>
      superviseProblemsJob.run({
        database: ctx.database,
        dataDir: '',
        asOf: '2025-03-26',
        now: ctx.clock.now(),
        log: { info() {}, error() {} },
      });
    expect((await run()).message).toBe('新列入督办 1 个问题，升级 1 个');
    // Nothing more the same night: one step at a time.
    expect((await run()).message).toBe('新列入督办 0 个问题，升级 0 个');
    await signIn();
    const supervised = (await drc.inject({ url: `/api/problems/${id}` })).json();
    expect(supervised.problem).toMatchObject({
      supervisedOn: '2025-03-26',
      level: 'L2',
      overdueWorkingDays: 2,
    });
    expect(supervised.letter).toBe(true);
    expect(supervised.events.at(-1).note).toBe(
      '超过办理时限2025-03-24，已超期2个工作日，列入督办；升级至L2：超过承诺时限',
    );
    const light = (await gxq.inject({ url: `/api/projects/${projectId}/lights` })).json();
    expect(light.findings.find((f: { rule: string }) => f.rule === 'problem')).toMatchObject({
      light: 'yellow',
      explanation: expect.stringContaining(
        '问题“110千伏专线接入方案未批复”办理时限2025-03-24，已超期2个工作日',
      ),
    });
    expect((await drc.inject({ url: '/api/problems?overdue=true' })).json().total).toBe(1);

    // The 督办函 downloads as a .docx generated from the record.
    const letter = await drc.inject({ url: `/api/problems/${id}/letter` });
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(letter.headers['content-disposition']).toContain('.docx');
    const text = docxText(letter.rawPayload);
    expect(text).toContain('督 办 函');
    expect(text).toContain('督办〔2025〕1号');
    expect(text).toContain(
      '区重大项目办将“问题测试新能源装备项目”反映的“110千伏专线接入方案未批复”问题（编号WT-2025-0001）交由你单位主办',
    );
    expect(text).toContain(
      '办理时限为2025年3月24日。截至2025年3月26日，该问题尚未办结，已超过办理时限2个工作日。',
    );
    expect(text).toContain('请按原时限办结');
    expect((await hutang.inject({ url: `/api/problems/${id}/letter` })).statusCode).toBe(404);

    // The next day (L2 since the 26th, spanning two departments) it climbs to L3 at once.
    ctx.clock.set(new Date('2025-03-27T01:00:00+08:00'));
    expect(
      (
        await superviseProblemsJob.run({
          database: ctx.database,
          dataDir: '',
          asOf: '2025-03-27',
          now: ctx.clock.now(),
          log: { info() {}, error() {} },
        })
      ).message,
    ).toBe('新列入督办 0 个问题，升级 1 个');

    // Resolved only with evidence of this project; the enterprise sends it back once, then strikes it off.
    ctx.clock.set(new Date('2025-03-27T10:00:00+08:00'));
    await signIn();
    const current = (await nrp.inject({ url: `/api/problems/${id}` })).json().problem.version as number;
    expect(
      (await step(nrp, id, { step: 'resolve', version: current, note: '接入方案已批复' })).json().error
        .message,
    ).toBe('办结须上传销号依据');
    // The lead unit files its evidence on the problem (its own region scope does not cover the project);
    // a unit that may not resolve the problem may not.
    expect(
      (
        await housing.inject({
          method: 'POST',
          url: `/api/problems/${id}/evidence`,
          ...multipart('接入批复.pdf', PDF, 'application/pdf'),
        })
      ).statusCode,
    ).toBe(403);
    const upload = await nrp.inject({
      method: 'POST',
      url: `/api/problems/${id}/evidence`,
      ...multipart('接入批复.pdf', PDF, 'application/pdf'),
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const evidence = upload.json().attachment.id as string;
    const resolved = await step(nrp, id, {
      step: 'resolve',
      version: current,
      note: '接入方案已批复',
      evidenceIds: [evidence],
    });
    expect(resolved.json().problem).toMatchObject({
      status: 'resolved',
      resolvedOn: '2025-03-27',
      evidence: [{ id: evidence }],
    });
    expect((await step(nrp, id, { step: 'close', version: current + 1 })).statusCode).toBe(403);
    const back = await step(qiye, id, { step: 'reopen', version: current + 1, note: '专线尚未送电' });
    expect(back.json().problem.status).toBe('in_progress');
    await step(nrp, id, { step: 'resolve', version: current + 2, note: '已送电', evidenceIds: [evidence] });
    const closed = await step(qiye, id, { step: 'close', version: current + 3 });
    expect(closed.json().problem).toMatchObject({
      status: 'closed',
      closedOn: '2025-03-27',
      closedHow: 'enterprise',
    });
    expect(closed.json().can).toMatchObject({ reopen: false, close: false });

    const actions = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.objectId, id))
      .orderBy(asc(auditLog.at), asc(auditLog.id));
    expect(actions.map((a) => a.action)).toEqual([
      'problem.raise',
      'problem.assign',
      'problem.accept',
      'problem.note',
      'problem.request_extension',
      'problem.refuse_extension',
      'problem.supervise',
      'problem.letter',
      'problem.supervise',
      'problem.resolve',
      'problem.reopen',
      'problem.resolve',
      'problem.close',
    ]);
  });

  it('gives 办结率, working days to close and overdue counts per unit and per 板块', async () => {
    const byUnit = (await drc.inject({ url: '/api/problems/kpi?by=unit' })).json();
    expect(byUnit.rows).toEqual([
      {
        id: nrpOrgId,
        name: expect.any(String),
        assigned: 1,
        closed: 1,
        open: 0,
        overdue: 0,
        closeRate: '100.0%',
        // 3 March → 27 March: 18 working days.
        averageWorkingDaysToClose: 18,
      },
    ]);
    const byRegion = (await gxq.inject({ url: '/api/problems/kpi?by=region' })).json();
    expect(byRegion.rows.map((r: { name: string }) => r.name)).toEqual(['武进国家高新区']);
    expect((await hutang.inject({ url: '/api/problems/kpi?by=region' })).json().rows).toEqual([]);
  });
});
