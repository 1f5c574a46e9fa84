import { describe, expect, it } from 'vitest';
import { inspectZip } from './zip';

// Only the central directory is read: a zip is built here with the sizes its entries declare.
function zipOf(entries: { name: string; compressed: number; uncompressed: number }[]): Uint8Array {
  const central: number[] = [];
  const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  const u32 = (n: number) => [...u16(n & 0xffff), ...u16((n >>> 16) & 0xffff)];
  for (const e of entries) {
    const name = [...new TextEncoder().encode(e.name)];
    central.push(
      ...u32(0x02014b50),
      ...u16(20),
      ...u16(20),
      ...u16(0),
      ...u16(8),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(e.compressed),
      ...u32(e.uncompressed),
      ...u16(name.length),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(0),
      ...name,
    );
  }
  const eocd = [
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(entries.length),
    ...u16(entries.length),
    ...u32(central.length),
    ...u32(0),
    ...u16(0),
  ];
  return Uint8Array.from([...central, ...eocd]);
}

describe('zip inspection before parsing', () => {
  it('accepts an office file: a few entries, ordinary ratios', () => {
    const result = inspectZip(
      zipOf([
        { name: '[Content_Types].xml', compressed: 400, uncompressed: 1500 },
        { name: 'xl/worksheets/sheet1.xml', compressed: 600_000, uncompressed: 9_000_000 },
      ]),
    );
    expect(result).toEqual({ ok: true, entries: 2, uncompressedBytes: 9_001_500 });
  });

  it('refuses a bomb by ratio, by total size, and by entry count', () => {
    const bomb = inspectZip(
      zipOf([{ name: 'xl/worksheets/sheet1.xml', compressed: 10_000, uncompressed: 4_000_000_000 }]),
    );
    expect(bomb).toMatchObject({ ok: false, message: expect.stringContaining('压缩炸弹') });
    const big = inspectZip(
      zipOf(
        Array.from({ length: 40 }, (_v, i) => ({
          name: `p${i}`,
          compressed: 1_000_000,
          uncompressed: 9_000_000,
        })),
      ),
    );
    expect(big).toMatchObject({ ok: false, message: expect.stringContaining('300 MB') });
    const many = inspectZip(
      zipOf(Array.from({ length: 2001 }, (_v, i) => ({ name: `p${i}`, compressed: 1, uncompressed: 1 }))),
    );
    expect(many).toMatchObject({ ok: false, message: expect.stringContaining('文件过多') });
    expect(inspectZip(Uint8Array.from([1, 2, 3]))).toMatchObject({ ok: false });
  });
});
