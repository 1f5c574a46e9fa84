import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

// Text PostgreSQL cannot store: a NUL character (text columns refuse it) and half a UTF-16 surrogate pair
// (jsonb refuses its escape). Both arrive only from a careless or hostile client; refused here, at the
// door, as bad input naming the field — never a 500 from the statement that tries to store them.

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Deeper than any request of this API nests; deeper input is refused rather than walked. */
const MAX_DEPTH = 32;

/**
 * The path of the first string (or key) that cannot be stored, '…' for input nested past MAX_DEPTH, or
 * null. Iterative: a body nested ten thousand levels deep must be an answer, not a stack overflow.
 */
export function findUnstorableText(value: unknown): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof item.value === 'string') {
      if (UNSTORABLE.test(item.value)) return item.path;
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_DEPTH) return `${item.path}…`;
    const entries = Array.isArray(item.value)
      ? item.value.map((v, i) => [`[${i}]`, v] as const)
      : Object.entries(item.value).map(([k, v]) => [k, v] as const);
    for (const [key, child] of entries.reverse()) {
      const path = key.startsWith('[') ? `${item.path}${key}` : item.path ? `${item.path}.${key}` : key;
      if (!key.startsWith('[') && UNSTORABLE.test(key)) return path;
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return null;
}

export function refuseUnstorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = findUnstorableText(part);
      if (field === null) continue;
      if (field.endsWith('…')) {
        throw new AppError('VALIDATION_FAILED', '请求内容嵌套过深', {
          fields: [{ field, message: '嵌套过深' }],
        });
      }
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
