// Project lifecycle states (domain.md §3.2): the main sequence from lead to post-evaluation, and two side
// states, SUSPENDED (停缓建) and TERMINATED (终止).

export const PROJECT_STATES = [
  'LEAD',
  'NEGOTIATING',
  'SIGNED',
  'FILED',
  'LAND_PREP',
  'LAND_SUPPLIED',
  'APPROVING',
  'STARTED',
  'COMPLETED',
  'IN_PRODUCTION',
  'AT_TARGET',
  'POST_EVALUATED',
  'SUSPENDED',
  'TERMINATED',
] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

export const PROJECT_STATE_LABELS: Record<ProjectState, string> = {
  LEAD: '招商线索',
  NEGOTIATING: '在谈',
  SIGNED: '已签约',
  FILED: '已立项',
  LAND_PREP: '供地准备',
  LAND_SUPPLIED: '已供地',
  APPROVING: '审批中',
  STARTED: '已开工',
  COMPLETED: '已竣工',
  IN_PRODUCTION: '已投产',
  AT_TARGET: '已达产',
  POST_EVALUATED: '已后评价',
  SUSPENDED: '停缓建',
  TERMINATED: '终止',
};

/** The main sequence in order; side states are outside it. */
export const MAIN_SEQUENCE = PROJECT_STATES.slice(0, 12) as readonly ProjectState[];

export const LAND_USES = ['new_land', 'stock_land', 'leased_plant', 'no_new_land'] as const;
export type LandUse = (typeof LAND_USES)[number];

/** Projects on new or stock land go through the land states; leased plants and 技改 skip them. */
export function needsLand(landUse: LandUse | null): boolean {
  return landUse === 'new_land' || landUse === 'stock_land';
}

/** Position in the main sequence; side states have none (-1). */
export function stageIndex(state: ProjectState): number {
  return MAIN_SEQUENCE.indexOf(state);
}

/**
 * The land is supplied once the project has reached 已供地 (a project without land passes it by): 模拟审批 then
 * converts to formal approval and may no longer be started.
 */
export function isLandSupplied(state: ProjectState): boolean {
  return stageIndex(state) >= stageIndex('LAND_SUPPLIED');
}

/** States from which a project may be suspended: after FILED and before COMPLETED (§3.2). */
export function isSuspendable(state: ProjectState): boolean {
  const i = stageIndex(state);
  return i > stageIndex('FILED') && i < stageIndex('COMPLETED');
}

export function isTerminal(state: ProjectState): boolean {
  return state === 'TERMINATED' || state === 'POST_EVALUATED';
}

/** A lead may sit in the district's shared pool; from SIGNED on a project belongs to one 板块. */
export function mustBelongToSubarea(state: ProjectState): boolean {
  return state !== 'LEAD' && state !== 'NEGOTIATING';
}

/** The forward moves of the main sequence (§3.3); FILED forks on the land path. */
const FORWARD: Record<string, readonly ProjectState[]> = {
  LEAD: ['NEGOTIATING'],
  NEGOTIATING: ['SIGNED'],
  SIGNED: ['FILED'],
  FILED: ['LAND_PREP', 'APPROVING'],
  LAND_PREP: ['LAND_SUPPLIED'],
  LAND_SUPPLIED: ['APPROVING'],
  APPROVING: ['STARTED'],
  STARTED: ['COMPLETED'],
  COMPLETED: ['IN_PRODUCTION'],
  IN_PRODUCTION: ['AT_TARGET'],
  AT_TARGET: ['POST_EVALUATED'],
};

export function forwardTargets(state: ProjectState): readonly ProjectState[] {
  return FORWARD[state] ?? [];
}

/** The state a project enters a given state from, on its land path (for re-checking a gate on resume). */
export function predecessorOf(state: ProjectState, landUse: LandUse | null): ProjectState | null {
  if (state === 'APPROVING') return needsLand(landUse) ? 'LAND_SUPPLIED' : 'FILED';
  const i = stageIndex(state);
  return i > 0 ? (MAIN_SEQUENCE[i - 1] ?? null) : null;
}
