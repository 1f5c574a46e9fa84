// Roles, the separation of the three administrator duties (三权分立), and what each role may do.

export const ROLES = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'drc',
  'subarea_operator',
  'dept_operator',
  'leader',
  'enterprise',
] as const;
export type Role = (typeof ROLES)[number];

/** The three administrator roles: none reads or edits business data, and no person holds two of them. */
export const ADMIN_ROLES = [
  'system_admin',
  'security_admin',
  'audit_admin',
] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly Role[]).includes(role);
}

export type RoleSetProblem = 'NO_ROLE' | 'DUPLICATE_ROLE' | 'TWO_ADMIN_ROLES' | 'ADMIN_WITH_BUSINESS_ROLE';

/** Checks a user's set of roles against 三权分立; undefined when the set is allowed. */
export function findRoleSetProblem(roles: readonly Role[]): RoleSetProblem | undefined {
  if (roles.length === 0) return 'NO_ROLE';
  if (new Set(roles).size !== roles.length) return 'DUPLICATE_ROLE';
  const admin = roles.filter(isAdminRole);
  if (admin.length > 1) return 'TWO_ADMIN_ROLES';
  if (admin.length === 1 && roles.length > 1) return 'ADMIN_WITH_BUSINESS_ROLE';
  return undefined;
}

export type AccessAssignment = { roles: Role[]; regionScopeIds: string[]; enterpriseId: string | null };
export type AccessProblem =
  | 'ADMIN_ROLE_CONFLICT'
  | 'INVALID_ROLES'
  | 'SCOPE_REQUIRED'
  | 'ENTERPRISE_REQUIRED';

/**
 * What a user's roles and data scope become: administrators hold no data scope, business roles need at
 * least one region, an enterprise user needs their company (and keeps it only while holding that role).
 */
export function planAccessAssignment(
  input: AccessAssignment,
): { ok: true; access: AccessAssignment } | { ok: false; problem: AccessProblem } {
  const roleProblem = findRoleSetProblem(input.roles);
  if (roleProblem === 'TWO_ADMIN_ROLES' || roleProblem === 'ADMIN_WITH_BUSINESS_ROLE') {
    return { ok: false, problem: 'ADMIN_ROLE_CONFLICT' };
  }
  if (roleProblem) return { ok: false, problem: 'INVALID_ROLES' };
  const isAdmin = input.roles.some(isAdminRole);
  const isEnterprise = input.roles.includes('enterprise');
  const regionScopeIds = isAdmin ? [] : [...new Set(input.regionScopeIds)];
  if (!isAdmin && !isEnterprise && regionScopeIds.length === 0)
    return { ok: false, problem: 'SCOPE_REQUIRED' };
  if (isEnterprise && !input.enterpriseId) return { ok: false, problem: 'ENTERPRISE_REQUIRED' };
  return {
    ok: true,
    access: { roles: input.roles, regionScopeIds, enterpriseId: isEnterprise ? input.enterpriseId : null },
  };
}
