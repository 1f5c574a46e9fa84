import { regionListResponse } from '@groundbreak/contract';
import { useQuery } from '@tanstack/react-query';
import { http } from '../../lib/http';

export const regionKeys = { all: ['regions'] as const };

/** The whole region tree as a flat list (a district has a few dozen nodes); reference data, cached long. */
export function useRegions() {
  return useQuery({
    queryKey: regionKeys.all,
    queryFn: ({ signal }) => http.get('/api/regions', { signal, schema: regionListResponse }),
    staleTime: 10 * 60_000,
  });
}
