// Personal data never appears in clear outside the record it belongs to (audit summaries, exports).

/** 13812345678 → 138****5678; 0519-86681234 → 0519-****1234; short values are masked whole. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length < 7) return '****';
  return `${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`;
}

const PERSONAL_KEYS = new Set(['phone', 'mobile', 'contactPhone', 'legalRepresentativePhone', 'idNumber']);
const SECRET_KEYS = new Set(['password', 'passwordHash', 'newPassword', 'currentPassword', 'totpSecret']);

/** A copy of a record fit for an audit summary: phones masked, secrets reduced to "已修改". */
export function maskPersonalFields(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (SECRET_KEYS.has(key)) out[key] = '已修改';
    else if (PERSONAL_KEYS.has(key) && typeof value === 'string') out[key] = maskPhone(value);
    else out[key] = value;
  }
  return out;
}
