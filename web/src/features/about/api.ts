import { aboutResponse } from '@groundbreak/contract';
import { useQuery } from '@tanstack/react-query';
import { http } from '../../lib/http';

export const aboutKeys = { all: ['about'] as const };

export function useAbout() {
  return useQuery({
    queryKey: aboutKeys.all,
    queryFn: ({ signal }) => http.get('/api/about', { signal, schema: aboutResponse }),
  });
}
