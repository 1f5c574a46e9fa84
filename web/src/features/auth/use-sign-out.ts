import { useNavigate } from 'react-router';
import { useLogout } from './api';
import { LOGIN_PATH } from './auth-redirects';

/**
 * 退出登录: ends the session on the server and goes to the login page, which drops this user's cached
 * data once the frame is gone (dropping it earlier would leave the frame on screen without a user).
 */
export function useSignOut() {
  const logout = useLogout();
  const navigate = useNavigate();
  return {
    signOut: (onSignedOut?: () => void) =>
      logout.mutate(undefined, {
        onSettled: () => {
          navigate(LOGIN_PATH, { replace: true });
          onSignedOut?.();
        },
      }),
    isSigningOut: logout.isPending,
  };
}
