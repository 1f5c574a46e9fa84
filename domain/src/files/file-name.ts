// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name as the client sent it, made safe to keep and to show: the last path segment only (either
 * slash), no control characters (NUL cannot be stored, the rest break headers and logs) and no bidi
 * overrides (`\u202E` makes "…gnp.exe" read as "…exe.png"), half surrogate pairs replaced, at most 200
 * characters. Empty when nothing is left.
 */
export function cleanFileName(raw: string): string {
  const last = raw.replace(/\\/g, '/').split('/').pop() ?? '';
  const wellFormed = last.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
  const printable = wellFormed.replace(UNPRINTABLE, '');
  const trimmed = printable.trim();
  return trimmed === '.' || trimmed === '..' ? '' : [...trimmed].slice(0, 200).join('');
}
