import { PAGE_SIZES } from '@groundbreak/contract';
import type { ReactNode } from 'react';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { QueryValue } from '../lib/http';

/** One filter of a list page; `key` is both the URL search param and the API query param. */
export interface ListFilter {
  key: string;
  label: string;
  /**
   * `date`: one calendar day, YYYY-MM-DD (e.g. the two ends of a 时间 range). `multi-select`: several of
   * `options`, comma-separated in the URL and in the API query (e.g. state=SIGNED,FILED).
   */
  kind: 'text' | 'select' | 'multi-select' | 'tree-select' | 'date';
  placeholder?: string;
  /** For `select` and `multi-select`: the allowed values; anything else in the URL is ignored. */
  options?: { value: string; label: string }[];
  /** For `tree-select`. */
  treeData?: ListFilterTreeNode[];
  /** Shown under 更多筛选 instead of in the always-visible row. */
  isSecondary?: boolean;
  /** Read from the URL but drawn by another filter's `render` (e.g. the upper end of a range). */
  isHidden?: boolean;
  /** A control of the list's own instead of the one of `kind` (which still says how the URL is read). */
  render?: (props: FilterRenderProps) => ReactNode;
}

export interface FilterRenderProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  state: ListState;
}

export interface ListFilterTreeNode {
  value: string;
  title: string;
  children?: ListFilterTreeNode[];
}

export interface ListConfig {
  filters: readonly ListFilter[];
  /** Fields the endpoint can sort by; `-field` sorts descending. */
  sortFields: readonly string[];
  defaultSort?: string;
}

/** What a list endpoint receives: `page`, `pageSize`, `sort` and the filters. */
export type ListQuery = Record<string, QueryValue>;

export interface ListState {
  page: number;
  pageSize: number;
  sort: string | undefined;
  filters: Record<string, string>;
  hasActiveFilters: boolean;
  query: ListQuery;
  setPage: (page: number, pageSize: number) => void;
  setSort: (sort: string | undefined) => void;
  setFilter: (key: string, value: string | undefined) => void;
  resetFilters: () => void;
}

const DEFAULT_PAGE_SIZE: number = PAGE_SIZES[0];

function readPositiveInt(value: string | null): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= 1 ? parsed : undefined;
}

function isAllowedSort(sort: string, sortFields: readonly string[]): boolean {
  return sortFields.includes(sort.startsWith('-') ? sort.slice(1) : sort);
}

function readFilterValue(filter: ListFilter, raw: string | null): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (filter.kind === 'select' && !filter.options?.some((option) => option.value === value)) return undefined;
  if (filter.kind === 'multi-select') {
    const allowed = value
      .split(',')
      .filter((item) => filter.options?.some((option) => option.value === item));
    return allowed.length > 0 ? [...new Set(allowed)].join(',') : undefined;
  }
  if (filter.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  return value.slice(0, 50);
}

/**
 * Page, page size, sort and filters of a list page, kept in the URL so a list can be bookmarked,
 * shared and restored with the Back button. Defaults stay out of the URL.
 */
export function useListSearchParams(config: ListConfig): ListState {
  const [searchParams, setSearchParams] = useSearchParams();
  const { filters: filterDefs, sortFields, defaultSort } = config;

  const state = useMemo(() => {
    const page = readPositiveInt(searchParams.get('page')) ?? 1;
    const requestedSize = readPositiveInt(searchParams.get('pageSize'));
    const pageSize =
      requestedSize && (PAGE_SIZES as readonly number[]).includes(requestedSize)
        ? requestedSize
        : DEFAULT_PAGE_SIZE;
    const requestedSort = searchParams.get('sort');
    const sort = requestedSort && isAllowedSort(requestedSort, sortFields) ? requestedSort : defaultSort;
    const filters: Record<string, string> = {};
    for (const filter of filterDefs) {
      const value = readFilterValue(filter, searchParams.get(filter.key));
      if (value !== undefined) filters[filter.key] = value;
    }
    return { page, pageSize, sort, filters };
  }, [searchParams, filterDefs, sortFields, defaultSort]);

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      setSearchParams((previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      });
    },
    [setSearchParams],
  );

  const setPage = useCallback(
    (page: number, pageSize: number) => {
      // A new page size starts over at page 1: the old page number means other rows now.
      const sizeChanged = pageSize !== state.pageSize;
      update({
        page: sizeChanged || page <= 1 ? undefined : String(page),
        pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : String(pageSize),
      });
    },
    [update, state.pageSize],
  );

  const setSort = useCallback(
    (sort: string | undefined) => update({ sort: sort === defaultSort ? undefined : sort, page: undefined }),
    [update, defaultSort],
  );

  const setFilter = useCallback(
    (key: string, value: string | undefined) =>
      update({ [key]: value?.trim() || undefined, page: undefined }),
    [update],
  );

  const resetFilters = useCallback(() => {
    update(
      Object.fromEntries([...filterDefs.map((filter) => filter.key), 'page'].map((key) => [key, undefined])),
    );
  }, [update, filterDefs]);

  const query = useMemo<ListQuery>(
    () => ({ page: state.page, pageSize: state.pageSize, sort: state.sort, ...state.filters }),
    [state],
  );

  return {
    ...state,
    hasActiveFilters: Object.keys(state.filters).length > 0,
    query,
    setPage,
    setSort,
    setFilter,
    resetFilters,
  };
}

/** The address of a list's Excel export for the current filters and sort (no paging: the whole list). */
export function exportHref(path: string, query: ListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page' || key === 'pageSize' || value === undefined || value === null || value === '')
      continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
