import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enterprises,
  evaluations,
  muEvaluations,
  notifications,
  orgs,
  projectCommitments,
  projects,
} from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';
import { generateEvaluationsJob } from './evaluation.jobs';

// 竣工即发证 and the post-evaluation loop through the API on a real PostgreSQL: the pre-check refuses with
// the missing flags, the issue moves the project 已开工 → 已竣工 and keeps the days to title; evaluation tasks
// fall due 12 months after 投产 (not a day before) and on 1 March after the 达产 year once its figures exist;
// the enterprise fills, the 板块 verifies (or returns), 工信 scores 不合格, 整改 with its deadline, the
// re-check passes and closes it (and the post-evaluation gate opens), a failed re-check leads to 违约处置;
// optimisation actions are raised, closed and counted; every object stays within its scope.

const USCC_A = '91320412MAEUHUXQ7A'; // 常州燕龙 (高新区), the enterprise account qiye
const USCC_B = '91320412MA2HRWNL9M'; // 武进湖塘智能电气 (湖塘镇), qiyeB

const FLAGS = {
  premiumPaid: true,
  noIllegalConstruction: true,
  surveyApproved: true,
  jointAcceptancePassed: true,
  noSeizure: true,
};

/** What the poor performer reports: half its investment, a third of its tax, late. */
const POOR = {
  fixedAssetYuan: 250_000_000,
  intensityWanPerMu: 250,
  startOn: '2022-03-01',
  completionOn: '2023-12-30',
  productionOn: '2024-06-30',
  plotRatio: 1.5,
  salesWanPerMu: 400,
  taxWanPerMu: 15,
  output: 240,
  jobs: 120,
  energyTce: 6000,
  rdRatio: 1,
};
const GOOD = {
  ...POOR,
  fixedAssetYuan: 520_000_000,
  intensityWanPerMu: 520,
  salesWanPerMu: 1000,
  taxWanPerMu: 52,
  output: 600,
  jobs: 310,
  energyTce: 3900,
  rdRatio: 3,
};

describe('竣工即发证 and 后评价', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let hutang: Client;
  let gongxin: Client;
  let gongxinGxq: Client;
  let zhujian: Client;
  let qiye: Client;
  let qiyeB: Client;
  let users: Map<string, string>;
  let gxqRegion: string;
  let hutangRegion: string;
  let enterpriseA: string;
  let enterpriseB: string;
  let seq = 0;
  let responsibleOrg = '';

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.database.db, ctx.clock.now());
    users = await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      {
        username: 'hutang',
        roles: ['subarea_operator'],
        orgCode: '320412100-GOV',
        scopeCodes: ['320412100'],
      },
      { username: 'gongxin', roles: ['dept_operator'], orgCode: 'WJ-MIIT', scopeCodes: ['320412'] },
      { username: 'gongxinGxq', roles: ['dept_operator'], orgCode: 'WJ-MIIT', scopeCodes: ['WJ-GXQ'] },
      { username: 'zhujian', roles: ['dept_operator'], orgCode: 'WJ-HUD', scopeCodes: ['320412'] },
      { username: 'qiye', roles: ['enterprise'], orgCode: 'WJ-DRC', enterpriseUscc: USCC_A },
      { username: 'qiyeB', roles: ['enterprise'], orgCode: 'WJ-DRC', enterpriseUscc: USCC_B },
    ]);
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    gongxin = await login(ctx.app, 'gongxin');
    gongxinGxq = await login(ctx.app, 'gongxinGxq');
    zhujian = await login(ctx.app, 'zhujian');
    qiye = await login(ctx.app, 'qiye');
    qiyeB = await login(ctx.app, 'qiyeB');
    gxqRegion = await regionIdOf(ctx.database.db, 'WJ-GXQ');
    hutangRegion = await regionIdOf(ctx.database.db, '320412100');
    const rows = await ctx.database.db.select().from(enterprises);
    enterpriseA = rows.find((r) => r.uscc === USCC_A)?.id ?? '';
    enterpriseB = rows.find((r) => r.uscc === USCC_B)?.id ?? '';
    const [org] = await ctx.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'WJ-GXQ-ADM'));
    responsibleOrg = org?.id ?? '';
  });
  afterAll(() => ctx.close());

  const db = () => ctx.database.db;
  /** Moves the clock to a day (10:00) and signs everyone in again (sessions expire over months). */
  const at = async (day: string) => {
    ctx.clock.set(new Date(`${day}T10:00:00+08:00`));
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    gongxin = await login(ctx.app, 'gongxin');
    gongxinGxq = await login(ctx.app, 'gongxinGxq');
    zhujian = await login(ctx.app, 'zhujian');
    qiye = await login(ctx.app, 'qiye');
    qiyeB = await login(ctx.app, 'qiyeB');
  };

  async function project(
    side: 'A' | 'B',
    state: string,
    values: Partial<typeof projects.$inferInsert> = {},
  ): Promise<string> {
    seq += 1;
    // Every field the registry requires up to 已投产, so that the gates read only this module's facts.
    const [row] = await db()
      .insert(projects)
      .values(
        await protectProjectValues(ctx.protector, {
          internalNo: `EVAL-2025-${String(seq).padStart(4, '0')}`,
          name: `后评价测试项目${seq}`,
          state,
          regionId: side === 'A' ? gxqRegion : hutangRegion,
          enterpriseId: side === 'A' ? enterpriseA : enterpriseB,
          uscc: side === 'A' ? USCC_A : USCC_B,
          industryChain: side === 'A' ? '新能源汽车及零部件' : '智能电网',
          investorName: '测试投资方',
          investorOrigin: 'domestic',
          responsibleOrgId: responsibleOrg,
          source: 'other',
          builderName: '测试建设单位',
          legalRepresentative: '张三',
          contactName: '李四',
          contactPhone: '13912345678',
          location: '武进区测试路 1 号',
          constructionNature: 'new',
          landUse: 'new_land',
          projectType: 'industrial',
          totalInvestment: 600_000_000,
          fixedAssetInvestment: 500_000_000,
          equipmentInvestment: 200_000_000,
          registeredCapital: 100_000_000,
          landAreaM2: 66_666.67,
          floorAreaM2: 80_000,
          scaleContent: '年产汽车零部件600万件',
          designCapacity: '600万件/年',
          signedOn: '2021-10-01',
          leaderUserId: users.get('drc') ?? null,
          projectCode: `2109-320412-89-01-${String(600_000 + seq)}`,
          industryCode: 'C36',
          plannedStartOn: '2022-03-01',
          plannedCompletionOn: '2023-12-30',
          plannedProductionOn: '2024-06-30',
          plannedTargetOn: '2025-12-31',
          plotRatio: 1.5,
          buildingCoverage: 0.5,
          greenRatio: 0.1,
          actualStartOn: '2022-03-01',
          progressText: '主体施工',
          createdAt: ctx.clock.now(),
          updatedAt: ctx.clock.now(),
          ...values,
        }),
      )
      .returning({ id: projects.id });
    return row?.id ?? '';
  }

  async function commitments(projectId: string, targetYear: number) {
    await db().insert(projectCommitments).values({
      projectId,
      signedOn: '2021-10-01',
      investmentYuan: 600_000_000,
      fixedAssetYuan: 500_000_000,
      intensityWanPerMu: 500,
      annualSalesYuan: 1_000_000_000,
      taxWanPerMu: 50,
      jobs: 300,
      capacityValue: 600,
      capacityUnit: '万件',
      energyTce: 4000,
      rdRatio: 0.03, // the agreement's share as a fraction (签约 stores 3% so)
      plotRatio: 1.5,
      startBy: '2022-03-01',
      completionBy: '2023-12-30',
      productionBy: '2024-06-30',
      targetYear,
    });
  }

  const post = (c: Client, url: string, payload: object = {}) => c.inject({ method: 'POST', url, payload });
  const detail = async (c: Client, id: string) => (await c.inject({ url: `/api/evaluations/${id}` })).json();

  /** Fill, verify and score one evaluation; returns its detail after scoring. */
  async function walk(id: string, figures: object, operator: Client, enterprise: Client, admin: Client) {
    let d = await detail(enterprise, id);
    const filled = await post(enterprise, `/api/evaluations/${id}/fill`, {
      version: d.version,
      actual: figures,
    });
    expect(filled.statusCode).toBe(200);
    d = filled.json();
    const verified = await post(operator, `/api/evaluations/${id}/verify`, {
      version: d.version,
      approve: true,
    });
    expect(verified.statusCode).toBe(200);
    const scored = await post(admin, `/api/evaluations/${id}/score`, { version: verified.json().version });
    expect(scored.statusCode).toBe(200);
    return scored.json();
  }

  describe('竣工即发证', () => {
    it('pre-checks, applies together, issues the three outputs and moves the project to 已竣工', async () => {
      await at('2025-03-31');
      const id = await project('A', 'STARTED');
      const url = `/api/projects/${id}/completion`;
      expect((await gxq.inject({ url })).json()).toMatchObject({ application: null, canWrite: true });
      // Another 板块 and an outside enterprise do not see it; the enterprise may read but not write.
      expect((await hutang.inject({ url })).statusCode).toBe(404);
      expect((await qiyeB.inject({ url })).statusCode).toBe(404);
      expect((await qiye.inject({ url })).json().canWrite).toBe(false);
      expect(
        (
          await qiye.inject({
            method: 'PUT',
            url,
            payload: { surveyReportNo: null, surveyApprovedOn: null, ...FLAGS },
          })
        ).statusCode,
      ).toBe(403);

      const draft = await zhujian.inject({
        method: 'PUT',
        url,
        payload: {
          surveyReportNo: '多测合一-2025-018',
          surveyApprovedOn: '2025-03-05',
          ...FLAGS,
          premiumPaid: false,
          noSeizure: false,
        },
      });
      expect(draft.statusCode).toBe(200);
      expect(draft.json().eligibility).toMatchObject({
        eligible: false,
        missingFlags: ['premiumPaid', 'noSeizure'],
      });
      const refused = await post(gxq, `${url}/apply`, { version: draft.json().application.version });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.details.missingFlags).toEqual(['premiumPaid', 'noSeizure']);
      expect(refused.json().error.message).toContain('土地出让金及税费已缴清');
      // Issuing before applying is refused too.
      expect(
        (
          await post(gxq, `${url}/issue`, {
            version: draft.json().application.version,
            jointAcceptanceNo: 'X',
            jointAcceptanceOn: '2025-03-10',
            filingNo: 'X',
            filingOn: '2025-03-10',
            titleNo: 'X',
            titleOn: '2025-03-10',
          })
        ).statusCode,
      ).toBe(409);

      const ready = await gxq.inject({
        method: 'PUT',
        url,
        payload: {
          version: draft.json().application.version,
          surveyReportNo: '多测合一-2025-018',
          surveyApprovedOn: '2025-03-05',
          ...FLAGS,
        },
      });
      expect(ready.json().eligibility).toMatchObject({ eligible: true, missingFlags: [] });
      const applied = await post(gxq, `${url}/apply`, {
        version: ready.json().application.version,
        appliedOn: '2025-03-08',
      });
      expect(applied.statusCode).toBe(200);
      expect(applied.json().application).toMatchObject({ status: 'applied', appliedOn: '2025-03-08' });

      // The title two days after acceptance; the filing 17 days after: recorded, with a warning.
      const issue = {
        version: applied.json().application.version,
        jointAcceptanceNo: '武住建联验〔2025〕018号',
        jointAcceptanceOn: '2025-03-10',
        filingNo: '320412202503270018',
        filingOn: '2025-03-27',
        titleNo: '苏(2025)常州市不动产权第0018018号',
        titleOn: '2025-03-12',
      };
      expect((await post(gxq, `${url}/issue`, { ...issue, titleOn: '2025-03-09' })).statusCode).toBe(400);
      const issued = await post(gxq, `${url}/issue`, issue);
      expect(issued.statusCode).toBe(200);
      expect(issued.json()).toMatchObject({
        project: { state: 'COMPLETED', actualCompletionOn: '2025-03-10' },
        application: { status: 'issued', daysAcceptanceToTitle: 2, titleNo: issue.titleNo },
        warnings: ['竣工验收备案在联合验收后第 17 天，超过 15 天的法定期限'],
        canWrite: false,
      });
      const history = (await gxq.inject({ url: `/api/projects/${id}/state-changes` })).json().items;
      expect(history.at(-1)).toMatchObject({ fromState: 'STARTED', toState: 'COMPLETED' });
      expect(history.at(-1).reason).toContain('竣工即发证');
      expect(
        (await post(gxq, `${url}/issue`, { ...issue, version: issued.json().application.version }))
          .statusCode,
      ).toBe(409);

      // A second one the same day; a project not yet started cannot apply.
      const same = await project('A', 'STARTED');
      const s = `/api/projects/${same}/completion`;
      const d2 = await gxq.inject({
        method: 'PUT',
        url: s,
        payload: { surveyReportNo: '多测合一-2025-019', surveyApprovedOn: '2025-03-20', ...FLAGS },
      });
      const a2 = await post(gxq, `${s}/apply`, { version: d2.json().application.version });
      const i2 = await post(gxq, `${s}/issue`, {
        version: a2.json().application.version,
        jointAcceptanceNo: '武住建联验〔2025〕019号',
        jointAcceptanceOn: '2025-03-31',
        filingNo: '320412202503310019',
        filingOn: '2025-03-31',
        titleNo: '苏(2025)常州市不动产权第0018019号',
        titleOn: '2025-03-31',
      });
      expect(i2.json()).toMatchObject({
        project: { state: 'COMPLETED' },
        application: { daysAcceptanceToTitle: 0 },
        warnings: [],
      });
      const early = await project('A', 'APPROVING');
      expect(
        (
          await gxq.inject({
            method: 'PUT',
            url: `/api/projects/${early}/completion`,
            payload: { surveyReportNo: null, surveyApprovedOn: null, ...FLAGS },
          })
        ).statusCode,
      ).toBe(409);

      // The list and the metrics count only the caller's scope.
      const list = (await gxq.inject({ url: '/api/completion?status=issued&pageSize=100' })).json();
      expect(list.items.map((i: { projectId: string }) => i.projectId).sort()).toEqual([id, same].sort());
      expect((await hutang.inject({ url: '/api/completion?pageSize=100' })).json().total).toBe(0);
      const metrics = (await gxq.inject({ url: '/api/completion/metrics?year=2025' })).json();
      expect(metrics.total).toEqual({ issued: 2, sameDay: 1, sameDayShare: 0.5, averageDays: 1 });
      expect(metrics.byRegion).toEqual([
        expect.objectContaining({ regionId: gxqRegion, issued: 2, sameDay: 1 }),
      ]);
      expect((await hutang.inject({ url: '/api/completion/metrics' })).json().total.issued).toBe(0);
      expect((await drc.inject({ url: '/api/completion/metrics?year=2024' })).json().total.issued).toBe(0);
    });
  });

  describe('后评价', () => {
    let production = '';
    let target = '';
    let targetEval = '';
    let rectificationId = '';

    it('generates the 投产评价 12 months after 投产 — not a day before — once', async () => {
      production = await project('A', 'IN_PRODUCTION', { actualProductionOn: '2024-04-01' });
      await at('2025-03-31');
      let run = (await post(drc, '/api/evaluations/generate')).json();
      expect(run.items.filter((i: { projectName: string }) => i.projectName.endsWith(String(seq)))).toEqual(
        [],
      );
      // 湖塘镇 has one due the same day: 工信 of 高新区 generates only its own scope's, 区发改 the rest.
      const other = await project('B', 'IN_PRODUCTION', { actualProductionOn: '2024-04-01' });
      await at('2025-04-01');
      run = (await post(gongxinGxq, '/api/evaluations/generate')).json();
      expect(run.items).toEqual([expect.objectContaining({ kind: 'production', dueOn: '2025-04-01' })]);
      expect(run.items[0].projectName.endsWith(String(seq))).toBe(false);
      run = (await post(drc, '/api/evaluations/generate')).json();
      expect(run.items).toEqual([expect.objectContaining({ kind: 'production', dueOn: '2025-04-01' })]);
      expect(run.items[0].projectName.endsWith(String(seq))).toBe(true);
      expect((await post(drc, '/api/evaluations/generate')).json().created).toBe(0);
      // The other 板块's project leaves the later counts of this file alone.
      await db().delete(evaluations).where(eq(evaluations.projectId, other));
      await db().update(projects).set({ deletedAt: new Date() }).where(eq(projects.id, other));
      const [row] = await db().select().from(evaluations).where(eq(evaluations.projectId, production));
      expect(row).toMatchObject({
        kind: 'production',
        dataYear: 2024,
        dueOn: '2025-04-01',
        status: 'pending',
        fillBy: '2025-05-01',
      });
      // The enterprise and the 板块 are told.
      const told = await db()
        .select()
        .from(notifications)
        .where(eq(notifications.link, `/evaluations/${row?.id ?? ''}`));
      const recipients = new Set(told.map((n) => n.recipientId));
      expect(recipients.has(users.get('qiye') ?? '')).toBe(true);
      expect(recipients.has(users.get('gxq') ?? '')).toBe(true);
      expect(recipients.has(users.get('hutang') ?? '')).toBe(false);
      expect((await post(gxq, '/api/evaluations/generate')).statusCode).toBe(403);
    });

    it('generates the 达产评价 on 1 March after the 达产 year, only once that year has figures (the daily job)', async () => {
      target = await project('A', 'AT_TARGET', {
        actualCompletionOn: '2023-12-20',
        actualProductionOn: '2024-06-20',
        plannedTargetOn: '2024-12-31',
      });
      await commitments(target, 2024);
      const run = (asOf: string) =>
        generateEvaluationsJob.run({
          database: ctx.database,
          dataDir: ctx.dataDir,
          asOf,
          now: new Date(`${asOf}T07:30:00+08:00`),
          log: { info() {}, error() {} },
        });
      const targets = () =>
        db()
          .select()
          .from(evaluations)
          .where(and(eq(evaluations.projectId, target), eq(evaluations.kind, 'target')));
      await run('2025-04-02');
      expect(await targets()).toEqual([]);
      await db().insert(muEvaluations).values({
        uscc: USCC_A,
        enterpriseName: '常州燕龙汽车零部件有限公司',
        year: 2024,
        muClass: 'B',
        salesYuan: 400_000_000,
        taxYuan: 15_000_000,
        landMu: 100,
        energyTce: 6000,
        employees: 120,
        rdYuan: 4_000_000,
      });
      await run('2025-02-28');
      expect(await targets()).toEqual([]);
      expect((await run('2025-04-02')).rows).toBeGreaterThanOrEqual(1);
      const [row] = await targets();
      expect(row).toMatchObject({ dataYear: 2024, dueOn: '2025-03-01', status: 'pending' });
      expect(row?.committed).toMatchObject({
        fixedAssetYuan: 500_000_000,
        taxWanPerMu: 50,
        salesWanPerMu: 1000,
        startOn: '2022-03-01',
      });
      targetEval = row?.id ?? '';
    });

    it('fill → return → fill → verify → score 不合格 → feedback → 整改 with its deadline', async () => {
      await at('2025-08-31');
      let d = await detail(qiye, targetEval);
      expect(d).toMatchObject({
        kind: 'target',
        status: 'pending',
        can: { fill: true, verify: false, score: false },
      });
      // Prefilled from the 亩均 figures of 2024 and the project's dates.
      expect(d.prefill).toMatchObject({
        salesWanPerMu: 400,
        taxWanPerMu: 15,
        jobs: 120,
        rdRatio: 1,
        productionOn: '2024-06-20',
      });
      expect(d.prefillSource).toContain('2024 年亩均评价数据（B 类');
      expect((await qiyeB.inject({ url: `/api/evaluations/${targetEval}` })).statusCode).toBe(404);
      expect((await hutang.inject({ url: `/api/evaluations/${targetEval}` })).statusCode).toBe(404);

      let res = await post(qiye, `/api/evaluations/${targetEval}/fill`, { version: d.version, actual: POOR });
      expect(res.statusCode).toBe(200);
      d = res.json();
      expect(d.actual).toMatchObject({ taxWanPerMu: 15, completionOn: '2023-12-30' });
      expect(
        (await post(qiye, `/api/evaluations/${targetEval}/verify`, { version: d.version, approve: true }))
          .statusCode,
      ).toBe(403);
      expect(
        (await post(gxq, `/api/evaluations/${targetEval}/verify`, { version: d.version, approve: false }))
          .statusCode,
      ).toBe(400);
      res = await post(gxq, `/api/evaluations/${targetEval}/verify`, {
        version: d.version,
        approve: false,
        note: '税收数据请附完税证明',
      });
      expect(res.json()).toMatchObject({ status: 'pending', verifyNote: '税收数据请附完税证明' });
      const returned = await db()
        .select()
        .from(notifications)
        .where(eq(notifications.recipientId, users.get('qiye') ?? ''));
      expect(returned.some((n) => n.title.includes('数据被退回'))).toBe(true);

      const scored = await walk(targetEval, POOR, gxq, qiye, gongxin);
      expect(scored).toMatchObject({ status: 'scored', grade: 'fail' });
      expect(scored.score).toBeLessThan(60);
      const tax = scored.breakdown.find((i: { key: string }) => i.key === 'taxWanPerMu');
      expect(tax).toMatchObject({
        committed: 50,
        actual: 15,
        ratio: 0.3,
        weight: 20,
        points: 6,
        scored: true,
      });
      expect(tax.calculation).toBe('20 × min(实际 15 ÷ 承诺 50, 1.2) = 6');
      expect(scored.breakdown).toHaveLength(12);
      expect(scored.summary).toContain('不合格');
      // A 板块 cannot score; the wrong step is refused.
      expect(
        (await post(gxq, `/api/evaluations/${targetEval}/score`, { version: scored.version })).statusCode,
      ).toBe(403);
      expect(
        (await post(gongxin, `/api/evaluations/${targetEval}/score`, { version: scored.version })).statusCode,
      ).toBe(409);

      res = await post(gongxin, `/api/evaluations/${targetEval}/notify`, {
        version: scored.version,
        feedback: '投资和税收未达协议，请于整改期内补足',
      });
      expect(res.json()).toMatchObject({
        status: 'notified',
        notifiedOn: '2025-08-31',
        can: { rectify: true },
      });
      const told = await db()
        .select()
        .from(notifications)
        .where(eq(notifications.recipientId, users.get('qiye') ?? ''));
      expect(told.some((n) => n.title.includes('达产评价结果') && n.title.includes('不合格'))).toBe(true);

      // 31 Aug + 6 months = 28 Feb.
      res = await post(drc, `/api/evaluations/${targetEval}/rectifications`, {
        requirements: '补足设备投资，亩均税收达到承诺',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().rectifications).toEqual([
        expect.objectContaining({
          issuedOn: '2025-08-31',
          deadlineOn: '2026-02-28',
          status: 'open',
          noticeNo: '整改-2025-001',
          overdue: false,
        }),
      ]);
      rectificationId = res.json().rectifications[0].id;
      expect(
        (await post(drc, `/api/evaluations/${targetEval}/rectifications`, { requirements: '再次' }))
          .statusCode,
      ).toBe(409);
      // No 违约处置 before a failed re-check.
      expect(
        (
          await post(drc, `/api/evaluations/${targetEval}/dispositions`, {
            measure: 'suspend_reward',
            description: '暂缓',
            decidedOn: '2025-08-31',
          })
        ).statusCode,
      ).toBe(409);
    });

    it('keeps the post-evaluation gate shut while 整改 is open and lists it overdue on the 工作台', async () => {
      const moved = await post(gxq, `/api/projects/${target}/transitions`, {
        type: 'advance',
        to: 'POST_EVALUATED',
        version: (await db().select().from(projects).where(eq(projects.id, target)))[0]?.version,
      });
      expect(moved.statusCode).toBe(422);
      expect(moved.json().error.details.unmet.map((u: { code: string }) => u.code)).toEqual([
        'POST_EVAL_REPORT',
        'POST_EVAL_APPROVED',
        'RECTIFICATIONS',
      ]);
      await at('2026-03-01');
      const todos = async (c: Client) => {
        const w = (await c.inject({ url: '/api/workbench' })).json();
        return [...w.overdue, ...w.dueSoon, ...w.later].map((t: { key: string }) => t.key);
      };
      expect(await todos(drc)).toContain(`evaluation-rectification:${rectificationId}`);
      expect(await todos(gxq)).toContain(`evaluation-rectification:${rectificationId}`);
      expect(await todos(hutang)).not.toContain(`evaluation-rectification:${rectificationId}`);
      expect((await detail(gxq, targetEval)).rectifications[0].overdue).toBe(true);
    });

    it('a re-check that passes closes the 整改 and opens the post-evaluation gate', async () => {
      await at('2026-03-02');
      expect(
        (await post(hutang, `/api/evaluation-rectifications/${rectificationId}/recheck`)).statusCode,
      ).toBe(403);
      expect(
        (await post(gongxinGxq, `/api/evaluation-rectifications/${rectificationId}/recheck`)).statusCode,
      ).toBe(200);
      const parent = await detail(drc, targetEval);
      expect(parent.rectifications[0].status).toBe('rechecking');
      const recheckId = parent.rectifications[0].recheckEvaluationId;
      const recheck = await detail(qiye, recheckId);
      expect(recheck).toMatchObject({
        kind: 'recheck',
        parentId: targetEval,
        status: 'pending',
        committed: parent.committed,
      });
      expect(recheck.rectifies).toMatchObject({ id: rectificationId, status: 'rechecking' });
      expect((await post(drc, `/api/evaluation-rectifications/${rectificationId}/recheck`)).statusCode).toBe(
        409,
      );

      const scored = await walk(recheckId, GOOD, gxq, qiye, drc);
      expect(scored.grade).not.toBe('fail');
      expect(scored.rectifies).toMatchObject({ status: 'passed', closedOn: '2026-03-02' });
      const notified = await post(drc, `/api/evaluations/${recheckId}/notify`, {
        version: scored.version,
        feedback: '整改到位',
      });
      expect(notified.statusCode).toBe(200);
      const [p] = await db().select().from(projects).where(eq(projects.id, target));
      const moved = await post(gxq, `/api/projects/${target}/transitions`, {
        type: 'advance',
        to: 'POST_EVALUATED',
        version: p?.version,
      });
      expect(moved.statusCode).toBe(200);
    });

    it('a failed re-check leads to 违约处置', async () => {
      await at('2026-03-02');
      const p = await project('B', 'IN_PRODUCTION', { actualProductionOn: '2025-01-10' });
      const [e] = await db()
        .insert(evaluations)
        .values({
          projectId: p,
          kind: 'production',
          dataYear: 2025,
          dueOn: '2026-01-10',
          status: 'pending',
          committed: { jobs: 200, taxWanPerMu: 40 },
          settings: (await drc.inject({ url: '/api/evaluations/settings' })).json().settings,
        })
        .returning({ id: evaluations.id });
      const id = e?.id ?? '';
      expect((await gxq.inject({ url: `/api/evaluations/${id}` })).statusCode).toBe(404);
      // 工信 of 高新区 only cannot reach 湖塘's evaluation.
      expect((await post(gongxinGxq, `/api/evaluations/${id}/score`, { version: 1 })).statusCode).toBe(404);
      const failed = await walk(id, { jobs: 50, taxWanPerMu: 10 }, hutang, qiyeB, gongxin);
      expect(failed).toMatchObject({ grade: 'fail', score: 25 });
      const rect = await post(gongxin, `/api/evaluations/${id}/rectifications`, {
        requirements: '补足用工和税收',
        issuedOn: '2026-03-01',
      });
      expect(rect.json().rectifications[0]).toMatchObject({
        deadlineOn: '2026-09-01',
        noticeNo: '整改-2026-001',
      });
      const rid = rect.json().rectifications[0].id;
      const started = await post(gongxin, `/api/evaluation-rectifications/${rid}/recheck`);
      const recheckId = started.json().id;
      const again = await walk(recheckId, { jobs: 60, taxWanPerMu: 12 }, hutang, qiyeB, gongxin);
      expect(again).toMatchObject({
        grade: 'fail',
        rectifies: { status: 'failed' },
        can: { dispose: true, rectify: false },
      });
      const disposed = await post(gongxin, `/api/evaluations/${id}/dispositions`, {
        measure: 'recover_reward',
        description: '追回已兑现的设备投资奖励',
        decisionNo: '武发改〔2026〕12号',
        decidedOn: '2026-03-02',
        amountYuan: 1_200_000,
      });
      expect(disposed.statusCode).toBe(200);
      expect(disposed.json().dispositions).toEqual([
        expect.objectContaining({ measure: 'recover_reward', amountYuan: 1_200_000, rectificationId: rid }),
      ]);
      // The re-check shows it through its 整改; one recorded on the re-check is kept on the original too.
      expect((await detail(gongxin, recheckId)).dispositions).toHaveLength(1);
      const onRecheck = await post(gongxin, `/api/evaluations/${recheckId}/dispositions`, {
        measure: 'suspend_licence',
        description: '暂缓办理后续证照',
        decidedOn: '2026-03-02',
      });
      expect(onRecheck.json().dispositions).toHaveLength(2);
      expect((await detail(gongxin, id)).dispositions).toHaveLength(2);
      const summary = (await gongxin.inject({ url: '/api/evaluations/summary' })).json();
      const hu = summary.byRegion.find((r: { regionId: string }) => r.regionId === hutangRegion);
      expect(hu).toMatchObject({ failed: 2, rectificationsFailed: 1, dispositions: 2 });
    });

    it('raises optimisation actions, closes them, and counts the loop per 板块 and chain, within scope', async () => {
      await at('2026-03-05');
      const created = await post(gongxin, '/api/optimisation-actions', {
        evaluationId: targetEval,
        category: 'admission',
        title: '提高新能源汽车零部件项目亩均税收准入标准',
        ownerName: '区发改委产业科',
        dueOn: '2026-06-30',
      });
      expect(created.statusCode).toBe(200);
      const action = created.json();
      expect(action).toMatchObject({
        regionId: gxqRegion,
        projectId: target,
        industryChain: '新能源汽车及零部件',
        status: 'open',
      });
      const general = await post(drc, '/api/optimisation-actions', {
        regionId: hutangRegion,
        category: 'service',
        title: '竣工联合验收材料清单精简',
        dueOn: '2026-04-30',
      });
      expect(general.statusCode).toBe(200);
      // Out of scope: a 高新区-only 工信 user neither raises for 湖塘 nor edits its action.
      expect(
        (
          await post(gongxinGxq, '/api/optimisation-actions', {
            regionId: hutangRegion,
            category: 'other',
            title: '越权',
            dueOn: '2026-04-30',
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await gongxinGxq.inject({
            method: 'PUT',
            url: `/api/optimisation-actions/${general.json().id}`,
            payload: {
              version: 1,
              status: 'in_progress',
              category: 'service',
              title: '越权',
              dueOn: '2026-04-30',
            },
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await post(gongxinGxq, `/api/optimisation-actions/${general.json().id}/close`, {
            version: 1,
            closingNote: '越权',
          })
        ).statusCode,
      ).toBe(404);

      const progressed = await gongxin.inject({
        method: 'PUT',
        url: `/api/optimisation-actions/${action.id}`,
        payload: {
          version: action.version,
          status: 'in_progress',
          category: 'admission',
          title: action.title,
          dueOn: '2026-06-30',
          ownerName: '区发改委产业科',
        },
      });
      expect(progressed.json()).toMatchObject({ status: 'in_progress' });
      const closed = await post(gongxin, `/api/optimisation-actions/${action.id}/close`, {
        version: progressed.json().version,
        closingNote: '《武进区工业项目准入标准（2026版）》已印发',
      });
      expect(closed.json()).toMatchObject({ status: 'done', closedOn: '2026-03-05' });
      expect(
        (
          await post(gongxin, `/api/optimisation-actions/${action.id}/close`, {
            version: closed.json().version,
            closingNote: '再次',
          })
        ).statusCode,
      ).toBe(409);

      const mine = (await gxq.inject({ url: '/api/optimisation-actions?pageSize=100' })).json();
      expect(mine.items.map((a: { id: string }) => a.id)).toEqual([action.id]);
      expect((await detail(gxq, targetEval)).actions.map((a: { id: string }) => a.id)).toEqual([action.id]);

      const summary = (await gxq.inject({ url: '/api/evaluations/summary' })).json();
      expect(summary.byRegion.map((r: { regionId: string }) => r.regionId)).toEqual([gxqRegion]);
      expect(summary.total).toMatchObject({
        actionsDone: 1,
        actionsOpen: 0,
        rectificationsPassed: 1,
        failed: 1,
        notified: 2,
      });
      const chain = summary.byChain.find(
        (c: { industryChain: string }) => c.industryChain === '新能源汽车及零部件',
      );
      expect(chain).toMatchObject({ actionsDone: 1 });
      const all = (await drc.inject({ url: '/api/evaluations/summary' })).json();
      expect(all.total.actionsOpen).toBe(1);
      expect(all.total.actionsDone).toBe(1);
    });

    it('lists evaluations per scope: a 板块 its own, an enterprise its own projects', async () => {
      const ids = async (c: Client, q = '') =>
        (await c.inject({ url: `/api/evaluations?pageSize=100${q}` }))
          .json()
          .items.map((i: { projectId: string }) => i.projectId);
      expect(new Set(await ids(gxq))).toEqual(new Set([production, target]));
      expect(new Set(await ids(qiye))).toEqual(new Set([production, target]));
      const hutangIds = await ids(hutang);
      expect(hutangIds.length).toBeGreaterThan(0);
      expect(hutangIds).not.toContain(target);
      expect(await ids(qiyeB)).toEqual(hutangIds);
      expect(await ids(drc, '&kind=recheck&grade=fail')).toHaveLength(1);
      expect(await ids(drc, `&regionId=${gxqRegion}&kind=production`)).toEqual([production]);
    });

    it('keeps versioned settings; a stale save is refused', async () => {
      const s = (await drc.inject({ url: '/api/evaluations/settings' })).json();
      expect(s).toMatchObject({
        version: 0,
        settings: {
          productionMonths: 12,
          targetMonth: 3,
          targetDay: 1,
          rectificationMonths: 6,
          cap: 1.2,
          graceDays: 180,
        },
      });
      expect(s.settings.weights.taxWanPerMu).toBe(20);
      const put = (c: Client, version: number, settings: object) =>
        c.inject({ method: 'PUT', url: '/api/evaluations/settings', payload: { version, settings } });
      expect((await put(gxq, 0, s.settings)).statusCode).toBe(403);
      const bad = await put(drc, 0, { ...s.settings, cutoffs: { excellent: 80, good: 90, pass: 60 } });
      expect(bad.statusCode).toBe(400);
      const saved = await put(gongxin, 0, { ...s.settings, rectificationMonths: 3, productionMonths: 6 });
      expect(saved.json()).toMatchObject({
        version: 1,
        settings: { rectificationMonths: 3, productionMonths: 6 },
      });
      expect((await put(drc, 0, s.settings)).statusCode).toBe(409);
      // The next generation follows them and copies them into the task (clock: 2026-03-05).
      const p = await project('A', 'IN_PRODUCTION', { actualProductionOn: '2025-09-05' });
      const run = (await post(drc, '/api/evaluations/generate')).json();
      const task = run.items.find((i: { projectName: string }) => i.projectName === `后评价测试项目${seq}`);
      expect(task).toMatchObject({ kind: 'production', dueOn: '2026-03-05' });
      const [row] = await db().select().from(evaluations).where(eq(evaluations.projectId, p));
      expect(row?.settings).toMatchObject({ productionMonths: 6, rectificationMonths: 3 });
    });
  });
});
