import type { SessionUser } from '@groundbreak/contract';
import type { Action } from '@groundbreak/domain';
import { createContext, useContext } from 'react';

/**
 * The signed-in user, provided by the session guard to the pages it renders. A context rather than the
 * session query itself: while the query is being cleared (signing out) a page re-rendering on its own
 * still sees the user the guard rendered it for.
 */
export const SessionUserContext = createContext<SessionUser | undefined>(undefined);

/** The signed-in user, for pages inside the frame (the session guard renders them only with a user). */
export function useCurrentUser(): SessionUser {
  const user = useContext(SessionUserContext);
  if (!user) throw new Error('useCurrentUser() used outside the session guard');
  return user;
}

/** Whether the signed-in user may perform `action`; for showing or hiding buttons, never for security. */
export function useCan(action: Action): boolean {
  return useContext(SessionUserContext)?.actions.includes(action) ?? false;
}
