import type { SessionUser } from '@groundbreak/contract';
import type { Principal } from '../registry';

/** The signed-in user as the UI sees them: everything comes with the session, no further query. */
export function presentSessionUser(principal: Principal): SessionUser {
  return {
    id: principal.userId,
    username: principal.username,
    displayName: principal.displayName,
    roles: principal.roles,
    orgId: principal.orgId,
    orgName: principal.orgName,
    orgKind: principal.orgKind,
    regionScopes: principal.regionScopes,
    scopeLabel: principal.scopeLabel,
    enterpriseId: principal.enterpriseId,
    enterpriseName: principal.enterpriseName,
    actions: [...principal.actions].sort(),
    mustChangePassword: principal.mustChangePassword,
    mfaEnabled: principal.totpEnabled,
    mustEnrollMfa: principal.mustEnrollMfa,
  };
}
