import fs from 'node:fs';
import path from 'node:path';
import { readTable } from '@groundbreak/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbookFile } from '../../lib/excel/read-workbook';
import { seedDemoData } from '../../seed/seed';
import { seedDemoProjects } from '../../seed/seed-projects';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';
import { PROJECT_SHEET_COLUMNS } from './project-sheet';

// The project sheet: the export holds the filtered list in the caller's scope with the template's columns,
// reads back to the same values, neutralises formula-like text; the template has dropdowns and notes.

describe('project export and template', () => {
  let ctx: TestContext;
  let gxq: Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T10:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await createTestUsers(ctx.database.db, [
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
    ]);
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    gxq = await login(ctx.app, 'gxq');
  });
  afterAll(() => ctx.close());

  async function saveXlsx(url: string, name: string) {
    const res = await gxq.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const file = path.join(ctx.dataDir, name);
    fs.writeFileSync(file, res.rawPayload);
    return file;
  }

  it('exports the filtered list in scope with the template columns, reading back to the same values', async () => {
    const list = (await gxq.inject({ url: '/api/projects?state=STARTED&pageSize=100' })).json();
    const file = await saveXlsx('/api/projects/export?state=STARTED', 'export.xlsx');
    const [grid] = await readWorkbookFile(file);
    const table = readTable(grid as never, PROJECT_SHEET_COLUMNS);
    expect(table?.ignored).toEqual([]);
    expect(table?.rows).toHaveLength(list.total);
    expect(table?.rows.every((r) => r.errors.length === 0)).toBe(true);
    expect(new Set(table?.rows.map((r) => r.values.regionName))).toEqual(new Set(['武进国家高新区']));
    const yanlong = table?.rows.find((r) => r.values.name === '常州燕龙汽车车身轻量化零部件生产项目')?.values;
    expect(yanlong).toMatchObject({
      state: '已开工',
      totalInvestment: 1_500_000_000,
      landUse: 'new_land',
      plannedStartOn: '2025-06-26',
      landReadyStart: true,
      contactPhone: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/),
    });
    const byId = list.items.find((i: { name: string }) => i.name === '常州燕龙汽车车身轻量化零部件生产项目');
    expect(yanlong?.internalNo).toBe(byId.internalNo);
  });

  it('neutralises text a spreadsheet would run as a formula; the reader restores it', async () => {
    const region = await regionIdOf(ctx.database.db, 'WJ-GXQ');
    const orgs = (await gxq.inject({ url: '/api/orgs?q=高新区&pageSize=20' })).json();
    const org = orgs.items.find((o: { code: string }) => o.code === 'WJ-GXQ-ADM').id;
    const created = await gxq.inject({
      method: 'POST',
      url: '/api/projects',
      payload: {
        name: '=HYPERLINK("http://evil.example","点我")',
        regionId: region,
        state: 'LEAD',
        investorName: '+86 某集团',
        investorOrigin: 'domestic',
        industryChain: '新能源',
        responsibleOrgId: org,
        source: 'other',
        totalInvestment: 10_000_000,
      },
    });
    expect(created.statusCode).toBe(200);
    const file = await saveXlsx(`/api/projects/export?q=${encodeURIComponent('某集团')}`, 'formula.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const row = wb.worksheets[0]?.getRow(2);
    const nameCell = row?.getCell(2);
    expect(nameCell?.value).toBe('\'=HYPERLINK("http://evil.example","点我")');
    expect(typeof nameCell?.value).toBe('string');
    const table = readTable((await readWorkbookFile(file))[0] as never, PROJECT_SHEET_COLUMNS);
    expect(table?.rows[0]?.values).toMatchObject({
      name: '=HYPERLINK("http://evil.example","点我")',
      investorName: '+86 某集团',
      totalInvestment: 10_000_000,
    });
    // Numbers stay numbers.
    const money = PROJECT_SHEET_COLUMNS.findIndex((c) => c.key === 'totalInvestment');
    expect(row?.getCell(money + 1).value).toBe(1000);
  });

  it('offers a template with Chinese headers, dropdowns, an example row and a notes sheet', async () => {
    const file = await saveXlsx('/api/projects/import-template', 'template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['项目', '填表说明']);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('项目名称');
    expect(headers).toContain('总投资（万元）');
    expect(headers).not.toContain('项目状态');
    expect(sheet?.getRow(2).getCell(headers.indexOf('用地方式') + 1).value).toBe('新增用地');
    const validations = JSON.stringify(
      (sheet as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
    );
    expect(validations).toContain('新增用地,存量用地,租赁厂房');
    const notes = wb.worksheets[1];
    expect(notes?.getRow(1).getCell(1).value).toBe('列');
    expect(JSON.stringify(notes?.getSheetValues())).toContain('只写年月表示该月 1 日');
  });
});
