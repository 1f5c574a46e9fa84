import fs from 'node:fs';
import path from 'node:path';
import type { ImportJob, ImportRow } from '@groundbreak/contract';
import { eq, inArray, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  importJobRows,
  importJobs,
  projects,
  projectYearPlans,
  users,
} from '../../db/schema/index';
import { expireImports } from '../../lib/imports/import-jobs';
import { seedDemoData } from '../../seed/seed';
import { seedDemoProjects } from '../../seed/seed-projects';
import { type Client, createTestUsers, login } from '../../testing/accounts';
import { multipart } from '../../testing/multipart';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { createProjectsRepository } from './projects.repository';

// The project import as the offices use it: messy sheets read (title rows, two-row merged headers,
// header variants, units, text numbers, every date style, blank and 合计 rows, formulas, several sheets),
// a dry-run preview with every error by sheet/row/column, all-or-nothing commits, the same file twice
// changing nothing, export → import changing nothing, and nothing reached outside the importer's scope.

type Cell = string | number | Date | null | { formula: string; result: number | string };
type SheetSpec = { name: string; rows: Cell[][]; merges?: string[] };

async function workbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    for (const row of spec.rows) ws.addRow(row as never);
    for (const range of spec.merges ?? []) ws.mergeCells(range);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const BASE = '/api/projects/imports';
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('project import', () => {
  let ctx: TestContext;
  let gxq: Client;
  let hutang: Client;
  let drc: Client;

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2025-03-31T10:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      {
        username: 'hutang',
        roles: ['subarea_operator'],
        orgCode: '320412100-GOV',
        scopeCodes: ['320412100'],
      },
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'boss', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
    ]);
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    [gxq, hutang, drc] = await Promise.all([
      login(ctx.app, 'gxq'),
      login(ctx.app, 'hutang'),
      login(ctx.app, 'drc'),
    ]);
  });
  afterAll(() => ctx.close());

  /** Uploads and waits for the preview. */
  async function upload(client: Client, content: Buffer, fileName = '项目.xlsx'): Promise<ImportJob> {
    const res = await client.inject({ method: 'POST', url: BASE, ...multipart(fileName, content) });
    expect(res.statusCode, res.body).toBe(200);
    return settle(client, res.json().job);
  }

  async function settle(client: Client, job: ImportJob): Promise<ImportJob> {
    let current = job;
    for (let i = 0; i < 600 && (current.status === 'reading' || current.status === 'committing'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      current = (await client.inject({ url: `${BASE}/${job.id}` })).json().job;
    }
    return current;
  }

  async function rows(client: Client, id: string, action?: string): Promise<ImportRow[]> {
    const res = await client.inject({
      url: `${BASE}/${id}/rows?pageSize=100${action ? `&action=${action}` : ''}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  }

  async function commit(client: Client, id: string): Promise<ImportJob> {
    const res = await client.inject({ method: 'POST', url: `${BASE}/${id}/commit` });
    expect(res.statusCode, res.body).toBe(200);
    const done = await settle(client, res.json().job);
    return done;
  }

  /** The stored project, its phone opened with the app's key (as the service sees it). */
  const byName = async (name: string) => {
    const [row] = await ctx.database.db.select().from(projects).where(eq(projects.name, name));
    return row && createProjectsRepository(ctx.database.db, ctx.protector).reveal(row);
  };

  it('reads a messy office sheet: title rows, merged two-row header, variants, units, text numbers, dates, 合计, formulas, several sheets', async () => {
    const header1 = [
      '序号',
      '项目名称',
      '所属板块',
      '投资方',
      '投资来源地',
      '产业类别',
      '责任单位',
      '招商来源',
      '投资情况（亿元）',
      '投资情况（亿元）',
      '计划开工时间',
      '一季度完成投资',
      '拿地即开工',
    ];
    const header2 = [
      '序号',
      '项目名称',
      '所属板块',
      '投资方',
      '投资来源地',
      '产业类别',
      '责任单位',
      '招商来源',
      '计划总投资',
      '2025年计划投资',
      '计划开工时间',
      '一季度完成投资',
      '拿地即开工',
    ];
    const common = ['高新区', '某集团', '内资', '新能源', '高新区管委会', '产业链招商'];
    const content = await workbook([
      {
        name: '高新区',
        rows: [
          ['2025年武进国家高新区重大项目计划表'],
          [
            '填报单位：武进国家高新区',
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            '单位：亿元',
          ],
          header1,
          header2,
          [1, '导入甲：Excel 日期', ...common, 1.5, 0.5, d('2025-03-01'), '0.2', '是'],
          [2, '导入乙：文本数字', ...common, '1,234.5', ' 0.5 ', '2025.3.1', null, '否'],
          [],
          [
            3,
            '导入丙：中文日期',
            ...common,
            { formula: '1+0.5', result: 1.5 },
            0.3,
            '2025年3月1日',
            null,
            null,
          ],
          [4, '导入丁：只写年月', ...common, 2, 1, '2025年3月', null, null],
          [5, '导入戊：点分年月', ...common, 2, 1, '2025.3', null, null],
          ['合计', null, null, null, null, null, null, null, { formula: 'SUM(I5:I10)', result: 8.7345 }, 3.3],
        ],
        merges: ['A1:M1', 'I3:J3', 'A3:A4', 'B3:B4'],
      },
      {
        name: '第二批',
        rows: [
          [
            '项目名称',
            '所属板块',
            '投资方',
            '投资来源地',
            '产业类别',
            '责任单位',
            '招商来源',
            '总投资（万元）',
            '年度计划投资',
            '计划开工日期',
            '形象进度',
          ],
          [
            '导入己：第二张表',
            '武进国家高新区',
            '某集团',
            '内资',
            '新能源',
            '高新区管委会',
            '产业链招商',
            '12 000',
            3000,
            '2025-03-01',
            '桩基施工',
          ],
        ],
      },
      { name: '说明', rows: [['本表由高新区经发局汇总'], ['联系人：张三']] },
    ]);
    const job = await upload(gxq, content, '高新区重大项目计划表.xlsx');
    expect(job.status).toBe('previewed');
    expect(job.summary?.counts).toEqual({ create: 6, update: 0, unchanged: 0, error: 0 });
    expect(job.summary?.sheets.map((s) => [s.sheet, s.headerRow])).toEqual([
      ['高新区', 4],
      ['第二批', 1],
    ]);
    expect(job.summary?.ignored).toEqual([{ sheet: '高新区', headers: ['序号', '一季度完成投资'] }]);
    expect(job.summary?.sheetsWithoutHeader).toEqual(['说明']);
    expect(job.summary?.skipped).toEqual({ blank: 1, summary: 1 });
    const preview = await rows(gxq, job.id);
    expect(preview.map((r) => [r.sheet, r.rowNumber, r.action])).toEqual([
      ['高新区', 5, 'create'],
      ['高新区', 6, 'create'],
      ['高新区', 8, 'create'],
      ['高新区', 9, 'create'],
      ['高新区', 10, 'create'],
      ['第二批', 2, 'create'],
    ]);
    expect(preview[1]?.changes).toContainEqual({
      field: 'totalInvestment',
      label: '总投资',
      before: '',
      after: '12,345,000.00 万元',
    });

    const done = await commit(gxq, job.id);
    expect(done.status).toBe('committed');
    expect(done.summary?.committed).toEqual({ created: 6, updated: 0 });
    const jia = await byName('导入甲：Excel 日期');
    expect(jia).toMatchObject({
      state: 'LEAD',
      totalInvestment: 150_000_000,
      plannedStartOn: '2025-03-01',
      landReadyStart: true,
    });
    expect(await byName('导入乙：文本数字')).toMatchObject({
      totalInvestment: 123_450_000_000,
      plannedStartOn: '2025-03-01',
    });
    expect(await byName('导入丙：中文日期')).toMatchObject({
      totalInvestment: 150_000_000,
      plannedStartOn: '2025-03-01',
    });
    expect(await byName('导入丁：只写年月')).toMatchObject({ plannedStartOn: '2025-03-01' });
    expect(await byName('导入戊：点分年月')).toMatchObject({ plannedStartOn: '2025-03-01' });
    const ji = await byName('导入己：第二张表');
    expect(ji).toMatchObject({ totalInvestment: 120_000_000, progressText: '桩基施工' });
    const plans = await ctx.database.db
      .select()
      .from(projectYearPlans)
      .where(eq(projectYearPlans.projectId, jia?.id ?? ''));
    expect(plans).toMatchObject([{ year: 2025, plannedInvestment: 50_000_000 }]);
    const planJi = await ctx.database.db
      .select()
      .from(projectYearPlans)
      .where(eq(projectYearPlans.projectId, ji?.id ?? ''));
    expect(planJi).toMatchObject([{ year: 2025, plannedInvestment: 30_000_000 }]);

    // The same file again: every row is matched to what it created; nothing to commit, and it says so.
    const again = await upload(gxq, content, '高新区重大项目计划表(1).xlsx');
    expect(again.summary?.counts).toEqual({ create: 0, update: 0, unchanged: 6, error: 0 });
    expect(again.summary?.sameAs?.jobId).toBe(job.id);
    const refused = await gxq.inject({ method: 'POST', url: `${BASE}/${again.id}/commit` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('没有需要导入的变化');
    expect((await ctx.database.db.select().from(projects).where(like(projects.name, '导入%'))).length).toBe(
      6,
    );
  });

  it('names every unreadable cell by sheet, row and column and refuses to commit until the sheet is fixed', async () => {
    const head = [
      '项目名称',
      '所属板块',
      '投资方',
      '投资来源地',
      '产业类别',
      '责任单位',
      '招商来源',
      '总投资（万元）',
      '计划开工日期',
    ];
    const good = [
      '校验甲',
      '武进国家高新区',
      '某集团',
      '内资',
      '新能源',
      '高新区管委会',
      '产业链招商',
      1000,
      '2025-05-01',
    ];
    const content = await workbook([
      {
        name: '项目',
        rows: [
          head,
          good,
          [
            '校验乙',
            '武进国家高新区',
            '某集团',
            '内资',
            '新能源',
            '高新区管委会',
            '产业链招商',
            '一千万',
            '2025-13-01',
          ],
          ['校验丙', '不存在的板块', '某集团', '外星', '新能源', '高新区管委会', '产业链招商', 1000, null],
          ['校验丁', '武进国家高新区', null, '内资', '新能源', null, '产业链招商', 1000, null],
        ],
      },
    ]);
    const job = await upload(gxq, content);
    expect(job.summary?.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 3 });
    const errors = (await rows(gxq, job.id, 'error')).map((r) => [
      r.sheet,
      r.rowNumber,
      r.errors.map((e) => `${e.column}:${e.header}:${e.message}`),
    ]);
    expect(errors).toEqual([
      ['项目', 3, ['H:总投资（万元）:“一千万”不是金额', 'I:计划开工日期:“2025-13-01”不是存在的日期']],
      [
        '项目',
        4,
        [
          expect.stringMatching(/^D:投资来源地:“外星”不在可选值中/),
          'B:所属板块:所属板块“不存在的板块”不存在或不在您的数据范围内',
        ],
      ],
      ['项目', 5, ['C:投资方:投资方未填写（招商线索起必填）', 'F:责任单位:责任单位未填写（招商线索起必填）']],
    ]);
    const refused = await gxq.inject({ method: 'POST', url: `${BASE}/${job.id}/commit` });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('3 行存在错误');
    expect(await byName('校验甲')).toBeUndefined();
    // 重新上传 gives the preview up: its file and rows go, and it can no longer be committed.
    const cancelled = await gxq.inject({ method: 'POST', url: `${BASE}/${job.id}/cancel` });
    expect(cancelled.json().job.status).toBe('cancelled');
    expect(await rows(gxq, job.id)).toEqual([]);
    expect((await gxq.inject({ method: 'POST', url: `${BASE}/${job.id}/commit` })).statusCode).toBe(409);
  });

  it('commits all rows or none: a failure in the middle of the write leaves nothing behind', async () => {
    const head = [
      '项目名称',
      '所属板块',
      '投资方',
      '投资来源地',
      '产业类别',
      '责任单位',
      '招商来源',
      '项目代码',
    ];
    const row = (name: string, code: string | null = null) => [
      name,
      '武进国家高新区',
      '某集团',
      '内资',
      '新能源',
      '高新区管委会',
      '其他',
      code,
    ];
    const code = '2025-320412-36-03-900001';
    // Two previews both create a project with the same 项目代码; the first commit takes the code, so the
    // second fails on its 501st row, after its first 500 rows were already written in the transaction.
    const first = await upload(gxq, await workbook([{ name: '项目', rows: [head, row('整批甲', code)] }]));
    const many = Array.from({ length: 500 }, (_v, i) => row(`整批乙-${i + 1}`));
    const second = await upload(
      gxq,
      await workbook([{ name: '项目', rows: [head, ...many, row('整批丙', code)] }]),
    );
    expect(second.summary?.counts.create).toBe(501);
    expect((await commit(gxq, first.id)).status).toBe('committed');
    const failed = await commit(gxq, second.id);
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('没有写入任何数据');
    expect(
      (await ctx.database.db.select().from(projects).where(like(projects.name, '整批乙-%'))).length,
    ).toBe(0);
    expect(
      (await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, second.id))).map(
        (a) => a.action,
      ),
    ).toEqual(['import.upload']);
    // A project changed after the preview refuses the whole commit as well.
    const jia = await byName('整批甲');
    const stale = await upload(
      gxq,
      await workbook([
        {
          name: '项目',
          rows: [
            ['内部编号', ...head],
            [jia?.internalNo ?? '', null, null, '新投资方'],
            [null, ...row('整批丁（新）')],
          ],
        },
      ]),
    );
    expect(stale.summary?.counts).toMatchObject({ create: 1, update: 1 });
    const patched = await gxq.inject({
      method: 'PATCH',
      url: `/api/projects/${jia?.id}`,
      payload: { version: jia?.version, contactName: '王五' },
    });
    expect(patched.statusCode).toBe(200);
    const conflict = await commit(gxq, stale.id);
    expect(conflict.status).toBe('failed');
    expect(conflict.message).toContain('在预览之后已被修改');
    expect(await byName('整批丁（新）')).toBeUndefined();
    expect((await byName('整批甲'))?.investorName).toBe('某集团');
  });

  it('commits one of two previews of the same file: the second is refused, nothing is created twice', async () => {
    const head = ['项目名称', '所属板块', '投资方', '投资来源地', '产业类别', '责任单位', '招商来源'];
    const content = await workbook([
      {
        name: '项目',
        rows: [head, ['同文件甲', '武进国家高新区', '某集团', '内资', '新能源', '高新区管委会', '其他']],
      },
    ]);
    const first = await upload(gxq, content);
    // 区发改 previews the same file too (it may import into 高新区 as well).
    const second = await upload(drc, content);
    expect(first.summary?.counts.create).toBe(1);
    expect(second.summary?.counts.create).toBe(1);
    expect((await commit(gxq, first.id)).status).toBe('committed');
    const refused = await commit(drc, second.id);
    expect(refused.status).toBe('failed');
    expect(refused.message).toContain('同一文件已在这次预览之后导入过');
    expect((await ctx.database.db.select().from(projects).where(eq(projects.name, '同文件甲'))).length).toBe(
      1,
    );
    // A committed import cannot be cancelled afterwards.
    expect((await gxq.inject({ method: 'POST', url: `${BASE}/${first.id}/cancel` })).statusCode).toBe(409);
  });

  it('refuses two rows giving one 项目代码, and a year plan changed after the preview', async () => {
    const list = (await gxq.inject({ url: '/api/projects?pageSize=100&state=LEAD' })).json().items;
    const [a, b] = list.filter((p: { projectCode: string | null }) => !p.projectCode);
    const code = '2025-320412-36-03-900777';
    const dup = await upload(
      gxq,
      await workbook([
        {
          name: '项目',
          rows: [
            ['内部编号', '项目代码'],
            [a.internalNo, code],
            [b.internalNo, code],
          ],
        },
      ]),
    );
    const [error] = await rows(gxq, dup.id, 'error');
    expect(error?.errors[0]?.message).toContain('项目代码相同');
    const plan = await upload(
      gxq,
      await workbook([
        {
          name: '项目',
          rows: [
            ['内部编号', '2025年计划投资（万元）'],
            [a.internalNo, 1],
          ],
        },
      ]),
    );
    expect(plan.summary?.counts.update).toBe(1);
    const planVersion =
      (await gxq.inject({ url: `/api/projects/${a.id}/year-plans` }))
        .json()
        .items.find((p: { year: number }) => p.year === 2025)?.version ?? 0;
    const put = await gxq.inject({
      method: 'PUT',
      url: `/api/projects/${a.id}/year-plans/2025`,
      payload: { plannedInvestment: 20_000, version: planVersion },
    });
    expect(put.statusCode, put.body).toBe(200);
    const conflict = await commit(gxq, plan.id);
    expect(conflict.status).toBe('failed');
    expect(conflict.message).toContain('2025年计划在预览之后已被修改');
  });

  it('round-trips: an export imports back with no change; an edited export updates just what was edited', async () => {
    const url = '/api/projects/export?state=STARTED';
    const res = await gxq.inject({ url });
    expect(res.statusCode).toBe(200);
    const total = (await gxq.inject({ url: '/api/projects?state=STARTED&pageSize=20' })).json().total;
    const exported = res.rawPayload;
    const job = await upload(gxq, exported, '项目库导出.xlsx');
    expect(job.summary?.ignored).toEqual([]);
    expect(job.summary?.counts).toEqual({ create: 0, update: 0, unchanged: total, error: 0 });
    const matched = (await rows(gxq, job.id, 'unchanged')).map((r) => r.matchedBy);
    expect(matched.every((m) => m === 'projectCode' || m === 'internalNo')).toBe(true);

    // Edit two cells of the first data row in Excel: the 总投资 and the 2025 plan.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as never);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const headers = (ws.getRow(1).values as unknown[]).map(String);
    const col = (h: string) => headers.indexOf(h);
    const name = String(ws.getRow(2).getCell(col('项目名称')).value);
    const before = await byName(name);
    ws.getRow(2).getCell(col('总投资（万元）')).value = 88_888;
    ws.getRow(2).getCell(col('2025年计划投资（万元）')).value = 8_888;
    const edited = await upload(gxq, Buffer.from(await wb.xlsx.writeBuffer()), '项目库导出-改.xlsx');
    expect(edited.summary?.counts).toEqual({ create: 0, update: 1, unchanged: total - 1, error: 0 });
    const [update] = await rows(gxq, edited.id, 'update');
    expect(update?.changes.map((c) => c.field).sort()).toEqual(['totalInvestment', 'yearPlan']);
    expect(update?.changes.find((c) => c.field === 'totalInvestment')?.after).toBe('88,888.00 万元');
    expect((await commit(gxq, edited.id)).status).toBe('committed');
    const after = await byName(name);
    expect(after?.totalInvestment).toBe(888_880_000);
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    const history = (await gxq.inject({ url: `/api/projects/${after?.id}/history` })).json();
    expect(history.items[0]).toMatchObject({ action: expect.stringMatching(/project\.(update|year_plan)/) });
  });

  it('keeps a masked phone as it is, refuses a masked phone that differs, and neutralised formulas come back as text', async () => {
    const create = await gxq.inject({
      method: 'POST',
      url: '/api/projects',
      payload: {
        name: '=1+1 公式项目',
        regionId: (await gxq.inject({ url: '/api/regions?pageSize=100' }))
          .json()
          .items.find((r: { name: string }) => r.name === '武进国家高新区').id,
        state: 'LEAD',
        investorName: '@某集团',
        investorOrigin: 'domestic',
        industryChain: '新能源',
        responsibleOrgId: (
          await gxq.inject({ url: `/api/orgs?q=${encodeURIComponent('高新区')}&pageSize=20` })
        )
          .json()
          .items.find((o: { code: string }) => o.code === 'WJ-GXQ-ADM').id,
        source: 'other',
        contactPhone: '13912345678',
      },
    });
    expect(create.statusCode, create.body).toBe(200);
    const project = create.json().project;
    const exported = await gxq.inject({ url: `/api/projects/export?q=${encodeURIComponent('公式项目')}` });
    const job = await upload(gxq, exported.rawPayload);
    expect(job.summary?.counts).toEqual({ create: 0, update: 0, unchanged: 1, error: 0 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as never);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    const headers = (ws.getRow(1).values as unknown[]).map(String);
    expect(ws.getRow(2).getCell(headers.indexOf('项目名称')).value).toBe("'=1+1 公式项目");
    ws.getRow(2).getCell(headers.indexOf('联系电话')).value = '139****0000';
    const wrong = await upload(gxq, Buffer.from(await wb.xlsx.writeBuffer()));
    expect((await rows(gxq, wrong.id, 'error'))[0]?.errors[0]?.message).toContain('中间四位已隐去');
    ws.getRow(2).getCell(headers.indexOf('联系电话')).value = '13800001111';
    const right = await upload(gxq, Buffer.from(await wb.xlsx.writeBuffer()));
    const [update] = await rows(gxq, right.id, 'update');
    expect(update?.changes).toEqual([
      { field: 'contactPhone', label: '联系电话', before: '139****5678', after: '138****1111' },
    ]);
    await commit(gxq, right.id);
    expect((await byName('=1+1 公式项目'))?.contactPhone).toBe('13800001111');
    expect(project.id).toBe((await byName('=1+1 公式项目'))?.id);
  });

  it('never touches a project outside the importer’s scope', async () => {
    const foreign = (await hutang.inject({ url: '/api/projects?pageSize=20&sort=-totalInvestment' })).json()
      .items[0];
    const detail = (await hutang.inject({ url: `/api/projects/${foreign.id}` })).json().project;
    const before = await byName(detail.name);
    const head = [
      '内部编号',
      '项目代码',
      '项目名称',
      '所属板块',
      '投资方',
      '投资来源地',
      '产业类别',
      '责任单位',
      '招商来源',
    ];
    const content = await workbook([
      {
        name: '项目',
        rows: [
          head,
          [detail.internalNo, null, '越权改名', null, null, null, null, null, null],
          [null, detail.projectCode, '越权改名二', null, null, null, null, null, null],
          [null, null, '越权新建', '湖塘镇', '某集团', '内资', '新能源', '湖塘镇', '其他'],
        ],
      },
    ]);
    const job = await upload(gxq, content);
    expect(job.summary?.counts).toEqual({
      create: 0,
      update: 0,
      unchanged: 0,
      error: detail.projectCode ? 3 : 2,
    });
    const messages = (await rows(gxq, job.id, 'error')).flatMap((r) => r.errors.map((e) => e.message));
    expect(messages).toContain(`内部编号“${detail.internalNo}”不存在或不在您的数据范围内（新项目请留空）`);
    expect(messages).toContain('所属板块“湖塘镇”不存在或不在您的数据范围内');
    expect((await gxq.inject({ method: 'POST', url: `${BASE}/${job.id}/commit` })).statusCode).toBe(400);
    expect(await byName(detail.name)).toEqual(before);
    expect(await byName('越权新建')).toBeUndefined();
    // Another user's import is not there for them: not its preview, not its commit.
    expect((await hutang.inject({ url: `${BASE}/${job.id}` })).statusCode).toBe(404);
    expect((await hutang.inject({ url: `${BASE}/${job.id}/rows` })).statusCode).toBe(404);
    expect((await hutang.inject({ method: 'POST', url: `${BASE}/${job.id}/commit` })).statusCode).toBe(404);
    expect((await hutang.inject({ url: BASE })).json().items.map((j: ImportJob) => j.id)).not.toContain(
      job.id,
    );
  });

  it('fills the importer’s own 板块 when the sheet has no 板块 column, and warns of a likely duplicate by name', async () => {
    const head = ['项目名称', '投资方', '投资来源地', '产业类别', '责任单位', '招商来源', '项目状态'];
    const existing = (await gxq.inject({ url: '/api/projects?pageSize=20' })).json().items[0];
    const content = await workbook([
      {
        name: '项目',
        rows: [
          head,
          ['本板块新项目', '某集团', '内资', '新能源', '高新区管委会', '其他', '在建'],
          [existing.name, '某集团', '内资', '新能源', '高新区管委会', '其他', null],
        ],
      },
    ]);
    const job = await upload(gxq, content);
    expect(job.summary?.counts).toEqual({ create: 2, update: 0, unchanged: 0, error: 0 });
    const [first, second] = await rows(gxq, job.id);
    expect(first?.changes).toContainEqual({
      field: 'regionName',
      label: '所属板块',
      before: '',
      after: '武进国家高新区',
    });
    expect(first?.warnings[0]).toContain('新项目以“线索”登记');
    expect(second?.warnings[0]).toContain('本板块已有同名项目');
  });

  it('refuses what is not a workbook, a sheet without a recognisable header, and users without the right to import', async () => {
    const pdf = await gxq.inject({
      method: 'POST',
      url: BASE,
      ...multipart('a.xlsx', Buffer.from('%PDF-1.4\n')),
    });
    const job = await settle(gxq, pdf.json().job);
    expect(job.status).toBe('failed');
    expect(job.message).toContain('请上传 Excel 工作簿');
    const blank = await upload(
      gxq,
      await workbook([
        {
          name: '杂项',
          rows: [
            ['甲', '乙'],
            [1, 2],
          ],
        },
      ]),
    );
    expect(blank.status).toBe('failed');
    expect(blank.message).toContain('没有找到项目表头');
    const leader = await login(ctx.app, 'boss');
    const res = await leader.inject({ method: 'POST', url: BASE, ...multipart('a.xlsx', Buffer.from('x')) });
    expect(res.statusCode).toBe(403);
    const list = (await gxq.inject({ url: `${BASE}?pageSize=20` })).json();
    expect(list.total).toBeGreaterThan(5);
    expect(list.items[0].createdAt >= list.items[1].createdAt).toBe(true);
  });

  it('shows a phase that died with its process as failed, and the daily job clears old previews', async () => {
    const db = ctx.database.db;
    const userId = (await db.select().from(users).where(eq(users.username, 'gxq')))[0]?.id ?? '';
    const long = new Date(ctx.clock.now().getTime() - 8 * 24 * 3600 * 1000);
    const [dead] = await db
      .insert(importJobs)
      .values({
        kind: 'projects',
        userId,
        fileName: '中断.xlsx',
        sha256: 'd'.repeat(64),
        sizeBytes: 1,
        status: 'committing',
        createdAt: long,
        updatedAt: long,
      })
      .returning();
    const [old] = await db
      .insert(importJobs)
      .values({
        kind: 'projects',
        userId,
        fileName: '过期.xlsx',
        sha256: 'e'.repeat(64),
        sizeBytes: 1,
        status: 'previewed',
        createdAt: long,
        updatedAt: long,
      })
      .returning();
    await db
      .insert(importJobRows)
      .values({ jobId: old?.id ?? '', seq: 0, sheet: '项目', rowNumber: 2, action: 'create', label: '过期' });
    const shown = (await gxq.inject({ url: `${BASE}/${dead?.id}` })).json().job;
    expect(shown).toMatchObject({ status: 'failed', message: expect.stringContaining('没有写入任何数据') });
    expect(await expireImports(db, ctx.dataDir, ctx.clock.now())).toBeGreaterThanOrEqual(2);
    const after = await db
      .select()
      .from(importJobs)
      .where(inArray(importJobs.id, [dead?.id ?? '', old?.id ?? '']));
    expect(Object.fromEntries(after.map((j) => [j.fileName, j.status]))).toEqual({
      '中断.xlsx': 'failed',
      '过期.xlsx': 'cancelled',
    });
    expect(
      await db
        .select()
        .from(importJobRows)
        .where(eq(importJobRows.jobId, old?.id ?? '')),
    ).toEqual([]);
  });

  it('shows progress for a large sheet and reports the row count when done', async () => {
    const head = [
      '项目名称',
      '所属板块',
      '投资方',
      '投资来源地',
      '产业类别',
      '责任单位',
      '招商来源',
      '总投资（万元）',
    ];
    const many = Array.from({ length: 1200 }, (_v, i) => [
      `批量-${i + 1}`,
      '武进国家高新区',
      '某集团',
      '内资',
      '新能源',
      '高新区管委会',
      '其他',
      100 + i,
    ]);
    const job = await upload(drc, await workbook([{ name: '项目', rows: [head, ...many] }]));
    expect(job.progress).toEqual({ done: 1200, total: 1200 });
    const done = await commit(drc, job.id);
    expect(done.status).toBe('committed');
    expect(done.progress).toEqual({ done: 1200, total: 1200 });
    expect((await ctx.database.db.select().from(projects).where(like(projects.name, '批量-%'))).length).toBe(
      1200,
    );
    expect(fs.existsSync(path.join(ctx.dataDir, 'imports'))).toBe(true);
    const files = fs
      .readdirSync(path.join(ctx.dataDir, 'imports'), { recursive: true })
      .filter((f) => String(f).endsWith('.xlsx'));
    expect(files.some((f) => String(f).includes(job.id))).toBe(false);
  });
});
