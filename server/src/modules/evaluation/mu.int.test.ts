import type { ImportJob, ImportRow } from '@groundbreak/contract';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises, muEvaluations, projects } from '../../db/schema/index';
import { DEMO_ENTERPRISES } from '../../seed/demo-data';
import { seedDemoMu } from '../../seed/demo-mu';
import { seedDemoData } from '../../seed/seed';
import { seedDemoProjects } from '../../seed/seed-projects';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { multipart } from '../../testing/multipart';
import { createTestContext, type TestContext } from '../../testing/test-app';

// 亩均 classes from the district's sheet: previewed row by row with the cell at fault, all or nothing, a
// year imported again updated; read by each role as far as its scope reaches, and on the project page.

const BASE = '/api/mu-evaluations/imports';
const HEADER = [
  '统一社会信用代码',
  '企业名称',
  '评价年度',
  '评价类别',
  '综合得分',
  '销售收入（万元）',
  '实缴税收（万元）',
  '用地面积（亩）',
  '年平均职工人数',
];
const YANLONG = '91320412MAEUHUXQ7A'; // 高新区
const HUTANG = '91320412MA2HRWNL9M'; // 湖塘镇
const DAOJIN = '91320412MAEEGUJ64N'; // 高新区

describe('亩均 evaluations', () => {
  let ctx: TestContext;
  let gongxin: Client;
  let drc: Client;
  let gxq: Client;
  let qiye: Client;
  let projectId = '';

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-03-20T10:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'gongxin', roles: ['dept_operator'], orgCode: 'WJ-MIIT', scopeCodes: ['320412'] },
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'qiye', roles: ['enterprise'], orgCode: 'WJ-DRC', enterpriseUscc: HUTANG },
    ]);
    gongxin = await login(ctx.app, 'gongxin');
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    qiye = await login(ctx.app, 'qiye');
    const [hutang] = await ctx.database.db.select().from(enterprises).where(eq(enterprises.uscc, HUTANG));
    const [row] = await ctx.database.db
      .insert(projects)
      .values({
        internalNo: 'MU-1',
        name: '湖塘智能电气扩产项目',
        state: 'IN_PRODUCTION',
        regionId: await regionIdOf(ctx.database.db, '320412100'),
        enterpriseId: hutang?.id ?? null,
        uscc: HUTANG,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning({ id: projects.id });
    projectId = row?.id ?? '';
  });
  afterAll(() => ctx.close());

  const sheet = async (rows: (string | number | null)[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2025年度');
    ws.addRow(['武进区工业企业资源集约利用综合评价结果（2025年度）']);
    ws.addRow(HEADER);
    for (const row of rows) ws.addRow(row);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const settle = async (c: Client, job: ImportJob) => {
    let current = job;
    for (let i = 0; i < 600 && (current.status === 'reading' || current.status === 'committing'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      current = (await c.inject({ url: `${BASE}/${job.id}` })).json().job;
    }
    return current;
  };
  const upload = async (c: Client, content: Buffer) => {
    const res = await c.inject({ method: 'POST', url: BASE, ...multipart('亩均.xlsx', content) });
    expect(res.statusCode, res.body).toBe(200);
    return settle(c, res.json().job);
  };
  const commit = async (c: Client, job: ImportJob) => {
    const res = await c.inject({ method: 'POST', url: `${BASE}/${job.id}/commit` });
    return { res, job: res.statusCode === 200 ? await settle(c, res.json().job) : job };
  };
  const rowsOf = async (c: Client, id: string): Promise<ImportRow[]> =>
    (await c.inject({ url: `${BASE}/${id}/rows?pageSize=100` })).json().items;
  const live = () => ctx.database.db.select().from(muEvaluations).where(isNull(muEvaluations.deletedAt));

  it('previews bad rows with the cell at fault and writes nothing', async () => {
    const job = await upload(
      gongxin,
      await sheet([
        [YANLONG, '常州燕龙汽车零部件有限公司', 2025, 'A', 92.5, 86000, 4200, 120, 480],
        ['91320412MAEUHUXQ70', '校验位错误的企业', 2025, 'B', 80, 100, 10, 5, 20],
        [HUTANG, '武进湖塘智能电气有限公司', 2025, 'E', 60, 100, 10, 5, 20],
        [DAOJIN, '江苏道金智能制造科技股份有限公司', 2031, 'B', 70, 100, 10, 5, 20.5],
        [YANLONG, '常州燕龙汽车零部件有限公司', 2025, 'B', 90, 100, 10, 5, 20],
      ]),
    );
    expect(job.status).toBe('previewed');
    expect(job.summary?.counts).toMatchObject({ create: 1, error: 4 });
    const rows = await rowsOf(gongxin, job.id);
    const errorsAt = (n: number) => rows.find((r) => r.rowNumber === n)?.errors ?? [];
    expect(errorsAt(4)).toEqual([
      expect.objectContaining({
        column: 'A',
        header: '统一社会信用代码',
        message: expect.stringContaining('校验位'),
      }),
    ]);
    expect(errorsAt(5)).toEqual([expect.objectContaining({ column: 'D', header: '评价类别' })]);
    expect(errorsAt(6).map((e) => e.column)).toEqual(['C', 'I']);
    expect(errorsAt(7)[0]?.message).toContain('与第 3 行是同一企业同一年度');
    const refused = await commit(gongxin, job);
    expect(refused.res.statusCode).toBe(400);
    expect(await live()).toHaveLength(0);
  });

  it('imports a good file in 万元 as integer 元, and a re-import of the year updates it', async () => {
    const first = await upload(
      gongxin,
      await sheet([
        [YANLONG, '常州燕龙汽车零部件有限公司', 2025, 'A类', 92.5, 86000.5, 4200, 120, 480],
        [HUTANG, '武进湖塘智能电气有限公司', 2025, 'C', 61, 12000, 300, 40, 150],
        [DAOJIN, '江苏道金智能制造科技股份有限公司', 2024, 'T', null, 5000, 100, 30, 90],
      ]),
    );
    expect(first.summary?.counts).toMatchObject({ create: 3, error: 0 });
    const done = await commit(gongxin, first);
    expect(done.res.statusCode, done.res.body).toBe(200);
    expect(done.job.status).toBe('committed');
    const [yanlong] = await ctx.database.db
      .select()
      .from(muEvaluations)
      .where(and(eq(muEvaluations.uscc, YANLONG), eq(muEvaluations.year, 2025)));
    expect(yanlong).toMatchObject({ muClass: 'A', salesYuan: 860_005_000, taxYuan: 42_000_000, landMu: 120 });

    // The corrected file of 2025: 湖塘 moves to B with new figures (its blank 职工人数 kept), 燕龙 unchanged.
    const again = await upload(
      gongxin,
      await sheet([
        [YANLONG, '常州燕龙汽车零部件有限公司', 2025, 'A', 92.5, 86000.5, 4200, 120, 480],
        [HUTANG, '武进湖塘智能电气有限公司', 2025, 'B', 75, 15000, 450, 40, null],
      ]),
    );
    expect(again.summary?.counts).toMatchObject({ create: 0, update: 1, unchanged: 1 });
    const changes = (await rowsOf(gongxin, again.id)).find((r) => r.action === 'update')?.changes ?? [];
    expect(changes.find((c) => c.field === 'muClass')).toMatchObject({ before: 'C', after: 'B' });
    expect((await commit(gongxin, again)).res.statusCode).toBe(200);
    const all = await live();
    expect(all).toHaveLength(3);
    expect(all.find((r) => r.uscc === HUTANG)).toMatchObject({
      muClass: 'B',
      taxYuan: 4_500_000,
      version: 2,
    });
    const audited = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'mu_evaluation.update'));
    expect(audited).toHaveLength(1);
  });

  it('shows each role what its scope reaches, with the class distribution', async () => {
    const district = (await gongxin.inject({ url: '/api/mu-evaluations?year=2025' })).json();
    expect(district.total).toBe(2);
    expect(district.distribution).toEqual([
      { muClass: 'A', count: 1 },
      { muClass: 'B', count: 1 },
      { muClass: 'C', count: 0 },
      { muClass: 'D', count: 0 },
      { muClass: 'T', count: 0 },
    ]);
    expect(district.years).toEqual([2025, 2024]);
    const onlyA = (await drc.inject({ url: '/api/mu-evaluations?year=2025&muClass=A' })).json();
    expect(onlyA.items.map((i: { uscc: string }) => i.uscc)).toEqual([YANLONG]);
    expect(onlyA.items[0].taxPerMuYuan).toBe(350_000);
    // 高新区 sees its enterprises (燕龙, 道金), not 湖塘's; the enterprise only itself.
    const subarea = (await gxq.inject({ url: '/api/mu-evaluations' })).json();
    expect(subarea.items.map((i: { uscc: string }) => i.uscc).sort()).toEqual([DAOJIN, YANLONG].sort());
    const own = (await qiye.inject({ url: '/api/mu-evaluations' })).json();
    expect(own.items.map((i: { uscc: string }) => i.uscc)).toEqual([HUTANG]);
    // Importing is 工信's and 区发改's.
    expect(
      (await gxq.inject({ method: 'POST', url: BASE, ...multipart('a.xlsx', Buffer.from('x')) })).statusCode,
    ).toBe(403);
  });

  it('shows the project company classes on the project, scoped like the project', async () => {
    const res = await qiye.inject({ url: `/api/projects/${projectId}/mu-evaluations` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      uscc: HUTANG,
      items: [{ year: 2025, muClass: 'B', taxPerMuYuan: 112_500 }],
    });
    expect((await gxq.inject({ url: `/api/projects/${projectId}/mu-evaluations` })).statusCode).toBe(404);
  });

  it('offers a template that imports as its example', async () => {
    const res = await gongxin.inject({ url: '/api/mu-evaluations/import-template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const job = await upload(gongxin, res.rawPayload);
    // Its example is 燕龙's 2025 with rounder figures: an update of the row imported above.
    expect(job.summary?.counts).toMatchObject({ error: 0, create: 0, update: 1 });
  });
});

describe('the demo 亩均 data', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T09:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
  });
  afterAll(() => ctx.close());

  it('classes the demo enterprises 2023–2025 and gives every producing project company its figures, once', async () => {
    const deps = { protector: ctx.protector, dataDir: ctx.dataDir };
    const { added } = await seedDemoMu(ctx.database.db, ctx.clock.now(), deps);
    expect(added).toBeGreaterThan(20);
    expect((await seedDemoMu(ctx.database.db, ctx.clock.now(), deps)).added).toBe(0);
    const rows = await ctx.database.db.select().from(muEvaluations);
    for (const e of DEMO_ENTERPRISES)
      expect(
        rows
          .filter((r) => r.uscc === e.uscc)
          .map((r) => r.year)
          .sort(),
      ).toEqual([2023, 2024, 2025]);
    const producing = await ctx.database.db
      .select({ uscc: projects.uscc, on: projects.actualProductionOn })
      .from(projects)
      .where(inArray(projects.state, ['IN_PRODUCTION', 'AT_TARGET']));
    expect(producing.length).toBeGreaterThan(0);
    for (const p of producing) {
      const first = Number(p.on?.slice(0, 4));
      if (first > 2025) continue;
      const own = rows.filter((r) => r.uscc === p.uscc);
      expect(own.length, `${p.uscc}`).toBeGreaterThan(0);
      // T while it has been producing for less than two full years.
      expect(own.find((r) => r.year === first)?.muClass).toBe('T');
      expect(own.every((r) => (r.salesYuan ?? 0) > 0 && (r.taxYuan ?? 0) > 0)).toBe(true);
    }
    expect(new Set(rows.map((r) => r.muClass)).size).toBeGreaterThanOrEqual(4);
  });
});
