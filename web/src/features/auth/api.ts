import type { SessionUser } from '@groundbreak/contract';
import {
  loginResponse,
  meResponse,
  mfaEnableResponse,
  mfaSetupResponse,
  mfaStatusResponse,
  okResponse,
} from '@groundbreak/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, setCsrfToken } from '../../lib/http';

export const sessionKeys = { me: ['session', 'me'] as const };

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

/**
 * The signed-in user from GET /api/me (401 when nobody is). Also hands the CSRF token to the HTTP
 * client, which is how the token comes back after a page reload.
 */
export function useSession() {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: async ({ signal }): Promise<Session> => {
      const me = await http.get('/api/me', { signal, schema: meResponse, reportsAuthProblems: false });
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export interface LoginInput {
  username: string;
  password: string;
}

/** POST /api/auth/login; on success the previous user's cached data is dropped before anything renders. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      http.post('/api/auth/login', { body: input, schema: loginResponse, reportsAuthProblems: false }),
    onSuccess: (result) => {
      // A waiting session (second factor next) carries its own CSRF token for POST /api/auth/totp.
      setCsrfToken(result.csrfToken);
      if (!('user' in result)) return;
      queryClient.clear();
      queryClient.setQueryData<Session>(sessionKeys.me, { user: result.user, csrfToken: result.csrfToken });
    },
  });
}

/** POST /api/auth/totp: the second step of a login, with a code or a recovery code. */
export function useTotpLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      http.post('/api/auth/totp', { body: { code }, schema: meResponse, reportsAuthProblems: false }),
    onSuccess: (result) => {
      queryClient.clear();
      setCsrfToken(result.csrfToken);
      queryClient.setQueryData<Session>(sessionKeys.me, { user: result.user, csrfToken: result.csrfToken });
    },
  });
}

const mfaKeys = { status: ['session', 'mfa'] as const };

/** GET /api/me/mfa: whether two-factor login is on, required, and how many recovery codes are left. */
export function useMfaStatus() {
  return useQuery({
    queryKey: mfaKeys.status,
    queryFn: ({ signal }) => http.get('/api/me/mfa', { signal, schema: mfaStatusResponse }),
  });
}

/** POST /api/me/mfa/setup: a new secret and its QR code. */
export function useMfaSetup() {
  return useMutation({
    mutationFn: () => http.post('/api/me/mfa/setup', { schema: mfaSetupResponse }),
  });
}

/** POST /api/me/mfa/enable; the recovery codes come back once. The session is read again. */
export function useMfaEnable() {
  return useMutation({
    mutationFn: (code: string) =>
      http.post('/api/me/mfa/enable', { body: { code }, schema: mfaEnableResponse }),
  });
}

/** POST /api/me/mfa/disable (with the password). */
export function useMfaDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { password: string; code: string }) =>
      http.post('/api/me/mfa/disable', { body: input, schema: okResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['session'] }),
  });
}

/** POST /api/auth/logout; whatever it answers, the HTTP client forgets the CSRF token. */
export function useLogout() {
  return useMutation({
    mutationFn: () => http.post('/api/auth/logout', { schema: okResponse, reportsAuthProblems: false }),
    onSettled: () => setCsrfToken(undefined),
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** POST /api/me/password; afterwards the session is read again (mustChangePassword is now false). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) =>
      http.post('/api/me/password', { body: input, schema: okResponse, reportsAuthProblems: false }),
    onSuccess: async () => {
      // Everything fetched under the old password-change lock answered 403: fetch it again.
      await queryClient.resetQueries();
    },
  });
}
