import { describe, expect, it } from 'vitest';
import {
  type ColumnSpec,
  columnLetter,
  type Grid,
  locateTable,
  normalizeHeader,
  readRows,
  readTable,
  readTables,
} from './table';
import { neutralizeFormula, parseDate, parseMoney, parseNumber, restoreNeutralized } from './values';

const SPECS: ColumnSpec[] = [
  { key: 'name', label: '项目名称', kind: 'text' },
  { key: 'projectCode', label: '项目代码', kind: 'text' },
  {
    key: 'totalInvestment',
    label: '总投资',
    aliases: ['计划总投资', '项目总投资'],
    kind: 'money',
    unit: 'wan',
  },
  { key: 'fixedAssetInvestment', label: '固定资产投资', kind: 'money', unit: 'wan' },
  {
    key: 'annualPlan',
    label: '年度计划投资',
    aliases: ['计划投资', '本年计划投资'],
    kind: 'money',
    unit: 'wan',
  },
  { key: 'plannedStartOn', label: '计划开工日期', aliases: ['计划开工时间'], kind: 'date' },
  {
    key: 'landUse',
    label: '用地方式',
    kind: 'choice',
    choices: { new_land: '新增用地', leased_plant: '租赁厂房' },
    synonyms: { 租赁: 'leased_plant' },
  },
];

describe('cells as offices type them', () => {
  it.each([
    [1234.5, 'wan', 12_345_000],
    ['1,234.5', 'wan', 12_345_000],
    ['1 234.5', 'wan', 12_345_000],
    ['１２３４．５', 'wan', 12_345_000],
    ['16.5', 'yi', 1_650_000_000],
    [0.30000000000000004, 'yi', 30_000_000],
    ['12345.4', 'yuan', 12_345],
    ['3万元', 'wan', 30_000],
  ] as const)('money %s in %s → %s 元', (cell, unit, yuan) => {
    expect(parseMoney(cell, unit)).toEqual({ ok: true, value: yuan });
  });

  it('refuses what is not an amount, never guessing', () => {
    expect(parseMoney('约3000', 'wan')).toMatchObject({ ok: false });
    expect(parseMoney('-5', 'wan')).toMatchObject({ ok: false, message: '金额不能为负数' });
    expect(parseNumber('1.2.3')).toMatchObject({ ok: false });
  });

  it.each([
    [new Date(Date.UTC(2025, 2, 1)), '2025-03-01'],
    [45717, '2025-03-01'],
    ['2025-03-01', '2025-03-01'],
    ['2025/3/1', '2025-03-01'],
    ['2025.3.1', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    ['20250301', '2025-03-01'],
    ['2025年3月', '2025-03-01'],
    ['2025.3', '2025-03-01'],
    ['2025-03', '2025-03-01'],
  ] as const)('date %s → %s', (cell, date) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: date });
  });

  it('an impossible or unknown date is an error for that cell', () => {
    expect(parseDate('2025-02-30')).toMatchObject({ ok: false });
    expect(parseDate('2025年13月')).toMatchObject({ ok: false });
    expect(parseDate('三月初')).toMatchObject({ ok: false });
  });

  it('neutralises formula-like text on the way out and restores it on the way back', () => {
    for (const text of ['=1+1', '+86', '-x', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutralizeFormula(text)).toBe(`'${text}`);
      expect(restoreNeutralized(neutralizeFormula(text))).toBe(text);
    }
    expect(neutralizeFormula('燕龙项目')).toBe('燕龙项目');
    expect(restoreNeutralized("'普通文字")).toBe("'普通文字");
  });
});

describe('finding the table', () => {
  it('takes a unit from a title only as units are written: “亿元以上项目” is not a unit', () => {
    const title = (text: string): Grid => ({
      name: '推进表',
      rows: [
        [text, text, text],
        ['项目名称', '总投资', '计划开工时间'],
        ['某项目', '1.5', '2026.3'],
      ],
    });
    expect(readTable(title('2026年亿元以上重大项目推进表'), SPECS)?.rows[0]?.values.totalInvestment).toBe(
      15_000,
    );
    expect(readTable(title('重大项目推进表（单位：亿元）'), SPECS)?.rows[0]?.values.totalInvestment).toBe(
      150_000_000,
    );
  });

  it('skips rows whose read columns are empty even when a 序号 is there, and reads a long sheet in slices', () => {
    const grid: Grid = {
      name: '项目',
      rows: [
        ['序号', '项目名称', '总投资'],
        [1, '甲', 100],
        [2, null, null],
        [3, '乙', 200],
        [4, '丙', 300],
      ],
    };
    const table = readTable(grid, SPECS);
    expect(table?.rows.map((r) => r.values.name)).toEqual(['甲', '乙', '丙']);
    expect(table?.skipped).toEqual({ blank: 1, summary: 0 });
    const head = locateTable(grid, SPECS);
    if (!head) throw new Error('no head');
    const first = readRows(grid, head, 0, 3);
    const rest = readRows(grid, head, 3);
    expect([...first.rows, ...rest.rows].map((r) => r.row)).toEqual([2, 4, 5]);
  });

  it('takes the unit of a merged group header for the columns under it', () => {
    const grid: Grid = {
      name: '计划',
      rows: [
        ['项目名称', '投资情况（亿元）', '投资情况（亿元）', '开工'],
        ['项目名称', '总投资', '2026年计划投资', '计划开工时间'],
        ['某项目', '1.5', 0.25, '2026.3'],
      ],
    };
    const table = readTable(grid, SPECS);
    expect(table?.columns.map((c) => [c.spec.key, c.unit, c.year])).toEqual([
      ['name', null, null],
      ['totalInvestment', 'yi', null],
      ['annualPlan', 'yi', 2026],
      ['plannedStartOn', null, null],
    ]);
    expect(table?.rows[0]?.values).toEqual({
      name: '某项目',
      totalInvestment: 150_000_000,
      annualPlan: 25_000_000,
      plannedStartOn: '2026-03-01',
    });
  });

  it('reads past title rows, a two-row header under merged group cells, units and years in headers', () => {
    const grid: Grid = {
      name: '省重大项目',
      rows: [
        [
          '2025年武进区重大项目计划表',
          '2025年武进区重大项目计划表',
          '2025年武进区重大项目计划表',
          null,
          null,
          null,
        ],
        ['填报单位：武进国家高新区', null, null, null, null, '单位：万元'],
        ['项目名称', '计划总投资（亿元）', '其中', '其中', '2025年计划投资', '计划开工时间'],
        ['项目名称', '计划总投资（亿元）', '固定资产投资', '设备投资', '2025年计划投资', '计划开工时间'],
        ['燕龙汽车零部件项目', '15', '12,000', '4000', '3500', '2025.6'],
        [null, null, null, null, null, null],
        ['道金粉体产线项目', '3', '25000', '8000', '12000', '2025年5月20日'],
        ['合计', '18', '37000', '12000', '15500', null],
      ],
    };
    const table = readTable(grid, SPECS);
    expect(table?.headerRow).toBe(4);
    expect(table?.columns.map((c) => [c.letter, c.spec.key, c.unit, c.year])).toEqual([
      ['A', 'name', null, null],
      ['B', 'totalInvestment', 'yi', null],
      ['C', 'fixedAssetInvestment', null, null],
      ['E', 'annualPlan', null, 2025],
      ['F', 'plannedStartOn', null, null],
    ]);
    expect(table?.ignored).toEqual(['设备投资']);
    expect(table?.skipped).toEqual({ blank: 1, summary: 1 });
    expect(table?.rows.map((r) => [r.row, r.values])).toEqual([
      [
        5,
        {
          name: '燕龙汽车零部件项目',
          totalInvestment: 1_500_000_000,
          fixedAssetInvestment: 120_000_000,
          annualPlan: 35_000_000,
          plannedStartOn: '2025-06-01',
        },
      ],
      [
        7,
        {
          name: '道金粉体产线项目',
          totalInvestment: 300_000_000,
          fixedAssetInvestment: 250_000_000,
          annualPlan: 120_000_000,
          plannedStartOn: '2025-05-20',
        },
      ],
    ]);
  });

  it('names sheet, row and column of every cell it cannot read', () => {
    const grid: Grid = {
      name: '区重点',
      rows: [
        ['项目名称', '总投资(万元)', '用地方式', '计划开工日期'],
        ['甲项目', '约3000', '租赁', '2025-02-30'],
        ['乙项目', '5000', '划拨', '2025-04-01'],
      ],
    };
    const table = readTable(grid, SPECS);
    expect(table?.rows[0]?.values).toEqual({ name: '甲项目', landUse: 'leased_plant' });
    expect(table?.rows[0]?.errors.map((e) => [e.sheet, e.row, e.column, e.header])).toEqual([
      ['区重点', 2, 'B', '总投资(万元)'],
      ['区重点', 2, 'D', '计划开工日期'],
    ]);
    expect(table?.rows[1]?.errors[0]?.message).toContain('不在可选值中');
  });

  it('reads several sheets and names those without a header', () => {
    const result = readTables(
      [
        { name: '说明', rows: [['本表由区发改局汇总']] },
        {
          name: '一',
          rows: [
            ['项目名称', '总投资'],
            ['甲', '1'],
          ],
        },
        {
          name: '二',
          rows: [
            ['序号', '项目名称', '项目总投资'],
            [1, '乙', '2'],
          ],
        },
        { name: '空', rows: [] },
      ],
      SPECS,
    );
    expect(result.tables.map((t) => [t.sheet, t.rows.map((r) => r.values.name)])).toEqual([
      ['一', ['甲']],
      ['二', ['乙']],
    ]);
    expect(result.tables[1]?.ignored).toEqual(['序号']);
    expect(result.sheetsWithoutHeader).toEqual(['说明']);
  });

  it('normalises header variants', () => {
    expect(normalizeHeader(' 总投资\n（亿元）*')).toBe('总投资');
    expect(normalizeHeader('2025年度计划投资')).toBe('计划投资');
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(26)).toBe('AA');
  });
});
