import { isValidPhone } from './projects/validators';

// Personal data never appears in clear outside the record it belongs to (audit summaries, exports).
// Inventory (docs/security.md): mobile and landline numbers (users.phone, projects.contact_phone) are
// encrypted at rest and masked in every answer; names of contact people and legal representatives are
// shown to the roles that work the project; no ID numbers are stored yet — a module that adds one masks
// it with maskIdNumber and stores it like a phone.

/** 13812345678 → 138****5678; 0519-86681234 → 0519-****1234; short values are masked whole. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length < 7) return '****';
  return `${digits.slice(0, digits.length - 8)}****${digits.slice(-4)}`;
}

/** 32041219800101123X → 320412********123X (region and the last four kept); short values masked whole. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length < 15) return '****';
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

/** What a phone is indexed and searched by: its digits (0519-86681234 and 051986681234 are one number). */
export function phoneIndexKey(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** The index key of a search text that is a whole phone number; null when it is not one. */
export function phoneSearchKey(q: string): string | null {
  const s = q.trim().replace(/\s/g, '');
  return isValidPhone(s) ? phoneIndexKey(s) : null;
}

const PHONES_IN_TEXT = /(?<!\d)(?:(1[3-9]\d)\d{4}(\d{4})|(0\d{2,3}-?)\d{3,4}(\d{4}))(?!\d)/g;

/** Every whole phone number inside a text (a URL, a message) masked: for logs and audit summaries. */
export function maskPhonesInText(text: string): string {
  return text.replace(PHONES_IN_TEXT, (_m, mobileHead, mobileTail, areaHead, areaTail) =>
    mobileHead ? `${mobileHead}****${mobileTail}` : `${areaHead}****${areaTail}`,
  );
}

const ID_KEYS = new Set(['idNumber', 'idCardNumber']);
const PERSONAL_KEYS = new Set(['phone', 'mobile', 'contactPhone', 'legalRepresentativePhone']);
const SECRET_KEYS = new Set(['password', 'passwordHash', 'newPassword', 'currentPassword', 'totpSecret']);

/** A copy of a record fit for an audit summary: phones masked, secrets reduced to "已修改". */
export function maskPersonalFields(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (SECRET_KEYS.has(key)) out[key] = '已修改';
    else if (PERSONAL_KEYS.has(key) && typeof value === 'string') out[key] = maskPhone(value);
    else if (ID_KEYS.has(key) && typeof value === 'string') out[key] = maskIdNumber(value);
    else out[key] = value;
  }
  return out;
}
