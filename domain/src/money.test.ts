import { describe, expect, it } from 'vitest';
import { formatWan, formatYi, wanToYuan, yiToYuan } from './money';

describe('money', () => {
  it.each([
    ['1', 10_000],
    ['1,234.5678', 12_345_678],
    ['0.00005', 1],
    ['0.00004', 0],
    ['16.5', 165_000],
    [' 3 500 ', 35_000_000],
  ])('万元 %s → %d 元', (text, yuan) => {
    expect(wanToYuan(text)).toBe(yuan);
  });

  it('converts 亿元 exactly (16.5亿元 is 1,650,000,000 元)', () => {
    expect(yiToYuan('16.5')).toBe(1_650_000_000);
    expect(yiToYuan('62.7')).toBe(6_270_000_000);
  });

  it('refuses what is not a number', () => {
    expect(wanToYuan('一百')).toBeNull();
    expect(wanToYuan('1.2.3')).toBeNull();
    expect(wanToYuan('')).toBeNull();
  });

  it('formats for tables and dashboards', () => {
    expect(formatWan(123_456_789)).toBe('12,345.68');
    expect(formatYi(1_650_000_000)).toBe('16.50');
    expect(formatYi(1_650_000_000, 1)).toBe('16.5');
  });
});
