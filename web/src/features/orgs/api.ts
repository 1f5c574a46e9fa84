import type { Org } from '@groundbreak/contract';
import { orgListResponse, orgResponse } from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

export const orgKeys = {
  all: ['orgs'] as const,
  list: (query: ListQuery) => [...orgKeys.all, 'list', query] as const,
  options: (q: string) => [...orgKeys.all, 'options', q] as const,
};

export function useOrgList(query: ListQuery) {
  return useQuery({
    queryKey: orgKeys.list(query),
    queryFn: ({ signal }) => http.get('/api/orgs', { signal, query, schema: orgListResponse }),
    placeholderData: keepPreviousData,
  });
}

/** Up to 100 organisations matching `q`, by name, for a searchable 所属单位 select. */
export function useOrgOptions(q: string) {
  return useQuery({
    queryKey: orgKeys.options(q),
    queryFn: ({ signal }) =>
      http.get('/api/orgs', { signal, query: { pageSize: 100, sort: 'name', q }, schema: orgListResponse }),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export interface UpdateOrgInput {
  id: string;
  name: string;
  shortName: string;
  version: number;
}

/** PUT /api/orgs/:id (reference.admin). */
export function useUpdateOrg() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateOrgInput): Promise<{ org: Org }> =>
      http.put(`/api/orgs/${id}`, { body, schema: orgResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

/**
 * Reads one organisation as now saved (there is no GET /api/orgs/:id): the list searched by its code.
 * Used to load the other user's version after a 409.
 */
export function useFetchOrg() {
  const queryClient = useQueryClient();
  return async (org: Pick<Org, 'id' | 'code'>): Promise<Org | undefined> => {
    const query = { page: 1, pageSize: 20, q: org.code };
    const result = await queryClient.fetchQuery({
      queryKey: orgKeys.list(query),
      queryFn: ({ signal }) => http.get('/api/orgs', { signal, query, schema: orgListResponse }),
      staleTime: 0,
    });
    return result.items.find((item) => item.id === org.id);
  };
}
