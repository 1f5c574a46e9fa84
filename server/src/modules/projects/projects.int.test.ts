import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { type Project, projectListResponse } from '@groundbreak/contract';
import { LAND_LIST_ITEM_CODES } from '@groundbreak/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachments,
  auditLog,
  evaluationRectifications,
  evaluations,
  parcels,
  projects,
} from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { multipart } from '../../testing/multipart';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { cleanOrphanFilesJob } from './attachments.service';
import { protectProjectValues } from './projects.repository';

// The registry through its API on a real PostgreSQL: lifecycle gates with each fact provider, override,
// suspend/resume, library entry, annual plan freezing, targets, optimistic locking, soft delete and code
// reuse, the 项目代码 rule, keyword search, attachments (type, size, scope) and who may do what.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** A real zip of stored (uncompressed) entries: what a .docx is, in miniature. */
function storedZip(entries: Record<string, string>): Buffer<ArrayBuffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [fileName, text] of Object.entries(entries)) {
    const name = Buffer.from(fileName);
    const data = Buffer.from(text);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(10, 4);
    central.writeUInt16LE(10, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('project registry', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let hutang: Client;
  let leader: Client;
  let qiye: Client;
  let nrp: Client;
  let gxqRegion: string;
  let hutangRegion: string;
  let gxqOrg: string;
  let leaderId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoData(ctx.database.db, ctx.clock.now());
    const ids = await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      {
        username: 'hutang',
        roles: ['subarea_operator'],
        orgCode: '320412100-GOV',
        scopeCodes: ['320412100'],
      },
      { username: 'leader', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'qiye', roles: ['enterprise'], orgCode: 'WJ-DRC', enterpriseUscc: '91320412MAEUHUXQ7A' },
      { username: 'nrp', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['320412'] },
    ]);
    leaderId = ids.get('leader') as string;
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    leader = await login(ctx.app, 'leader');
    qiye = await login(ctx.app, 'qiye');
    nrp = await login(ctx.app, 'nrp');
    gxqRegion = await regionIdOf(ctx.database.db, 'WJ-GXQ');
    hutangRegion = await regionIdOf(ctx.database.db, '320412100');
    const orgs = (await drc.inject({ url: '/api/orgs?q=高新区&pageSize=20' })).json();
    gxqOrg = orgs.items.find((o: { code: string }) => o.code === 'WJ-GXQ-ADM').id;
  });
  afterAll(() => ctx.close());

  const get = async (c: Client, id: string): Promise<Project> =>
    (await c.inject({ url: `/api/projects/${id}` })).json().project;
  const patch = (c: Client, id: string, body: Record<string, unknown>) =>
    c.inject({ method: 'PATCH', url: `/api/projects/${id}`, payload: body });
  const move = (c: Client, id: string, body: Record<string, unknown>) =>
    c.inject({ method: 'POST', url: `/api/projects/${id}/transitions`, payload: body });
  const advance = async (c: Client, id: string, to: string, extra: Record<string, unknown> = {}) =>
    move(c, id, { type: 'advance', to, version: (await get(c, id)).version, ...extra });
  const upload = (c: Client, id: string, kind: string, name = `${kind}.pdf`, content = PDF) =>
    c.inject({
      method: 'POST',
      url: `/api/projects/${id}/attachments?kind=${kind}`,
      ...multipart(name, content),
    });
  const edit = async (c: Client, id: string, fields: Record<string, unknown>) => {
    const res = await patch(c, id, { ...fields, version: (await get(c, id)).version });
    if (res.statusCode !== 200) throw new Error(`patch ${res.statusCode} ${res.body}`);
    return res.json().project as Project;
  };
  const unmetOf = (res: {
    statusCode: number;
    json(): { error: { details: { unmet: { code: string }[] } } };
  }) => {
    expect(res.statusCode).toBe(422);
    return res.json().error.details.unmet.map((c) => c.code);
  };

  async function createLead(c: Client, name: string, extra: Record<string, unknown> = {}): Promise<Project> {
    const res = await c.inject({
      method: 'POST',
      url: '/api/projects',
      payload: {
        name,
        regionId: gxqRegion,
        state: 'LEAD',
        investorName: '测试投资集团',
        investorOrigin: 'domestic',
        industryChain: '智能电动汽车',
        responsibleOrgId: gxqOrg,
        source: 'chain',
        totalInvestment: 300_000_000,
        ...extra,
      },
    });
    if (res.statusCode !== 200) throw new Error(`create ${res.statusCode} ${res.body}`);
    return res.json().project;
  }

  const SIGNED_FIELDS = {
    builderName: '常州测试汽车部件有限公司',
    uscc: '91320412MA1KCYEL6P',
    legalRepresentative: '王建国',
    contactName: '李晓明',
    contactPhone: '13912345678',
    location: '武进国家高新区长汀路',
    constructionNature: 'new',
    landUse: 'new_land',
    projectType: 'industrial',
    registeredCapital: 50_000_000,
    fixedAssetInvestment: 250_000_000,
    equipmentInvestment: 100_000_000,
    landAreaM2: 40_000,
    scaleContent: '新建厂房 3 万平方米，形成年产 100 万件能力',
    designCapacity: '年产100万件',
    signedOn: '2025-01-10',
    committedIntensityWanPerMu: 600,
    committedSalesYuan: 500_000_000,
    plannedStartOn: '2025-03-01',
    plannedCompletionOn: '2026-06-30',
    plannedProductionOn: '2026-08-31',
  };

  it('registers a lead with an internal number; a wrong USCC is a field error; the builder becomes an enterprise', async () => {
    const bad = await gxq.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { name: '错误代码测试项目', regionId: gxqRegion, state: 'LEAD', uscc: '91320412MAEUHUXQ70' },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['uscc', 'investorName', 'industryChain', 'responsibleOrgId']),
    );

    const lead = await createLead(gxq, '线索登记测试项目');
    expect(lead.internalNo).toMatch(/^WJ-2025-\d{4}$/);
    expect(lead.state).toBe('LEAD');
    expect(lead.nextStates).toEqual(['NEGOTIATING']);

    const signed = await gxq.inject({
      method: 'POST',
      url: '/api/projects',
      payload: {
        name: '新企业签约项目',
        regionId: gxqRegion,
        state: 'NEGOTIATING',
        investorName: '某集团',
        investorOrigin: 'domestic',
        industryChain: '新能源',
        responsibleOrgId: gxqOrg,
        source: 'expo',
        totalInvestment: 200_000_000,
        leaderUserId: leaderId,
        ...SIGNED_FIELDS,
        uscc: '91320412MAR53E945Y',
        builderName: '常州西太湖石墨烯材料有限公司（演示）',
      },
    });
    expect(signed.statusCode).toBe(200);
    const linked = signed.json().project.enterpriseId;
    expect(linked).not.toBeNull();
    // The company was registered by 西太湖: the 高新区 operator reads it through the project, edits nothing.
    const company = await gxq.inject({ url: `/api/enterprises/${linked}` });
    expect(company.json().enterprise).toMatchObject({
      uscc: '91320412MAR53E945Y',
      regionName: '常州西太湖科技产业园',
    });
    const rename = await gxq.inject({
      method: 'PUT',
      url: `/api/enterprises/${linked}`,
      payload: { name: '改名', regionId: gxqRegion, version: company.json().enterprise.version },
    });
    expect(rename.statusCode).toBe(403);
    expect((await hutang.inject({ url: `/api/enterprises/${linked}` })).statusCode).toBe(404);
    // A lead may wait in the district pool; a signed project must belong to one 板块.
    const district = await regionIdOf(ctx.database.db, '320412');
    const pool = await drc.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { name: '公共池线索', regionId: district, state: 'LEAD' },
    });
    expect(pool.statusCode).toBe(400);
    const poolLead = await createLead(drc, '公共池线索二', { regionId: district });
    // Registered as 已签约 is not possible: that state is reached through its gate.
    const signedAtOnce = await drc.inject({
      method: 'POST',
      url: '/api/projects',
      payload: { name: '直接签约', regionId: gxqRegion, state: 'SIGNED' },
    });
    expect(signedAtOnce.statusCode).toBe(400);
    // Registered in negotiation: the estimated investment is the gate's condition.
    const noInvestment = await drc.inject({
      method: 'POST',
      url: '/api/projects',
      payload: {
        name: '在谈无投资额',
        regionId: gxqRegion,
        state: 'NEGOTIATING',
        investorName: '某集团',
        investorOrigin: 'domestic',
        industryChain: '新能源',
        responsibleOrgId: gxqOrg,
        source: 'expo',
      },
    });
    expect(unmetOf(noInvestment)).toEqual(['ESTIMATED_INVESTMENT']);
    // A pool lead cannot be signed before a 板块 takes it.
    await advance(drc, poolLead.id, 'NEGOTIATING');
    const fromPool = await advance(drc, poolLead.id, 'SIGNED');
    expect(unmetOf(fromPool)).toContain('OWNER');
    const moved = await patch(drc, poolLead.id, {
      version: (await get(drc, poolLead.id)).version,
      regionId: gxqRegion,
    });
    expect(moved.statusCode).toBe(200);
    expect(unmetOf(await advance(drc, poolLead.id, 'SIGNED'))).not.toContain('OWNER');
  });

  it('walks the lifecycle; every gate reads its facts and refuses with each unmet condition', async () => {
    const p = await createLead(gxq, '全流程测试汽车部件项目');
    // LEAD → NEGOTIATING: the lead fields (an imported lead may lack them; a saved one cannot).
    expect((await patch(gxq, p.id, { version: p.version, investorName: null })).statusCode).toBe(400);
    await ctx.database.db.update(projects).set({ investorName: null }).where(eq(projects.id, p.id));
    expect(unmetOf(await advance(gxq, p.id, 'NEGOTIATING'))).toEqual(['INVESTOR']);
    await ctx.database.db.update(projects).set({ investorName: '测试投资集团' }).where(eq(projects.id, p.id));
    expect((await advance(gxq, p.id, 'NEGOTIATING')).statusCode).toBe(200);

    // NEGOTIATING → SIGNED: agreement file (attachment provider), access review, commitments, fields.
    let codes = unmetOf(await advance(gxq, p.id, 'SIGNED'));
    expect(codes).toEqual(
      expect.arrayContaining([
        'AGREEMENT_FILE',
        'SIGNED_ON',
        'COMMIT_INTENSITY',
        'ACCESS_REVIEW',
        'FIELD_uscc',
      ]),
    );
    // A typed 准入 date is not the review: the gate reads the review records of the attraction pipeline.
    await edit(gxq, p.id, { ...SIGNED_FIELDS, leaderUserId: leaderId, accessReviewPassedOn: '2025-01-05' });
    expect(unmetOf(await advance(gxq, p.id, 'SIGNED'))).toEqual([
      'AGREEMENT_FILE',
      'ACCESS_REVIEW',
      'ACCESS_REVIEW_FILE',
    ]);
    expect((await upload(gxq, p.id, 'investment_agreement', '投资协议.pdf')).statusCode).toBe(200);
    const review = (result: string, meetingOn: string) =>
      gxq.inject({
        method: 'POST',
        url: `/api/leads/${p.id}/reviews`,
        payload: {
          meetingName: '高新区项目准入评审会',
          meetingOn,
          criteria: [
            { code: 'mu_benefit', label: '亩均税收、投资强度达到准入标准', passed: result !== 'rejected' },
          ],
          result,
          conditions: result === 'conditional' ? '达产后亩均税收不低于30万元' : null,
        },
      });
    expect((await review('rejected', '2025-01-03')).statusCode).toBe(200);
    expect(unmetOf(await advance(gxq, p.id, 'SIGNED'))).toEqual(['ACCESS_REVIEW', 'ACCESS_REVIEW_FILE']);
    expect((await review('conditional', '2025-01-06')).statusCode).toBe(200);
    expect((await get(gxq, p.id)).accessReviewPassedOn).toBe('2025-01-06');
    // A later 不通过 withdraws it: the latest review decides.
    expect((await review('rejected', '2025-01-07')).statusCode).toBe(200);
    expect((await get(gxq, p.id)).accessReviewPassedOn).toBeNull();
    expect(unmetOf(await advance(gxq, p.id, 'SIGNED'))).toEqual(['ACCESS_REVIEW', 'ACCESS_REVIEW_FILE']);
    expect((await review('passed', '2025-01-08')).statusCode).toBe(200);
    expect((await get(gxq, p.id)).accessReviewPassedOn).toBe('2025-01-08');
    expect((await advance(gxq, p.id, 'SIGNED')).statusCode).toBe(200);

    // SIGNED → FILED: builder USCC, project code + date + certificate, a library entry.
    codes = unmetOf(await advance(gxq, p.id, 'FILED'));
    expect(codes).toEqual([
      'PROJECT_CODE',
      'FILED_ON',
      'FILING_CERTIFICATE',
      'LIBRARY',
      'YEAR_PLAN',
      'FIELD_industryCode',
      'FIELD_plannedTargetOn',
    ]);
    await edit(gxq, p.id, {
      projectCode: '2025-320412-36-03-111111',
      filedOn: '2025-02-01',
      industryCode: 'C36',
      plannedTargetOn: '2027-08-31',
    });
    const plan = await gxq.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/year-plans/2025`,
      payload: { plannedInvestment: 80_000_000, version: 0 },
    });
    expect(plan.statusCode).toBe(200);
    await upload(gxq, p.id, 'filing_certificate', '备案证.pdf');
    // The builder provider checks the credit code itself (an imported record may carry a wrong one).
    await ctx.database.db.update(projects).set({ uscc: '91320412MAEUHUXQ70' }).where(eq(projects.id, p.id));
    expect(unmetOf(await advance(gxq, p.id, 'FILED'))).toEqual(['USCC', 'LIBRARY']);
    await ctx.database.db.update(projects).set({ uscc: SIGNED_FIELDS.uscc }).where(eq(projects.id, p.id));
    expect(unmetOf(await advance(gxq, p.id, 'FILED'))).toEqual(['LIBRARY']);
    const applied = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/libraries`,
      payload: { level: 'district', year: 2025, category: 'implementation' },
    });
    expect(applied.statusCode).toBe(200);
    // Applied is not entered: the gate still refuses until 区发改 approves.
    expect(unmetOf(await advance(gxq, p.id, 'FILED'))).toEqual(['LIBRARY']);
    const entry = applied.json().entry;
    expect(
      (
        await drc.inject({
          method: 'POST',
          url: `/api/projects/${p.id}/libraries/${entry.id}/decision`,
          payload: { decision: 'approve', version: entry.version },
        })
      ).statusCode,
    ).toBe(200);
    expect((await advance(gxq, p.id, 'FILED')).statusCode).toBe(200);
    expect((await get(gxq, p.id)).nextStates).toEqual(['LAND_PREP']);

    // FILED → APPROVING is the no-land path: refused for a new-land project.
    expect(unmetOf(await advance(gxq, p.id, 'APPROVING'))).toEqual([
      'LAND_USE',
      'LEASE_OR_TITLE',
      'FIELD_plotRatio',
      'FIELD_buildingCoverage',
      'FIELD_greenRatio',
      'FIELD_floorAreaM2',
    ]);
    // FILED → LAND_PREP reads the land ledger: a parcel earmarked for the project, available and drawn.
    expect(unmetOf(await advance(gxq, p.id, 'LAND_PREP'))).toEqual(['PARCEL', 'PARCEL_MAP']);
    const created = await nrp.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: {
        parcelNo: 'WJ2025-07',
        name: '长汀路东侧地块',
        regionId: gxqRegion,
        areaM2: 40_000,
        use: 'industrial',
        source: 'new',
        status: 'planned',
      },
    });
    expect(created.statusCode).toBe(200);
    const parcel = created.json().parcel;
    await ctx.database.db.update(parcels).set({ projectId: p.id }).where(eq(parcels.id, parcel.id));
    expect(unmetOf(await advance(gxq, p.id, 'LAND_PREP'))).toEqual(['PARCEL_STATUS', 'PARCEL_MAP']);
    const square = [
      [119.95, 31.7],
      [119.952, 31.7],
      [119.952, 31.702],
      [119.95, 31.702],
      [119.95, 31.7],
    ];
    await ctx.database.db
      .update(parcels)
      .set({
        status: 'reserve',
        geometry: { type: 'Polygon', coordinates: [square] as [number, number][][] },
      })
      .where(eq(parcels.id, parcel.id));
    expect((await advance(gxq, p.id, 'LAND_PREP')).statusCode).toBe(200);

    // LAND_PREP → LAND_SUPPLIED: the parcel's list, the supply's contract (and its file) and permit.
    codes = unmetOf(await advance(gxq, p.id, 'LAND_SUPPLIED'));
    expect(codes).toEqual(
      expect.arrayContaining([
        'LAND_LIST',
        'LAND_CONTRACT_NO',
        'LAND_CONTRACT_FILE',
        'PLANNING_PERMIT',
        'FIELD_plotRatio',
      ]),
    );
    for (const code of LAND_LIST_ITEM_CODES) {
      const res = await nrp.inject({
        method: 'PUT',
        url: `/api/parcels/${parcel.id}/list/${code}`,
        payload: { status: 'not_applicable', version: 0 },
      });
      expect(res.statusCode).toBe(200);
    }
    await edit(gxq, p.id, { plotRatio: 1.6, buildingCoverage: 0.5, greenRatio: 0.1 });
    const supply = await nrp.inject({
      method: 'PUT',
      url: `/api/parcels/${parcel.id}/supply`,
      payload: {
        projectId: p.id,
        method: 'listing',
        contractNo: '3204122025CR0099',
        contractOn: '2025-02-25',
        planningPermitNo: '地字第320412202500099号',
        version: 0,
      },
    });
    expect(supply.statusCode).toBe(200);
    // Recorded, but the contract file is not on the project yet: it stays in 供地准备.
    expect(supply.json().unmet.map((u: { code: string }) => u.code)).toEqual(['LAND_CONTRACT_FILE']);
    expect(unmetOf(await advance(gxq, p.id, 'LAND_SUPPLIED'))).toEqual(['LAND_CONTRACT_FILE']);
    await upload(gxq, p.id, 'land_contract', '出让合同.pdf');
    expect((await advance(gxq, p.id, 'LAND_SUPPLIED')).statusCode).toBe(200);

    // LAND_SUPPLIED → APPROVING: the first accepted item; then APPROVING → STARTED.
    expect(unmetOf(await advance(gxq, p.id, 'APPROVING'))).toEqual(['APPROVAL_START', 'FIELD_floorAreaM2']);
    await edit(gxq, p.id, { approvalStartedOn: '2025-02-26', floorAreaM2: 30_000 });
    expect((await advance(gxq, p.id, 'APPROVING')).statusCode).toBe(200);
    await edit(gxq, p.id, { actualStartOn: '2025-04-02' });
    codes = unmetOf(await advance(gxq, p.id, 'STARTED'));
    expect(codes).toEqual([
      'PERMIT_NO',
      'PERMIT_ON',
      'PERMIT_FILE',
      'ACTUAL_START_FUTURE',
      'START_PHOTO',
      'FIELD_progressText',
    ]);
    await edit(gxq, p.id, {
      actualStartOn: '2025-03-28',
      constructionPermitNo: '320412202503280101',
      constructionPermitOn: '2025-03-27',
      progressText: '基础施工',
    });
    await upload(gxq, p.id, 'construction_permit', '施工许可证.pdf');
    await upload(gxq, p.id, 'start_photo', '开工照片.png', PNG);
    expect((await advance(gxq, p.id, 'STARTED')).statusCode).toBe(200);

    // STARTED → COMPLETED → IN_PRODUCTION → AT_TARGET → POST_EVALUATED.
    expect(unmetOf(await advance(gxq, p.id, 'COMPLETED'))).toEqual([
      'JOINT_ACCEPTANCE',
      'COMPLETION_FILING',
      'ACTUAL_COMPLETION',
    ]);
    // Uploaded files no longer count: the gate reads the issued 竣工即发证 application, whose issue moves
    // the project (the evaluation module's tests walk the refusals).
    await upload(gxq, p.id, 'joint_acceptance');
    expect(unmetOf(await advance(gxq, p.id, 'COMPLETED'))).toEqual([
      'JOINT_ACCEPTANCE',
      'COMPLETION_FILING',
      'ACTUAL_COMPLETION',
    ]);
    const draft = await gxq.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/completion`,
      payload: {
        surveyReportNo: '多测合一-2025-001',
        surveyApprovedOn: '2025-03-29',
        premiumPaid: true,
        noIllegalConstruction: true,
        surveyApproved: true,
        jointAcceptancePassed: true,
        noSeizure: true,
      },
    });
    expect(draft.statusCode).toBe(200);
    const completionApplied = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/completion/apply`,
      payload: { version: draft.json().application.version, appliedOn: '2025-03-29' },
    });
    expect(completionApplied.statusCode).toBe(200);
    const issued = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/completion/issue`,
      payload: {
        version: completionApplied.json().application.version,
        jointAcceptanceNo: 'LHYS-2025-0001',
        jointAcceptanceOn: '2025-03-29',
        filingNo: 'JGBA-2025-0001',
        filingOn: '2025-03-29',
        titleNo: '苏(2025)常州市不动产权第0000001号',
        titleOn: '2025-03-29',
      },
    });
    expect(issued.statusCode).toBe(200);
    expect(issued.json().project).toMatchObject({ state: 'COMPLETED', actualCompletionOn: '2025-03-29' });
    expect(unmetOf(await advance(gxq, p.id, 'IN_PRODUCTION'))).toEqual([
      'ACTUAL_PRODUCTION',
      'PRODUCTION_EVIDENCE',
    ]);
    await edit(gxq, p.id, { actualProductionOn: '2025-03-30' });
    await upload(gxq, p.id, 'production_evidence', '首张发票.pdf');
    expect((await advance(gxq, p.id, 'IN_PRODUCTION')).statusCode).toBe(200);
    expect(unmetOf(await advance(gxq, p.id, 'AT_TARGET'))).toEqual(['CAPACITY']);
    await edit(gxq, p.id, { capacityReachedOn: '2025-03-31' });
    expect((await advance(gxq, p.id, 'AT_TARGET')).statusCode).toBe(200);
    expect(unmetOf(await advance(gxq, p.id, 'POST_EVALUATED'))).toEqual([
      'POST_EVAL_REPORT',
      'POST_EVAL_APPROVED',
    ]);
    // The gate reads the post-evaluation: a 达产评价 scored 合格 (the evaluation module's tests walk the
    // workflow), then fed back to the enterprise, and no 整改 left open.
    const evaluationRow = {
      projectId: p.id,
      dataYear: 2024,
      dueOn: '2025-03-01',
      committed: {},
      settings: {},
    };
    const [failed] = await ctx.database.db
      .insert(evaluations)
      .values({ ...evaluationRow, kind: 'production', status: 'notified', grade: 'fail', score: 52 })
      .returning();
    const [rectification] = await ctx.database.db
      .insert(evaluationRectifications)
      .values({
        evaluationId: failed?.id ?? '',
        projectId: p.id,
        noticeNo: '整改-2025-900',
        requirements: '补足设备投资',
        issuedOn: '2025-03-01',
        deadlineOn: '2025-09-01',
        status: 'open',
      })
      .returning();
    const [target] = await ctx.database.db
      .insert(evaluations)
      .values({ ...evaluationRow, kind: 'target', status: 'scored', grade: 'pass', score: 72 })
      .returning();
    expect(unmetOf(await advance(gxq, p.id, 'POST_EVALUATED'))).toEqual([
      'POST_EVAL_APPROVED',
      'RECTIFICATIONS',
    ]);
    await ctx.database.db
      .update(evaluations)
      .set({ status: 'notified', notifiedAt: ctx.clock.now() })
      .where(eq(evaluations.id, target?.id ?? ''));
    expect(unmetOf(await advance(gxq, p.id, 'POST_EVALUATED'))).toEqual(['RECTIFICATIONS']);
    await ctx.database.db
      .update(evaluationRectifications)
      .set({ status: 'passed', closedOn: '2025-03-31' })
      .where(eq(evaluationRectifications.id, rectification?.id ?? ''));
    expect((await advance(gxq, p.id, 'POST_EVALUATED')).statusCode).toBe(200);

    const timeline = (await gxq.inject({ url: `/api/projects/${p.id}/state-changes` })).json().items;
    expect(timeline.map((t: { toState: string }) => t.toState)).toEqual([
      'LEAD',
      'NEGOTIATING',
      'SIGNED',
      'FILED',
      'LAND_PREP',
      'LAND_SUPPLIED',
      'APPROVING',
      'STARTED',
      'COMPLETED',
      'IN_PRODUCTION',
      'AT_TARGET',
      'POST_EVALUATED',
    ]);
    expect(timeline[1]).toMatchObject({ fromState: 'LEAD', actorName: 'gxq(测试)', overridden: false });
    // A finished project moves no more; illegal pairs are refused as such, not as an unmet gate.
    expect((await get(gxq, p.id)).abilities.move).toBe(false);
    const lead = await createLead(gxq, '跳步测试项目');
    const illegal = await advance(gxq, lead.id, 'STARTED');
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: '不能从「招商线索」直接进入「已开工」',
    });
  });

  it('区发改 may override a gate with a written reason; a 板块 may not; the override is recorded', async () => {
    const p = await createLead(gxq, '越过关口测试项目');
    await advance(gxq, p.id, 'NEGOTIATING');
    const refused = await advance(gxq, p.id, 'SIGNED');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.overridable).toBe(false);
    expect(refused.json().error.message).toMatch(/^不满足进入「已签约」的条件：未上传投资协议；/);
    const notAllowed = await advance(gxq, p.id, 'SIGNED', {
      override: true,
      reason: '区领导专题会议同意先行推进',
    });
    expect(notAllowed.statusCode).toBe(403);
    expect((await advance(drc, p.id, 'SIGNED')).json().error.details.overridable).toBe(true);
    const noReason = await advance(drc, p.id, 'SIGNED', { override: true, reason: '同意' });
    expect(noReason.statusCode).toBe(400);
    const forced = await advance(drc, p.id, 'SIGNED', {
      override: true,
      reason: '区领导专题会议同意先行推进',
    });
    expect(forced.statusCode).toBe(200);
    const [change] = (await drc.inject({ url: `/api/projects/${p.id}/state-changes` }))
      .json()
      .items.filter((c: { toState: string }) => c.toState === 'SIGNED');
    expect(change.overridden).toBe(true);
    expect(change.reason).toBe('区领导专题会议同意先行推进');
    expect(change.unmet.map((c: { code: string }) => c.code)).toContain('AGREEMENT_FILE');
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, p.id), eq(auditLog.action, 'project.override')));
    expect(audits).toHaveLength(1);
    // The forced project lacks the 已签约 fields: a save of one field still goes through (the gaps block
    // the next move, not every edit), but a save cannot empty a required field.
    const saved = await patch(gxq, p.id, { version: forced.json().project.version, contactName: '赵六' });
    expect(saved.statusCode).toBe(200);
    const emptied = await patch(gxq, p.id, { version: saved.json().project.version, investorName: '' });
    expect(emptied.json().error.details.fields).toEqual([
      { field: 'investorName', message: '投资方未填写（招商线索起必填）' },
    ]);
  });

  it('suspends with a reason and a resume date; resume returns to the saved state and re-checks its gate', async () => {
    const [started] = await ctx.database.db
      .select()
      .from(projects)
      .where(eq(projects.name, '全流程测试汽车部件项目'));
    expect(started?.state).toBe('POST_EVALUATED');
    const p = await createLead(gxq, '停缓建测试项目', { landUse: 'leased_plant' });
    await ctx.database.db
      .update(projects)
      .set(
        // Written straight to the table as the repository would: the phone encrypted.
        await protectProjectValues(ctx.protector, {
          state: 'APPROVING',
          ...SIGNED_FIELDS,
          landUse: 'leased_plant',
          leaderUserId: leaderId,
          projectCode: '2025-320412-36-03-222222',
          filedOn: '2025-02-01',
          industryCode: 'C36',
          floorAreaM2: 1000,
          plannedTargetOn: '2027-12-31',
        }),
      )
      .where(eq(projects.id, p.id));
    const bad = await move(gxq, p.id, {
      type: 'suspend',
      version: (await get(gxq, p.id)).version,
      reasonCategory: null,
      reason: '',
      expectedResumeOn: '2025-03-01',
    });
    expect(unmetOf(bad)).toEqual(['SUSPEND_CATEGORY', 'SUSPEND_REASON', 'SUSPEND_RESUME_PAST']);
    const ok = await move(gxq, p.id, {
      type: 'suspend',
      version: (await get(gxq, p.id)).version,
      reasonCategory: 'funding',
      reason: '企业融资未到位',
      expectedResumeOn: '2025-06-30',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().project).toMatchObject({
      state: 'SUSPENDED',
      suspendedFromState: 'APPROVING',
      suspendedOn: '2025-03-31',
    });
    // The gate into APPROVING (no-land path) needs the lease contract: resume is refused until it is there.
    expect(
      unmetOf(await move(gxq, p.id, { type: 'resume', version: (await get(gxq, p.id)).version })),
    ).toEqual(['LEASE_OR_TITLE']);
    await upload(gxq, p.id, 'lease_or_title', '租赁合同.pdf');
    const resumed = await move(gxq, p.id, { type: 'resume', version: (await get(gxq, p.id)).version });
    expect(resumed.json().project).toMatchObject({ state: 'APPROVING', suspendedFromState: null });
    // Suspension is not offered before FILED; termination is for 区发改 only.
    const lead = await createLead(gxq, '不可停缓建的线索');
    const early = await move(gxq, lead.id, {
      type: 'suspend',
      version: lead.version,
      reasonCategory: 'funding',
      reason: 'x',
      expectedResumeOn: '2025-06-30',
    });
    expect(early.statusCode).toBe(409);
    expect(
      (await move(gxq, lead.id, { type: 'terminate', version: lead.version, reason: '撤回' })).statusCode,
    ).toBe(403);
    const ended = await move(drc, lead.id, {
      type: 'terminate',
      version: lead.version,
      reason: '投资方撤回',
    });
    expect(ended.json().project).toMatchObject({ state: 'TERMINATED', terminatedOn: '2025-03-31' });
  });

  it('library entry: apply once per level and year, 区发改 approves with the entry date or returns with a reason', async () => {
    const p = await createLead(gxq, '入库测试项目');
    const lead = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/libraries`,
      payload: { level: 'district', year: 2025, category: 'implementation' },
    });
    expect(lead.statusCode).toBe(400);
    await ctx.database.db.update(projects).set({ state: 'SIGNED' }).where(eq(projects.id, p.id));
    const apply = (level: string) =>
      gxq.inject({
        method: 'POST',
        url: `/api/projects/${p.id}/libraries`,
        payload: { level, year: 2025, category: 'implementation' },
      });
    const first = await apply('city');
    expect(first.statusCode).toBe(200);
    expect((await apply('city')).statusCode).toBe(409);
    const decide = (c: Client, id: string, body: Record<string, unknown>) =>
      c.inject({ method: 'POST', url: `/api/projects/${p.id}/libraries/${id}/decision`, payload: body });
    const entry = first.json().entry;
    expect((await decide(gxq, entry.id, { decision: 'approve', version: entry.version })).statusCode).toBe(
      403,
    );
    expect(
      (await decide(drc, entry.id, { decision: 'return', version: entry.version, reason: '' })).statusCode,
    ).toBe(400);
    // An entry is decided through its own project: another project's URL does not reach it.
    const bystander = await createLead(gxq, '入库测试旁观项目');
    const crossed = await drc.inject({
      method: 'POST',
      url: `/api/projects/${bystander.id}/libraries/${entry.id}/decision`,
      payload: { decision: 'approve', version: entry.version },
    });
    expect(crossed.statusCode).toBe(404);
    const todos = async (c: Client) => {
      const w = (await c.inject({ url: '/api/workbench' })).json();
      return [...w.overdue, ...w.dueSoon, ...w.later].map((t: { title: string }) => t.title);
    };
    expect(await todos(drc)).toContain('入库审核：入库测试项目（2025年市重大）');
    expect(await todos(gxq)).not.toContain('入库审核：入库测试项目（2025年市重大）');
    const returned = await decide(drc, entry.id, {
      decision: 'return',
      version: entry.version,
      reason: '备案证未上传',
    });
    expect(returned.json().entry).toMatchObject({ status: 'returned', returnReason: '备案证未上传' });
    expect(await todos(gxq)).toContain('入库申报被退回：入库测试项目（备案证未上传）');
    expect(await todos(drc)).not.toContain('入库审核：入库测试项目（2025年市重大）');
    // Returned: the project may apply again; approved with a back-dated entry date.
    const again = (await apply('city')).json().entry;
    // The entry date lies between the application and today (statistics count by it).
    const backdated = await decide(drc, again.id, {
      decision: 'approve',
      version: again.version,
      enteredOn: '2025-03-20',
    });
    expect(backdated.statusCode).toBe(400);
    const approved = await decide(drc, again.id, { decision: 'approve', version: again.version });
    expect(approved.json().entry).toMatchObject({ status: 'entered', enteredOn: '2025-03-31' });
    expect((await get(gxq, p.id)).levels).toEqual(['city']);
    const list = await gxq.inject({ url: '/api/projects?level=city&pageSize=100' });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(p.id);
    // The entry counts against the 板块's and the district's target by its entry date.
    await drc.inject({
      method: 'PUT',
      url: '/api/targets',
      payload: { year: 2025, regionId: gxqRegion, metric: 'library_city', value: 5 },
    });
    const targets = (await gxq.inject({ url: '/api/targets?year=2025' })).json().items;
    expect(targets).toEqual([expect.objectContaining({ metric: 'library_city', value: 5, actual: 1 })]);
    const withdrawn = await decide(drc, again.id, {
      decision: 'withdraw',
      version: again.version + 1,
      reason: '项目终止',
    });
    expect(withdrawn.json().entry.status).toBe('withdrawn');
    expect((await get(gxq, p.id)).levels).toEqual([]);
    const queue = (await drc.inject({ url: '/api/library-entries?status=withdrawn' })).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(again.id);
  });

  it('targets: set by 区发改 only, read within scope', async () => {
    const put = (c: Client, regionId: string, value: number) =>
      c.inject({
        method: 'PUT',
        url: '/api/targets',
        payload: { year: 2025, regionId, metric: 'new_starts', value },
      });
    expect((await put(gxq, gxqRegion, 3)).statusCode).toBe(403);
    expect((await put(drc, hutangRegion, 7)).statusCode).toBe(200);
    const updated = await put(drc, hutangRegion, 8);
    expect(updated.json().target).toMatchObject({ value: 8, version: 2, regionName: '湖塘镇' });
    // A form that saw version 1 does not overwrite version 2.
    const stale = await drc.inject({
      method: 'PUT',
      url: '/api/targets',
      payload: { year: 2025, regionId: hutangRegion, metric: 'new_starts', value: 9, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    const seenByGxq = (await gxq.inject({ url: '/api/targets?year=2025' })).json().items;
    expect(seenByGxq.some((t: { regionId: string }) => t.regionId === hutangRegion)).toBe(false);
    const seenByHutang = (await hutang.inject({ url: '/api/targets?year=2025' })).json().items;
    expect(seenByHutang).toEqual([expect.objectContaining({ metric: 'new_starts', value: 8 })]);
  });

  it('annual plan: approval freezes category and 年度计划投资; later edits do not change an approved version', async () => {
    const p = await createLead(gxq, '年度计划测试项目');
    await edit(gxq, p.id, { ...SIGNED_FIELDS, leaderUserId: leaderId });
    const put = async (amount: number) => {
      const plans = (await gxq.inject({ url: `/api/projects/${p.id}/year-plans` })).json().items;
      const version = plans.find((x: { year: number }) => x.year === 2025)?.version ?? 0;
      return gxq.inject({
        method: 'PUT',
        url: `/api/projects/${p.id}/year-plans/2025`,
        payload: { plannedInvestment: amount, version },
      });
    };
    expect((await put(400_000_000)).statusCode).toBe(400); // above the total investment of 3亿
    expect((await put(120_000_000)).statusCode).toBe(200);
    expect(
      (await gxq.inject({ method: 'POST', url: '/api/annual-plans/2025/approve', payload: {} })).statusCode,
    ).toBe(403);
    // A 区发改 user whose scope is one 板块 cannot freeze the district's plan.
    await createTestUsers(ctx.database.db, [
      { username: 'drcGxq', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['WJ-GXQ'] },
    ]);
    const narrow = await login(ctx.app, 'drcGxq');
    expect(
      (await narrow.inject({ method: 'POST', url: '/api/annual-plans/2025/approve', payload: {} }))
        .statusCode,
    ).toBe(403);
    const v1 = await drc.inject({
      method: 'POST',
      url: '/api/annual-plans/2025/approve',
      payload: { note: '年初计划' },
    });
    // The plan holds this project and the one the lifecycle test filed (its 8000万元 for 2025).
    expect(v1.json().plan).toMatchObject({
      version: 1,
      status: 'approved',
      projectCount: 2,
      plannedInvestmentTotal: 200_000_000,
    });
    const mine = (items: { projectId: string }[]) => items.filter((i) => i.projectId === p.id);
    const frozen = mine((await drc.inject({ url: '/api/annual-plans/2025/items' })).json().items);
    expect(frozen).toEqual([
      expect.objectContaining({
        projectId: p.id,
        startCategory: 'new',
        completing: false,
        plannedInvestment: 120_000_000,
      }),
    ]);
    // Live changes: a bigger plan and a start moved to next year.
    await put(150_000_000);
    await edit(gxq, p.id, { plannedStartOn: '2026-02-01' });
    const still = mine((await drc.inject({ url: '/api/annual-plans/2025/items?version=1' })).json().items);
    expect(still[0]).toMatchObject({ startCategory: 'new', plannedInvestment: 120_000_000 });
    const v2 = await drc.inject({ method: 'POST', url: '/api/annual-plans/2025/approve', payload: {} });
    expect(v2.json().plan).toMatchObject({ version: 2, plannedInvestmentTotal: 230_000_000 });
    const versions = (await drc.inject({ url: '/api/annual-plans/2025' })).json();
    expect(versions.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    // Another 板块 sees the plan's versions but none of this 板块's items.
    expect((await hutang.inject({ url: '/api/annual-plans/2025/items' })).json()).toMatchObject({
      items: [],
      total: 0,
    });
    const latest = mine((await drc.inject({ url: '/api/annual-plans/2025/items' })).json().items);
    expect(latest[0]).toMatchObject({ startCategory: 'reserve', plannedInvestment: 150_000_000 });
    // The total investment cannot drop below a declared yearly plan.
    const lower = await patch(gxq, p.id, {
      version: (await get(gxq, p.id)).version,
      totalInvestment: 100_000_000,
    });
    expect(lower.statusCode).toBe(400);
  });

  it('a stale save answers 409 with who saved first', async () => {
    const p = await createLead(gxq, '并发修改测试项目');
    expect((await patch(gxq, p.id, { version: p.version, investorName: '甲集团' })).statusCode).toBe(200);
    const stale = await patch(drc, p.id, { version: p.version, investorName: '乙集团' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { updatedBy: 'gxq(测试)' },
    });
    expect((await get(drc, p.id)).investorName).toBe('甲集团');
  });

  it('项目代码: set by an editor while empty; once set only 区发改 changes it, with a reason, audited', async () => {
    const p = await createLead(gxq, '项目代码规则测试项目');
    const wrong = await patch(gxq, p.id, { version: p.version, projectCode: '2025-320412-36-03-12345' });
    expect(wrong.json().error.details.fields[0]).toMatchObject({ field: 'projectCode' });
    const set = await patch(gxq, p.id, { version: p.version, projectCode: '2025-320412-36-03-333333' });
    expect(set.statusCode).toBe(200);
    expect(set.json().project.abilities.editProjectCode).toBe(false);
    const change = await patch(gxq, p.id, {
      version: p.version + 1,
      projectCode: '2025-320412-36-03-444444',
    });
    expect(change.statusCode).toBe(403);
    const noReason = await patch(drc, p.id, {
      version: p.version + 1,
      projectCode: '2025-320412-36-03-444444',
    });
    expect(noReason.statusCode).toBe(400);
    const byDrc = await patch(drc, p.id, {
      version: p.version + 1,
      projectCode: '2025-320412-36-03-444444',
      projectCodeReason: '在线平台赋码错误，已重新赋码',
    });
    expect(byDrc.json().project.projectCode).toBe('2025-320412-36-03-444444');
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, p.id), eq(auditLog.action, 'project.code_change')));
    expect(audits[0]?.summary).toMatchObject({
      before: '2025-320412-36-03-333333',
      after: '2025-320412-36-03-444444',
      reason: '在线平台赋码错误，已重新赋码',
    });
    // A code is unique among live projects…
    const other = await createLead(gxq, '代码重复测试项目');
    const dup = await patch(gxq, other.id, {
      version: other.version,
      projectCode: '2025-320412-36-03-444444',
    });
    expect(dup.json().error.details.fields[0].message).toContain('已被另一个项目使用');
    // …and free again once its project is deleted (soft: the row stays, audited).
    const del = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/delete`,
      payload: { version: p.version + 2, reason: '重复登记' },
    });
    expect(del.statusCode).toBe(200);
    expect((await gxq.inject({ url: `/api/projects/${p.id}` })).statusCode).toBe(404);
    const [row] = await ctx.database.db.select().from(projects).where(eq(projects.id, p.id));
    expect(row?.deletedAt).not.toBeNull();
    const reuse = await patch(gxq, other.id, {
      version: other.version,
      projectCode: '2025-320412-36-03-444444',
    });
    expect(reuse.statusCode).toBe(200);
  });

  it('finds projects by 1-, 2- and 4-character Chinese terms, codes and pinyin initials', async () => {
    await createLead(gxq, '滆湖智能装备产业园项目', { investorName: '滆湖控股' });
    await createLead(gxq, '前黄新材料基地项目');
    const search = async (q: string) =>
      (await drc.inject({ url: `/api/projects?q=${encodeURIComponent(q)}&pageSize=100` }))
        .json()
        .items.map((i: { name: string }) => i.name);
    expect(await search('滆')).toEqual(['滆湖智能装备产业园项目']);
    expect(await search('滆湖')).toEqual(['滆湖智能装备产业园项目']);
    expect(await search('智能装备')).toEqual(['滆湖智能装备产业园项目']);
    expect(await search('装备智能')).toEqual([]);
    expect(await search('ghzn')).toEqual(['滆湖智能装备产业园项目']);
    expect(await search('新材料')).toEqual(['前黄新材料基地项目']);
    expect(await search('36-03-444444')).toEqual(['代码重复测试项目']);
    expect(await search('%')).toEqual([]);
  });

  it('attachments: type checked by content, size limited, Chinese file names kept, scope enforced', async () => {
    const p = await createLead(gxq, '附件测试项目');
    const exe = await upload(
      gxq,
      p.id,
      'other',
      '伪装的协议.pdf',
      Buffer.from('MZ\x90\x00 this is not a pdf'),
    );
    expect(exe.statusCode).toBe(415);
    const renamed = await upload(gxq, p.id, 'other', '协议.docx', PDF);
    expect(renamed.statusCode).toBe(415);
    // A zip that is not a Word document (a zipped program renamed .docx) is refused too.
    const zipped = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('setup.exe MZ')]);
    expect((await upload(gxq, p.id, 'other', '合同.docx', zipped)).statusCode).toBe(415);
    const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect((await upload(gxq, p.id, 'other', '合同.docx', docx)).statusCode).toBe(200);
    const big = await upload(
      gxq,
      p.id,
      'other',
      '大文件.pdf',
      Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]),
    );
    expect(big.statusCode).toBe(413);
    // Nothing of the refused uploads stays behind (剩余信息保护): their temporary files are gone.
    const tmp = path.join(ctx.dataDir, 'files', 'tmp');
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
    const okRes = await upload(gxq, p.id, 'investment_agreement', '投资协议（盖章版）.pdf');
    expect(okRes.statusCode).toBe(200);
    const att = okRes.json().attachment;
    expect(att).toMatchObject({
      fileName: '投资协议（盖章版）.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    expect(att.sha256).toMatch(/^[0-9a-f]{64}$/);
    const dl = await gxq.inject({ url: `/api/projects/${p.id}/attachments/${att.id}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''%E6%8A%95%E8%B5%84");
    // Another 板块 sees neither the project nor its files, and cannot upload to it.
    expect((await hutang.inject({ url: `/api/projects/${p.id}/attachments/${att.id}` })).statusCode).toBe(
      404,
    );
    expect((await upload(hutang, p.id, 'other')).statusCode).toBe(404);
    expect((await hutang.inject({ url: `/api/projects/${p.id}/attachments` })).statusCode).toBe(404);
    // Its own project id does not open another project's file either.
    const own = await createLead(hutang, '湖塘附件测试项目', { regionId: hutangRegion });
    expect((await hutang.inject({ url: `/api/projects/${own.id}/attachments/${att.id}` })).statusCode).toBe(
      404,
    );
    expect(
      (await hutang.inject({ method: 'POST', url: `/api/projects/${own.id}/attachments/${att.id}/delete` }))
        .statusCode,
    ).toBe(404);
    const del = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/attachments/${att.id}/delete`,
    });
    expect(del.statusCode).toBe(200);
    expect((await gxq.inject({ url: `/api/projects/${p.id}/attachments` })).json().items).toHaveLength(1);
  });

  it('removes orphaned files (written, row never committed) once they are an hour old, and nothing else', async () => {
    const p = await createLead(gxq, '孤立文件测试项目');
    const kept = (await upload(gxq, p.id, 'other', '保留.pdf')).json().attachment;
    const [row] = await ctx.database.db.select().from(attachments).where(eq(attachments.id, kept.id));
    const root = path.join(ctx.dataDir, 'files');
    const orphan = path.join(root, '2025', '03', 'orphan-old');
    const fresh = path.join(root, 'tmp', 'orphan-fresh');
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.mkdirSync(path.dirname(fresh), { recursive: true });
    fs.writeFileSync(orphan, PDF);
    fs.writeFileSync(fresh, PDF);
    const now = new Date();
    const twoHoursAgo = new Date(now.getTime() - 2 * 3600_000);
    fs.utimesSync(orphan, twoHoursAgo, twoHoursAgo);
    fs.utimesSync(path.join(root, row?.storageKey ?? ''), twoHoursAgo, twoHoursAgo);
    const log = { info: () => undefined, error: () => undefined };
    const result = await cleanOrphanFilesJob.run({
      database: ctx.database,
      dataDir: ctx.dataDir,
      asOf: '2025-03-31',
      now,
      log,
    });
    expect(result.rows).toBe(1);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(path.join(root, row?.storageKey ?? ''))).toBe(true);
  });

  it('an enterprise user sees only their own projects and edits only their own fields; a leader writes nothing', async () => {
    const p = await createLead(gxq, '燕龙二期测试项目');
    await edit(gxq, p.id, {
      ...SIGNED_FIELDS,
      leaderUserId: leaderId,
      uscc: '91320412MAEUHUXQ7A',
      builderName: '常州燕龙汽车零部件有限公司',
    });
    await createLead(gxq, '别家企业的项目', { ...SIGNED_FIELDS, uscc: '91320412MATG21163A' });
    const mine = (await qiye.inject({ url: '/api/projects?pageSize=100' })).json().items;
    expect(mine.map((i: { name: string }) => i.name)).toEqual(['燕龙二期测试项目']);
    const own = await get(qiye, p.id);
    expect(own.abilities).toMatchObject({
      move: false,
      editProjectCode: false,
      upload: true,
      applyLibrary: false,
    });
    expect((await patch(qiye, p.id, { version: own.version, contactName: '赵六' })).statusCode).toBe(200);
    // The company uploads documents and removes only its own; the 板块's stay.
    const mine2 = (await upload(qiye, p.id, 'site_photo', '现场.png', PNG)).json().attachment;
    const theirs = (await upload(gxq, p.id, 'investment_agreement')).json().attachment;
    const rm = (id: string) =>
      qiye.inject({ method: 'POST', url: `/api/projects/${p.id}/attachments/${id}/delete` });
    expect((await rm(theirs.id)).statusCode).toBe(404);
    expect((await rm(mine2.id)).statusCode).toBe(200);
    const refused = await patch(qiye, p.id, { version: own.version + 1, totalInvestment: 1 });
    expect(refused.statusCode).toBe(403);
    expect((await advance(qiye, p.id, 'NEGOTIATING')).statusCode).toBe(403);
    // The leader reads everything in scope, writes nothing (comments come with the problem flow).
    expect((await get(leader, p.id)).abilities).toMatchObject({ edit: false, move: false, upload: false });
    expect((await patch(leader, p.id, { version: own.version + 1, contactName: 'x' })).statusCode).toBe(403);
    expect((await upload(leader, p.id, 'other')).statusCode).toBe(403);
    // Phones are masked; the full number needs a reason and leaves a trace.
    expect(own.contactPhoneMasked).toBe('139****5678');
    expect(
      (
        await qiye.inject({
          method: 'POST',
          url: `/api/projects/${p.id}/contact-phone`,
          payload: { reason: '联系' },
        })
      ).statusCode,
    ).toBe(403);
    const reveal = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/contact-phone`,
      payload: { reason: '约企业现场踏勘' },
    });
    expect(reveal.json().contactPhone).toBe('13912345678');
    // The company's view of the project's history: the changes, not who looked at it or from where.
    const history = (await qiye.inject({ url: `/api/projects/${p.id}/history?pageSize=100` })).json().items;
    const actions = history.map((e: { action: string }) => e.action);
    expect(actions).toContain('project.update');
    expect(actions).not.toContain('project.reveal_phone');
    expect(history.every((e: { ip: string | null }) => e.ip === null)).toBe(true);
  });

  it('the list answers the list contract: paged, sorted, its items matching the detail', async () => {
    for (let i = 1; i <= 6; i++) {
      await createLead(gxq, `分页测试项目${i}`, { totalInvestment: i * 10_000_000 });
    }
    const first = await drc.inject({ url: '/api/projects?pageSize=20&sort=-totalInvestment' });
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const page1 = projectListResponse.parse(first.json());
    expect(page1).toMatchObject({ page: 1, pageSize: 20 });
    expect(page1.total).toBeGreaterThan(20);
    const amounts = page1.items.map((i) => i.totalInvestment ?? -1);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const page2 = projectListResponse.parse(
      (await drc.inject({ url: '/api/projects?pageSize=20&page=2&sort=-totalInvestment' })).json(),
    );
    const ids = new Set([...page1.items, ...page2.items].map((i) => i.id));
    expect(ids.size).toBe(page1.items.length + page2.items.length);
    const item = page1.items[0];
    if (!item) throw new Error('no item');
    const detail = await get(drc, item.id);
    expect(item).toMatchObject({
      name: detail.name,
      internalNo: detail.internalNo,
      updatedAt: detail.updatedAt,
      levels: detail.levels,
      regionName: detail.regionName,
      totalInvestment: detail.totalInvestment,
    });
    const empty = projectListResponse.parse(
      (await drc.inject({ url: '/api/projects?q=不存在的项目名' })).json(),
    );
    expect(empty).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    expect((await drc.inject({ url: '/api/projects?pageSize=30' })).statusCode).toBe(400);
  });

  it('saved views belong to their user', async () => {
    const saved = await gxq.inject({
      method: 'POST',
      url: '/api/saved-views',
      payload: { name: '在建大项目', query: 'state=STARTED&investMin=100000000' },
    });
    expect(saved.statusCode).toBe(200);
    const id = saved.json().view.id;
    expect((await hutang.inject({ url: '/api/saved-views' })).json().items).toEqual([]);
    expect((await hutang.inject({ method: 'POST', url: `/api/saved-views/${id}/delete` })).statusCode).toBe(
      404,
    );
    expect((await gxq.inject({ url: '/api/saved-views' })).json().items[0].name).toBe('在建大项目');
  });
});
