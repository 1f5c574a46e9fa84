import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPersonalFields, maskPhone, maskPhonesInText, phoneSearchKey } from './privacy';

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

  it.each([
    ['32041219800101123X', '320412********123X'],
    ['320412800101123', '320412*****1123'],
    ['3204', '****'],
  ])('ID number %s → %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it('masks ID numbers in an audit summary too', () => {
    expect(maskPersonalFields({ idNumber: '32041219800101123X' })).toEqual({
      idNumber: '320412********123X',
    });
  });

  it.each([
    ['13812345678', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['0519-86681234', '051986681234'],
    ['051986681234', '051986681234'],
    ['1381234567', null],
    ['燕龙', null],
    ['WJ-2025-0001', null],
  ])('searching %j looks up the phone index %j', (q, key) => {
    expect(phoneSearchKey(q)).toBe(key);
  });

  it.each([
    ['/api/projects?q=13812345678&state=STARTED', '/api/projects?q=138****5678&state=STARTED'],
    ['/api/projects?q=0519-86681234', '/api/projects?q=0519-****1234'],
    ['/api/projects?q=051986681234', '/api/projects?q=0519****1234'],
    ['/api/projects?page=2&year=2025', '/api/projects?page=2&year=2025'],
    ['联系人电话 13912345678，备用 13812345679', '联系人电话 139****5678，备用 138****5679'],
    ['2025-320412-36-03-222222', '2025-320412-36-03-222222'],
  ])('masks the phones inside %j', (text, masked) => {
    expect(maskPhonesInText(text)).toBe(masked);
  });
});
