import { briefingResponse, statsOverviewResponse } from '@groundbreak/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
