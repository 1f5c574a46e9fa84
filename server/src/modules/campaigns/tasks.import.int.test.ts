import type { ImportJob, ImportRow } from '@groundbreak/contract';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, campaignTaskEvents, campaignTasks, orgs } from '../../db/schema/index';
import { seedDemoData } from '../../seed/seed';
import { seedCampaignCategories } from '../../seed/seed-campaigns';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { multipart } from '../../testing/multipart';
import { createTestContext, type TestContext } from '../../testing/test-app';

// 整治任务 from and to Excel: 区城管局 registers tasks of two 板块 from one sheet (numbered in row order, each
// with its event and audit record); a 板块 cannot import a row of another 板块, and one bad row writes
// nothing; errors name their column; the same file twice and an export imported back change nothing; an
// accepted task refuses a change.

const BASE = '/api/campaign-tasks/imports';
const HEADER = [
  '任务编号',
  '批次',
  '类别',
  '板块',
  '村/社区',
  '点位名称',
  '地址',
  '经度',
  '纬度',
  '问题描述',
  '整改要求',
  '责任单位',
  '责任人',
  '开始日期',
  '计划完成日期',
  '拆除违建面积(㎡)',
  '拆除违建处数',
  '消除隐患处数',
  '改造公厕座数',
  '更新面积(㎡)',
  '投资(万元)',
];
type Cell = string | number | Date | null;
/** A row of HEADER: the named cells, the rest blank. */
const row = (cells: Partial<Record<(typeof HEADER)[number], Cell>>): Cell[] =>
  HEADER.map((h) => cells[h] ?? null);
const NEW_TASKS = [
  row({
    批次: '第一批',
    类别: '违章搭建整治',
    板块: '湖塘镇',
    '村/社区': '马杭社区',
    点位名称: '马杭菜场东侧违章棚屋',
    地址: '湖塘镇马杭路88号东侧',
    经度: 119.95,
    纬度: 31.7,
    问题描述: '菜场东侧彩钢棚违章搭建约120平方米，占用消防通道',
    整改要求: '全部拆除并清理场地',
    责任单位: '湖塘镇人民政府',
    责任人: '张三',
    开始日期: '2025-06-01',
    计划完成日期: '2025-06-30',
    '拆除违建面积(㎡)': 120,
    拆除违建处数: 1,
  }),
  row({
    批次: '第一批',
    类别: 'G2',
    板块: '武进高新区',
    '村/社区': '南夏墅村',
    点位名称: '南夏墅村出租房飞线充电',
    问题描述: '出租房电动车飞线充电',
    责任单位: '高新区管委会',
    开始日期: new Date('2025-06-01T00:00:00Z'),
    计划完成日期: '2025年7月15日',
    消除隐患处数: 3,
  }),
  row({
    类别: '微更新项目',
    板块: '湖塘镇',
    点位名称: '马杭口袋公园',
    问题描述: '闲置空地改造为口袋公园',
    开始日期: '2025-06-01',
    计划完成日期: '2025-09-30',
    '更新面积(㎡)': 800,
    '投资(万元)': 120.5,
  }),
];

describe('整治任务 from and to Excel', () => {
  let ctx: TestContext;
  let cg: Client;
  let gxq: Client;
  let hutang: Client;
  let leader: Client;
  let campaignId = '';
  let foreignCampaign = '';
  let hutangRegion = '';
  let gxqRegion = '';

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2025-06-02T09:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await seedCampaignCategories(ctx.database.db);
    await createTestUsers(ctx.database.db, [
      { username: 'cg', roles: ['dept_operator'], orgCode: 'WJ-URBAN', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      {
        username: 'hutang',
        roles: ['subarea_operator'],
        orgCode: '320412100-GOV',
        scopeCodes: ['320412100'],
      },
      { username: 'lead', roles: ['leader'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'xb', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320411'] },
    ]);
    cg = await login(ctx.app, 'cg');
    gxq = await login(ctx.app, 'gxq');
    hutang = await login(ctx.app, 'hutang');
    leader = await login(ctx.app, 'lead');
    hutangRegion = await regionIdOf(ctx.database.db, '320412100');
    gxqRegion = await regionIdOf(ctx.database.db, 'WJ-GXQ');
    const created = await cg.inject({
      method: 'POST',
      url: '/api/campaigns',
      payload: { name: '城中村专项行动', startOn: '2025-03-01', endOn: '2027-12-31' },
    });
    expect(created.statusCode, created.body).toBe(200);
    campaignId = created.json().id;
    const batch = await cg.inject({
      method: 'POST',
      url: `/api/campaigns/${campaignId}/batches`,
      payload: { name: '第一批', startOn: '2025-03-01', endOn: '2025-12-31' },
    });
    expect(batch.statusCode, batch.body).toBe(200);
    // A campaign of another district (新北区), which 武进's users do not see.
    const xb = await login(ctx.app, 'xb');
    const other = await xb.inject({
      method: 'POST',
      url: '/api/campaigns',
      payload: { name: '新北区的行动', startOn: '2025-03-01', endOn: '2025-12-31' },
    });
    foreignCampaign = other.json().id ?? '';
  });
  afterAll(() => ctx.close());

  const sheet = async (rows: Cell[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('第一批任务');
    ws.addRow(['武进区城中村专项行动整治任务清单']);
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r);
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
  const post = (c: Client, content: Buffer, campaign = campaignId) =>
    c.inject({
      method: 'POST',
      url: `${BASE}?campaignId=${campaign}`,
      ...multipart('整治任务.xlsx', content),
    });
  const upload = async (c: Client, content: Buffer) => {
    const res = await post(c, content);
    expect(res.statusCode, res.body).toBe(200);
    return settle(c, res.json().job);
  };
  const commit = (c: Client, job: ImportJob) => c.inject({ method: 'POST', url: `${BASE}/${job.id}/commit` });
  const committed = async (c: Client, job: ImportJob) => {
    const res = await commit(c, job);
    expect(res.statusCode, res.body).toBe(200);
    return settle(c, res.json().job);
  };
  const rowsOf = async (c: Client, id: string): Promise<ImportRow[]> =>
    (await c.inject({ url: `${BASE}/${id}/rows?pageSize=100` })).json().items;
  const errorsOf = (rows: ImportRow[], n: number) =>
    rows.find((r) => r.rowNumber === n)?.errors.map((e) => `${e.column}:${e.message}`) ?? [];
  const tasks = () =>
    ctx.database.db.select().from(campaignTasks).where(eq(campaignTasks.campaignId, campaignId));
  const exported = async (c: Client, query = '') => {
    const res = await c.inject({ url: `/api/campaign-tasks/export?campaignId=${campaignId}${query}` });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { res, wb, ws: wb.worksheets[0] as ExcelJS.Worksheet };
  };
  const values = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

  it('lets 区城管局 register tasks of two 板块 from one sheet: previewed, then numbered with their events and audit', async () => {
    // The campaign is named on the upload and must be one the caller sees; a leader imports nothing.
    expect(
      (await cg.inject({ method: 'POST', url: BASE, ...multipart('x.xlsx', await sheet([])) })).statusCode,
    ).toBe(400);
    expect((await post(cg, await sheet(NEW_TASKS), foreignCampaign)).statusCode).toBe(404);
    expect((await post(leader, await sheet(NEW_TASKS))).statusCode).toBe(403);

    const content = await sheet(NEW_TASKS);
    const job = await upload(cg, content);
    expect(job.status).toBe('previewed');
    expect(job.summary?.counts).toEqual({ create: 3, update: 0, unchanged: 0, error: 0 });
    const preview = await rowsOf(cg, job.id);
    expect(preview.map((r) => r.label)).toEqual([
      '马杭菜场东侧违章棚屋（新任务）',
      '南夏墅村出租房飞线充电（新任务）',
      '马杭口袋公园（新任务）',
    ]);
    expect(preview[1]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'category', label: '类别', before: '', after: '消防隐患整治' },
        { field: 'regionName', label: '板块', before: '', after: '武进国家高新区' },
        { field: 'dueOn', label: '计划完成日期', before: '', after: '2025-07-15' },
      ]),
    );
    expect(await tasks()).toHaveLength(0);

    expect((await committed(cg, job)).status).toBe('committed');
    const created = (await tasks()).sort((a, b) => a.taskNo.localeCompare(b.taskNo));
    const [hutangOrg] = await ctx.database.db.select().from(orgs).where(eq(orgs.code, '320412100-GOV'));
    expect(created.map((t) => [t.taskNo, t.pointName, t.regionId, t.status])).toEqual([
      ['ZZ-2025-0001', '马杭菜场东侧违章棚屋', hutangRegion, 'pending'],
      ['ZZ-2025-0002', '南夏墅村出租房飞线充电', gxqRegion, 'pending'],
      ['ZZ-2025-0003', '马杭口袋公园', hutangRegion, 'pending'],
    ]);
    expect(created[0]).toMatchObject({
      categoryCode: 'G1',
      responsibleOrgId: hutangOrg?.id,
      quantities: { demolishedM2: 120, structures: 1 },
      startOn: '2025-06-01',
      dueOn: '2025-06-30',
      lon: 119.95,
    });
    expect(created[1]).toMatchObject({ categoryCode: 'G2', quantities: { hazards: 3 }, dueOn: '2025-07-15' });
    expect(created[2]).toMatchObject({ categoryCode: 'MR', investmentYuan: 1_205_000, batchId: null });
    const ids = created.map((t) => t.id);
    const events = await ctx.database.db
      .select()
      .from(campaignTaskEvents)
      .where(inArray(campaignTaskEvents.taskId, ids));
    expect(events.map((e) => [e.step, e.toStatus])).toEqual([
      ['create', 'pending'],
      ['create', 'pending'],
      ['create', 'pending'],
    ]);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'campaign_task.create'), inArray(auditLog.objectId, ids)));
    expect(audits).toHaveLength(3);
    expect(audits[0]?.summary).toMatchObject({ via: 'import', importJobId: job.id });
    // Each 板块 sees its own new task on screen.
    const own = (await gxq.inject({ url: `/api/campaign-tasks?campaignId=${campaignId}` })).json();
    expect(own.items.map((t: { taskNo: string }) => t.taskNo)).toEqual(['ZZ-2025-0002']);

    // The same file again: matched to what it created, nothing to do.
    const again = await upload(cg, content);
    expect(again.summary?.counts).toEqual({ create: 0, update: 0, unchanged: 3, error: 0 });
    expect(again.summary?.sameAs?.jobId).toBe(job.id);
    expect((await commit(cg, again)).statusCode).toBe(409);
    expect(await tasks()).toHaveLength(3);
  });

  it('refuses a 板块 a row of another 板块, and writes none of the file while one row is wrong', async () => {
    const job = await upload(
      hutang,
      await sheet([
        row({
          类别: 'G3',
          板块: '湖塘镇',
          点位名称: '马杭新村楼道堆物',
          问题描述: '楼道堆放杂物',
          开始日期: '2025-06-01',
          计划完成日期: '2025-06-10',
        }),
        row({
          类别: 'G3',
          板块: '武进国家高新区',
          点位名称: '越界登记的点位',
          问题描述: '不属于湖塘镇',
          开始日期: '2025-06-01',
          计划完成日期: '2025-06-10',
        }),
        // Another 板块's task by its number: not one the importer sees, so a new task — in that 板块 again.
        row({ 任务编号: 'ZZ-2025-0002', 类别: 'G2', 板块: '武进国家高新区', 点位名称: '改名' }),
      ]),
    );
    expect(job.summary?.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 2 });
    const planned = await rowsOf(hutang, job.id);
    expect(errorsOf(planned, 4)).toEqual(['D:板块“武进国家高新区”不在您的数据范围内']);
    expect(errorsOf(planned, 5)).toContain('D:板块“武进国家高新区”不在您的数据范围内');
    expect(planned.find((r) => r.rowNumber === 5)?.warnings[0]).toContain('将登记为新任务');
    const refused = await commit(hutang, job);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('要么全部成功');
    expect(await tasks()).toHaveLength(3);
    const [task2] = await ctx.database.db
      .select()
      .from(campaignTasks)
      .where(eq(campaignTasks.taskNo, 'ZZ-2025-0002'));
    expect(task2?.pointName).toBe('南夏墅村出租房飞线充电');
  });

  it('places each error at its column: an unknown category, a due date before the start, a quantity of another category', async () => {
    const base = { 板块: '湖塘镇', 问题描述: '问题', 开始日期: '2025-06-10', 计划完成日期: '2025-06-20' };
    const job = await upload(
      cg,
      await sheet([
        row({ ...base, 类别: '拆违', 点位名称: '类别不存在' }),
        row({ ...base, 类别: 'G1', 点位名称: '完成早于开始', 计划完成日期: '2025-06-01' }),
        row({ ...base, 类别: '公厕改造', 点位名称: '数量填错类别', '拆除违建面积(㎡)': 50, 改造公厕座数: 1 }),
        row({ ...base, 类别: 'G1', 点位名称: '不是微更新', '投资(万元)': 10 }),
        row({ ...base, 类别: 'G1', 点位名称: '批次不存在', 批次: '第九批', 经度: 200 }),
      ]),
    );
    expect(job.summary?.counts).toEqual({ create: 0, update: 0, unchanged: 0, error: 5 });
    const planned = await rowsOf(cg, job.id);
    expect(errorsOf(planned, 3)).toEqual([expect.stringMatching(/^C:类别“拆违”不存在/)]);
    expect(errorsOf(planned, 4)).toEqual(['O:计划完成日期不能早于开始日期']);
    expect(errorsOf(planned, 5)).toEqual(['P:“拆除违建面积”不是“公厕改造”的数量，本行只填该类别的数量']);
    expect(errorsOf(planned, 6)).toEqual(['U:投资只填微更新项目，本行类别为“违章搭建整治”']);
    expect(errorsOf(planned, 7)).toEqual([
      'B:本行动没有批次“第九批”（现有：第一批）',
      'H:经度超出允许的范围',
    ]);
    expect(await tasks()).toHaveLength(3);
  });

  it('exports the list as the sheet that imports back unchanged; a change updates a task, but not an accepted one', async () => {
    // ZZ-2025-0001 accepted (the workflow has its own tests; here only its outcome matters).
    await ctx.database.db
      .update(campaignTasks)
      .set({ status: 'accepted', completedOn: '2025-06-01', acceptedOn: '2025-06-02', progress: 100 })
      .where(eq(campaignTasks.taskNo, 'ZZ-2025-0001'));
    const { res, ws } = await exported(cg);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '整治任务-2025-06-02.xlsx',
    );
    const header = values(ws, 1);
    expect(header.slice(0, 4)).toEqual(['任务编号', '批次', '类别', '板块']);
    expect(header).toEqual(expect.arrayContaining(['拆除违建面积(㎡)', '拆除违建处数', '投资(万元)']));
    expect(header.slice(-5)).toEqual(['状态', '亮灯', '逾期天数', '实际完成日期', '验收日期']);
    expect(ws.actualRowCount).toBe(4);
    const cellOf = (n: number, name: string) => values(ws, n)[header.indexOf(name)];
    expect([cellOf(2, '任务编号'), cellOf(2, '状态'), cellOf(2, '验收日期')]).toEqual([
      'ZZ-2025-0001',
      '已验收(销号)',
      '2025-06-02',
    ]);
    expect([cellOf(4, '类别'), cellOf(4, '投资(万元)'), cellOf(4, '亮灯')]).toEqual([
      '微更新项目',
      120.5,
      '绿灯',
    ]);

    const content = Buffer.from(await ws.workbook.xlsx.writeBuffer());
    const back = await upload(cg, content);
    expect(back.summary?.counts).toEqual({ create: 0, update: 0, unchanged: 3, error: 0 });
    expect(back.summary?.ignored).toEqual([]);

    // A 板块's export holds its own tasks, filtered as the list is.
    expect((await exported(hutang)).ws.actualRowCount).toBe(3);
    expect((await exported(hutang, '&status=accepted')).ws.actualRowCount).toBe(2);
    expect((await exported(cg, `&regionId=${gxqRegion}`)).ws.actualRowCount).toBe(2);

    // The accepted task's requirement and the 微更新's investment changed.
    ws.getRow(2).getCell(header.indexOf('整改要求') + 1).value = '拆除后补种绿化';
    ws.getRow(4).getCell(header.indexOf('投资(万元)') + 1).value = 130;
    const changed = await upload(cg, Buffer.from(await ws.workbook.xlsx.writeBuffer()));
    expect(changed.summary?.counts).toEqual({ create: 0, update: 1, unchanged: 1, error: 1 });
    const planned = await rowsOf(cg, changed.id);
    expect(errorsOf(planned, 2)).toEqual(['A:任务 ZZ-2025-0001 已验收销号，不能再修改']);
    expect(planned.find((r) => r.rowNumber === 4)?.changes).toEqual([
      { field: 'investment', label: '投资', before: '120.50 万元', after: '130.00 万元' },
    ]);
    expect((await commit(cg, changed)).statusCode).toBe(400);

    ws.getRow(2).getCell(header.indexOf('整改要求') + 1).value = '全部拆除并清理场地';
    const fixed = await upload(cg, Buffer.from(await ws.workbook.xlsx.writeBuffer()));
    expect(fixed.summary?.counts).toEqual({ create: 0, update: 1, unchanged: 2, error: 0 });
    expect((await committed(cg, fixed)).status).toBe('committed');
    const [micro] = await ctx.database.db
      .select()
      .from(campaignTasks)
      .where(eq(campaignTasks.taskNo, 'ZZ-2025-0003'));
    expect(micro).toMatchObject({ investmentYuan: 1_300_000, version: 2 });
    const edits = await ctx.database.db
      .select()
      .from(campaignTaskEvents)
      .where(and(eq(campaignTaskEvents.taskId, micro?.id ?? ''), eq(campaignTaskEvents.step, 'edit')));
    expect(edits).toHaveLength(1);
  });
});
