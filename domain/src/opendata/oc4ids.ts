import type { ProjectState } from '../projects/states';

// Groundbreak's projects in the words of OC4IDS 0.9.5 (the Open Contracting for Infrastructure Data
// Standard): which projects are public, their status, type and sector codes, milestone states, and the
// standard's date-times. Mapping choices that are ours, not the standard's, are marked "ours".
// Coordinates: project longitude/latitude and parcel outlines are WGS84/CGCS2000 already (the land
// ledger imports them as such and the map draws both in one frame), which is what OC4IDS asks for, so
// nothing is converted; GCJ-02 map-picker coordinates never enter the registry.

/** The closed projectStatus codelist. */
export const OC4IDS_PROJECT_STATUSES = [
  'identification',
  'preparation',
  'implementation',
  'completion',
  'maintenance',
  'decommissioning',
  'decommissioned',
  'cancelled',
] as const;
export type Oc4idsProjectStatus = (typeof OC4IDS_PROJECT_STATUSES)[number];

/** The closed projectType codelist. */
export type Oc4idsProjectType =
  | 'construction'
  | 'rehabilitation'
  | 'replacement'
  | 'expansion'
  | 'decommissioning';

/** The closed milestoneStatus codelist (partiallyMet is never derived from our dates). */
export type Oc4idsMilestoneStatus = 'scheduled' | 'met' | 'notMet' | 'partiallyMet';

/** States whose projects are published: filed (赋码入库) and after. Leads and signed-only are not public. */
export const OC4IDS_PUBLIC_STATES = [
  'FILED',
  'LAND_PREP',
  'LAND_SUPPLIED',
  'APPROVING',
  'STARTED',
  'COMPLETED',
  'IN_PRODUCTION',
  'AT_TARGET',
  'POST_EVALUATED',
] as const satisfies readonly ProjectState[];
const PUBLIC_STATES: ReadonlySet<ProjectState> = new Set(OC4IDS_PUBLIC_STATES);

const STATUS_OF: Partial<Record<ProjectState, Oc4idsProjectStatus>> = {
  FILED: 'preparation',
  LAND_PREP: 'preparation',
  LAND_SUPPLIED: 'preparation',
  APPROVING: 'preparation',
  STARTED: 'implementation',
  COMPLETED: 'completion',
  IN_PRODUCTION: 'maintenance',
  AT_TARGET: 'maintenance',
  POST_EVALUATED: 'maintenance',
};

export type PublicityFacts = {
  state: ProjectState;
  /** The state a suspended (停缓建) project will resume. */
  suspendedFromState: ProjectState | null;
  /** 立项 (赋码入库) date: set once the project was FILED, kept when it is later terminated. */
  filedOn: string | null;
};

/**
 * Whether a project is published (ours): from FILED on; a suspended one when it was suspended from a public
 * state; a terminated one only if it had been filed before (it was public, so its cancellation is too).
 */
export function isPublicProject(p: PublicityFacts): boolean {
  if (PUBLIC_STATES.has(p.state)) return true;
  if (p.state === 'SUSPENDED')
    return p.suspendedFromState !== null && PUBLIC_STATES.has(p.suspendedFromState);
  if (p.state === 'TERMINATED') return p.filedOn !== null;
  return false;
}

/**
 * The OC4IDS status of a public project (ours, after oc4ids.md): 立项 to 审批中 → preparation, 已开工 →
 * implementation, 已竣工 → completion, 投产/达产/后评价 → maintenance, 终止 → cancelled; a suspended project keeps
 * the status of the state it will resume. Null for a project that is not public.
 */
export function projectStatusOf(p: PublicityFacts): Oc4idsProjectStatus | null {
  if (!isPublicProject(p)) return null;
  if (p.state === 'TERMINATED') return 'cancelled';
  const state = p.state === 'SUSPENDED' ? p.suspendedFromState : p.state;
  return (state && STATUS_OF[state]) ?? null;
}

/**
 * 建设性质 → projectType (ours): 新建 construction, 扩建 expansion, 改建 and 技术改造 rehabilitation (work on an
 * existing asset), 迁建 replacement (the asset rebuilt elsewhere). Unknown or empty: none.
 */
export function projectTypeOf(constructionNature: string | null): Oc4idsProjectType | null {
  switch (constructionNature) {
    case 'new':
      return 'construction';
    case 'expansion':
      return 'expansion';
    case 'renovation':
    case 'tech_upgrade':
      return 'rehabilitation';
    case 'relocation':
      return 'replacement';
    default:
      return null;
  }
}

/** 门类 (and some 大类) of GB/T 4754-2017 → projectSector (ours); anything else is the economy. */
function sectorOfIndustry(code: string): string | null {
  const letter = code.charAt(0).toUpperCase();
  const division = Number(code.slice(1, 3));
  switch (letter) {
    case 'D':
      // 44 电力热力, 45 燃气: energy; 46 水的生产和供应: water.
      return division === 46 ? 'waterAndWaste' : 'energy';
    case 'G':
      if (division === 53) return 'transport.rail';
      if (division === 54) return 'transport.road';
      if (division === 55) return 'transport.water';
      if (division === 56) return 'transport.air';
      return 'transport';
    case 'I':
      return 'communications';
    case 'N':
      // 76 水利, 77 生态保护和环境治理: natural resources; 78 公共设施管理 (sanitation, parks): water and waste.
      return division === 78 ? 'waterAndWaste' : 'naturalResources';
    case 'P':
      return 'education';
    case 'Q':
      return 'health';
    case 'R':
      return 'cultureSportsAndRecreation';
    case 'S':
      return 'governance';
    case '':
      return null;
    default:
      return 'economy';
  }
}

const SECTOR_OF_CHAIN: Record<string, string> = {
  新能源: 'energy',
  文旅: 'cultureSportsAndRecreation',
  医疗器械: 'health',
  生物医药: 'health',
};

/**
 * projectSector codes of a project (ours): from its 国民经济行业分类 (门类 + 大类, e.g. 'C36') when known, else
 * from its 产业类别; at least 'economy' for an industrial project, none when nothing is known.
 */
export function projectSectorsOf(industryCode: string | null, industryChain: string | null): string[] {
  const byCode = industryCode ? sectorOfIndustry(industryCode) : null;
  const byChain = industryChain ? (SECTOR_OF_CHAIN[industryChain] ?? 'economy') : null;
  const sectors = [byCode, byChain].filter((s): s is string => s !== null);
  // A specific sector wins over the generic economy.
  const specific = sectors.filter((s) => s !== 'economy');
  return [...new Set(specific.length > 0 ? specific : sectors)];
}

/**
 * A milestone's status on `today` ('YYYY-MM-DD'): met once it has a date met; notMet when its due date has
 * passed without one; scheduled otherwise.
 */
export function milestoneStatusOf(
  dueDate: string | null,
  dateMet: string | null,
  today: string,
): Oc4idsMilestoneStatus {
  if (dateMet && dateMet <= today) return 'met';
  if (dueDate && dueDate < today) return 'notMet';
  return 'scheduled';
}

/** A calendar day in Asia/Shanghai as the standard's date-time (its midnight, +08:00). */
export function oc4idsDateTime(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** The globally unique project id: the publisher's registered prefix, then our 内部编号. */
export function oc4idsProjectId(prefix: string, internalNo: string): string {
  return `${prefix}-${internalNo}`;
}

/** A period from two calendar days (either may be missing); null when both are; days counted inclusive. */
export function oc4idsPeriod(
  startDay: string | null,
  endDay: string | null,
): { startDate?: string; endDate?: string; durationInDays?: number } | null {
  if (!startDay && !endDay) return null;
  const out: { startDate?: string; endDate?: string; durationInDays?: number } = {};
  if (startDay) out.startDate = oc4idsDateTime(startDay);
  if (endDay) out.endDate = oc4idsDateTime(endDay);
  if (startDay && endDay && endDay >= startDay)
    out.durationInDays = Math.round((Date.parse(endDay) - Date.parse(startDay)) / 86_400_000) + 1;
  return out;
}

/** Whether a longitude/latitude pair is a WGS84 position (a missing or projected coordinate is not). */
export function isLonLat(lon: number | null, lat: number | null): boolean {
  return (
    lon !== null &&
    lat !== null &&
    Number.isFinite(lon) &&
    Number.isFinite(lat) &&
    Math.abs(lon) <= 180 &&
    Math.abs(lat) <= 90 &&
    !(lon === 0 && lat === 0)
  );
}
