import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, leadContacts, notifications, projectCommitments, projects } from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { multipart } from '../../testing/multipart';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { nextStepRemindersJob } from './attraction.jobs';

// 招商 through the API: 板块 register leads; the same investor registered by another 板块 under a variant of
// its name (or its USCC) is flagged with only that 板块's name and the registration day, and 商务 merges
// the two (activities and contacts move); 商务 fills the pool and its rules assign the matching leads; a
// 板块 claims one, another cannot; a lead is scored, reviewed and signed, the commitments reaching the
// project through the 已签约 gate, which refuses (writing nothing) until its conditions hold.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('招商: leads, duplicates, the pool, scoring, review and signing', () => {
  let ctx: TestContext;
  let commerce: Client;
  let gxq: Client;
  let hutang: Client;
  let leader: Client;
  let xinbei: Client;
  let gxqRegion: string;
  let hutangRegion: string;
  let district: string;
  let leaderId: string;
  let userIds = new Map<string, string>();
  let gxqLead = '';
  let hutangLead = '';

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2025-06-02T09:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    const ids = await createTestUsers(ctx.database.db, [
      { username: 'commerce', roles: ['dept_operator'], orgCode: 'WJ-COM', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      {
        username: 'hutang',
        roles: ['subarea_operator'],
        orgCode: '320412100-GOV',
        scopeCodes: ['320412100'],
      },
      { username: 'leader', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      // A 板块 of another district (新北区): the 武进 pool is not its to see or take.
      { username: 'xinbei', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['320411'] },
    ]);
    leaderId = ids.get('leader') as string;
    userIds = ids;
    commerce = await login(ctx.app, 'commerce');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    leader = await login(ctx.app, 'leader');
    xinbei = await login(ctx.app, 'xinbei');
    gxqRegion = await regionIdOf(ctx.database.db, 'WJ-GXQ');
    hutangRegion = await regionIdOf(ctx.database.db, '320412100');
    district = await regionIdOf(ctx.database.db, '320412');
  });
  afterAll(() => ctx.close());

  const leadBody = (over: Record<string, unknown> = {}) => ({
    name: '燕龙汽车轻量化零部件项目',
    companyName: '常州燕龙汽车零部件有限公司',
    investorOrigin: 'domestic',
    industryChain: '智能电动汽车',
    source: 'chain',
    intendedProduct: '热成型车身零部件',
    totalInvestment: 1_500_000_000,
    estimatedLandMu: 120,
    ...over,
  });
  const create = (c: Client, over: Record<string, unknown> = {}) =>
    c.inject({ method: 'POST', url: '/api/leads', payload: leadBody(over) });
  const getLead = async (c: Client, id: string) => (await c.inject({ url: `/api/leads/${id}` })).json().lead;

  it('registers a lead in the caller’s 板块 and flags the same investor under another name in another 板块', async () => {
    const first = await create(gxq);
    expect(first.statusCode, first.body).toBe(200);
    gxqLead = first.json().lead.id;
    expect(first.json().duplicates).toEqual([]);
    expect(first.json().lead).toMatchObject({
      state: 'LEAD',
      regionId: gxqRegion,
      profile: { inPool: false, assignedVia: 'registered', registeredOn: '2025-06-02', source: 'chain' },
    });
    // The registry's record is the one path: numbering and audit as for any project.
    const project = (await gxq.inject({ url: `/api/projects/${gxqLead}` })).json().project;
    expect(project.internalNo).toMatch(/^WJ-2025-\d{4}$/);
    expect(project.investorName).toBe('常州燕龙汽车零部件有限公司');

    // 湖塘镇 types the live check, then registers the same investor as "燕龙汽车零部件（常州）有限公司".
    const hint = await hutang.inject({
      url: `/api/leads/duplicate-check?companyName=${encodeURIComponent('燕龙汽车零部件（常州）有限公司')}`,
    });
    expect(hint.json()).toEqual({
      duplicates: [{ regionName: '武进国家高新区', registeredOn: '2025-06-02' }],
    });
    const second = await create(hutang, {
      name: '燕龙车身部件项目',
      companyName: '燕龙汽车零部件（常州）有限公司',
    });
    expect(second.statusCode, second.body).toBe(200);
    hutangLead = second.json().lead.id;
    // Registered all the same, flagged, and told only where and since when.
    expect(second.json().duplicates).toEqual([{ regionName: '武进国家高新区', registeredOn: '2025-06-02' }]);
    expect(second.json().lead.possibleDuplicate).toBe(true);
    const list = (await hutang.inject({ url: '/api/leads' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([hutangLead]);
    expect(list.items[0].possibleDuplicate).toBe(true);

    // The USCC is the second key: another name, the same code.
    await gxq.inject({
      method: 'PUT',
      url: `/api/leads/${gxqLead}`,
      payload: {
        version: first.json().lead.profile.version,
        companyName: '常州燕龙汽车零部件有限公司',
        investorUscc: '91320412MAEUHUXQ7A',
        source: 'chain',
        investorOrigin: 'domestic',
      },
    });
    const byCode = await commerce.inject({ url: '/api/leads/duplicate-check?uscc=91320412MAEUHUXQ7A' });
    expect(byCode.json().duplicates).toEqual([{ regionName: '武进国家高新区', registeredOn: '2025-06-02' }]);
  });

  it('keeps each 板块 to its own leads: another 板块’s lead answers 404 and is not changed', async () => {
    expect((await hutang.inject({ url: `/api/leads/${gxqLead}` })).statusCode).toBe(404);
    expect((await hutang.inject({ url: `/api/leads/${gxqLead}/activities` })).statusCode).toBe(404);
    const before = await getLead(gxq, gxqLead);
    const put = await hutang.inject({
      method: 'PUT',
      url: `/api/leads/${gxqLead}`,
      payload: { version: before.profile.version, companyName: '改名', source: 'other' },
    });
    expect(put.statusCode).toBe(404);
    const act = await hutang.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/activities`,
      payload: { kind: 'visit', occurredOn: '2025-06-01', summary: '越权记录' },
    });
    expect(act.statusCode).toBe(404);
    expect((await getLead(gxq, gxqLead)).profile.companyName).toBe('常州燕龙汽车零部件有限公司');
    // A 板块 cannot merge; 商务 sees both.
    expect((await hutang.inject({ url: `/api/leads/${hutangLead}/duplicates` })).statusCode).toBe(403);
  });

  it('lets 商务 merge the duplicate: the merged lead is terminated, its activities and contacts move', async () => {
    const activity = await hutang.inject({
      method: 'POST',
      url: `/api/leads/${hutangLead}/activities`,
      payload: {
        kind: 'talk',
        occurredOn: '2025-05-30',
        summary: '与燕龙总经理洽谈车身部件扩产',
        nextStep: '提供湖塘镇厂房资料',
        nextStepOn: '2025-06-05',
      },
    });
    expect(activity.statusCode, activity.body).toBe(200);
    const contact = await hutang.inject({
      method: 'POST',
      url: `/api/leads/${hutangLead}/contacts`,
      payload: { name: '周立新', title: '总经理', phone: '13861234567' },
    });
    expect(contact.statusCode, contact.body).toBe(200);
    expect(contact.json().contact.phoneMasked).toBe('138****4567');
    const [stored] = await ctx.database.db
      .select()
      .from(leadContacts)
      .where(eq(leadContacts.id, contact.json().contact.id));
    expect(stored?.phoneCipher).not.toContain('13861234567');
    expect(stored?.phoneIndex).toBeTruthy();

    const candidates = (await commerce.inject({ url: `/api/leads/${hutangLead}/duplicates` })).json();
    expect(candidates.items).toEqual([
      expect.objectContaining({ id: gxqLead, regionName: '武进国家高新区', matchedBy: ['name'] }),
    ]);
    const merged = await hutang.inject({
      method: 'POST',
      url: `/api/leads/${hutangLead}/merge`,
      payload: { intoId: gxqLead, version: (await getLead(hutang, hutangLead)).profile.version },
    });
    expect(merged.statusCode).toBe(403);
    const res = await commerce.inject({
      method: 'POST',
      url: `/api/leads/${hutangLead}/merge`,
      payload: { intoId: gxqLead, version: (await getLead(commerce, hutangLead)).profile.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lead.id).toBe(gxqLead);
    const gone = (await commerce.inject({ url: `/api/projects/${hutangLead}` })).json().project;
    expect(gone.state).toBe('TERMINATED');
    expect(gone.terminateReason).toMatch(/^重复线索，已合并至「燕龙汽车轻量化零部件项目」/);
    const kept = (await gxq.inject({ url: `/api/leads/${gxqLead}/activities` })).json().items;
    expect(kept.map((a: { summary: string }) => a.summary)).toContain('与燕龙总经理洽谈车身部件扩产');
    const contacts = (await gxq.inject({ url: `/api/leads/${gxqLead}/contacts` })).json().items;
    expect(contacts).toEqual([expect.objectContaining({ name: '周立新', phoneMasked: '138****4567' })]);
    expect((await getLead(commerce, hutangLead)).profile.mergedInto).toEqual({
      id: gxqLead,
      name: '燕龙汽车轻量化零部件项目',
    });
    // No longer a duplicate: the merged lead left the live set.
    expect((await getLead(gxq, gxqLead)).possibleDuplicate).toBe(false);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attraction.lead.merge'), eq(auditLog.objectId, hutangLead)));
    expect(audits).toHaveLength(1);
  });

  it('fills the pool; the rules assign the matching leads in order and leave the rest; a 板块 claims once', async () => {
    const pool: Record<string, string> = {};
    for (const [key, over] of Object.entries({
      car: {
        name: '整车零部件配套项目',
        companyName: '江苏某汽车电子有限公司',
        totalInvestment: 800_000_000,
      },
      smallCar: {
        name: '小型汽车配件项目',
        companyName: '常州小件科技有限公司',
        totalInvestment: 50_000_000,
        source: 'expo',
      },
      medical: {
        name: '医疗耗材项目',
        companyName: '某医疗器械股份有限公司',
        industryChain: '医疗器械',
        source: 'fund',
      },
    })) {
      const res = await create(commerce, { ...over, inPool: true });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().lead).toMatchObject({
        regionId: district,
        profile: { inPool: true, assignedVia: null },
      });
      pool[key] = res.json().lead.id;
    }
    // Every 板块 sees the pool (its one sanctioned view across scope); not another 板块's leads.
    const seen = (await hutang.inject({ url: '/api/leads/pool' })).json();
    expect(seen.items.map((i: { id: string }) => i.id).sort()).toEqual(Object.values(pool).sort());
    // The pool is the district's: another district's 板块 neither sees nor claims its leads.
    const elsewhere = await xinbei.inject({ url: '/api/leads/pool' });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    expect(elsewhere.json()).toMatchObject({ items: [], total: 0 });
    const taken = await xinbei.inject({
      method: 'POST',
      url: `/api/leads/${pool.medical}/claim`,
      payload: { version: 1 },
    });
    expect(taken.statusCode).toBe(404);
    // A 板块 user cannot put a lead into the pool: it stays its own.
    const own = await gxq.inject({
      method: 'POST',
      url: '/api/leads',
      payload: leadBody({ name: '自有线索', companyName: '某新材料有限公司', inPool: true }),
    });
    expect(own.json().lead).toMatchObject({ regionId: gxqRegion, profile: { inPool: false } });

    expect(
      (
        await gxq.inject({
          method: 'PUT',
          url: '/api/attraction/pool-rules',
          payload: { rules: [], version: 0 },
        })
      ).statusCode,
    ).toBe(403);
    const rules = await commerce.inject({
      method: 'PUT',
      url: '/api/attraction/pool-rules',
      payload: {
        version: 0,
        rules: [
          { industryChain: '智能电动汽车', minInvestmentYuan: 500_000_000, regionId: gxqRegion },
          { source: 'expo', regionId: hutangRegion },
        ],
      },
    });
    expect(rules.statusCode, rules.body).toBe(200);
    expect(rules.json()).toMatchObject({
      version: 1,
      rules: [{ regionName: '武进国家高新区' }, { regionName: '湖塘镇' }],
    });
    const stale = await commerce.inject({
      method: 'PUT',
      url: '/api/attraction/pool-rules',
      payload: { version: 0, rules: [] },
    });
    expect(stale.statusCode).toBe(409);
    const notSubarea = await commerce.inject({
      method: 'PUT',
      url: '/api/attraction/pool-rules',
      payload: { version: 1, rules: [{ regionId: district }] },
    });
    expect(notSubarea.statusCode).toBe(400);

    const assigned = await commerce.inject({ method: 'POST', url: '/api/leads/assign' });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().remaining).toBe(1);
    expect(
      assigned
        .json()
        .assigned.map((a: { id: string; regionName: string; ruleIndex: number }) => [
          a.id,
          a.regionName,
          a.ruleIndex,
        ]),
    ).toEqual(
      expect.arrayContaining([
        [pool.car, '武进国家高新区', 0],
        [pool.smallCar, '湖塘镇', 1],
      ]),
    );
    expect(await getLead(gxq, pool.car as string)).toMatchObject({
      regionId: gxqRegion,
      profile: { inPool: false, assignedVia: 'rule' },
    });
    const left = (await gxq.inject({ url: '/api/leads/pool' })).json().items;
    expect(left.map((i: { id: string }) => i.id)).toEqual([pool.medical]);

    // 湖塘镇 claims the medical lead; 高新区 is too late.
    const medical = pool.medical as string;
    const version = (await getLead(commerce, medical)).profile.version;
    const claimed = await hutang.inject({
      method: 'POST',
      url: `/api/leads/${medical}/claim`,
      payload: { version },
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json().lead).toMatchObject({
      regionId: hutangRegion,
      profile: { assignedVia: 'claimed', inPool: false },
    });
    const late = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${medical}/claim`,
      payload: { version: version + 1 },
    });
    expect(late.statusCode).toBe(409);
    // A lead that never was in the pool cannot be claimed from another 板块: it is not there.
    const foreign = await hutang.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/claim`,
      payload: { version: 1 },
    });
    expect(foreign.statusCode).toBe(404);
    // Released, it goes back to the district's pool.
    const back = await hutang.inject({
      method: 'POST',
      url: `/api/leads/${medical}/release`,
      payload: { version: claimed.json().lead.profile.version, reason: '不符合本镇产业定位' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await getLead(commerce, medical)).regionId).toBe(district);
    expect((await hutang.inject({ url: `/api/leads/${medical}` })).statusCode).toBe(404);
  });

  it('scores a lead with the calculation kept; a wrong input names its criterion', async () => {
    const version = (await getLead(gxq, gxqLead)).profile.version as number;
    const bad = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/score`,
      payload: { version, inputs: { investment: 1_500_000_000, chain_fit: 'core' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/预计亩均税收/);
    const res = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/score`,
      payload: {
        version,
        inputs: {
          investment: 1_500_000_000,
          chain_fit: 'core',
          tax_per_mu: 50,
          intensity: 450,
          energy_env: 'medium',
        },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    // 100×0.3 + 100×0.2 + 85×0.2 + 85×0.15 + 60×0.15 = 30 + 20 + 17 + 12.75 + 9
    expect(res.json().lead.profile).toMatchObject({ score: 88.75, grade: 'A' });
    expect(res.json().lead.profile.scoreDetail.parts[2].calculation).toBe(
      '50万元/亩，属「50—80万元/亩」得 85 分 × 权重 20% = 17',
    );
    expect(res.json().lead.profile.scoreInputs).toMatchObject({ energy_env: 'medium' });
    const list = (await gxq.inject({ url: '/api/leads?grade=A' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([gxqLead]);
    // A stricter scorecard (configured by 商务) grades the next score differently.
    const card = (await commerce.inject({ url: '/api/attraction/scorecard' })).json();
    const saved = await commerce.inject({
      method: 'PUT',
      url: '/api/attraction/scorecard',
      payload: { version: card.version, config: { ...card.config, cutoffs: { A: 90, B: 70 } } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const inputs = {
      investment: 1_500_000_000,
      chain_fit: 'core',
      tax_per_mu: 50,
      intensity: 450,
      energy_env: 'medium',
    };
    // A score made against the profile as it was before the last one is refused, not silently replacing it.
    const stale = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/score`,
      payload: { version, inputs },
    });
    expect(stale.statusCode).toBe(409);
    const again = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/score`,
      payload: { version: res.json().lead.profile.version, inputs },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().lead.profile.grade).toBe('B');
  });

  it('signs only through the gate: refused with the unmet conditions and nothing written, then carried into the project', async () => {
    const projectOf = async () => (await gxq.inject({ url: `/api/projects/${gxqLead}` })).json().project;
    const move = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${gxqLead}/transitions`,
      payload: { type: 'advance', to: 'NEGOTIATING', version: (await projectOf()).version },
    });
    expect(move.statusCode, move.body).toBe(200);
    const signBody = async () => ({
      signedOn: '2025-06-01',
      agreementNo: 'WJGX-2025-018',
      version: (await projectOf()).version,
      commitments: {
        investmentYuan: 1_500_000_000,
        fixedAssetYuan: 1_200_000_000,
        intensityWanPerMu: 1000,
        annualSalesYuan: 3_000_000_000,
        taxWanPerMu: 60,
        jobs: 800,
        capacityValue: 600,
        capacityUnit: '万件/年',
        energyTce: 12_000,
        startBy: '2025-09-30',
        completionBy: '2027-06-30',
        productionBy: '2027-09-30',
        targetYear: 2028,
      },
    });
    // An agreement is not signed tomorrow (the clock says 2025-06-02 in Shanghai).
    const future = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/sign`,
      payload: { ...(await signBody()), signedOn: '2025-06-03' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields).toEqual([
      { field: 'signedOn', message: '签约日期不能晚于今天' },
    ]);
    const refused = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/sign`,
      payload: await signBody(),
    });
    expect(refused.statusCode).toBe(422);
    const unmet = refused.json().error.details.unmet.map((u: { code: string }) => u.code);
    expect(unmet).toEqual(expect.arrayContaining(['AGREEMENT_FILE', 'ACCESS_REVIEW', 'ACCESS_REVIEW_FILE']));
    // Nothing was written: no commitments, the project as it was.
    expect(
      await ctx.database.db
        .select()
        .from(projectCommitments)
        .where(eq(projectCommitments.projectId, gxqLead)),
    ).toEqual([]);
    expect(await projectOf()).toMatchObject({
      state: 'NEGOTIATING',
      signedOn: null,
      committedIntensityWanPerMu: null,
    });

    // The project company and the agreement, as the registry asks; then the review.
    const project = await projectOf();
    const patched = await gxq.inject({
      method: 'PATCH',
      url: `/api/projects/${gxqLead}`,
      payload: {
        version: project.version,
        builderName: '常州燕龙汽车零部件有限公司',
        uscc: '91320412MAEUHUXQ7A',
        legalRepresentative: '王建国',
        contactName: '李晓明',
        contactPhone: '13912345678',
        location: '武进国家高新区长汀路',
        constructionNature: 'new',
        landUse: 'new_land',
        projectType: 'industrial',
        registeredCapital: 50_000_000,
        equipmentInvestment: 400_000_000,
        landAreaM2: 80_000,
        scaleContent: '新建热成型生产线 5 条',
        leaderUserId: leaderId,
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const upload = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${gxqLead}/attachments?kind=investment_agreement`,
      ...multipart('投资协议.pdf', PDF),
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const review = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/reviews`,
      payload: {
        meetingName: '高新区项目准入评审会（2025年第5次）',
        meetingOn: '2025-05-28',
        criteria: [
          { code: 'mu_benefit', label: '亩均税收、投资强度达到准入标准', passed: true },
          { code: 'energy', label: '能耗指标（能评）', passed: true, note: '能评已受理' },
        ],
        result: 'conditional',
        conditions: '达产后亩均税收不低于 60 万元',
      },
    });
    expect(review.statusCode, review.body).toBe(200);
    expect((await gxq.inject({ url: `/api/leads/${gxqLead}/reviews` })).json().items).toHaveLength(1);

    const signed = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${gxqLead}/sign`,
      payload: await signBody(),
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().lead.commitments).toMatchObject({ intensityWanPerMu: 1000, targetYear: 2028 });
    expect(await projectOf()).toMatchObject({
      state: 'SIGNED',
      signedOn: '2025-06-01',
      accessReviewPassedOn: '2025-05-28',
      totalInvestment: 1_500_000_000,
      fixedAssetInvestment: 1_200_000_000,
      committedIntensityWanPerMu: 1000,
      committedSalesYuan: 3_000_000_000,
      committedTaxWanPerMu: 60,
      committedJobs: 800,
      committedEnergyTce: 12_000,
      designCapacity: '600万件/年',
      plannedStartOn: '2025-09-30',
      plannedCompletionOn: '2027-06-30',
      plannedProductionOn: '2027-09-30',
      plannedTargetOn: '2028-12-31',
    });
    const history = (await gxq.inject({ url: `/api/projects/${gxqLead}/state-changes` })).json().items;
    expect(history.at(-1)).toMatchObject({ fromState: 'NEGOTIATING', toState: 'SIGNED', overridden: false });
    // Signed, it is no lead any more: not listed, not signed twice.
    expect(
      (await gxq.inject({ url: '/api/leads' })).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(gxqLead);
    expect(
      (await gxq.inject({ method: 'POST', url: `/api/leads/${gxqLead}/sign`, payload: await signBody() }))
        .statusCode,
    ).toBe(409);
  });

  it('reminds the owner once on the day a next step falls due and lists it on the 工作台', async () => {
    const lead = (await create(gxq, { name: '提醒测试项目', companyName: '常州提醒测试有限公司' })).json()
      .lead;
    const activity = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${lead.id}/activities`,
      payload: {
        kind: 'visit',
        occurredOn: '2025-06-02',
        summary: '上门走访',
        nextStep: '安排实地考察',
        nextStepOn: '2025-06-04',
      },
    });
    expect(activity.statusCode, activity.body).toBe(200);
    const workbench = JSON.stringify((await gxq.inject({ url: '/api/workbench' })).json());
    expect(workbench).toContain(`lead-next-step:${activity.json().activity.id}`);
    const gxqId = userIds.get('gxq');
    expect(gxqId).toBeTruthy();
    const run = (asOf: string) =>
      nextStepRemindersJob.run({
        database: ctx.database,
        dataDir: ctx.dataDir,
        asOf,
        now: new Date(`${asOf}T08:30:00+08:00`),
        log: { info: () => undefined, error: () => undefined },
      });
    expect((await run('2025-06-03')).rows).toBe(0);
    const due = await run('2025-06-04');
    expect(due.rows).toBeGreaterThanOrEqual(1);
    const sent = await ctx.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.title, '招商线索下一步工作到期：提醒测试项目'));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.recipientId).toBe(gxqId);
    expect((await run('2025-06-05')).rows).toBe(0);
    // Done, it leaves the 工作台.
    const done = await gxq.inject({
      method: 'POST',
      url: `/api/lead-activities/${activity.json().activity.id}/done`,
      payload: { version: activity.json().activity.version },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(JSON.stringify((await gxq.inject({ url: '/api/workbench' })).json())).not.toContain(
      activity.json().activity.id,
    );
  });

  it('a lead let go to the pool has no 负责人 and reminds nobody until a 板块 claims it, whose claimer is then reminded', async () => {
    const lead = (await create(gxq, { name: '退回提醒项目', companyName: '常州退回提醒有限公司' })).json()
      .lead;
    const activity = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${lead.id}/activities`,
      payload: {
        kind: 'visit',
        occurredOn: '2025-06-02',
        summary: '首次走访，对方关注电价',
        nextStep: '报送电价测算',
        nextStepOn: '2025-06-06',
      },
    });
    expect(activity.statusCode, activity.body).toBe(200);
    const released = await gxq.inject({
      method: 'POST',
      url: `/api/leads/${lead.id}/release`,
      payload: { version: lead.profile.version, reason: '不符合本区产业定位' },
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().lead.profile).toMatchObject({ inPool: true, ownerUserId: null });
    // The pool shows the investor and the project, not the former 板块's next step or 负责人.
    const row = (await hutang.inject({ url: '/api/leads/pool' }))
      .json()
      .items.find((i: { id: string }) => i.id === lead.id);
    expect(row).toMatchObject({ ownerUserId: null, ownerName: null, nextStep: null, nextStepOn: null });
    const run = (asOf: string) =>
      nextStepRemindersJob.run({
        database: ctx.database,
        dataDir: ctx.dataDir,
        asOf,
        now: new Date(`${asOf}T08:30:00+08:00`),
        log: { info: () => undefined, error: () => undefined },
      });
    const title = '招商线索下一步工作到期：退回提醒项目';
    const sentTo = async () =>
      (await ctx.database.db.select().from(notifications).where(eq(notifications.title, title))).map(
        (n) => n.recipientId,
      );
    await run('2025-06-06');
    expect(await sentTo()).toEqual([]);
    const claimed = await hutang.inject({
      method: 'POST',
      url: `/api/leads/${lead.id}/claim`,
      payload: { version: row.profileVersion },
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json().lead.profile.ownerUserId).toBe(userIds.get('hutang'));
    await run('2025-06-07');
    expect(await sentTo()).toEqual([userIds.get('hutang')]);
  });

  it('edits a contact (keeping the number unless a new one is given), deletes it, and refuses a stale save', async () => {
    const lead = (
      await create(hutang, { name: '联系人测试项目', companyName: '常州联系人测试有限公司' })
    ).json().lead;
    const added = (
      await hutang.inject({
        method: 'POST',
        url: `/api/leads/${lead.id}/contacts`,
        payload: { name: '陈海燕', title: '投资总监', phone: '0519-86681234' },
      })
    ).json().contact;
    expect(added.phoneMasked).toBe('0519-****1234');
    const renamed = await hutang.inject({
      method: 'PUT',
      url: `/api/lead-contacts/${added.id}`,
      payload: { version: added.version, name: '陈海燕', title: '副总经理' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().contact).toMatchObject({ title: '副总经理', phoneMasked: '0519-****1234' });
    const stale = await hutang.inject({
      method: 'PUT',
      url: `/api/lead-contacts/${added.id}`,
      payload: { version: added.version, name: '旧版本' },
    });
    expect(stale.statusCode).toBe(409);
    const gone = await hutang.inject({
      method: 'POST',
      url: `/api/lead-contacts/${added.id}/delete`,
      payload: { version: renamed.json().contact.version },
    });
    expect(gone.statusCode).toBe(200);
    expect((await hutang.inject({ url: `/api/leads/${lead.id}/contacts` })).json().items).toEqual([]);
    // The profile is version-checked too.
    const profile = lead.profile;
    const first = await hutang.inject({
      method: 'PUT',
      url: `/api/leads/${lead.id}`,
      payload: {
        version: profile.version,
        companyName: profile.companyName,
        source: 'fund',
        estimatedLandMu: 50,
      },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().lead.profile).toMatchObject({ source: 'fund', estimatedLandMu: 50 });
    const second = await hutang.inject({
      method: 'PUT',
      url: `/api/leads/${lead.id}`,
      payload: { version: profile.version, companyName: profile.companyName, source: 'expo' },
    });
    expect(second.statusCode).toBe(409);
  });

  it('counts the funnel per 板块 and per source with rates and median days', async () => {
    const res = await leader.inject({ url: '/api/attraction/funnel?groupBy=region' });
    expect(res.statusCode, res.body).toBe(200);
    const { total, groups } = res.json();
    expect(total.counts.SIGNED).toBeGreaterThanOrEqual(1);
    expect(total.counts.LEAD).toBeGreaterThanOrEqual(total.counts.NEGOTIATING);
    const gxqGroup = groups.find((g: { label: string }) => g.label === '武进国家高新区');
    expect(gxqGroup.counts).toMatchObject({ SIGNED: 1 });
    expect(gxqGroup.medianDays.NEGOTIATING).toBe(0);
    const bySource = (await leader.inject({ url: '/api/attraction/funnel?groupBy=source' })).json();
    expect(bySource.groups.map((g: { label: string }) => g.label)).toContain('产业链招商');
    // A 板块 counts only its own.
    const own = (await hutang.inject({ url: '/api/attraction/funnel' })).json();
    expect(own.groups.every((g: { label: string }) => g.label === '湖塘镇')).toBe(true);
    expect((await ctx.database.db.select().from(projects).where(eq(projects.id, gxqLead)))[0]?.state).toBe(
      'SIGNED',
    );
  });
});
