import { navigationResponse } from '@groundbreak/contract';
import { useQuery } from '@tanstack/react-query';
import { http } from '../../lib/http';

export const navigationKeys = { all: ['navigation'] as const };

/** The menu the server offers this user, groups already filtered by role. */
export function useNavigation() {
  return useQuery({
    queryKey: navigationKeys.all,
    queryFn: ({ signal }) => http.get('/api/navigation', { signal, schema: navigationResponse }),
    staleTime: 5 * 60_000,
  });
}
