import { z } from 'zod';

/** Largest value of a PostgreSQL integer column (row versions, counts): beyond it a write would fail. */
export const INT4_MAX = 2_147_483_647;

/** The version an edit was based on (optimistic locking; 409 when someone saved in between). */
export const rowVersion = z.number().int().min(1).max(INT4_MAX);

/** Page sizes every list offers (ui.md: 20/50/100). */
export const PAGE_SIZES = [20, 50, 100] as const;

/**
 * Query of every list endpoint: `page` from 1, `pageSize` 20|50|100, `sort` as `field` or `-field`
 * (descending) restricted to the fields the endpoint names; filters are added per endpoint.
 */
export function listQuery<const TSort extends readonly [string, ...string[]]>(sortFields: TSort) {
  const sortValues = sortFields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z.strictObject({
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), {
        message: '每页条数只能是 20、50 或 100',
      })
      .default(20),
    sort: z.enum(sortValues).optional(),
  });
}

/** Answer of every list endpoint. */
export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int(),
  });
}

export type ListResult<T> = { items: T[]; total: number; page: number; pageSize: number };

/** Splits `-field` into field and direction. */
export function parseSort(
  sort: string | undefined,
): { field: string; direction: 'asc' | 'desc' } | undefined {
  if (!sort) return undefined;
  return sort.startsWith('-')
    ? { field: sort.slice(1), direction: 'desc' }
    : { field: sort, direction: 'asc' };
}
