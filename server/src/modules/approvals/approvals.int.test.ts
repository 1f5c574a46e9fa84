import type { ApprovalItem, ProjectApprovals } from '@groundbreak/contract';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../clock';
import { auditLog, landSupplies, parcels, projectApprovalItems, projects } from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';
import { approvalStartFact, constructionPermitFact } from './approvals.facts';

describe('approval items', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let nrp: Client;
  let housing: Client;
  let industry: Client;
  let hutang: Client;
  let projectId: string;

  async function signIn() {
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    nrp = await login(ctx.app, 'nrp');
    housing = await login(ctx.app, 'housing');
    industry = await login(ctx.app, 'industry');
    hutang = await login(ctx.app, 'hutang');
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
      { username: 'nrp', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['320412'] },
      { username: 'housing', roles: ['dept_operator'], orgCode: 'WJ-HUD', scopeCodes: ['320412'] },
      { username: 'industry', roles: ['dept_operator'], orgCode: 'WJ-MIIT', scopeCodes: ['320412'] },
      { username: 'nrpGxq', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['WJ-GXQ'] },
    ]);
    // The autumn of 2025, so that National Day falls inside the limits.
    ctx.clock.set(new Date('2025-10-20T10:00:00+08:00'));
    await signIn();
    const now = ctx.clock.now();
    const [row] = await ctx.database.db
      .insert(projects)
      .values(
        await protectProjectValues(ctx.protector, {
          internalNo: 'APPR-1',
          name: '审批测试新材料项目',
          state: 'LAND_PREP',
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

  const approvals = async (client: Client = drc) =>
    (await client.inject({ url: `/api/projects/${projectId}/approvals` })).json() as ProjectApprovals;
  const itemOf = async (code: string) =>
    (await approvals()).items.find((i) => i.code === code) as ApprovalItem;
  const update = async (client: Client, code: string, changes: Record<string, unknown>) => {
    const item = await itemOf(code);
    return client.inject({
      method: 'PUT',
      url: `/api/projects/${projectId}/approvals/${item.id}`,
      payload: {
        status: item.status,
        appliedOn: item.appliedOn,
        acceptedOn: item.acceptedOn,
        doneOn: item.doneOn,
        documentNo: item.documentNo,
        simulated: item.simulated,
        commitment: item.commitment,
        commitmentCheckDueOn: item.commitmentCheckDueOn,
        commitmentCheckResult: item.commitmentCheckResult,
        gaps: item.gaps,
        gapsDueOn: item.gapsDueOn,
        note: item.note,
        version: item.version,
        ...changes,
      },
    });
  };

  it('generates the items that apply to an industrial project on new land, once', async () => {
    expect((await approvals()).missing.length).toBeGreaterThan(10);
    // Another 板块 cannot; the project's own 板块 can.
    expect(
      (await hutang.inject({ method: 'POST', url: `/api/projects/${projectId}/approvals/generate` }))
        .statusCode,
    ).toBe(404);
    const first = await gxq.inject({ method: 'POST', url: `/api/projects/${projectId}/approvals/generate` });
    expect(first.statusCode).toBe(200);
    const codes = first.json().approvals.items.map((i: ApprovalItem) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'FILING',
        'SITE_PRE_REVIEW',
        'LAND_SUPPLY',
        'DESIGN_REVIEW',
        'CONSTRUCTION_PERMIT',
      ]),
    );
    expect(codes).not.toContain('GOV_APPROVAL');
    expect(first.json()).toMatchObject({
      added: codes.length,
      approvals: { missing: [], wholeProcessDays: null },
    });
    const again = await gxq.inject({ method: 'POST', url: `/api/projects/${projectId}/approvals/generate` });
    expect(again.json().added).toBe(0);
  });

  it('lets each department update only its own items (区发改 any), with the holiday-aware due date', async () => {
    // 设计方案审查 belongs to 自然资源和规划: 住建 and 工信 are refused, 板块 has no approval.write.
    expect(
      (await update(housing, 'DESIGN_REVIEW', { status: 'accepted', acceptedOn: '2025-09-26' })).statusCode,
    ).toBe(403);
    expect(
      (await update(industry, 'DESIGN_REVIEW', { status: 'accepted', acceptedOn: '2025-09-26' })).statusCode,
    ).toBe(403);
    expect(
      (await update(gxq, 'DESIGN_REVIEW', { status: 'accepted', acceptedOn: '2025-09-26' })).statusCode,
    ).toBe(403);
    const res = await update(nrp, 'DESIGN_REVIEW', {
      status: 'accepted',
      appliedOn: '2025-09-25',
      acceptedOn: '2025-09-26',
    });
    expect(res.statusCode).toBe(200);
    // Ten working days from Friday 26 Sep: 28 Sep (调休), 29, 30, 9 Oct … 16 Oct. Today is Monday 20 Oct.
    expect(res.json()).toMatchObject({
      dueOn: '2025-10-16',
      dueVerified: true,
      canEdit: true,
      sla: { state: 'overdue', overdue: 2 },
    });
    // 施工图审查 is 住建's, accepted on the last working day before the holiday: 15 wd → 28 Oct.
    const drawings = await update(housing, 'DRAWING_REVIEW', {
      status: 'accepted',
      acceptedOn: '2025-09-30',
    });
    expect(drawings.json()).toMatchObject({ dueOn: '2025-10-28', sla: { state: 'on_track', remaining: 6 } });
    // A stale version loses.
    const stale = await nrp.inject({
      method: 'PUT',
      url: `/api/projects/${projectId}/approvals/${(await itemOf('DESIGN_REVIEW')).id}`,
      payload: { ...(await itemOf('DESIGN_REVIEW')), status: 'accepted', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'approval.update'), eq(auditLog.objectId, projectId)));
    expect(audit.map((a) => (a.summary as { item: string }).item)).toEqual([
      'DESIGN_REVIEW',
      'DRAWING_REVIEW',
    ]);
  });

  it('refuses formal handling before the prerequisites unless simulated, and names what is missing', async () => {
    const early = await update(nrp, 'BUILD_PLAN_PERMIT', { status: 'accepted', acceptedOn: '2025-10-17' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toBe(
      '前置事项未办结：建设用地规划许可证、设计方案审查（可先预审或按模拟审批办理）',
    );
    const simulated = await update(nrp, 'BUILD_PLAN_PERMIT', {
      status: 'accepted',
      acceptedOn: '2025-10-17',
      simulated: true,
    });
    expect(simulated.statusCode).toBe(200);
    // 容缺受理 needs the missing documents and their date; past that date the item shows red.
    const gaps = await update(drc, 'UTILITIES', { status: 'accepted_with_gaps', acceptedOn: '2025-10-09' });
    expect(gaps.statusCode).toBe(400);
    expect(gaps.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual([
      'gaps',
      'gapsDueOn',
    ]);
    const withGaps = await update(drc, 'UTILITIES', {
      status: 'accepted_with_gaps',
      acceptedOn: '2025-10-09',
      gaps: '供电接入申请表',
      gapsDueOn: '2025-10-15',
    });
    // Ten working days from 9 Oct: due 22 Oct, two left today — 临期; the documents were due on the 15th.
    expect(withGaps.json()).toMatchObject({
      dueOn: '2025-10-22',
      followUpOverdue: true,
      sla: { state: 'due_soon' },
    });
  });

  it('converts 模拟审批 in one go once the land is supplied', async () => {
    const refused = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/approvals/convert-simulated`,
    });
    expect(refused.statusCode).toBe(409);
    expect((await approvals()).simulatedOpen).toBe(1);
    await ctx.database.db.update(projects).set({ state: 'LAND_SUPPLIED' }).where(eq(projects.id, projectId));
    const done = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/approvals/convert-simulated`,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ converted: 1, approvals: { simulatedOpen: 0, landSupplied: true } });
    expect(await itemOf('BUILD_PLAN_PERMIT')).toMatchObject({ simulated: false, convertedOn: '2025-10-20' });
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'approval.convert_simulated'), eq(auditLog.objectId, projectId)));
    expect(audit).toHaveLength(1);
  });

  it('gives each department its queue, soonest due first, in scope', async () => {
    const queue = (await nrp.inject({ url: '/api/approvals/queue' })).json();
    expect(queue.items.map((i: ApprovalItem) => i.code)).toEqual(['DESIGN_REVIEW', 'BUILD_PLAN_PERMIT']);
    expect(queue.items[0]).toMatchObject({
      project: { name: '审批测试新材料项目', regionName: '武进国家高新区' },
    });
    expect(queue).toMatchObject({ total: 2, totalCapped: false });
    const overdue = (await nrp.inject({ url: '/api/approvals/queue?sla=overdue' })).json();
    expect(overdue.items.map((i: ApprovalItem) => i.code)).toEqual(['DESIGN_REVIEW']);
    const housingQueue = (await housing.inject({ url: '/api/approvals/queue' })).json();
    expect(housingQueue.items.map((i: ApprovalItem) => i.code)).toEqual(['DRAWING_REVIEW']);
    // 区发改 sees every department's; a 板块 has no queue.
    expect((await drc.inject({ url: '/api/approvals/queue' })).json().total).toBe(4);
    expect((await gxq.inject({ url: '/api/approvals/queue' })).statusCode).toBe(403);
  });

  it("keeps the queue's scope when a project moves to another 板块, and drops a deleted project's items", async () => {
    // A 自然资源 office limited to 高新区 works this project's items until the project moves to 湖塘.
    const nrpGxq = await login(ctx.app, 'nrpGxq');
    const total = async (client: Client) =>
      (await client.inject({ url: '/api/approvals/queue' })).json().total;
    expect(await total(nrpGxq)).toBe(2);
    const move = async (code: string) => {
      const { project } = (await drc.inject({ url: `/api/projects/${projectId}` })).json();
      const res = await drc.inject({
        method: 'PATCH',
        url: `/api/projects/${projectId}`,
        payload: { regionId: await regionIdOf(ctx.database.db, code), version: project.version },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await move('320412100');
    expect(await total(nrpGxq)).toBe(0);
    expect(await total(nrp)).toBe(2);
    const hutangQueue = (await nrp.inject({ url: '/api/approvals/queue' })).json();
    expect(hutangQueue.items[0].project.regionName).toBe('湖塘镇');
    await move('WJ-GXQ');
    expect(await total(nrpGxq)).toBe(2);

    // A second project with a running item, deleted: its items leave every queue.
    const now = ctx.clock.now();
    const [other] = await ctx.database.db
      .insert(projects)
      .values({
        internalNo: 'APPR-DEL',
        name: '将被删除的项目',
        state: 'SIGNED',
        regionId: await regionIdOf(ctx.database.db, 'WJ-GXQ'),
        landUse: 'new_land',
        projectType: 'industrial',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: projects.id, version: projects.version });
    const otherId = other?.id ?? '';
    expect(
      (await drc.inject({ method: 'POST', url: `/api/projects/${otherId}/approvals/generate` })).statusCode,
    ).toBe(200);
    await ctx.database.db
      .update(projectApprovalItems)
      .set({ status: 'accepted', acceptedOn: '2025-10-20', dueOn: '2025-10-27' })
      .where(
        and(eq(projectApprovalItems.projectId, otherId), eq(projectApprovalItems.code, 'DESIGN_REVIEW')),
      );
    expect(await total(nrp)).toBe(3);
    const removed = await drc.inject({
      method: 'POST',
      url: `/api/projects/${otherId}/delete`,
      payload: { version: other?.version, reason: '重复登记' },
    });
    expect(removed.statusCode, removed.body).toBeLessThan(300);
    expect(await total(nrp)).toBe(2);
    const left = await ctx.database.db
      .select({ deletedAt: projectApprovalItems.deletedAt })
      .from(projectApprovalItems)
      .where(eq(projectApprovalItems.projectId, otherId));
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((r) => r.deletedAt !== null)).toBe(true);
  });

  it('counts the whole process, and lets 区发改 change a limit for items generated afterwards', async () => {
    const done = await update(nrp, 'DESIGN_REVIEW', {
      status: 'done',
      doneOn: '2025-10-17',
      documentNo: '武自然资规方〔2025〕88号',
    });
    expect(done.json()).toMatchObject({ sla: { state: 'done_late', overdue: 1, used: 11 } });
    // From 26 Sep (a working day, counted) to today 20 Oct: 26, 28, 29, 30 Sep, 9–11, 13–17, 20 Oct.
    expect((await approvals()).wholeProcessDays).toBe(13);

    const catalogue = (await drc.inject({ url: '/api/approval-catalogue' })).json().items;
    const entry = catalogue.find((e: { code: string }) => e.code === 'DESIGN_REVIEW');
    const body = {
      promisedDays: 7,
      unit: 'working',
      deptKind: 'natural_resources',
      parallelGroup: 'P2',
      automatic: true,
      version: entry.version,
    };
    expect(
      (await nrp.inject({ method: 'PUT', url: `/api/approval-catalogue/${entry.id}`, payload: body }))
        .statusCode,
    ).toBe(403);
    const changed = await drc.inject({
      method: 'PUT',
      url: `/api/approval-catalogue/${entry.id}`,
      payload: body,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().items.find((e: { code: string }) => e.code === 'DESIGN_REVIEW').promisedDays).toBe(
      7,
    );
    // The project's item keeps the limit it was generated with.
    expect((await itemOf('DESIGN_REVIEW')).promisedDays).toBe(10);
  });

  it('feeds the gates: the first stage-2 受理 and the issued 施工许可证 come from the items', async () => {
    const db = ctx.database.db;
    // A project without items still reads what was typed on it.
    expect(await approvalStartFact(db, '00000000-0000-7000-8000-000000000000', '2025-02-26')).toEqual({
      firstAcceptedOn: '2025-02-26',
    });
    expect(await approvalStartFact(db, projectId, '2020-01-01')).toEqual({ firstAcceptedOn: '2025-09-26' });
    const recorded = { number: '旧记录-1', issuedOn: '2025-01-01' };
    expect(await constructionPermitFact(db, projectId, recorded, true)).toEqual({
      number: null,
      issuedOn: null,
      file: true,
    });
    // The land is supplied now: no more 模拟审批; the permit waits for its prerequisites, settled first.
    expect(
      (
        await update(housing, 'CONSTRUCTION_PERMIT', {
          status: 'accepted',
          acceptedOn: '2025-10-13',
          simulated: true,
        })
      ).statusCode,
    ).toBe(400);
    expect((await update(drc, 'LAND_PLAN_PERMIT', { status: 'exempt' })).statusCode).toBe(200);
    const plan = await update(nrp, 'BUILD_PLAN_PERMIT', {
      status: 'done',
      doneOn: '2025-10-17',
      documentNo: '建字第1号',
    });
    expect(plan.statusCode).toBe(200);
    // Once 已办结, only 区发改 corrects it.
    expect((await update(nrp, 'BUILD_PLAN_PERMIT', { documentNo: '建字第2号' })).statusCode).toBe(403);
    expect(
      (
        await update(housing, 'DRAWING_REVIEW', {
          status: 'done',
          doneOn: '2025-10-10',
          documentNo: '审图第1号',
        })
      ).statusCode,
    ).toBe(200);
    const permit = await update(housing, 'CONSTRUCTION_PERMIT', {
      status: 'accepted',
      acceptedOn: '2025-10-13',
    });
    expect(permit.statusCode).toBe(200);
    // 7 days from 13 Oct end on Monday 20 Oct, a working day.
    expect(permit.json().dueOn).toBe('2025-10-20');
    const issued = await update(housing, 'CONSTRUCTION_PERMIT', {
      status: 'done',
      doneOn: '2025-10-17',
      documentNo: '320412202510170101',
    });
    expect(issued.statusCode).toBe(200);
    expect(await constructionPermitFact(db, projectId, recorded, false)).toEqual({
      number: '320412202510170101',
      issuedOn: '2025-10-17',
      file: false,
    });
  });

  it('checks 拿地即开工 readiness and, after the land deal, whether the permit came within a day', async () => {
    const ready = (await gxq.inject({ url: `/api/projects/${projectId}/land-ready` })).json();
    expect(ready).toMatchObject({ expected: false, contractOn: null, permitOn: '2025-10-17', withinDays: 1 });
    expect(ready.assessment.checks.map((c: { key: string; done: boolean }) => [c.key, c.done])).toEqual([
      ['design', true],
      ['drawings', true],
      ['eia', false],
      ['land_list', false],
      ['permit', true],
    ]);
    expect(ready.assessment).toMatchObject({ ready: 3, achieved: null, daysLandToPermit: null });
    // In the mode, it is on the 区发改's list as pending; a land contract the day before the permit achieves it.
    await ctx.database.db.update(projects).set({ landReadyStart: true }).where(eq(projects.id, projectId));
    const list = (await drc.inject({ url: '/api/approvals/land-ready?outcome=pending' })).json();
    expect(list.items.map((i: { project: { id: string } }) => i.project.id)).toContain(projectId);
    const now = ctx.clock.now();
    const [parcel] = await ctx.database.db
      .insert(parcels)
      .values({
        parcelNo: 'APPR-P1',
        name: '审批测试地块',
        regionId: await regionIdOf(ctx.database.db, 'WJ-GXQ'),
        areaM2: 30_000,
        use: 'industrial',
        source: 'new',
        status: 'supplied',
        projectId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: parcels.id });
    await ctx.database.db.insert(landSupplies).values({
      parcelId: parcel?.id ?? '',
      projectId,
      method: 'listing',
      contractNo: 'APPR-CR-1',
      contractOn: '2025-10-16',
      createdAt: now,
      updatedAt: now,
    });
    const after = (await gxq.inject({ url: `/api/projects/${projectId}/land-ready` })).json();
    expect(after).toMatchObject({
      expected: true,
      contractOn: '2025-10-16',
      assessment: { daysLandToPermit: 1, achieved: true },
    });
    const achieved = (await drc.inject({ url: '/api/approvals/land-ready?outcome=achieved' })).json();
    expect(achieved.items.map((i: { project: { id: string } }) => i.project.id)).toEqual([projectId]);
    expect((await drc.inject({ url: '/api/approvals/land-ready?outcome=missed' })).json().total).toBe(0);
  });

  it('takes the 临期, whole-process and 拿地即开工 rules from 区发改, and applies them on the next read', async () => {
    const read = (client: Client) => client.inject({ url: '/api/approvals/rules' });
    expect((await read(nrp)).json()).toEqual({
      rules: { dueSoonWorkingDays: 2, wholeProcessTargetDays: 100, landReadyWithinDays: 1 },
      canEdit: false,
    });
    expect((await read(drc)).json().canEdit).toBe(true);
    const put = (client: Client, rules: Record<string, number>) =>
      client.inject({ method: 'PUT', url: '/api/approvals/rules', payload: rules });
    const rules = { dueSoonWorkingDays: 2, wholeProcessTargetDays: 100, landReadyWithinDays: 1 };
    expect((await put(nrp, rules)).statusCode).toBe(403);
    expect((await put(drc, { ...rules, dueSoonWorkingDays: -1 })).statusCode).toBe(400);

    // An item accepted today with a fortnight to go is on track; under a rule of its days left, 临期.
    const today = shanghaiDate(ctx.clock.now());
    const fortnight = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    await ctx.database.db
      .update(projectApprovalItems)
      .set({ status: 'accepted', acceptedOn: today, dueOn: fortnight, unit: 'working' })
      .where(and(eq(projectApprovalItems.projectId, projectId), eq(projectApprovalItems.code, 'EIA')));
    const before = (await approvals()).items.find((i) => i.code === 'EIA');
    expect(before?.sla.state).toBe('on_track');
    const soonest = before?.sla.remaining ?? 0;
    expect(soonest).toBeGreaterThan(2);
    const saved = await put(drc, {
      dueSoonWorkingDays: soonest,
      wholeProcessTargetDays: 120,
      landReadyWithinDays: 0,
    });
    expect(saved.statusCode).toBe(200);
    const now = await approvals();
    expect(now.targetDays).toBe(120);
    expect(now.items.find((i) => i.code === 'EIA')?.sla).toMatchObject({
      state: 'due_soon',
      remaining: soonest,
    });
    // The permit came a day after the land deal: no longer within the rule of 0 days.
    const landReady = (await gxq.inject({ url: `/api/projects/${projectId}/land-ready` })).json();
    expect(landReady).toMatchObject({ withinDays: 0, assessment: { daysLandToPermit: 1, achieved: false } });
    const missed = (await drc.inject({ url: '/api/approvals/land-ready?outcome=missed' })).json();
    expect(missed).toMatchObject({ total: 1, withinDays: 0 });
    const [audited] = await ctx.database.db
      .select({ summary: auditLog.summary })
      .from(auditLog)
      .where(eq(auditLog.action, 'approvals.rules_update'));
    expect(audited?.summary).toMatchObject({ before: rules, after: { wholeProcessTargetDays: 120 } });
    expect((await put(drc, rules)).statusCode).toBe(200);
  });
});
