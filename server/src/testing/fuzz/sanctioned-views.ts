// The only views that show data outside the caller's scope, each with its reason. The fuzzer's scope
// invariant skips exactly these (route and role); every other answer, list, export and detail must hold
// nothing outside the caller's scope. A module adds a view here only with a reason a reviewer accepts.
//
// Still to come with its module (issue 10), and to be listed here when it lands: rankings show sibling
// regions' totals to government roles.

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
  {
    route: 'GET /api/leads/pool',
    roles: ['subarea_operator', 'dept_operator', 'leader'],
    reason:
      'the shared lead pool (公海): leads nobody has taken yet belong to the district region, and every 板块 ' +
      'of that district must see them to claim one (another district’s pool stays out of sight); nothing a ' +
      '板块 owns appears in it, and a row carries no 负责人 or next step',
  },
  {
    route: 'GET /api/leads/duplicate-check',
    roles: ['subarea_operator', 'dept_operator', 'leader'],
    reason:
      'the duplicate-lead hint: the same investor worked elsewhere is shown only as that 板块’s name and ' +
      'the day it was registered, so that a lead is never silently doubled',
  },
];

export function isSanctioned(route: string, roles: readonly string[]): boolean {
  return SANCTIONED_VIEWS.some((v) => v.route === route && roles.some((r) => v.roles.includes(r)));
}
