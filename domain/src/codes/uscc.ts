// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (no I, O, S, V, Z);
// the 18th is a mod-31 check character over the first 17 with weights 3^(i-1) mod 31.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccCheck =
  | { valid: true; normalized: string }
  | { valid: false; reason: 'USCC_FORMAT' | 'USCC_CHECKSUM'; normalized: string };

/** The expected 18th character for the first 17 characters of a code (already upper-cased and shape-checked). */
export function computeUsccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CHARSET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  return CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** Checks shape and check character; input is trimmed and upper-cased first. */
export function checkUscc(raw: string): UsccCheck {
  const normalized = raw.trim().toUpperCase();
  if (!SHAPE.test(normalized)) return { valid: false, reason: 'USCC_FORMAT', normalized };
  if (computeUsccCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) {
    return { valid: false, reason: 'USCC_CHECKSUM', normalized };
  }
  return { valid: true, normalized };
}

/** True when the code has the GB 32100 shape and a correct check character. */
export function isValidUscc(raw: string): boolean {
  return checkUscc(raw).valid;
}

/** The 6-digit GB/T 2260 division code of the registering authority (characters 3–8). */
export function usccRegionCode(uscc: string): string {
  return uscc.trim().toUpperCase().slice(2, 8);
}
