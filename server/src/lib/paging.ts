import { parseSort } from '@groundbreak/contract';
import { asc, desc, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export type PageRequest = { page: number; pageSize: number; sort?: string | undefined };

/**
 * Orders Chinese text the way users expect (by pinyin: 常州, 湖塘镇, 嘉泽镇, 前黄镇, 武进区) instead of
 * by code point. The ICU collation ships with PostgreSQL built with ICU (Debian's and the embedded one).
 */
export function chineseOrder(column: AnyPgColumn): SQL {
  return sql`${column} COLLATE "zh-x-icu"`;
}

export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}

/**
 * ORDER BY for a whitelisted sort field, always ending with the id so that pages are stable
 * when the sort field has ties.
 */
export function orderByOf(
  sort: string | undefined,
  columns: Record<string, AnyPgColumn | SQLWrapper>,
  fallback: SQL,
  tieBreaker: AnyPgColumn,
): SQL[] {
  const parsed = parseSort(sort);
  const column = parsed ? columns[parsed.field] : undefined;
  if (!parsed || !column) return [fallback, asc(tieBreaker)];
  return [parsed.direction === 'desc' ? desc(column) : asc(column), asc(tieBreaker)];
}

/** A LIKE pattern matching `text` anywhere, its own %, _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
