import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../lib/excel/write-workbook';
import { seedDemoData } from '../../seed/seed';
import { seedDemoProjects } from '../../seed/seed-projects';
import { type Client, createTestUsers, login, regionIdOf } from '../../testing/accounts';
import { createTestContext, type TestContext } from '../../testing/test-app';

// The standard reports reconcile with the overview of the same scope and period: the 推进表's 合计 is the
// tier's 完成投资 of its annual plan and its rows the tier's projects, the 板块汇总表 is the overview's
// children, the 问题台账 holds the problems the overview's 问题办结率 counts.

type Cell = ExcelJS.CellValue;
type Measure = { value: number; of: number | null; rate: number | null };
type Tier = { level: string; projects: number; investment: Measure; entries: Measure };
type Child = {
  regionName: string;
  projects: number;
  investment: Measure;
  starts: Measure;
  entries: Measure;
  problems: Measure;
  composite: { score: number };
  ranks: { composite: number };
};

/** Integer 元 as the sheets show it: 万元 rounded to 2 decimals. */
const wan = (yuan: number) => Math.round(yuan / 100) / 100;

describe('standard reports (Excel)', () => {
  let ctx: TestContext;
  let drc: Client;
  let gxq: Client;
  let qiye: Client;
  let gxqId: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    ctx.clock.set(new Date('2026-11-27T09:00:00+08:00'));
    await seedDemoData(ctx.database.db, ctx.clock.now());
    await seedDemoProjects(ctx.database.db, ctx.clock.now(), {
      protector: ctx.protector,
      dataDir: ctx.dataDir,
    });
    await createTestUsers(ctx.database.db, [
      { username: 'drc', roles: ['drc'], orgCode: 'WJ-DRC', scopeCodes: ['320412'] },
      { username: 'gxq', roles: ['subarea_operator'], orgCode: 'WJ-GXQ-ADM', scopeCodes: ['WJ-GXQ'] },
      { username: 'qiye', roles: ['enterprise'], orgCode: 'WJ-DRC', enterpriseUscc: '91320412MAEUHUXQ7A' },
    ]);
    drc = await login(ctx.app, 'drc');
    gxq = await login(ctx.app, 'gxq');
    qiye = await login(ctx.app, 'qiye');
    gxqId = await regionIdOf(ctx.database.db, 'WJ-GXQ');
  });
  afterAll(() => ctx.close());

  /** The downloaded workbook: the report sheet (header first, blank cells null) and the notes by name. */
  async function download(client: Client, url: string, fileName: string) {
    const res = await client.inject({ url });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(fileName)}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [sheet, notesSheet] = book.worksheets;
    const grid = (s: ExcelJS.Worksheet | undefined) => {
      const out: Cell[][] = [];
      s?.eachRow((row) => {
        out.push(Array.from({ length: s.columnCount }, (_, i) => row.getCell(i + 1).value ?? null));
      });
      return out;
    };
    const [header = [], ...rows] = grid(sheet);
    const notes = new Map(grid(notesSheet).map((r) => [String(r[0]), String(r[1])]));
    return { header, rows, notes };
  }
  const overview = async (client: Client, query: string) => {
    const res = await client.inject({ url: `/api/stats/overview?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      region: { name: string };
      tiers: Tier[];
      investment: Measure;
      problems: Measure;
      children: Child[];
    };
  };
  const tierOf = (o: { tiers: Tier[] }, level: string) => o.tiers.find((t) => t.level === level) as Tier;
  const isLabel = (r: Cell[]) => typeof r[0] === 'string';

  it('推进表 of the 省重大 tier, Q1 2025: its rows are the tier\u2019s 11 projects and its 合计 the tier\u2019s 16.5亿元 of 62.7亿元', async () => {
    const o = await overview(drc, 'year=2025&month=3');
    const province = tierOf(o, 'province');
    const { header, rows, notes } = await download(
      drc,
      '/api/stats/reports/progress?level=province&year=2025&month=3',
      '武进区省重大项目月度推进表（2025年1至3月）.xlsx',
    );
    expect(header).toEqual([
      '序号',
      '项目名称',
      '建设单位',
      '建设内容',
      '总投资（万元）',
      '年度计划（万元）',
      '本月完成（万元）',
      '自年初累计（万元）',
      '完成率',
      '形象进度',
      '存在问题',
    ]);
    const projects = rows.filter((r) => !isLabel(r));
    expect(projects.length).toBe(province.projects);
    expect(projects.map((r) => r[0])).toEqual(projects.map((_, i) => i + 1));
    for (const r of projects) {
      expect(r[1]).toEqual(expect.any(String));
      expect(r[2]).toEqual(expect.any(String)); // 建设单位
      expect(r[5]).toEqual(expect.any(Number)); // every 省重大 project has a plan line
      expect(r[8]).toMatch(/^\d+\.\d%$/);
    }
    // Every project of the tier is in the plan: one 合计 row, no 其中 row.
    expect(rows.filter(isLabel).map((r) => r[0])).toEqual(['合计']);
    const total = rows.at(-1) as Cell[];
    expect(total[5]).toBe(wan(province.investment.of as number));
    expect(total[7]).toBe(wan(province.investment.value));
    expect([total[5], total[7]]).toEqual([627_000, 165_000]);
    expect(total[8]).toBe('26.3%');
    // The 合计 is the column's sum (each row rounded to the cent of 万元 on its own).
    const column = (i: number) => projects.reduce((s, r) => s + Number(r[i] ?? 0), 0);
    expect(Math.abs(column(7) - (total[7] as number))).toBeLessThan(0.01 * projects.length);
    expect(Math.abs(column(6) - (total[6] as number))).toBeLessThan(0.01 * projects.length);
    expect(total[6]).toBeGreaterThan(0); // March reports are counted
    expect(notes.get('统计范围')).toBe('武进区');
    expect(notes.get('统计期间')).toBe('2025年1至3月');
    expect(notes.get('数据时间')).toContain('2026-11-27 09:00');
  });

  it('推进表 of a tier with unplanned projects that reported: the 其中 row is the tier\u2019s 完成投资 of its plan', async () => {
    const o = await overview(drc, 'year=2026&month=10');
    const district = tierOf(o, 'district');
    const { rows } = await download(
      drc,
      '/api/stats/reports/progress?level=district&year=2026&month=10',
      '武进区区重点项目月度推进表（2026年1至10月）.xlsx',
    );
    expect(rows.filter((r) => !isLabel(r)).length).toBe(district.projects);
    const total = rows.find((r) => r[0] === '合计') as Cell[];
    const planned = rows.find((r) => r[0] === '其中：列入年度计划') as Cell[];
    expect(planned[5]).toBe(wan(district.investment.of as number));
    expect(planned[7]).toBe(wan(district.investment.value));
    expect(planned[8]).toMatch(/^\d+\.\d%$/);
    expect(total[5]).toBe(planned[5]);
    expect(total[7] as number).toBeGreaterThan(planned[7] as number);
    expect(total[8]).toBeNull();
    // An unplanned project shows what it reported, without a rate.
    const unplanned = rows.find((r) => !isLabel(r) && r[5] === null && Number(r[7]) > 0) as Cell[];
    expect(unplanned[8]).toBeNull();
  });

  it.each([
    ['year=2025&month=3', '2025年1至3月'],
    ['year=2026&month=11', '2026年1至11月'],
  ])(
    '板块汇总表 (%s) is the overview\u2019s children, and its 合计 the scope\u2019s totals',
    async (query, period) => {
      const o = await overview(drc, query);
      const { header, rows } = await download(
        drc,
        `/api/stats/reports/subareas?${query}`,
        `武进区板块汇总表（${period}）.xlsx`,
      );
      expect(header[0]).toBe('板块');
      expect(header.at(-1)).toBe('综合排名');
      expect(rows.length).toBe(o.children.length + 1);
      o.children.forEach((c, i) => {
        expect(rows[i]).toEqual([
          c.regionName,
          c.projects,
          wan(c.investment.of ?? 0),
          wan(c.investment.value),
          c.investment.rate === null ? null : `${(Math.round(c.investment.rate * 1000) / 10).toFixed(1)}%`,
          c.starts.of === null ? null : `${c.starts.value}/${c.starts.of}`,
          c.starts.rate === null ? null : expect.stringMatching(/%$/),
          c.entries.value,
          c.entries.of,
          c.problems.of === null ? null : `${c.problems.value}/${c.problems.of}`,
          expect.closeTo(c.composite.score, 1),
          c.ranks.composite,
        ]);
      });
      const total = rows.at(-1) as Cell[];
      const sum = (pick: (c: Child) => number | null) => o.children.reduce((s, c) => s + (pick(c) ?? 0), 0);
      expect(total[0]).toBe('合计');
      // Every project of the demo district lies in a 板块, so the children add up to the scope's figures.
      expect(total[1]).toBe(sum((c) => c.projects));
      expect(total[2]).toBe(wan(o.investment.of as number));
      expect(total[3]).toBe(wan(o.investment.value));
      expect(total[5]).toBe(`${sum((c) => c.starts.value)}/${sum((c) => c.starts.of)}`);
      expect(total[7]).toBe(tierOf(o, 'district').entries.value);
      expect(total[9]).toBe(`${o.problems.value}/${o.problems.of}`);
    },
  );

  it('问题台账 holds exactly the problems the overview counts: assigned from 1 January to the period\u2019s end', async () => {
    const counts: number[] = [];
    for (const [year, month] of [
      [2025, 3],
      [2026, 10],
      [2026, 11],
    ] as const) {
      const o = await overview(drc, `year=${year}&month=${month}`);
      const { header, rows } = await download(
        drc,
        `/api/stats/reports/problems?year=${year}&month=${month}`,
        `武进区问题台账（${year}年1至${month}月）.xlsx`,
      );
      expect(header).toEqual([
        '问题编号',
        '项目名称',
        '板块',
        '问题标题',
        '问题类型',
        '级别',
        '责任单位',
        '交办日期',
        '办理时限',
        '状态',
        '销号日期',
      ]);
      expect(rows.length).toBe(o.problems.of);
      expect(rows.filter((r) => r[9] === '已销号').length).toBe(o.problems.value);
      for (const r of rows) {
        const assigned = r[7] as Date;
        expect(assigned).toBeInstanceOf(Date);
        expect(assigned.toISOString().slice(0, 7) <= `${year}-${String(month).padStart(2, '0')}`).toBe(true);
        expect(r[5]).toMatch(/^L[1-4]$/);
        expect(r[6]).toEqual(expect.any(String));
      }
      counts.push(rows.length);
    }
    // The period's end bounds the ledger: problems of November are in the November ledger only.
    expect(counts[0]).toBe(0);
    expect(counts[1]).toBeGreaterThan(0);
    expect(counts[2]).toBeGreaterThan(counts[1] as number);
  });

  it('is scoped: a 板块 gets its own rows only; another region is 404, an enterprise 403, a bad level 400', async () => {
    const own = await download(
      gxq,
      '/api/stats/reports/progress?level=district&year=2025&month=3',
      '武进国家高新区区重点项目月度推进表（2025年1至3月）.xlsx',
    );
    const list = (
      await drc.inject({ url: `/api/projects?level=district&year=2025&regionId=${gxqId}&pageSize=100` })
    ).json();
    const names = own.rows.filter((r) => !isLabel(r)).map((r) => r[1]);
    expect(names.length).toBeGreaterThan(0);
    expect(names.sort()).toEqual(list.items.map((p: { name: string }) => p.name).sort());

    const ledger = await download(
      gxq,
      '/api/stats/reports/problems?year=2026&month=11',
      '武进国家高新区问题台账（2026年1至11月）.xlsx',
    );
    expect(ledger.rows.length).toBe((await overview(gxq, 'year=2026&month=11')).problems.of);
    for (const r of ledger.rows) expect(r[2]).toBe('武进国家高新区');

    const district = await regionIdOf(ctx.database.db, '320412');
    for (const report of ['progress?level=province&', 'subareas?', 'problems?']) {
      const url = `/api/stats/reports/${report}regionId=${district}`;
      expect((await gxq.inject({ url })).statusCode).toBe(404);
      expect((await qiye.inject({ url: `/api/stats/reports/${report}year=2025` })).statusCode).toBe(403);
    }
    expect((await drc.inject({ url: '/api/stats/reports/progress?level=yi' })).statusCode).toBe(400);
    expect((await drc.inject({ url: '/api/stats/reports/progress?level=town' })).statusCode).toBe(400);
    const noLevel = await drc.inject({ url: '/api/stats/reports/progress?year=2025&month=3' });
    expect(noLevel.statusCode).toBe(400);
    expect(noLevel.json().error.details.fields[0].field).toBe('level');
  });
});
