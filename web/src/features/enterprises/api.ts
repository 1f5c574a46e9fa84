import { enterpriseListResponse } from '@groundbreak/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: (query: ListQuery) => [...enterpriseKeys.all, 'list', query] as const,
};

export function useEnterpriseList(query: ListQuery) {
  return useQuery({
    queryKey: enterpriseKeys.list(query),
    queryFn: ({ signal }) => http.get('/api/enterprises', { signal, query, schema: enterpriseListResponse }),
    placeholderData: keepPreviousData,
  });
}
