/** Paths of the two pages outside the frame. */
export const LOGIN_PATH = '/login';
export const CHANGE_PASSWORD_PATH = '/change-password';
/** Two-factor login setup: inside the frame's reach but before it, like the password change. */
export const MFA_PATH = '/mfa';

/**
 * Where to go after signing in: the `next` parameter when it is a path of this app, else the 工作台.
 * Never another origin (`//evil.example`, `https:`), so a crafted link cannot send users away.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith(LOGIN_PATH) || next.startsWith(CHANGE_PASSWORD_PATH) || next.startsWith(MFA_PATH)) {
    return '/';
  }
  return next;
}

/** `/login?next=…` for the page the user was on. */
export function loginPathFor(currentPath: string): string {
  const next = safeNextPath(currentPath);
  return next === '/' ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}

/** `/mfa?next=…` for the page the user was on. */
export function mfaPathFor(currentPath: string): string {
  const next = safeNextPath(currentPath);
  return next === '/' ? MFA_PATH : `${MFA_PATH}?next=${encodeURIComponent(next)}`;
}

/** `/change-password?next=…` for the page the user was on. */
export function changePasswordPathFor(currentPath: string): string {
  const next = safeNextPath(currentPath);
  return next === '/' ? CHANGE_PASSWORD_PATH : `${CHANGE_PASSWORD_PATH}?next=${encodeURIComponent(next)}`;
}
