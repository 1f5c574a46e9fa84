import type { ImportJob, ImportRow } from '@groundbreak/contract';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterprises, monthlyReports, projects } from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { multipart } from '../../testing/multipart';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { protectProjectValues } from '../projects/projects.repository';

const USCC = '91320412MAEUHUXQ7A';
const BASE = '/api/monthly-reports/imports';
const HEADER = [
  '项目编号',
  '项目名称',
  '月份',
  '本月完成投资（万元）',
  '其中：设备投资（万元）',
  '形象进度',
  '存在问题',
];

describe('a month of reports from Excel', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let hutang: Client;
  let leader: Client;
  const ids: Record<string, string> = {};

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
      { username: 'leader', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    ctx.clock.set(new Date('2025-04-20T10:00:00+08:00'));
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    leader = await login(ctx.app, 'leader');
    const [enterprise] = await ctx.database.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.uscc, USCC));
    const gxqRegion = await regionIdOf(ctx.database.db, 'WJ-GXQ');
    const hutangRegion = await regionIdOf(ctx.database.db, '320412100');
    for (const [no, name, state, regionId, start] of [
      ['RPI-1', '导入测试智能制造项目', 'STARTED', gxqRegion, '2025-02-10'],
      ['RPI-2', '导入测试新材料项目', 'FILED', gxqRegion, null],
      ['RPI-3', '导入测试湖塘电气项目', 'STARTED', hutangRegion, '2025-01-05'],
    ] as const) {
      const [row] = await ctx.database.db
        .insert(projects)
        .values(
          await protectProjectValues(ctx.protector, {
            internalNo: no,
            name,
            state,
            regionId,
            enterpriseId: enterprise?.id ?? null,
            totalInvestment: 200_000_000,
            actualStartOn: start,
            createdAt: new Date('2025-01-06T10:00:00+08:00'),
            updatedAt: ctx.clock.now(),
          }),
        )
        .returning({ id: projects.id });
      ids[no] = row?.id ?? '';
    }
  });
  afterAll(() => ctx.close());

  const sheet = async (rows: (string | number | Date | null)[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('三月');
    ws.addRow(['武进国家高新区重大项目月报（2025年3月）']);
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
    const res = await c.inject({ method: 'POST', url: BASE, ...multipart('月报.xlsx', content) });
    expect(res.statusCode, res.body).toBe(200);
    return settle(c, res.json().job);
  };
  const rowsOf = async (c: Client, id: string): Promise<ImportRow[]> =>
    (await c.inject({ url: `${BASE}/${id}/rows?pageSize=100` })).json().items;
  const reportOf = async (no: string, month: string) =>
    (
      await ctx.database.db
        .select()
        .from(monthlyReports)
        .where(and(eq(monthlyReports.projectId, ids[no] ?? ''), eq(monthlyReports.month, month)))
    )[0];

  it('previews every row with its errors by column, writes nothing while one is wrong, and computes 自年初累计', async () => {
    const bad = await upload(
      gxq,
      await sheet([
        ['RPI-1', '导入测试智能制造项目', '2025-03', 500, 600, '主体结构施工', null],
        ['RPI-3', '导入测试湖塘电气项目', '2025-03', 100, null, '设备安装', null],
        ['RPI-9', '不存在的项目', '2025-03', 100, null, '设备安装', null],
        ['RPI-2', '导入测试新材料项目', '2025年13月', null, null, '环评报告已报审', null],
        ['RPI-1', '导入测试智能制造项目', '2025-05', 10, null, '设备安装', null],
        ['RPI-1', '导入测试智能制造项目', '2025.3', 10, null, '设备安装', null],
      ]),
    );
    expect(bad.status).toBe('previewed');
    expect(bad.summary?.counts).toMatchObject({ create: 0, error: 6 });
    const planned = await rowsOf(gxq, bad.id);
    const errorsOf = (n: number) =>
      planned.find((r) => r.rowNumber === n)?.errors.map((e) => `${e.column}:${e.message}`) ?? [];
    expect(errorsOf(3)).toEqual([expect.stringMatching(/^E:设备投资与建安投资之和不能超过本月完成投资/)]);
    expect(errorsOf(4)).toEqual([expect.stringMatching(/^A:项目编号“RPI-3”不存在或不在您的数据范围内/)]);
    expect(errorsOf(5)).toEqual([expect.stringMatching(/^A:项目编号“RPI-9”/)]);
    expect(errorsOf(6)).toEqual([expect.stringMatching(/^C:“2025年13月”不是月份/)]);
    expect(errorsOf(7)).toEqual([expect.stringMatching(/^C:2025-05 尚未开始/)]);
    expect(errorsOf(8)).toEqual([expect.stringMatching(/^C:与第 3 行是同一项目同一月份/)]);
    expect((await gxq.inject({ method: 'POST', url: `${BASE}/${bad.id}/commit` })).statusCode).toBe(400);
    expect(await reportOf('RPI-1', '2025-03')).toBeUndefined();
    // No report.write: no import at all.
    expect(
      (await leader.inject({ method: 'POST', url: BASE, ...multipart('月报.xlsx', await sheet([])) }))
        .statusCode,
    ).toBe(403);

    const good = await upload(
      gxq,
      await sheet([
        ['RPI-1', '导入测试智能制造项目', '2025-02', 300, 100, '桩基施工', null],
        ['RPI-1', '导入测试智能制造（项目）', '2025年3月', 500, 200, '主体结构封顶', '施工用电容量不足'],
        ['RPI-2', '导入测试新材料项目', new Date('2025-03-01T00:00:00Z'), null, null, '环评报告已报审', null],
      ]),
    );
    expect(good.summary?.counts).toMatchObject({ create: 3, update: 0, error: 0 });
    const preview = await rowsOf(gxq, good.id);
    const march = preview.find((r) => r.rowNumber === 4);
    expect(march?.label).toBe('导入测试智能制造项目（RPI-1）2025-03');
    expect(march?.changes).toEqual(
      expect.arrayContaining([
        { field: 'monthYuan', label: '本月完成投资', before: '', after: '500.00 万元' },
      ]),
    );
    expect(march?.warnings.join('；')).toContain('名称');
    expect(march?.warnings.join('；')).toContain('现场照片');
    const committed = await gxq.inject({ method: 'POST', url: `${BASE}/${good.id}/commit` });
    expect(committed.statusCode, committed.body).toBe(200);
    expect((await settle(gxq, committed.json().job)).status).toBe('committed');
    expect(await reportOf('RPI-1', '2025-02')).toMatchObject({
      status: 'draft',
      monthYuan: 3_000_000,
      ytdYuan: 3_000_000,
    });
    expect(await reportOf('RPI-1', '2025-03')).toMatchObject({
      status: 'draft',
      kind: 'construction',
      monthYuan: 5_000_000,
      ytdYuan: 8_000_000,
      equipmentYuan: 2_000_000,
      problemsText: '施工用电容量不足',
    });
    expect(await reportOf('RPI-2', '2025-03')).toMatchObject({
      status: 'draft',
      kind: 'preparatory',
      progressText: '环评报告已报审',
    });
    const audits = await ctx.database.db.select().from(auditLog).where(eq(auditLog.action, 'report.import'));
    expect(audits).toHaveLength(3);
    // What the screen shows is the same report.
    const shown = (await gxq.inject({ url: `/api/projects/${ids['RPI-1']}/monthly-reports/2025-03` })).json()
      .report;
    expect(shown).toMatchObject({ monthYuan: 5_000_000, ytdYuan: 8_000_000, status: 'draft' });
  });

  it('exports the month for filling in; a report handed in reads back unchanged and refuses a change', async () => {
    // RPI-2's March report (preparatory: no photo needed) is submitted.
    const submitted = await gxq.inject({
      method: 'POST',
      url: `/api/projects/${ids['RPI-2']}/monthly-reports/2025-03/steps`,
      payload: { step: 'submit', version: 1 },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const exported = await gxq.inject({ url: '/api/monthly-reports/export?month=2025-03' });
    expect(exported.statusCode).toBe(200);
    expect(decodeURIComponent(String(exported.headers['content-disposition']))).toContain(
      '2025-03月报填报表.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const values = (n: number) => ((ws?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(values(1).slice(0, 4)).toEqual(['项目编号', '项目名称', '月份', '本月完成投资（万元）']);
    // The 板块's two projects owing March (not 湖塘's), with what they hold.
    expect(ws?.actualRowCount).toBe(3);
    expect(values(2).slice(0, 4)).toEqual(['RPI-1', '导入测试智能制造项目', '2025-03', 500]);
    expect(values(3).slice(0, 3)).toEqual(['RPI-2', '导入测试新材料项目', '2025-03']);
    // Imported back as it is: nothing to do.
    const again = await upload(gxq, exported.rawPayload);
    expect(again.summary?.counts).toMatchObject({ create: 0, update: 0, unchanged: 2, error: 0 });
    // A change to the submitted report is refused; one to the draft is an update.
    const changed = await upload(
      gxq,
      await sheet([
        ['RPI-1', '导入测试智能制造项目', '2025-03', 520, null, null, null],
        ['RPI-2', '导入测试新材料项目', '2025-03', null, null, '环评已批复', null],
      ]),
    );
    expect(changed.summary?.counts).toMatchObject({ update: 1, error: 1 });
    const rows = await rowsOf(gxq, changed.id);
    expect(rows.find((r) => r.rowNumber === 4)?.errors[0]?.message).toContain('已提交，不能再修改');
    // Another 板块's export holds only its own project.
    const other = await hutang.inject({ url: '/api/monthly-reports/export?month=2025-03' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]?.actualRowCount).toBe(2);
    expect(((wb2.worksheets[0]?.getRow(2).values ?? []) as unknown[])[1]).toBe('RPI-3');
  });

  it('refuses a closed month in the preview, and at the commit when the month closed after the preview', async () => {
    const fix = await sheet([['RPI-1', '导入测试智能制造项目', '2025-03', 510, null, null, null]]);
    const previewed = await upload(gxq, fix);
    expect(previewed.summary?.counts).toMatchObject({ update: 1, error: 0 });
    expect((await drc.inject({ method: 'POST', url: '/api/tracking/months/2025-03/close' })).statusCode).toBe(
      200,
    );
    const commit = await gxq.inject({ method: 'POST', url: `${BASE}/${previewed.id}/commit` });
    const job = commit.statusCode === 200 ? await settle(gxq, commit.json().job) : null;
    expect(job?.status ?? commit.statusCode).not.toBe('committed');
    expect((await reportOf('RPI-1', '2025-03'))?.monthYuan).toBe(5_000_000);
    const after = await upload(gxq, fix);
    expect(after.summary?.counts).toMatchObject({ update: 0, error: 1 });
    expect((await rowsOf(gxq, after.id))[0]?.errors[0]?.message).toContain('已于2025-04-20关账');
    // The closed month's export still imports back, as unchanged.
    const exported = await gxq.inject({ url: '/api/monthly-reports/export?month=2025-03' });
    const back = await upload(gxq, exported.rawPayload);
    expect(back.summary?.counts).toMatchObject({ create: 0, update: 0, unchanged: 2, error: 0 });
  });
});
