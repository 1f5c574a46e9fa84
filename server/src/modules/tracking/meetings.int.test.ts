import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problems, projects } from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { docxText } from '../../testing/docx';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';
import { refreshLightsJob } from './lights.jobs';

describe('dispatch meetings', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let hutang: Client;
  let qiye: Client;
  let silentId: string;
  let blockedId: string;
  let outsideId: string;
  let overdueProblemId: string;
  let nrpOrgId: string;

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
      {
        username: 'qiye',
        roles: ['enterprise'],
        orgCode: 'WJ-GXQ-ADM',
        enterpriseUscc: '91320412MAEUHUXQ7A',
      },
      { username: 'nrp', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['320412'] },
    ]);
    ctx.clock.set(new Date('2025-04-10T10:00:00+08:00'));
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    qiye = await login(ctx.app, 'qiye');
    const gxqId = await regionIdOf(ctx.database.db, 'WJ-GXQ');
    const add = async (internalNo: string, name: string, regionId: string) => {
      const [row] = await ctx.database.db
        .insert(projects)
        .values(
          await protectProjectValues(ctx.protector, {
            internalNo,
            name,
            state: 'STARTED',
            regionId,
            actualStartOn: '2024-10-10',
            filedOn: '2024-06-01',
            createdAt: new Date('2024-05-10T10:00:00+08:00'),
            updatedAt: ctx.clock.now(),
          }),
        )
        .returning({ id: projects.id });
      return row?.id ?? '';
    };
    // Never reported: red. Another with a problem overdue and escalated. A third in 湖塘.
    silentId = await add('MTG-1', '调度会测试未报月报项目', gxqId);
    blockedId = await add('MTG-2', '调度会测试电力受阻项目', gxqId);
    outsideId = await add('MTG-3', '湖塘调度会测试项目', await regionIdOf(ctx.database.db, '320412100'));
    const units = (await drc.inject({ url: '/api/problems/units' })).json().items as {
      id: string;
      kind: string;
    }[];
    nrpOrgId = units.find((u) => u.kind === 'natural_resources')?.id ?? '';
    const [p] = await ctx.database.db
      .insert(problems)
      .values({
        problemNo: 'WT-2025-0100',
        projectId: blockedId,
        regionId: gxqId,
        source: 'report',
        category: 'utilities',
        title: '专线接入受阻',
        description: '供电接入方案未批复',
        raisedOn: '2025-03-01',
        status: 'in_progress',
        leadOrgId: units.find((u) => u.kind === 'utilities')?.id ?? null,
        assignedOn: '2025-03-03',
        dueOn: '2025-03-24',
        originalDueOn: '2025-03-24',
        level: 'L2',
        levelSince: '2025-03-25',
        escalations: 1,
        supervisedOn: '2025-03-25',
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning({ id: problems.id });
    overdueProblemId = p?.id ?? '';
    await refreshLightsJob.run({
      database: ctx.database,
      dataDir: '',
      asOf: '2025-04-10',
      now: ctx.clock.now(),
      log: { info() {}, error() {} },
    });
  });
  afterAll(() => ctx.close());

  it('draws the agenda from red lights and overdue problems, records decisions as problems, and downloads the material', async () => {
    const body = {
      type: 'weekly',
      title: '高新区第15周项目调度会',
      heldOn: '2025-04-10',
      chair: '高新区分管副主任',
      unitIds: [nrpOrgId],
    };
    expect((await qiye.inject({ method: 'POST', url: '/api/meetings', payload: body })).statusCode).toBe(403);
    expect(
      (await gxq.inject({ method: 'POST', url: '/api/meetings', payload: { ...body, title: '' } }))
        .statusCode,
    ).toBe(400);
    const created = await gxq.inject({ method: 'POST', url: '/api/meetings', payload: body });
    expect(created.statusCode, created.body).toBe(200);
    const meeting = created.json();
    const id = meeting.meeting.id as string;
    type Item = { projectId: string; light: string | null; reason: string; problems: { id: string }[] };
    const agenda = meeting.agenda as Item[];
    const silent = agenda.find((a) => a.projectId === silentId);
    expect(silent).toMatchObject({ light: 'red' });
    expect(silent?.reason).toContain('月报');
    const blocked = agenda.find((a) => a.projectId === blockedId);
    expect(blocked?.problems.map((p) => p.id)).toEqual([overdueProblemId]);
    expect(blocked?.reason).toContain('问题“专线接入受阻”超期');
    expect(agenda.some((a) => a.projectId === outsideId)).toBe(false);
    // Another 板块 does not see it; the invited unit does.
    expect((await hutang.inject({ url: `/api/meetings/${id}` })).statusCode).toBe(404);
    expect((await hutang.inject({ url: '/api/meetings' })).json().total).toBe(0);
    const nrp = await login(ctx.app, 'nrp');
    expect((await nrp.inject({ url: `/api/meetings/${id}` })).json().canEdit).toBe(false);

    // The agenda is edited: a project outside the meeting's region is refused.
    const refused = await gxq.inject({
      method: 'PUT',
      url: `/api/meetings/${id}`,
      payload: {
        version: 1,
        agenda: [{ projectId: outsideId, reason: '补充', light: null, problemIds: [], manual: true }],
      },
    });
    expect(refused.statusCode).toBe(400);

    // Decisions: a new problem assigned at once, and the overdue one given a new lead unit and time limit.
    const first = await gxq.inject({
      method: 'POST',
      url: `/api/meetings/${id}/decisions`,
      payload: {
        version: 1,
        text: '请自然资源分局5个工作日内出具用地预审意见',
        projectId: silentId,
        category: 'land',
        leadOrgId: nrpOrgId,
        limitWorkingDays: 5,
      },
    });
    expect(first.statusCode, first.body).toBe(200);
    const raised = (await gxq.inject({ url: `/api/problems/${first.json().problemId}` })).json();
    expect(raised.problem).toMatchObject({
      source: 'meeting',
      status: 'assigned',
      dueOn: '2025-04-17',
      leadOrg: { id: nrpOrgId },
    });
    const second = await gxq.inject({
      method: 'POST',
      url: `/api/meetings/${id}/decisions`,
      payload: {
        version: 2,
        text: '由自然资源分局牵头协调供电线路走廊',
        projectId: blockedId,
        problemId: overdueProblemId,
        leadOrgId: nrpOrgId,
        limitWorkingDays: 10,
      },
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().decisions.map((d: { createdProblem: boolean }) => d.createdProblem)).toEqual([
      true,
      false,
    ]);
    const updated = (await gxq.inject({ url: `/api/problems/${overdueProblemId}` })).json();
    expect(updated.problem).toMatchObject({
      dueOn: '2025-04-24',
      leadOrg: { id: nrpOrgId },
      originalDueOn: '2025-03-24',
    });
    expect(updated.events.at(-1).note).toContain(
      '高新区第15周项目调度会（2025-04-10）议定：由自然资源分局牵头协调供电线路走廊',
    );
    // A stale version is a conflict.
    expect(
      (
        await gxq.inject({
          method: 'POST',
          url: `/api/meetings/${id}/decisions`,
          payload: {
            version: 1,
            text: '重复',
            projectId: silentId,
            leadOrgId: nrpOrgId,
            limitWorkingDays: 5,
          },
        })
      ).statusCode,
    ).toBe(409);

    // The material: agenda tables with each project's light, explanation and problems.
    const material = await gxq.inject({ url: `/api/meetings/${id}/material` });
    expect(material.statusCode).toBe(200);
    const text = docxText(material.rawPayload);
    expect(text).toContain('高新区第15周项目调度会材料');
    expect(text).toContain('调度会测试未报月报项目（MTG-1）');
    expect(text).toContain('红灯');
    expect(text).toContain('WT-2025-0100 专线接入受阻');
    expect(text).toContain('议定事项');

    // The next weekly meeting opens with how those decisions stand.
    await gxq.inject({
      method: 'PUT',
      url: `/api/meetings/${id}`,
      payload: { version: 3, status: 'held', minutes: '会议听取了各项目进展。' },
    });
    const next = await gxq.inject({
      method: 'POST',
      url: '/api/meetings',
      payload: { ...body, title: '高新区第16周项目调度会', heldOn: '2025-04-17' },
    });
    expect(next.json().previous).toMatchObject({ id, heldOn: '2025-04-10' });
    expect(
      next.json().previous.decisions.map((d: { problem: { status: string } }) => d.problem.status),
    ).toEqual(['assigned', 'in_progress']);
  });
});
