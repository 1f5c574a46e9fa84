import { ADMIN_ROLES, type Role } from './roles';

// Who must sign in with a second factor (TOTP): the three administrators always; other roles as the
// security administrator sets it (default: 区发改 and 部门经办, who see the whole district's data).

export const MFA_DEFAULT_REQUIRED_ROLES: readonly Role[] = ['drc', 'dept_operator'];

export function isMfaRequired(roles: readonly Role[], requiredRoles: readonly Role[]): boolean {
  return roles.some((r) => (ADMIN_ROLES as readonly Role[]).includes(r) || requiredRoles.includes(r));
}

/**
 * Whether this account must sign in with a second factor: its role requires it, unless it is a demo
 * account outside production mode (so that the demo stays two commands away).
 */
export function mustUseMfa(
  account: { roles: readonly Role[]; isDemoAccount: boolean },
  requiredRoles: readonly Role[],
  mode: 'demo' | 'production',
): boolean {
  return isMfaRequired(account.roles, requiredRoles) && !(account.isDemoAccount && mode !== 'production');
}
