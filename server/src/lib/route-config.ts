import type { Action } from '@groundbreak/domain';

// Every route declares the action it performs; the accounts module maps actions to roles.
// 'public': no login (health probes, about, login); 'self': any signed-in user; else a permission.
export type RouteAction = 'public' | 'self' | Action;

declare module 'fastify' {
  interface FastifyContextConfig {
    action?: RouteAction;
    /** Reachable while the user must still change a temporary password (me, logout, change password). */
    beforePasswordChange?: boolean;
    /** Open to a session that passed the password but not yet the second factor (the code, logout). */
    mfaStep?: boolean;
    /** Open to a user who must set up two-factor login first (enrolment, logout). */
    mfaEnrolment?: boolean;
    /** Counted with the Excel exports' per-user limit although its path does not end in /export. */
    heavyExport?: boolean;
  }
  interface FastifyRequest {
    principal: import('../modules/registry').Principal | null;
  }
}
