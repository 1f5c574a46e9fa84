import { describe, expect, it } from 'vitest';
import { cleanFileName } from './file-name';

describe('cleanFileName', () => {
  it.each([
    ['投资协议.pdf', '投资协议.pdf'],
    ['C:\\Users\\张三\\备案证.pdf', '备案证.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['a\u0000b.pdf', 'ab.pdf'],
    ['\r\n报告.xlsx\t', '报告.xlsx'],
    ['\uD800x.pdf', '\uFFFDx.pdf'],
    ['发票\u202Efdp.exe', '发票fdp.exe'],
    ['报告\u0085\u2066.pdf', '报告.pdf'],
    ['..', ''],
    ['   ', ''],
  ])('%j → %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });

  it('keeps at most 200 characters, counting a Chinese character or an emoji as one', () => {
    expect([...cleanFileName(`${'测'.repeat(300)}.pdf`)].length).toBe(200);
    expect(cleanFileName('🀄'.repeat(250))).toBe('🀄'.repeat(200));
  });
});
