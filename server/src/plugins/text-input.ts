import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

// Text PostgreSQL cannot store: a NUL character (text columns refuse it) and half a UTF-16 surrogate pair
// (jsonb refuses its escape). Both arrive only from a careless or hostile client; refused here, at the
// door, as bad input naming the field — never a 500 from the statement that tries to store them.

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or key) that cannot be stored, or null. */
export function findUnstorableText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (UNSTORABLE.test(key)) return at;
      const found = findUnstorableText(item, at);
      if (found !== null) return found;
    }
  }
  return null;
}

export function refuseUnstorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = findUnstorableText(part);
      if (field === null) continue;
      throw new AppError(
        'VALIDATION_FAILED',
        `${field || '请求'}：含有无法保存的字符（空字符或残缺的 Unicode 字符）`,
        {
          fields: [{ field, message: '含有无法保存的字符' }],
        },
      );
    }
  });
}
