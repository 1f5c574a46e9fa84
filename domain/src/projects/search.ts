import { pinyin } from 'pinyin-pro';

// Keyword search over Chinese text that finds one-character terms as well as longer ones. Each searchable
// text is cut into its single characters and adjacent pairs ("grams"); a term of one or two characters
// is one gram, a longer term is the set of its pairs plus a substring check. A GIN index on the grams
// answers all three without a full scan, which trigram indexes cannot do for one- and two-character
// terms. Pinyin initials of the name are indexed too ("czyl" finds 常州燕龙).

const SEPARATOR = '\u0001';

export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function gramsOf(text: string, into: Set<string>): void {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    into.add(c);
    const next = chars[i + 1];
    if (next !== undefined) into.add(c + next);
  }
}

export function pinyinInitials(text: string): string {
  return normalizeSearchText(
    pinyin(text, { pattern: 'first', toneType: 'none', type: 'string', separator: '' }),
  );
}

/** What a record stores for search: the joined text (for substring checks) and its grams (indexed). */
export function searchDocument(
  fields: readonly (string | null | undefined)[],
  pinyinOf?: string,
): {
  text: string;
  grams: string[];
} {
  const parts = fields.filter((f): f is string => Boolean(f)).map(normalizeSearchText);
  if (pinyinOf) parts.push(pinyinInitials(pinyinOf));
  const grams = new Set<string>();
  for (const part of parts) gramsOf(part, grams);
  return { text: parts.join(SEPARATOR), grams: [...grams].sort() };
}

/** How to look a term up: the grams a record must contain, and whether a substring check must follow. */
export function searchTerm(raw: string): { term: string; grams: string[]; substring: boolean } | null {
  const term = normalizeSearchText(raw);
  if (term === '') return null;
  const chars = [...term];
  if (chars.length <= 2) return { term, grams: [term], substring: false };
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add((chars[i] ?? '') + (chars[i + 1] ?? ''));
  return { term, grams: [...grams], substring: true };
}
