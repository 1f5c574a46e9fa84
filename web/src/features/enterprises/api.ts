import type { Enterprise } from '@groundbreak/contract';
import {
  auditListResponse,
  enterpriseListResponse,
  enterpriseResponse,
  usccCheckResponse,
} from '@groundbreak/contract';
import {
  keepPreviousData,
  useInfiniteQuery,
  useIsMutating,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (query: ListQuery) => [...enterpriseKeys.all, 'list', query] as const,
  detail: (id: string) => [...enterpriseKeys.all, 'detail', id] as const,
  history: (id: string) => [...enterpriseKeys.all, 'history', id] as const,
  usccCheck: (code: string) => ['uscc-check', code] as const,
};

export function useEnterpriseList(query: ListQuery) {
  return useQuery({
    queryKey: enterpriseKeys.list(query),
    queryFn: ({ signal }) => http.get('/api/enterprises', { signal, query, schema: enterpriseListResponse }),
    placeholderData: keepPreviousData,
  });
}

/**
 * A function that checks a 统一社会信用代码 on the server (format and check character), cached per code,
 * for a form rule that validates while the user types.
 */
export function useUsccCheck() {
  const queryClient = useQueryClient();
  return useCallback(
    (code: string) =>
      queryClient.fetchQuery({
        queryKey: enterpriseKeys.usccCheck(code),
        queryFn: ({ signal }) =>
          http.get('/api/enterprises/check-uscc', { signal, query: { code }, schema: usccCheckResponse }),
        staleTime: Number.POSITIVE_INFINITY,
      }),
    [queryClient],
  );
}

const saveKey = [...enterpriseKeys.all, 'save'] as const;

/** Whether an enterprise is being saved (for a save button outside the form). */
export function useIsSavingEnterprise(): boolean {
  return useIsMutating({ mutationKey: saveKey }) > 0;
}

export interface CreateEnterpriseInput {
  uscc: string;
  name: string;
  regionId: string;
}

/** POST /api/enterprises (enterprise.write). */
export function useCreateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: saveKey,
    mutationFn: (input: CreateEnterpriseInput) =>
      http.post('/api/enterprises', { body: input, schema: enterpriseResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enterpriseKeys.all }),
  });
}

export interface UpdateEnterpriseInput {
  id: string;
  name: string;
  regionId: string;
  version: number;
}

/** PUT /api/enterprises/:id (enterprise.write); the 统一社会信用代码 never changes. */
export function useUpdateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: saveKey,
    mutationFn: ({ id, ...body }: UpdateEnterpriseInput) =>
      http.put(`/api/enterprises/${id}`, { body, schema: enterpriseResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enterpriseKeys.all }),
  });
}

/** GET /api/enterprises/:id: one enterprise as now saved (to load the other user's version after a 409). */
export function useFetchEnterprise() {
  const queryClient = useQueryClient();
  return async (enterprise: Pick<Enterprise, 'id'>): Promise<Enterprise> => {
    const result = await queryClient.fetchQuery({
      queryKey: enterpriseKeys.detail(enterprise.id),
      queryFn: ({ signal }) =>
        http.get(`/api/enterprises/${enterprise.id}`, { signal, schema: enterpriseResponse }),
      staleTime: 0,
    });
    return result.enterprise;
  };
}

const HISTORY_PAGE_SIZE = 20;

/** GET /api/enterprises/:id/history: the enterprise's change history, newest first, 20 at a time. */
export function useEnterpriseHistory(id: string) {
  return useInfiniteQuery({
    queryKey: enterpriseKeys.history(id),
    queryFn: ({ signal, pageParam }) =>
      http.get(`/api/enterprises/${id}/history`, {
        signal,
        query: { page: pageParam, pageSize: HISTORY_PAGE_SIZE },
        schema: auditListResponse,
      }),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}
