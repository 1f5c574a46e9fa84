import type { Role } from './roles';

// What a role may do, by the kind of organisation the user belongs to, so that a 部门经办 of 商务 and one
// of 自然资源和规划 can differ. Actions are '<resource>.<verb>'; verbs: read, write (business data),
// comment (批示), admin (configuration, users, roles, audit).

export const ACTIONS = [
  'reference.read',
  'reference.admin',
  'enterprise.read',
  'enterprise.write',
  'project.read',
  // Edit a project's fields and upload its documents (an enterprise user only their own company's fields).
  'project.write',
  // Register projects, move them through the lifecycle, apply for library entry, declare yearly plans.
  'registry.write',
  // 区发改: override gates, change a set 项目代码, terminate, decide library entries, approve plans, targets.
  'registry.admin',
  'comment.write',
  // The land ledger: read parcels in scope; maintain them, their supply and idle cases (自然资源和规划);
  // update the 用地清单 items of one's own department.
  'land.read',
  'land.write',
  'land.list',
  // Approval items: a department updates the items it handles (its own organisation kind), 区发改 any.
  'approval.write',
  // A 倒排 plan node's actual dates: the unit the node names as responsible records them, 区发改 any.
  'plan.write',
  // Monthly reports: the enterprise (its own projects) or the 板块 fills and submits; the 板块 reviews;
  // 区发改 confirms; the step rules by role live with the reports.
  'report.write',
  // Statistics, the cockpit and briefings of one's scope (government staff; an enterprise sees its own projects).
  'stats.read',
  // Generate, edit and issue the briefings (简报) of one's scope: 区发改 and the 板块.
  'stats.write',
  // 城中村专项行动: read the campaigns and tasks of one's scope; the 板块 fill and submit their tasks (write);
  // the lead department (区城管局) and 区发改 set campaigns up, accept or send tasks back (admin).
  'campaign.read',
  'campaign.write',
  'campaign.admin',
  // 招商: read the leads of one's scope and the shared pool; register and work leads, claim from the pool,
  // score, record reviews and sign (write: 板块, 商务, 区发改); merge duplicates, set the scorecard and the
  // pool's assignment rules (admin: 商务, 区发改).
  'attraction.read',
  'attraction.write',
  'attraction.admin',
  // 竣工即发证: keep a project's integrated completion application and record what was issued (板块, 住建,
  // 不动产登记, 区发改).
  'completion.write',
  // 后评价: read evaluations in scope; the enterprise fills its figures and the 板块 verifies them (write,
  // step rules by role); 区发改/工信 score, notify, order 整改, record 违约处置, keep optimisation actions and
  // the indicator settings; 亩均 classes are imported by them (admin).
  'evaluation.read',
  'evaluation.write',
  'evaluation.admin',
  // OC4IDS open data: publisher settings and the published package (区发改).
  'opendata.admin',
  // See a phone or ID number in full (with a reason, audited) and export it unmasked; masked otherwise.
  'personal.reveal',
  'user.read',
  'user.admin',
  'access.admin',
  'security.admin',
  'audit.read',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Business writes: leaders (except comments) and the three administrators never hold these. */
export function isBusinessWrite(action: string): boolean {
  return (
    (action.endsWith('.write') && action !== 'comment.write') ||
    action === 'registry.admin' ||
    action === 'land.list'
  );
}

/** '*' applies to every organisation kind; a kind-specific row adds to it. */
export type PermissionRow = { role: Role; orgKind: string | '*'; actions: readonly Action[] };

export const PERMISSIONS: readonly PermissionRow[] = [
  {
    role: 'system_admin',
    orgKind: '*',
    actions: ['reference.read', 'reference.admin', 'user.read', 'user.admin', 'personal.reveal'],
  },
  {
    role: 'security_admin',
    orgKind: '*',
    actions: ['reference.read', 'user.read', 'access.admin', 'security.admin'],
  },
  { role: 'audit_admin', orgKind: '*', actions: ['reference.read', 'audit.read'] },
  {
    role: 'drc',
    orgKind: '*',
    actions: [
      'reference.read',
      'enterprise.read',
      'enterprise.write',
      'project.read',
      'project.write',
      'registry.write',
      'registry.admin',
      'personal.reveal',
      'land.read',
      'land.list',
      'approval.write',
      'plan.write',
      'report.write',
      'stats.read',
      'stats.write',
      'campaign.read',
      'campaign.write',
      'campaign.admin',
      'attraction.read',
      'attraction.write',
      'attraction.admin',
      'completion.write',
      'evaluation.read',
      'evaluation.write',
      'evaluation.admin',
      'opendata.admin',
    ],
  },
  {
    role: 'subarea_operator',
    orgKind: '*',
    actions: [
      'reference.read',
      'enterprise.read',
      'enterprise.write',
      'project.read',
      'project.write',
      'registry.write',
      'personal.reveal',
      'land.read',
      'plan.write',
      'report.write',
      'stats.read',
      'stats.write',
      'campaign.read',
      'campaign.write',
      'attraction.read',
      'attraction.write',
      'completion.write',
      'evaluation.read',
      'evaluation.write',
    ],
  },
  {
    role: 'dept_operator',
    orgKind: '*',
    actions: [
      'reference.read',
      'enterprise.read',
      'project.read',
      'land.read',
      'land.list',
      'approval.write',
      'plan.write',
      'stats.read',
    ],
  },
  // 自然资源和规划 keeps the land ledger.
  { role: 'dept_operator', orgKind: 'natural_resources', actions: ['land.write'] },
  // 区城管局 leads the urban-village campaign.
  {
    role: 'dept_operator',
    orgKind: 'urban_management',
    actions: ['campaign.read', 'campaign.write', 'campaign.admin'],
  },
  // 商务 registers the investors of the leads it works, works the pool and merges duplicates.
  {
    role: 'dept_operator',
    orgKind: 'commerce',
    actions: ['enterprise.write', 'attraction.read', 'attraction.write', 'attraction.admin'],
  },
  // 工信 scores post-evaluations with 区发改 and imports the 亩均 classes.
  {
    role: 'dept_operator',
    orgKind: 'industry',
    actions: ['evaluation.read', 'evaluation.admin'],
  },
  // 住建 (joint acceptance, filing) and 不动产登记 (the title) record the integrated completion.
  { role: 'dept_operator', orgKind: 'housing', actions: ['completion.write'] },
  { role: 'dept_operator', orgKind: 'real_estate_registry', actions: ['completion.write'] },
  {
    role: 'leader',
    orgKind: '*',
    actions: [
      'reference.read',
      'enterprise.read',
      'project.read',
      'comment.write',
      'land.read',
      'stats.read',
      'campaign.read',
      'attraction.read',
      'evaluation.read',
    ],
  },
  {
    role: 'enterprise',
    orgKind: '*',
    actions: [
      'reference.read',
      'enterprise.read',
      'project.read',
      'project.write',
      'plan.write',
      'report.write',
      'evaluation.read',
      'evaluation.write',
    ],
  },
];

/** The actions a user with these roles in an organisation of this kind may perform. */
export function actionsFor(
  roles: readonly Role[],
  orgKind: string,
  table: readonly PermissionRow[] = PERMISSIONS,
): Set<Action> {
  const allowed = new Set<Action>();
  for (const row of table) {
    if (!roles.includes(row.role)) continue;
    if (row.orgKind !== '*' && row.orgKind !== orgKind) continue;
    for (const action of row.actions) allowed.add(action);
  }
  return allowed;
}
