import { orgListResponse } from '@groundbreak/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

export const orgKeys = {
  all: ['orgs'] as const,
  list: (query: ListQuery) => [...orgKeys.all, 'list', query] as const,
};

export function useOrgList(query: ListQuery) {
  return useQuery({
    queryKey: orgKeys.list(query),
    queryFn: ({ signal }) => http.get('/api/orgs', { signal, query, schema: orgListResponse }),
    placeholderData: keepPreviousData,
  });
}
