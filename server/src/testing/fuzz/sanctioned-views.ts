// The only views that show data outside the caller's scope, each with its reason. The fuzzer's scope
// invariant skips exactly these (route and role); every other answer, list, export and detail must hold
// nothing outside the caller's scope. A module adds a view here only with a reason a reviewer accepts.
//
// Still to come with their modules (issue 10 and 12), and to be listed here when they land: rankings show
// sibling regions' totals to government roles; a duplicate-lead hint shows only the owning 板块 and a
// date; the shared lead pool (leads owned by the district region) is visible to every 板块 operator and to
// 商务.

export type SanctionedView = { route: string; roles: readonly string[]; reason: string };

export const SANCTIONED_VIEWS: readonly SanctionedView[] = [
  {
    route: 'GET /api/audit',
    roles: ['audit_admin'],
    reason:
      '审计管理员 reads every audit record of the installation: that is the duty 三权分立 gives the role',
  },
  {
    route: 'GET /api/audit/export',
    roles: ['audit_admin'],
    reason: 'the same records as GET /api/audit, as Excel',
  },
];

export function isSanctioned(route: string, roles: readonly string[]): boolean {
  return SANCTIONED_VIEWS.some((v) => v.route === route && roles.some((r) => v.roles.includes(r)));
}
