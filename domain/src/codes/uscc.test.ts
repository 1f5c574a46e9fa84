import { describe, expect, it } from 'vitest';
import { checkUscc, computeUsccCheckChar, isValidUscc, usccRegionCode } from './uscc';

describe('统一社会信用代码 (GB 32100)', () => {
  it.each([
    ['91350100M000100Y43', 'worked example of the standard'],
    ['91512081MA62K0260E', 'second published vector'],
    ['91320412MAEUHUXQ7A', 'Wujin demo code'],
    ['91320412MAEEGUJ64N', 'Wujin demo code'],
    ['91320412MA5RGFLK6K', 'Wujin demo code'],
    ['91320412MAR53E945Y', 'Wujin demo code'],
    ['91320412MA2HRWNL9M', 'Wujin demo code'],
    ['91320412MA1KCYEL6P', 'Wujin demo code'],
    ['91320412MAPKL5K061', 'Wujin demo code'],
    ['91320412MATG21163A', 'Wujin demo code'],
  ])('accepts %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it('computes the check character of the worked example as 3', () => {
    expect(computeUsccCheckChar('91350100M000100Y4')).toBe('3');
    expect(computeUsccCheckChar('91512081MA62K0260')).toBe('E');
  });

  it.each([
    ['91320412MAEUHUXQ70', 'USCC_CHECKSUM'],
    ['91350100M000100Y44', 'USCC_CHECKSUM'],
    ['91350100M000100Y4Z', 'USCC_FORMAT'],
    ['91350100M000100Y4', 'USCC_FORMAT'],
    ['9135010OM000100Y43', 'USCC_FORMAT'],
    ['91A50100M000100Y43', 'USCC_FORMAT'],
    ['', 'USCC_FORMAT'],
  ])('refuses %s with %s', (code, reason) => {
    const result = checkUscc(code);
    expect(result.valid).toBe(false);
    expect(result.valid ? undefined : result.reason).toBe(reason);
  });

  it('normalises case and surrounding spaces before checking', () => {
    expect(checkUscc(' 91320412maeuhuxq7a ')).toEqual({ valid: true, normalized: '91320412MAEUHUXQ7A' });
  });

  it('maps a remainder of 0 to the check character 0', () => {
    // Every 17-character prefix has exactly one valid check character; scan prefixes until one ends in 0.
    const prefix = ['91320412MA0000000', '91320412MA0000001', '91320412MA0000002', '91320412MA0000003']
      .concat(Array.from({ length: 40 }, (_, i) => `91320412MA00000${String(i).padStart(2, '0')}`))
      .find((p) => computeUsccCheckChar(p) === '0');
    expect(prefix).toBeDefined();
    expect(isValidUscc(`${prefix}0`)).toBe(true);
  });

  it('reads the registering region', () => {
    expect(usccRegionCode('91320412MAEUHUXQ7A')).toBe('320412');
  });
});
