import { describe, expect, it } from 'vitest';
import { maskPersonalFields, maskPhone } from './privacy';

describe('masking personal data', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0519-86681234', '0519-****1234'],
    ['12345', '****'],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('masks phones and hides secrets in an audit summary', () => {
    expect(maskPersonalFields({ name: '张三', phone: '13812345678', password: 'Secret123!' })).toEqual({
      name: '张三',
      phone: '138****5678',
      password: '已修改',
    });
  });
});
