import { parseSort } from '@groundbreak/contract';
import { asc, desc, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export type PageRequest = { page: number; pageSize: number; sort?: string | undefined };

export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}

/**
 * ORDER BY for a whitelisted sort field, always ending with the id so that pages are stable
 * when the sort field has ties.
 */
export function orderByOf(
  sort: string | undefined,
  columns: Record<string, AnyPgColumn>,
  fallback: SQL,
  tieBreaker: AnyPgColumn,
): SQL[] {
  const parsed = parseSort(sort);
  const column = parsed ? columns[parsed.field] : undefined;
  if (!parsed || !column) return [fallback, asc(tieBreaker)];
  return [parsed.direction === 'desc' ? desc(column) : asc(column), asc(tieBreaker)];
}
