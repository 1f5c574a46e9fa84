import type { UserSummary } from '@groundbreak/contract';
import {
  endedSessionsResponse,
  okResponse,
  revealedUserPhoneResponse,
  userListResponse,
  userResponse,
  userWithPasswordResponse,
} from '@groundbreak/contract';
import type { Role } from '@groundbreak/domain';
import {
  keepPreviousData,
  useIsMutating,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ListQuery } from '../../components/use-list-search-params';
import { http } from '../../lib/http';

export const userKeys = {
  all: ['users'] as const,
  list: (query: ListQuery) => [...userKeys.all, 'list', query] as const,
  enterpriseOptions: (q: string) => [...userKeys.all, 'enterprise-options', q] as const,
};

/** GET /api/users: accounts for the system administrator (user.admin) and security administrator (user.read). */
export function useUserList(query: ListQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => http.get('/api/users', { signal, query, schema: userListResponse }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: userKeys.all });
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  orgId: string;
  phone?: string;
}

/** POST /api/users → the account and its temporary password (shown once). */
export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput) =>
      http.post('/api/users', { body: input, schema: userWithPasswordResponse }),
    onSuccess: invalidate,
  });
}

type VersionedUser = Pick<UserSummary, 'id' | 'version'>;

/** POST /api/users/:id/disable — every session of the user ends at once. */
export function useDisableUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, version }: VersionedUser) =>
      http.post(`/api/users/${id}/disable`, { body: { version }, schema: userResponse }),
    onSettled: invalidate,
  });
}

/** POST /api/users/:id/enable. */
export function useEnableUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, version }: VersionedUser) =>
      http.post(`/api/users/${id}/enable`, { body: { version }, schema: userResponse }),
    onSettled: invalidate,
  });
}

/** POST /api/users/:id/reset-password → a new temporary password (shown once). */
export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, version }: VersionedUser) =>
      http.post(`/api/users/${id}/reset-password`, { body: { version }, schema: userWithPasswordResponse }),
    onSettled: invalidate,
  });
}

/** POST /api/users/:id/end-sessions: the user must sign in again everywhere. */
export function useEndSessions() {
  return useMutation({
    mutationFn: (id: string) => http.post(`/api/users/${id}/end-sessions`, { schema: endedSessionsResponse }),
  });
}

/** POST /api/users/:id/phone: the full mobile number, with a reason (audited). */
export function useRevealUserPhone(id: string) {
  return useMutation({
    mutationFn: (reason: string) =>
      http.post(`/api/users/${id}/phone`, { body: { reason }, schema: revealedUserPhoneResponse }),
  });
}

/** POST /api/users/:id/reset-mfa: a lost phone; the user sets two-factor login up again. */
export function useResetMfa() {
  return useMutation({
    mutationFn: (id: string) => http.post(`/api/users/${id}/reset-mfa`, { schema: okResponse }),
  });
}

export interface UpdateAccessInput {
  id: string;
  roles: Role[];
  regionScopeIds: string[];
  enterpriseId: string | null;
  version: number;
}

const updateAccessKey = [...userKeys.all, 'update-access'] as const;

/** PUT /api/users/:id/access: roles and data scope (security administrator, access.admin). */
export function useUpdateAccess() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationKey: updateAccessKey,
    mutationFn: ({ id, ...body }: UpdateAccessInput) =>
      http.put(`/api/users/${id}/access`, { body, schema: userResponse }),
    onSuccess: invalidate,
  });
}

/** Whether a roles-and-scope save is under way (for a save button outside the form). */
export function useIsSavingAccess(): boolean {
  return useIsMutating({ mutationKey: updateAccessKey }) > 0;
}

export interface EnterpriseOption {
  id: string;
  name: string;
  uscc: string;
}

/**
 * GET /api/users/enterprise-options?q=: enterprises an 企业 account can be tied to, for the security
 * administrator, who may not read the 企业库 itself.
 */
export function useEnterpriseOptions(q: string) {
  return useQuery({
    queryKey: userKeys.enterpriseOptions(q),
    queryFn: ({ signal }) =>
      http.get<{ items: EnterpriseOption[] }>('/api/users/enterprise-options', {
        signal,
        query: { q },
      }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/**
 * Reads one account as now saved (there is no GET /api/users/:id): the list filtered by its user name.
 * Used to load the other administrator's version after a 409.
 */
export function useFetchUser() {
  const queryClient = useQueryClient();
  return async (user: Pick<UserSummary, 'id' | 'username'>): Promise<UserSummary | undefined> => {
    const query = { page: 1, pageSize: 20, q: user.username };
    const result = await queryClient.fetchQuery({
      queryKey: userKeys.list(query),
      queryFn: ({ signal }) => http.get('/api/users', { signal, query, schema: userListResponse }),
      staleTime: 0,
    });
    return result.items.find((item) => item.id === user.id);
  };
}
