import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './text-input';

describe('findUnstorableText', () => {
  it.each([
    [{ name: '燕龙', list: ['a', { b: '正常' }] }, null],
    [{ name: 'a\u0000b' }, 'name'],
    [{ list: ['ok', { deep: '\uD800' }] }, 'list[1].deep'],
    [{ 'key\u0000': 1 }, 'key\u0000'],
    [{ pair: '𠮷' }, null],
    ['\uDC00', ''],
  ])('%j → %j', (value, path) => {
    expect(findUnstorableText(value)).toBe(path);
  });

  it('answers for input nested ten thousand levels deep instead of overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(findUnstorableText(deep)).toMatch(/…$/);
    let fine: unknown = 'x';
    for (let i = 0; i < 20; i++) fine = [fine];
    expect(findUnstorableText(fine)).toBeNull();
  });
});
