import { describe, expect, it } from 'vitest';
import { normaliseCompanyName, normaliseUscc, toHalfWidth } from './names';

describe('normaliseCompanyName', () => {
  it('drops the legal form at the end', () => {
    expect(normaliseCompanyName('燕龙汽车零部件有限公司')).toBe('燕龙汽车零部件');
    expect(normaliseCompanyName('燕龙汽车零部件有限责任公司')).toBe('燕龙汽车零部件');
    expect(normaliseCompanyName('燕龙汽车零部件股份有限公司')).toBe('燕龙汽车零部件');
    expect(normaliseCompanyName('燕龙集团有限公司')).toBe('燕龙');
    expect(normaliseCompanyName('燕龙集团')).toBe('燕龙');
  });

  it('drops places in front and in brackets, full- or half-width', () => {
    const key = '燕龙汽车零部件';
    expect(normaliseCompanyName('常州燕龙汽车零部件有限公司')).toBe(key);
    expect(normaliseCompanyName('江苏常州燕龙汽车零部件有限公司')).toBe(key);
    expect(normaliseCompanyName('燕龙汽车零部件（常州）有限公司')).toBe(key);
    expect(normaliseCompanyName('燕龙汽车零部件(中国)有限公司')).toBe(key);
    expect(normaliseCompanyName('燕龙汽车零部件（江苏常州）有限公司')).toBe(key);
    expect(normaliseCompanyName(' 燕龙 汽车·零部件 有限公司 ')).toBe(key);
  });

  it('keeps a bracket that is not a place, and a name that is only a place', () => {
    expect(normaliseCompanyName('道金（智能）制造有限公司')).toBe('道金智能制造');
    expect(normaliseCompanyName('常州有限公司')).toBe('常州');
    expect(normaliseCompanyName('常州')).toBe('常州');
  });

  it('tells different investors apart', () => {
    expect(normaliseCompanyName('常州燕龙汽车零部件有限公司')).not.toBe(
      normaliseCompanyName('常州燕飞汽车零部件有限公司'),
    );
  });

  it('drops English legal forms and case', () => {
    expect(normaliseCompanyName('ＡＢＣ Tech Co., Ltd.')).toBe('abctech');
    expect(normaliseCompanyName('abc tech limited')).toBe('abctech');
  });
});

describe('normaliseUscc and toHalfWidth', () => {
  it('compares codes without spaces and case', () => {
    expect(normaliseUscc(' 91320412mA1x2y3z4k ')).toBe('91320412MA1X2Y3Z4K');
    expect(normaliseUscc('')).toBeNull();
    expect(normaliseUscc(null)).toBeNull();
    expect(normaliseUscc('９１３２')).toBe('9132');
  });
  it('turns full-width characters and the ideographic space half-width', () => {
    expect(toHalfWidth('（Ａ１）\u3000')).toBe('(A1) ');
  });
});
