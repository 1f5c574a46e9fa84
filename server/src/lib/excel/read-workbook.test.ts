import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { type ColumnSpec, readTable } from '@groundbreak/domain';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkbookFile } from './read-workbook';

// The workbook reader on real .xlsx files built here: title rows over merged cells, a merged group
// header, formulas with cached values, Excel dates, several sheets, limits.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gb-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SPECS: ColumnSpec[] = [
  { key: 'name', label: '项目名称', kind: 'text' },
  { key: 'totalInvestment', label: '总投资', aliases: ['计划总投资'], kind: 'money', unit: 'wan' },
  { key: 'fixedAssetInvestment', label: '固定资产投资', kind: 'money', unit: 'wan' },
  { key: 'plannedStartOn', label: '计划开工日期', kind: 'date' },
];

async function write(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('readWorkbookFile', () => {
  it('reads merged titles and group headers, cached formula results, Excel dates and several sheets', async () => {
    const file = await write('plan.xlsx', (wb) => {
      const ws = wb.addWorksheet('省重大');
      ws.addRow(['2025年重大项目表']);
      ws.mergeCells('A1:D1');
      ws.addRow(['项目名称', '计划总投资（亿元）', '其中', '计划开工日期']);
      ws.addRow([null, null, '固定资产投资', null]);
      ws.mergeCells('A2:A3');
      ws.mergeCells('B2:B3');
      ws.mergeCells('D2:D3');
      ws.addRow(['燕龙项目', 15, 120000, new Date(Date.UTC(2025, 5, 26))]);
      ws.addRow(['道金项目', { formula: '1+2', result: 3 }, '25,000', '2025.5']);
      ws.addRow(['合计', { formula: 'SUM(B4:B5)', result: 18 }, 145000, null]);
      wb.addWorksheet('说明').addRow(['填表说明']);
      const second = wb.addWorksheet('区重点');
      second.addRow(['项目名称', '总投资']);
      second.addRow(['常诚车灯项目', '50000']);
    });
    const grids = await readWorkbookFile(file);
    expect(grids.map((g) => g.name)).toEqual(['省重大', '说明', '区重点']);
    const table = readTable(grids[0] as never, SPECS);
    expect(table?.headerRow).toBe(3);
    expect(table?.skipped.summary).toBe(1);
    expect(table?.rows.map((r) => r.values)).toEqual([
      {
        name: '燕龙项目',
        totalInvestment: 1_500_000_000,
        fixedAssetInvestment: 1_200_000_000,
        plannedStartOn: '2025-06-26',
      },
      {
        name: '道金项目',
        totalInvestment: 300_000_000,
        fixedAssetInvestment: 250_000_000,
        plannedStartOn: '2025-05-01',
      },
    ]);
    expect(readTable(grids[2] as never, SPECS)?.rows[0]?.values).toEqual({
      name: '常诚车灯项目',
      totalInvestment: 500_000_000,
    });
  });

  it('refuses a zip bomb from its directory, before anything inflates', async () => {
    // 200 MB of zeros deflate to about 200 KB: a ratio of about 1000.
    const data = Buffer.alloc(200 * 1024 * 1024);
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(local.length + name.length + packed.length, 16);
    const file = path.join(dir, 'bomb.xlsx');
    fs.writeFileSync(file, Buffer.concat([local, name, packed, central, name, end]));
    await expect(readWorkbookFile(file)).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringContaining('压缩炸弹'),
    });
  });

  it('refuses a file that is not a workbook, and one over the row limit', async () => {
    const fake = path.join(dir, 'fake.xlsx');
    fs.writeFileSync(fake, '项目名称,总投资\n甲,1\n');
    await expect(readWorkbookFile(fake)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const big = await write('big.xlsx', (wb) => {
      const ws = wb.addWorksheet('多');
      for (let i = 0; i < 50; i++) ws.addRow([`项目${i}`, i]);
    });
    await expect(
      readWorkbookFile(big, { maxBytes: 1024 * 1024, maxRows: 20, maxHeapMb: 256, timeoutMs: 30_000 }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});
