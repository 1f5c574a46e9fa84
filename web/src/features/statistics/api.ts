import {
  briefingListResponse,
  briefingResponse,
  type CreateBriefingBody,
  okResponse,
  savedBriefingResponse,
  siblingRankResponse,
  statsOverviewResponse,
  type UpdateBriefingBody,
} from '@groundbreak/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

export type StatsParams = { year: number; month: number | undefined; regionId: string | undefined };

const query = (p: StatsParams) => ({
  year: p.year,
  ...(p.month ? { month: p.month } : {}),
  ...(p.regionId ? { regionId: p.regionId } : {}),
});

export const statsKeys = {
  all: ['stats'] as const,
  overview: (p: StatsParams) => ['stats', 'overview', p] as const,
  briefing: (p: StatsParams) => ['stats', 'briefing', p] as const,
};

/** GET /api/stats/overview; refetched every `refreshMs` when given (the big screen). */
export function useStatsOverview(p: StatsParams, refreshMs?: number) {
  return useQuery({
    queryKey: statsKeys.overview(p),
    queryFn: ({ signal }) =>
      http.get('/api/stats/overview', { signal, query: query(p), schema: statsOverviewResponse }),
    placeholderData: keepPreviousData,
    ...(refreshMs ? { refetchInterval: refreshMs } : {}),
  });
}

export function useBriefing(p: StatsParams, enabled: boolean) {
  return useQuery({
    queryKey: statsKeys.briefing(p),
    queryFn: ({ signal }) =>
      http.get('/api/stats/briefing', { signal, query: query(p), schema: briefingResponse }),
    enabled,
  });
}

// ---- briefings kept (简报) ----

export function useBriefings(query: ListQuery) {
  return useQuery({
    queryKey: ['briefings', 'list', query] as const,
    queryFn: ({ signal }) => http.get('/api/briefings', { signal, query, schema: briefingListResponse }),
    placeholderData: keepPreviousData,
  });
}

export function useSavedBriefing(id: string) {
  return useQuery({
    queryKey: ['briefings', 'one', id] as const,
    queryFn: ({ signal }) => http.get(`/api/briefings/${id}`, { signal, schema: savedBriefingResponse }),
  });
}

function useRefreshBriefings() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['briefings'] });
}

export function useCreateBriefing() {
  const refresh = useRefreshBriefings();
  return useMutation({
    mutationFn: (body: CreateBriefingBody) =>
      http.post('/api/briefings', { body, schema: savedBriefingResponse }),
    onSuccess: refresh,
  });
}

export function useUpdateBriefing(id: string) {
  const refresh = useRefreshBriefings();
  return useMutation({
    mutationFn: (body: UpdateBriefingBody) =>
      http.put(`/api/briefings/${id}`, { body, schema: savedBriefingResponse }),
    onSuccess: refresh,
  });
}

export function useIssueBriefing(id: string) {
  const refresh = useRefreshBriefings();
  return useMutation({
    mutationFn: (version: number) =>
      http.post(`/api/briefings/${id}/issue`, { body: { version }, schema: savedBriefingResponse }),
    onSuccess: refresh,
  });
}

export function useDeleteBriefing(id: string) {
  const refresh = useRefreshBriefings();
  return useMutation({
    mutationFn: (version: number) =>
      http.post(`/api/briefings/${id}/delete`, { body: { version }, schema: okResponse }),
    onSuccess: refresh,
  });
}

/** The scope's own place among its siblings on new entries of a library level ("列全市第一"). */
export function useSiblingRank(p: StatsParams, level: 'province' | 'city' | 'district') {
  return useQuery({
    queryKey: ['stats', 'sibling-rank', p, level] as const,
    queryFn: ({ signal }) =>
      http.get('/api/stats/sibling-rank', {
        signal,
        query: { ...query(p), level },
        schema: siblingRankResponse,
      }),
  });
}
