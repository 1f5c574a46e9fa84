import { auditListResponse } from '@groundbreak/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: ListQuery) => [...auditKeys.all, 'list', query] as const,
};

/** GET /api/audit: the audit log (audit administrator, audit.read). */
export function useAuditList(query: ListQuery) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => http.get('/api/audit', { signal, query, schema: auditListResponse }),
    placeholderData: keepPreviousData,
  });
}
