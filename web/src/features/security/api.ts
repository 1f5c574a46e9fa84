import type { SecurityPolicySettings } from '@groundbreak/contract';
import { endedSessionsResponse, securityPolicyResponse } from '@groundbreak/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../lib/http';

const securityKeys = { policy: ['security', 'policy'] as const };

/** GET /api/security/policy (security administrator). */
export function useSecurityPolicy() {
  return useQuery({
    queryKey: securityKeys.policy,
    queryFn: ({ signal }) => http.get('/api/security/policy', { signal, schema: securityPolicyResponse }),
  });
}

/** POST /api/security/end-all-sessions: everyone but the caller signs in again. */
export function useEndAllSessions() {
  return useMutation({
    mutationFn: () => http.post('/api/security/end-all-sessions', { schema: endedSessionsResponse }),
  });
}

/** PUT /api/security/policy: takes effect at the next login and request. */
export function useSaveSecurityPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: SecurityPolicySettings) =>
      http.put('/api/security/policy', { body: policy, schema: securityPolicyResponse }),
    onSuccess: (data) => queryClient.setQueryData(securityKeys.policy, data),
  });
}
