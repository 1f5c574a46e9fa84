import { type ImportJob, type ImportRow, landMapResponse } from '@groundbreak/contract';
import { LAND_LIST_ITEM_CODES } from '@groundbreak/domain';
import { and, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orgs, parcels, projectApprovalItems, projects, users } from '../../db/schema/index';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { multipart } from '../../testing/multipart';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';
import { watchIdleLand } from './land.idle';

// The land ledger through its API on a real PostgreSQL, clock at 2025-03-31: who sees which parcels, the
// GeoJSON import (refusal by feature, all or nothing), 用地清单 with a regional assessment standing in for
// every parcel of its zone, matching a project's demand, picking a parcel (→ 供地准备), the supply moving the
// project to 已供地, the daily idle-land watch and the disposal procedure.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A square parcel around (lon, lat), `d` degrees a side (0.002° ≈ 190 m × 220 m here). */
function square(lon: number, lat: number, d = 0.002) {
  const h = d / 2;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - h, lat - h],
        [lon + h, lat - h],
        [lon + h, lat + h],
        [lon - h, lat + h],
        [lon - h, lat - h],
      ],
    ],
  };
}
const BOWTIE = {
  type: 'Polygon',
  coordinates: [
    [
      [119.95, 31.7],
      [119.952, 31.702],
      [119.952, 31.7],
      [119.95, 31.702],
      [119.95, 31.7],
    ],
  ],
};
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (...features: unknown[]) =>
  Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));

describe('land ledger', () => {
  let ctx: TestContext;
  let nrp: Client;
  let drc: Client;
  let gxq: Client;
  let hutang: Client;
  let eco: Client;
  let gxqRegion: string;
  let hutangRegion: string;
  let filedFields: Record<string, unknown>;

  beforeAll(async () => {
    ctx = await createTestContext();
    const db = ctx.database.db;
    await createTestUsers(db, [
      { username: 'nrp', roles: ['dept_operator'], orgCode: 'WJ-NRP', scopeCodes: ['320412'] },
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      {
        username: 'hutang',
        roles: ['subarea_operator'],
        orgCode: '320412100-GOV',
        scopeCodes: ['320412100'],
      },
      { username: 'eco', roles: ['dept_operator'], orgCode: 'WJ-ECO', scopeCodes: ['320412'] },
      { username: 'leader', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    nrp = await login(ctx.app, 'nrp');
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    eco = await login(ctx.app, 'eco');
    gxqRegion = await regionIdOf(db, 'WJ-GXQ');
    hutangRegion = await regionIdOf(db, '320412100');
    const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'WJ-GXQ-ADM'));
    const [leader] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'leader'));
    // Every field a 已立项 project carries, so that the land gates are the only ones in question.
    filedFields = {
      investorName: '某新能源集团',
      investorOrigin: 'domestic',
      source: 'other',
      responsibleOrgId: org?.id,
      leaderUserId: leader?.id,
      builderName: '常州测试新能源有限公司',
      uscc: '91320412MA1KCYEL6P',
      legalRepresentative: '王建国',
      contactName: '李晓明',
      contactPhone: '13912345678',
      location: '武进国家高新区长汀路',
      constructionNature: 'new',
      projectType: 'industrial',
      totalInvestment: 300_000_000,
      fixedAssetInvestment: 250_000_000,
      equipmentInvestment: 100_000_000,
      registeredCapital: 50_000_000,
      landAreaM2: 40_000,
      scaleContent: '新建厂房 3 万平方米',
      designCapacity: '年产 10 万套',
      signedOn: '2025-01-10',
      projectCode: null,
      industryCode: 'C38',
      plannedStartOn: '2025-06-01',
      plannedCompletionOn: '2026-06-30',
      plannedProductionOn: '2026-08-31',
      plannedTargetOn: '2027-08-31',
      plotRatio: 1.6,
      buildingCoverage: 0.5,
      greenRatio: 0.1,
    };
  });
  afterAll(() => ctx.close());

  const createParcel = async (body: Record<string, unknown>) => {
    const res = await nrp.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: { use: 'industrial', source: 'new', status: 'reserve', ...body },
    });
    if (res.statusCode !== 200) throw new Error(`create parcel ${res.statusCode} ${res.body}`);
    return res.json().parcel as { id: string; version: number; parcelNo: string };
  };
  const parcel = async (c: Client, id: string) =>
    (await c.inject({ url: `/api/parcels/${id}` })).json().parcel;
  const importGeojson = (c: Client, content: Buffer, query: string) =>
    c.inject({
      method: 'POST',
      url: `/api/parcels/import-geojson?${query}`,
      ...multipart('地块.geojson', content, 'application/geo+json'),
    });
  const putItem = (c: Client, id: string, code: string, body: Record<string, unknown>) =>
    c.inject({ method: 'PUT', url: `/api/parcels/${id}/list/${code}`, payload: { version: 0, ...body } });

  let projectSeq = 0;
  async function insertProject(
    name: string,
    state: string,
    regionId: string,
    extra: Record<string, unknown> = {},
  ) {
    const now = ctx.clock.now();
    const [row] = await ctx.database.db
      .insert(projects)
      .values(
        await protectProjectValues(ctx.protector, {
          internalNo: `LAND-${name}`,
          name,
          state,
          regionId,
          landUse: 'new_land',
          industryChain: '新能源',
          ...filedFields,
          projectCode: `2025-320412-38-03-${String(++projectSeq).padStart(6, '0')}`,
          createdAt: now,
          updatedAt: now,
          ...extra,
        }),
      )
      .returning({ id: projects.id });
    if (!row) throw new Error('project not inserted');
    return row.id;
  }

  it('scope: 自然资源和规划 sees every parcel, a 板块 only its own; only 自然资源和规划 writes the ledger', async () => {
    const a = await createParcel({
      parcelNo: 'SC-GXQ-01',
      name: '高新区范围测试地块',
      regionId: gxqRegion,
      areaM2: 30_000,
    });
    const b = await createParcel({
      parcelNo: 'SC-HT-01',
      name: '湖塘范围测试地块',
      regionId: hutangRegion,
      areaM2: 30_000,
    });
    const numbers = async (c: Client) =>
      ((await c.inject({ url: '/api/parcels?q=SC-&pageSize=100' })).json().items as { parcelNo: string }[])
        .map((p) => p.parcelNo)
        .sort();
    expect(await numbers(nrp)).toEqual(['SC-GXQ-01', 'SC-HT-01']);
    expect(await numbers(drc)).toEqual(['SC-GXQ-01', 'SC-HT-01']);
    expect(await numbers(gxq)).toEqual(['SC-GXQ-01']);
    expect(await numbers(hutang)).toEqual(['SC-HT-01']);
    expect((await gxq.inject({ url: `/api/parcels/${b.id}` })).statusCode).toBe(404);
    expect((await gxq.inject({ url: `/api/parcels/${a.id}` })).statusCode).toBe(200);
    const byOperator = await gxq.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: {
        parcelNo: 'SC-X',
        name: 'x',
        regionId: gxqRegion,
        areaM2: 1,
        use: 'industrial',
        source: 'new',
        status: 'reserve',
      },
    });
    expect(byOperator.statusCode).toBe(403);
    // The ledger is district-wide, but a parcel belongs to one 板块: not to the district itself.
    const district = await nrp.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: {
        parcelNo: 'SC-D',
        name: '区级',
        regionId: await regionIdOf(ctx.database.db, '320412'),
        areaM2: 1,
        use: 'industrial',
        source: 'new',
        status: 'reserve',
      },
    });
    expect(district.statusCode).toBe(400);
    expect(district.body).toContain('地块须归属一个板块');
    // The map draws the same scope.
    const map = landMapResponse.parse((await gxq.inject({ url: '/api/land/map' })).json());
    expect(map.outlines.features.find((o) => o.properties.code === 'WJ-GXQ')?.properties.regionId).toBe(
      gxqRegion,
    );
    expect(
      map.parcels.features.every(
        (f: { properties: { regionName: string } }) => f.properties.regionName === '武进国家高新区',
      ),
    ).toBe(true);
  });

  it('GeoJSON import: a self-intersecting polygon is refused by its position and nothing is written; fixed, all parcels land', async () => {
    const good1 = feature(
      {
        地块编号: 'GJ-01',
        地块名称: '西湖路北地块',
        所属板块: '武进国家高新区',
        状态: '储备',
        用地面积: 46_000,
      },
      square(119.95, 31.7),
    );
    const good2 = feature(
      { 地块编号: 'GJ-03', 地块名称: '龙潭路东地块', 所属板块: '湖塘镇', 规划用途: '工业用地' },
      square(119.97, 31.72),
    );
    const bad = feature({ 地块编号: 'GJ-02', 地块名称: '自交地块', 所属板块: '武进国家高新区' }, BOWTIE);
    const file = collection(good1, bad, good2);

    const preview = await importGeojson(nrp, file, 'commit=false');
    expect(preview.statusCode).toBe(200);
    const p = preview.json().preview;
    expect(p.features).toBe(3);
    expect(p.committable).toBe(false);
    expect(p.problems).toEqual([{ index: 1, reason: expect.stringContaining('自相交') }]);
    expect(p.rows.map((r: { action: string }) => r.action)).toEqual(['create', 'error', 'create']);
    // Declared 46,000 ㎡ against a polygon of about 41,900: more than 5% apart.
    expect(p.warnings, JSON.stringify(p.warnings)).toEqual([
      { index: 0, message: expect.stringContaining('超过 5%') },
    ]);

    const refused = await importGeojson(nrp, file, 'commit=true');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('第 2 个要素');
    expect(refused.json().error.message).toContain('自相交');
    const written = await ctx.database.db.select().from(parcels).where(eq(parcels.parcelNo, 'GJ-01'));
    expect(written).toEqual([]);

    // A 板块 operator cannot import into the ledger.
    expect((await importGeojson(gxq, file, 'commit=false')).statusCode).toBe(403);

    const fixed = collection(
      good1,
      feature({ 地块编号: 'GJ-02', 地块名称: '修正地块', 所属板块: '武进国家高新区' }, square(119.953, 31.7)),
      good2,
    );
    const committed = await importGeojson(nrp, fixed, 'commit=true');
    expect(committed.statusCode).toBe(200);
    expect(committed.json().committed).toEqual({ created: 3, updated: 0 });
    const rows = await ctx.database.db.select().from(parcels).where(eq(parcels.parcelNo, 'GJ-01'));
    expect(rows[0]?.status).toBe('reserve');
    expect(rows[0]?.areaM2).toBeGreaterThan(41_000);
    expect(rows[0]?.areaM2).toBeLessThan(43_000);
    const gj3 = (await ctx.database.db.select().from(parcels).where(eq(parcels.parcelNo, 'GJ-03')))[0];
    expect(gj3?.status).toBe('planned');
    expect(gj3?.regionId).toBe(hutangRegion);

    // The map draws each caller's scope: 高新区 sees its two polygons, not 湖塘镇's.
    const drawn = async (c: Client) =>
      landMapResponse
        .parse((await c.inject({ url: '/api/land/map' })).json())
        .parcels.features.map((f) => f.properties.parcelNo)
        .filter((n) => n.startsWith('GJ-'))
        .sort();
    expect(await drawn(gxq)).toEqual(['GJ-01', 'GJ-02']);
    expect(await drawn(hutang)).toEqual(['GJ-03']);
    expect(await drawn(nrp)).toEqual(['GJ-01', 'GJ-02', 'GJ-03']);

    // The same numbers again: the polygons are updated, nothing is duplicated.
    const again = await importGeojson(nrp, fixed, 'commit=true');
    expect(again.json().committed).toEqual({ created: 0, updated: 3 });
    const audited = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'parcel.import'), eq(auditLog.objectId, rows[0]?.id ?? '')));
    expect(audited.map((a) => a.summary)).toEqual([
      expect.objectContaining({ fileName: '地块.geojson', format: 'geojson', change: 'create', feature: 0 }),
      expect.objectContaining({ change: 'update' }),
    ]);

    // Not JSON, a projected coordinate and an unknown 板块: each refused with its reason.
    expect((await importGeojson(nrp, Buffer.from('{"type":'), 'commit=false')).statusCode).toBe(400);
    const odd = (
      await importGeojson(
        nrp,
        collection(
          feature({ 地块编号: 'GJ-9' }, square(500_000, 3_500_000, 100)),
          feature({ 地块编号: 'GJ-10', 所属板块: '火星镇' }, square(119.96, 31.71)),
        ),
        'commit=false',
      )
    ).json().preview;
    expect(odd.problems.map((p: { index: number }) => p.index)).toEqual([0, 1]);
    expect(odd.problems[0].reason).toContain('投影坐标');
    expect(odd.problems[1].reason).toContain('火星镇');
  });

  it('Excel import: a dry-run preview with errors by row and column, all or nothing, and an export imports back unchanged', async () => {
    const BASE = '/api/parcels/imports';
    const sheet = async (rows: (string | number | Date | null)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('地块台账');
      ws.addRow(['2025年武进区土地资源台账']);
      for (const row of rows) ws.addRow(row);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const settle = async (job: ImportJob) => {
      let current = job;
      for (let i = 0; i < 600 && (current.status === 'reading' || current.status === 'committing'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        current = (await nrp.inject({ url: `${BASE}/${job.id}` })).json().job;
      }
      return current;
    };
    const upload = async (c: Client, content: Buffer) => {
      const res = await c.inject({ method: 'POST', url: BASE, ...multipart('地块台账.xlsx', content) });
      return res.statusCode === 200 ? settle(res.json().job) : res;
    };
    const rowsOf = async (id: string): Promise<ImportRow[]> =>
      (await nrp.inject({ url: `${BASE}/${id}/rows?pageSize=100` })).json().items;
    const header = [
      '地块编号',
      '地块名称',
      '所属板块',
      '面积（亩）',
      '规划用途',
      '地块状态',
      '容积率下限',
      '容积率上限',
      '建筑密度（%）',
      '农转用/征收批准文号',
    ];
    const bad = await sheet([
      header,
      ['XL-01', '凤林路南地块', '高新区', 60, '工业', '储备', 1.2, 2.5, 40, '苏政地〔2024〕88号'],
      ['XL-02', '延政路西地块', '湖塘镇', '三十', '工业', '批而未供', 1.0, 2.0, 35, null],
      ['XL-03', '越界地块', '火星镇', 20, '工业', '规划预留', 2.5, 1.2, null, null],
    ]);
    const job = (await upload(nrp, bad)) as ImportJob;
    expect(job.status).toBe('previewed');
    expect(job.summary?.counts).toMatchObject({ create: 1, error: 2 });
    const planned = await rowsOf(job.id);
    const errorsOf = (n: number) =>
      planned.find((r) => r.rowNumber === n)?.errors.map((e) => `${e.column}:${e.message}`) ?? [];
    expect(errorsOf(4)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^D:/), expect.stringContaining('批准文号')]),
    );
    expect(errorsOf(5)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('火星镇'),
        expect.stringContaining('容积率上限不能低于下限'),
      ]),
    );
    expect((await nrp.inject({ method: 'POST', url: `${BASE}/${job.id}/commit` })).statusCode).toBe(400);
    expect(await ctx.database.db.select().from(parcels).where(eq(parcels.parcelNo, 'XL-01'))).toEqual([]);
    // A 板块 operator may not import into the ledger.
    expect(((await upload(gxq, bad)) as { statusCode: number }).statusCode).toBe(403);

    const good = await sheet([
      header,
      ['XL-01', '凤林路南地块', '高新区', 60, '工业', '储备', 1.2, 2.5, 40, '苏政地〔2024〕88号'],
      ['XL-02', '延政路西地块', '湖塘镇', 30, '工业', '批而未供', 1.0, 2.0, 35, '苏政地〔2024〕89号'],
    ]);
    const ok = (await upload(nrp, good)) as ImportJob;
    expect(ok.summary?.counts).toMatchObject({ create: 2, error: 0 });
    const committed = await nrp.inject({ method: 'POST', url: `${BASE}/${ok.id}/commit` });
    expect(committed.statusCode).toBe(200);
    expect((await settle(committed.json().job)).status).toBe('committed');
    const [xl1] = await ctx.database.db.select().from(parcels).where(eq(parcels.parcelNo, 'XL-01'));
    expect(xl1).toMatchObject({ status: 'reserve', use: 'industrial', buildingCoverageMin: 0.4 });
    expect(xl1?.areaM2).toBeCloseTo(40_000, 0);

    // The export of the ledger reads back as "unchanged" row by row.
    const exported = await nrp.inject({ url: '/api/parcels/export?q=XL-' });
    expect(exported.statusCode).toBe(200);
    const again = (await upload(nrp, exported.rawPayload)) as ImportJob;
    expect(again.summary?.counts).toMatchObject({ create: 0, update: 0, unchanged: 2, error: 0 });
    // The template downloads with its example row.
    const template = await nrp.inject({ url: '/api/parcels/import-template' });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-disposition']).toContain('xlsx');
  });

  it('用地清单: a regional assessment stands for every parcel of its zone; the owning department records its item', async () => {
    const a = await createParcel({
      parcelNo: 'RA-01',
      name: '区域评估甲',
      regionId: gxqRegion,
      areaM2: 20_000,
    });
    const b = await createParcel({
      parcelNo: 'RA-02',
      name: '区域评估乙',
      regionId: gxqRegion,
      areaM2: 20_000,
    });
    const c = await createParcel({
      parcelNo: 'RA-03',
      name: '湖塘不受影响',
      regionId: hutangRegion,
      areaM2: 20_000,
    });
    const assessment = await nrp.inject({
      method: 'POST',
      url: '/api/regional-assessments',
      payload: {
        regionId: gxqRegion,
        code: 'GEOHAZ',
        name: '高新区地质灾害危险性区域评估',
        status: 'approved',
        docNo: '武自然资〔2024〕12号',
        approvedOn: '2024-06-01',
        validUntil: '2027-06-01',
      },
    });
    expect(assessment.statusCode).toBe(200);
    expect(assessment.json().assessment.parcels).toBeGreaterThanOrEqual(2);
    const summary = async (id: string) => (await parcel(nrp, id)).list;
    expect((await summary(a.id)).done).toBe(1);
    expect((await summary(b.id)).done).toBe(1);
    expect((await summary(c.id)).done).toBe(0);
    const listA = (await nrp.inject({ url: `/api/parcels/${a.id}/list` })).json();
    expect(listA.items.find((i: { code: string }) => i.code === 'GEOHAZ')).toMatchObject({
      source: 'regional',
      satisfied: true,
    });

    // 环评 is the ecology department's: it records it, a 板块 operator may not, nor may it record 地灾.
    expect(
      (
        await putItem(eco, a.id, 'ENV', {
          status: 'approved',
          docNo: '武环审〔2025〕3号',
          approvedOn: '2025-03-01',
        })
      ).statusCode,
    ).toBe(200);
    expect((await putItem(eco, a.id, 'GEOHAZ', { status: 'not_applicable' })).statusCode).toBe(403);
    expect((await putItem(gxq, a.id, 'ENV', { status: 'approved', version: 1 })).statusCode).toBe(403);
    // 已批复 needs its 文号 and date; an item expiring within 60 days is flagged.
    const missing = await putItem(nrp, a.id, 'MINERAL', { status: 'approved' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('批复文号');
    await putItem(nrp, a.id, 'MINERAL', {
      status: 'approved',
      docNo: '压覆〔2025〕1号',
      approvedOn: '2025-01-10',
      validUntil: '2025-05-01',
    });
    const after = await summary(a.id);
    expect(after.done).toBe(3);
    expect(after.expiringSoon).toEqual(['MINERAL']);
    expect(after.complete).toBe(false);
  });

  it('matching, picking a parcel (→ 供地准备), the list and the supply (→ 已供地)', async () => {
    const db = ctx.database.db;
    const projectId = await insertProject('匹配测试项目', 'FILED', gxqRegion);
    // Candidates: two 储备 parcels with their lists complete but 3 items, one far too small, one in 湖塘镇.
    const fit = await createParcel({
      parcelNo: 'MT-FIT',
      name: '面积正合适',
      regionId: gxqRegion,
      areaM2: 40_000,
      plotRatioMin: 1.2,
      plotRatioMax: 2.5,
      industries: ['新能源'],
    });
    const big = await createParcel({
      parcelNo: 'MT-BIG',
      name: '面积偏大',
      regionId: gxqRegion,
      areaM2: 90_000,
    });
    const small = await createParcel({
      parcelNo: 'MT-SMALL',
      name: '太小',
      regionId: gxqRegion,
      areaM2: 5_000,
    });
    const other = await createParcel({
      parcelNo: 'MT-HT',
      name: '湖塘地块',
      regionId: hutangRegion,
      areaM2: 40_000,
    });
    const remaining = LAND_LIST_ITEM_CODES.slice(3);
    for (const p of [fit, big, small, other]) {
      for (const code of remaining) {
        const res = await putItem(nrp, p.id, code, { status: 'not_applicable' });
        expect(res.statusCode).toBe(200);
      }
    }
    // No demand yet: matching says what to fill in.
    const noDemand = await gxq.inject({ url: `/api/projects/${projectId}/parcel-matches` });
    expect(noDemand.statusCode).toBe(409);
    const demand = await gxq.inject({
      method: 'PUT',
      url: `/api/projects/${projectId}/land-demand`,
      payload: {
        areaM2: 40_000,
        use: 'industrial',
        plotRatioNeeded: 1.5,
        wantedOn: '2025-06-30',
        version: 0,
      },
    });
    expect(demand.statusCode).toBe(200);

    const matches = (await gxq.inject({ url: `/api/projects/${projectId}/parcel-matches` })).json();
    const numbers = matches.items.map((m: { parcelNo: string }) => m.parcelNo);
    expect(numbers[0]).toBe('MT-FIT');
    expect(numbers).toContain('MT-BIG');
    expect(numbers).not.toContain('MT-SMALL');
    // A 板块 operator matches within its own 板块; 区发改 across the district.
    expect(numbers).not.toContain('MT-HT');
    const districtWide = (await drc.inject({ url: `/api/projects/${projectId}/parcel-matches` })).json();
    expect(districtWide.items.map((m: { parcelNo: string }) => m.parcelNo)).toContain('MT-HT');
    // Every part of the score is shown with its explanation, and the parts add up.
    const top = matches.items[0];
    expect(top.parts.map((p: { part: string }) => p.part)).toEqual([
      'area',
      'use',
      'conditions',
      'list',
      'timing',
    ]);
    expect(top.parts.every((p: { explanation: string }) => p.explanation.length > 0)).toBe(true);
    const sum = top.parts.reduce((s: number, p: { points: number }) => s + p.points, 0);
    expect(Math.abs(sum - top.total)).toBeLessThan(0.6);
    // The parcel side: waiting projects ranked the same way.
    const waiting = (await nrp.inject({ url: `/api/parcels/${fit.id}/project-matches` })).json();
    expect(waiting.items[0]?.projectId).toBe(projectId);

    // Picking a parcel without a red line refuses both the earmark and the move.
    const version = async () =>
      (await db.select({ v: projects.version }).from(projects).where(eq(projects.id, projectId)))[0]?.v ?? 0;
    const refused = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/parcel`,
      payload: { parcelId: fit.id, version: await version() },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.unmet.map((u: { code: string }) => u.code)).toEqual(['PARCEL_MAP']);
    expect((await db.select().from(parcels).where(eq(parcels.id, fit.id)))[0]?.projectId).toBeNull();

    // Its boundary imported, the pick earmarks it and moves the project to 供地准备.
    const drawn = await importGeojson(
      nrp,
      collection(feature({ 地块编号: 'MT-FIT' }, square(119.94, 31.69))),
      'commit=true',
    );
    expect(drawn.json().committed).toEqual({ created: 0, updated: 1 });
    const picked = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/parcel`,
      payload: { parcelId: fit.id, version: await version() },
    });
    expect(picked.statusCode).toBe(200);
    expect(picked.json().parcel).toMatchObject({ parcelNo: 'MT-FIT' });
    const [moved] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(moved?.state).toBe('LAND_PREP');
    // Earmarked parcels leave everyone's candidates.
    const later = (await drc.inject({ url: `/api/projects/${projectId}/parcel-matches` })).json();
    expect(later.items.map((m: { parcelNo: string }) => m.parcelNo)).not.toContain('MT-FIT');

    // The supply record: the project waits on the list, the contract file and the permit.
    const supplyBody = {
      projectId,
      method: 'listing',
      announcedOn: '2025-03-01',
      dealOn: '2025-03-20',
      priceYuan: 12_000_000,
      grantee: '常州某新能源有限公司',
      contractNo: '3204122025CR0101',
      contractOn: '2025-03-25',
      agreedStartOn: '2025-09-25',
      agreedCompletionOn: '2027-09-25',
      planningPermitNo: '地字第320412202500101号',
    };
    const partial = await nrp.inject({
      method: 'PUT',
      url: `/api/parcels/${fit.id}/supply`,
      payload: { ...supplyBody, version: 0 },
    });
    expect(partial.statusCode).toBe(200);
    expect(partial.json().projectState).toBe('LAND_PREP');
    expect(
      partial
        .json()
        .unmet.map((u: { code: string }) => u.code)
        .sort(),
    ).toEqual(['LAND_CONTRACT_FILE', 'LAND_LIST'].sort());
    // The permit number lives on the project's 建设用地规划许可证 approval item, issued on the contract day.
    const [permit] = await db
      .select()
      .from(projectApprovalItems)
      .where(
        and(eq(projectApprovalItems.projectId, projectId), eq(projectApprovalItems.code, 'LAND_PLAN_PERMIT')),
      );
    expect(permit).toMatchObject({
      status: 'done',
      documentNo: '地字第320412202500101号',
      doneOn: '2025-03-25',
    });
    expect(partial.json().supply.planningPermitNo).toBe('地字第320412202500101号');
    // 自然资源 corrects the number on the item meanwhile: a supply form opened before cannot undo it, and a
    // save that leaves the number alone keeps the correction.
    const corrected = '地字第320412202500101号（更正）';
    await db
      .update(projectApprovalItems)
      .set({ documentNo: corrected })
      .where(eq(projectApprovalItems.id, permit?.id ?? ''));
    const stale = await nrp.inject({
      method: 'PUT',
      url: `/api/parcels/${fit.id}/supply`,
      payload: {
        ...supplyBody,
        planningPermitNo: '地字第320412202500999号',
        planningPermitNoWas: '地字第320412202500101号',
        version: 1,
      },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain(corrected);
    const { planningPermitNo: _untouched, ...withoutPermit } = supplyBody;
    const kept = await nrp.inject({
      method: 'PUT',
      url: `/api/parcels/${fit.id}/supply`,
      payload: { ...withoutPermit, priceYuan: 12_500_000, version: 1 },
    });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().supply.planningPermitNo).toBe(corrected);
    // Bad dates are refused field by field.
    const backwards = await nrp.inject({
      method: 'PUT',
      url: `/api/parcels/${fit.id}/supply`,
      payload: { ...supplyBody, contractOn: '2025-03-10', version: 2 },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('合同签订日期不能早于成交日期');

    // The contract uploaded to the project, and the last three list items: the project moves by itself.
    const upload = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/attachments?kind=land_contract`,
      ...multipart('出让合同.pdf', PDF),
    });
    expect(upload.statusCode).toBe(200);
    for (const code of LAND_LIST_ITEM_CODES.slice(0, 3)) {
      expect(
        (
          await putItem(nrp, fit.id, code, {
            status: 'approved',
            docNo: `文${code}`,
            approvedOn: '2025-02-01',
          })
        ).statusCode,
      ).toBe(200);
    }
    const [supplied] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(supplied?.state).toBe('LAND_SUPPLIED');
    const supply = (await nrp.inject({ url: `/api/parcels/${fit.id}/supply` })).json();
    expect(supply.projectState).toBe('LAND_SUPPLIED');
    expect(supply.unmet).toEqual([]);
    expect((await parcel(nrp, fit.id)).status).toBe('supplied');
    const transitions = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, projectId), eq(auditLog.action, 'project.transition')));
    expect(transitions.map((t) => t.summary)).toContainEqual(
      expect.objectContaining({ from: 'LAND_PREP', to: 'LAND_SUPPLIED', automatic: true }),
    );
  });

  it('a supply recorded for a 已立项 project with all in order takes it through 供地准备 to 已供地 at once', async () => {
    const projectId = await insertProject('直接供地项目', 'FILED', hutangRegion);
    await importGeojson(
      nrp,
      collection(feature({ 地块编号: 'DS-01', 所属板块: '湖塘镇', 状态: '储备' }, square(119.98, 31.73))),
      'commit=true',
    );
    const [row] = await ctx.database.db.select().from(parcels).where(eq(parcels.parcelNo, 'DS-01'));
    for (const code of LAND_LIST_ITEM_CODES) {
      expect((await putItem(nrp, row?.id ?? '', code, { status: 'not_applicable' })).statusCode).toBe(200);
    }
    const res = await nrp.inject({
      method: 'PUT',
      url: `/api/parcels/${row?.id}/supply`,
      payload: {
        projectId,
        method: 'agreement',
        contractNo: 'DS-CR-1',
        contractOn: '2025-03-30',
        planningPermitNo: '地字DS1',
        version: 0,
      },
    });
    expect(res.statusCode).toBe(200);
    // Everything but the signed contract: 自然资源和规划 files it with the supply, and the project moves.
    expect(res.json()).toMatchObject({ projectState: 'LAND_PREP', unmet: [{ code: 'LAND_CONTRACT_FILE' }] });
    const byOperatorFile = await hutang.inject({
      method: 'POST',
      url: `/api/parcels/${row?.id}/supply/contract`,
      ...multipart('出让合同.pdf', PDF),
    });
    expect(byOperatorFile.statusCode).toBe(403);
    const contract = await nrp.inject({
      method: 'POST',
      url: `/api/parcels/${row?.id}/supply/contract`,
      ...multipart('出让合同.pdf', PDF),
    });
    expect(contract.statusCode).toBe(200);
    expect(contract.json().projectState).toBe('LAND_SUPPLIED');
    const files = (await hutang.inject({ url: `/api/projects/${projectId}/attachments` })).json().items;
    expect(files.map((f: { kind: string }) => f.kind)).toEqual(['land_contract']);
    const changes = (await hutang.inject({ url: `/api/projects/${projectId}/state-changes` })).json().items;
    expect(changes.map((c: { toState: string }) => c.toState)).toEqual(['LAND_PREP', 'LAND_SUPPLIED']);
    // A 板块 operator records neither supply nor list items.
    const byOperator = await hutang.inject({
      method: 'PUT',
      url: `/api/parcels/${row?.id}/supply`,
      payload: { projectId, method: 'agreement', version: 1 },
    });
    expect(byOperator.statusCode).toBe(403);
  });

  it('idle land: the daily watch lights 黄 at 300 days and 疑似闲置 at 365; the disposal runs 调查 → 结案 with the 20% fee', async () => {
    const db = ctx.database.db;
    const projectId = await insertProject('闲置测试项目', 'LAND_SUPPLIED', gxqRegion);
    const make = async (parcelNo: string, agreedStartOn: string) => {
      const p = await createParcel({ parcelNo, name: parcelNo, regionId: gxqRegion, areaM2: 20_000 });
      const res = await nrp.inject({
        method: 'PUT',
        url: `/api/parcels/${p.id}/supply`,
        payload: {
          projectId,
          method: 'listing',
          priceYuan: 10_000_000,
          contractNo: `CR-${parcelNo}`,
          contractOn: '2023-12-01',
          agreedStartOn,
          version: 0,
        },
      });
      expect(res.statusCode).toBe(200);
      await db.update(parcels).set({ projectId: null }).where(eq(parcels.id, p.id));
      return p.id;
    };
    // 2025-03-31 minus 299, 300, 364 and 365 days.
    const d299 = await make('IDLE-299', '2024-06-05');
    const d300 = await make('IDLE-300', '2024-06-04');
    const d364 = await make('IDLE-364', '2024-04-01');
    const d365 = await make('IDLE-365', '2024-03-31');
    await watchIdleLand(ctx.database, '2025-03-31', ctx.clock);
    const light = async (id: string) => {
      const p = await parcel(nrp, id);
      return [p.idleLight, p.idleDays, p.status];
    };
    expect(await light(d299)).toEqual(['none', 299, 'supplied']);
    expect(await light(d300)).toEqual(['yellow', 300, 'supplied']);
    expect(await light(d364)).toEqual(['yellow', 364, 'supplied']);
    expect(await light(d365)).toEqual(['suspected', 365, 'suspected_idle']);
    const yellow = (await nrp.inject({ url: '/api/parcels?idle=any&q=IDLE-&pageSize=50' })).json();
    expect(yellow.total).toBe(3);

    // The procedure on the 365-day parcel.
    const opened = await nrp.inject({
      method: 'POST',
      url: `/api/parcels/${d365}/idle-cases`,
      payload: { noticeOn: '2025-03-31' },
    });
    expect(opened.statusCode).toBe(200);
    let c = opened.json().case;
    expect(c.stage).toBe('investigation');
    expect(c.suggestedFeeYuan).toBe(2_000_000);
    const twice = await nrp.inject({
      method: 'POST',
      url: `/api/parcels/${d365}/idle-cases`,
      payload: { noticeOn: '2025-03-31' },
    });
    expect(twice.statusCode).toBe(409);
    const step = async (body: Record<string, unknown>) => {
      const res = await nrp.inject({
        method: 'POST',
        url: `/api/idle-cases/${c.id}/advance`,
        payload: { version: c.version, ...body },
      });
      if (res.statusCode === 200) c = res.json().case;
      return res;
    };
    const incomplete = await step({ cause: 'enterprise' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('认定书文号');
    expect(
      (await step({ cause: 'enterprise', determinationNo: '武闲认〔2025〕1号', determinedOn: '2025-03-31' }))
        .statusCode,
    ).toBe(200);
    expect((await parcel(nrp, d365)).status).toBe('idle');
    // An enterprise-caused idleness cannot be disposed of as if the government caused it.
    const wrong = await step({ disposal: 'extension', plan: '延长动工期限' });
    expect(wrong.statusCode).toBe(400);
    expect((await step({ disposal: 'fee', plan: '按土地价款 20% 征缴闲置费' })).statusCode).toBe(200);
    expect(
      (await step({ decisionNo: '武闲决〔2025〕1号', decidedOn: '2025-03-31', deadlineOn: '2025-06-30' }))
        .statusCode,
    ).toBe(200);
    expect(c.feeYuan).toBe(2_000_000);
    expect((await step({})).statusCode).toBe(200);
    expect(c.stage).toBe('execution');
    expect((await step({ result: '闲置费已缴清，企业承诺 6 月底前动工' })).statusCode).toBe(200);
    expect(c.stage).toBe('closed');
    expect((await parcel(nrp, d365)).status).toBe('supplied');
    // A 板块 operator sees the case of its parcel, cannot advance it; the other 板块 sees nothing.
    expect((await gxq.inject({ url: `/api/idle-cases/${c.id}` })).statusCode).toBe(200);
    expect((await hutang.inject({ url: `/api/idle-cases/${c.id}` })).statusCode).toBe(404);
    expect((await hutang.inject({ url: '/api/idle-cases' })).json().items).toEqual([]);
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, d365), eq(auditLog.action, 'idle_case.advance')));
    expect(audited.length).toBe(5);
  });

  it('idle-land rules are set for the whole district, and the watch follows them', async () => {
    const rules = (await gxq.inject({ url: '/api/land/rules' })).json();
    expect(rules).toEqual({ rules: { idleWarnDays: 300, idleDays: 365 }, canEdit: false });
    expect((await nrp.inject({ url: '/api/land/rules' })).json().canEdit).toBe(true);
    const wrong = await nrp.inject({
      method: 'PUT',
      url: '/api/land/rules',
      payload: { idleWarnDays: 400, idleDays: 365 },
    });
    expect(wrong.statusCode).toBe(400);
    const set = await nrp.inject({
      method: 'PUT',
      url: '/api/land/rules',
      payload: { idleWarnDays: 200, idleDays: 290 },
    });
    expect(set.statusCode).toBe(200);
    await watchIdleLand(ctx.database, '2025-03-31', ctx.clock);
    const [p299] = await ctx.database.db.select().from(parcels).where(eq(parcels.parcelNo, 'IDLE-299'));
    expect(p299?.idleLight).toBe('suspected');
    await nrp.inject({
      method: 'PUT',
      url: '/api/land/rules',
      payload: { idleWarnDays: 300, idleDays: 365 },
    });
    const [audited] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'land.rules_update'));
    expect(audited?.summary).toMatchObject({ after: { idleWarnDays: 200, idleDays: 290 } });
  });

  it('programmes (成片开发方案, 全域土地综合整治) link parcels of their own region', async () => {
    const [a] = await ctx.database.db.select().from(parcels).where(eq(parcels.parcelNo, 'RA-01'));
    const [c] = await ctx.database.db.select().from(parcels).where(eq(parcels.parcelNo, 'RA-03'));
    const outside = await nrp.inject({
      method: 'POST',
      url: '/api/land/programmes',
      payload: {
        kind: 'contiguous_development',
        name: '高新区成片开发方案',
        regionId: gxqRegion,
        parcelIds: [a?.id, c?.id],
      },
    });
    expect(outside.statusCode).toBe(400);
    const created = await nrp.inject({
      method: 'POST',
      url: '/api/land/programmes',
      payload: {
        kind: 'contiguous_development',
        name: '高新区成片开发方案',
        regionId: gxqRegion,
        docNo: '苏政复〔2025〕3号',
        approvedOn: '2025-01-20',
        parcelIds: [a?.id],
      },
    });
    expect(created.statusCode).toBe(200);
    expect(created.json().programme).toMatchObject({ areaM2: 20_000, parcels: [{ parcelNo: 'RA-01' }] });
    expect(
      (await gxq.inject({ url: '/api/land/programmes' })).json().items.map((p: { name: string }) => p.name),
    ).toEqual(['高新区成片开发方案']);
    expect((await hutang.inject({ url: '/api/land/programmes' })).json().items).toEqual([]);
  });

  it('balance per 板块: ready and available land against the demand of projects waiting for land', async () => {
    const res = await nrp.inject({ url: '/api/land/balance' });
    expect(res.statusCode).toBe(200);
    const gxqRow = res.json().items.find((i: { regionId: string }) => i.regionId === gxqRegion);
    expect(gxqRow.availableAreaM2).toBeGreaterThan(0);
    const mine = (await gxq.inject({ url: '/api/land/balance' })).json().items;
    expect(mine.map((i: { regionId: string }) => i.regionId)).toEqual([gxqRegion]);
    const live = await ctx.database.db
      .select()
      .from(parcels)
      .where(and(eq(parcels.regionId, gxqRegion), isNull(parcels.deletedAt)));
    expect(live.length).toBeGreaterThan(0);
  });
});
