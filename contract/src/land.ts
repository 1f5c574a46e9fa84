import {
  IDLE_CASE_STAGES,
  IDLE_CAUSES,
  IDLE_DISPOSALS,
  LAND_LIST_ITEM_CODES,
  LAND_LIST_STATUSES,
  LAND_SOURCES,
  MATCH_PARTS,
  PARCEL_STATUSES,
  PARCEL_USES,
  PROJECT_STATES,
  SUPPLY_METHODS,
} from '@groundbreak/domain';
import { z } from 'zod';
import { listQuery, listResponse, rowVersion } from './list';

export {
  IDLE_CASE_STAGE_LABELS,
  IDLE_CASE_STAGES,
  IDLE_CAUSE_LABELS,
  IDLE_CAUSES,
  IDLE_DISPOSAL_LABELS,
  IDLE_DISPOSALS,
  LAND_LIST_ITEMS,
  LAND_LIST_STATUS_LABELS,
  LAND_LIST_STATUSES,
  LAND_SOURCE_LABELS,
  LAND_SOURCES,
  MATCH_PART_LABELS,
  PARCEL_STATUS_LABELS,
  PARCEL_STATUSES,
  PARCEL_USE_LABELS,
  PARCEL_USES,
  SUPPLY_METHOD_LABELS,
  SUPPLY_METHODS,
} from '@groundbreak/domain';

// The land ledger (土地资源): parcels, their 用地清单, regional assessments, supply, idle land, matching and
// the map. Areas in m² on the wire (the UI shows 亩 beside them), money in integer 元.

const id = z.string().uuid();
const date = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const area = z.number().positive().max(1e9);
const ratio = z.number().min(0).max(100);
const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const commaList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const PARCEL_SORTS = ['parcelNo', 'areaM2', 'status', 'updatedAt', 'idleDays'] as const;

export const landListSummary = z.object({
  complete: z.boolean(),
  done: z.number().int(),
  total: z.number().int(),
  open: z.array(z.enum(LAND_LIST_ITEM_CODES)),
  expired: z.array(z.enum(LAND_LIST_ITEM_CODES)),
  expiringSoon: z.array(z.enum(LAND_LIST_ITEM_CODES)),
});

export const IDLE_LIGHTS = ['none', 'yellow', 'suspected'] as const;

export const parcelListItem = z.object({
  id,
  parcelNo: z.string(),
  name: z.string(),
  regionId: id,
  regionName: z.string(),
  areaM2: z.number(),
  use: z.enum(PARCEL_USES),
  status: z.enum(PARCEL_STATUSES),
  approvedUnsupplied: z.boolean(),
  idleLight: z.enum(IDLE_LIGHTS),
  idleDays: z.number().int().nullable(),
  listDone: z.number().int(),
  listTotal: z.number().int(),
  projectId: id.nullable(),
  projectName: z.string().nullable(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type ParcelListItem = z.infer<typeof parcelListItem>;
export const parcelListResponse = listResponse(parcelListItem);

export const parcelListQuery = listQuery(PARCEL_SORTS).extend({
  q: text(50).optional(),
  regionId: id.optional(),
  status: commaList(PARCEL_STATUSES).optional(),
  use: z.enum(PARCEL_USES).optional(),
  /** 批而未供 flag (§10.2: both not-yet-cleared and net parcels with approval and no supply). */
  approvedUnsupplied: z.enum(['true', 'false']).optional(),
  idle: z.enum(['yellow', 'suspected', 'any']).optional(),
  listComplete: z.enum(['true', 'false']).optional(),
});
export type ParcelListQuery = z.input<typeof parcelListQuery>;

/** The editable fields of a parcel (status moves separately). */
export const parcelFields = z.object({
  parcelNo: text(40).min(1, '请填写地块编号'),
  unitCode: text(40).nullable(),
  name: text(100).min(1, '请填写地块名称'),
  regionId: id,
  location: text(200).nullable(),
  boundary: text(300).nullable(),
  areaM2: area,
  use: z.enum(PARCEL_USES),
  source: z.enum(LAND_SOURCES),
  plotRatioMin: ratio.nullable(),
  plotRatioMax: ratio.nullable(),
  buildingCoverageMin: z.number().min(0).max(1).nullable(),
  greenRatioMax: z.number().min(0).max(1).nullable(),
  heightLimitM: z.number().min(0).max(1000).nullable(),
  intensityMinWanPerMu: z.number().min(0).max(1e6).nullable(),
  taxMinWanPerMu: z.number().min(0).max(1e6).nullable(),
  industries: z.array(text(40).min(1)).max(20),
  conversionBatch: text(100).nullable(),
  conversionApprovalNo: text(100).nullable(),
  conversionApprovedOn: date.nullable(),
  conversionAuthority: text(50).nullable(),
  conversionValidUntil: date.nullable(),
  readyOn: date.nullable(),
  developedAreaM2: z.number().min(0).max(1e9).nullable(),
  investedYuan: money.nullable(),
  lastProgressOn: date.nullable(),
});
export type ParcelFields = z.infer<typeof parcelFields>;

export const createParcelBody = parcelFields
  .partial()
  .extend({
    parcelNo: parcelFields.shape.parcelNo,
    name: parcelFields.shape.name,
    regionId: id,
    areaM2: area,
    use: z.enum(PARCEL_USES),
    source: z.enum(LAND_SOURCES),
    status: z.enum(['planned', 'approved_unsupplied', 'reserve']),
  })
  .strict();
export const updateParcelBody = parcelFields.partial().extend({ version: rowVersion }).strict();

export const parcel = parcelFields.extend({
  id,
  regionName: z.string(),
  status: z.enum(PARCEL_STATUSES),
  approvedUnsupplied: z.boolean(),
  hasGeometry: z.boolean(),
  centre: z.tuple([z.number(), z.number()]).nullable(),
  projectId: id.nullable(),
  projectName: z.string().nullable(),
  projectState: z.enum(PROJECT_STATES).nullable(),
  idleLight: z.enum(IDLE_LIGHTS),
  idleDays: z.number().int().nullable(),
  idleReason: z.string().nullable(),
  idleCheckedOn: date.nullable(),
  list: landListSummary,
  nextStatuses: z.array(z.enum(PARCEL_STATUSES)),
  abilities: z.object({ edit: z.boolean(), move: z.boolean(), supply: z.boolean(), idleCase: z.boolean() }),
  isDemo: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Parcel = z.infer<typeof parcel>;
export const parcelResponse = z.object({ parcel });
export const parcelIdParams = z.strictObject({ id });
export const moveParcelBody = z.strictObject({
  to: z.enum(PARCEL_STATUSES),
  version: rowVersion,
  reason: text(200).optional(),
});

export const landListRow = z.object({
  code: z.enum(LAND_LIST_ITEM_CODES),
  label: z.string(),
  department: z.string(),
  status: z.enum(LAND_LIST_STATUSES).nullable(),
  docNo: z.string().nullable(),
  approvedOn: date.nullable(),
  validUntil: date.nullable(),
  conclusion: z.string().nullable(),
  /** Whose result stands for the item: the parcel's own, a regional assessment, or nothing yet. */
  source: z.enum(['parcel', 'regional', 'none']),
  regionalAssessmentId: id.nullable(),
  satisfied: z.boolean(),
  expired: z.boolean(),
  expiringSoon: z.boolean(),
  canEdit: z.boolean(),
  /** The parcel's own row's version (0 when it has none). */
  version: z.number().int(),
});
export const landListResponse = z.object({ items: z.array(landListRow), summary: landListSummary });
export const listItemParams = z.strictObject({ id, code: z.enum(LAND_LIST_ITEM_CODES) });
export const putListItemBody = z.strictObject({
  status: z.enum(LAND_LIST_STATUSES),
  docNo: text(100).nullable().optional(),
  approvedOn: date.nullable().optional(),
  validUntil: date.nullable().optional(),
  conclusion: text(500).nullable().optional(),
  /** 0 to create the parcel's own row. */
  version: z.number().int().min(0).max(2_147_483_647),
});

export const regionalAssessment = z.object({
  id,
  regionId: id,
  regionName: z.string(),
  code: z.enum(LAND_LIST_ITEM_CODES),
  name: z.string(),
  status: z.enum(LAND_LIST_STATUSES),
  docNo: z.string().nullable(),
  approvedOn: date.nullable(),
  validUntil: date.nullable(),
  conclusion: z.string().nullable(),
  /** Parcels in the region it stands for. */
  parcels: z.number().int(),
  canEdit: z.boolean(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export const regionalAssessmentListResponse = listResponse(regionalAssessment);
export const regionalAssessmentQuery = listQuery(['validUntil', 'code']).extend({ regionId: id.optional() });
export const regionalAssessmentBody = z.strictObject({
  regionId: id,
  code: z.enum(LAND_LIST_ITEM_CODES),
  name: text(100).min(1),
  status: z.enum(LAND_LIST_STATUSES),
  docNo: text(100).nullable().optional(),
  approvedOn: date.nullable().optional(),
  validUntil: date.nullable().optional(),
  conclusion: text(500).nullable().optional(),
});
export const updateRegionalAssessmentBody = regionalAssessmentBody
  .omit({ regionId: true, code: true })
  .extend({ version: rowVersion })
  .strict();
export const regionalAssessmentResponse = z.object({ assessment: regionalAssessment });

export const landSupply = z.object({
  id,
  parcelId: id,
  projectId: id,
  projectName: z.string(),
  method: z.enum(SUPPLY_METHODS),
  announcedOn: date.nullable(),
  dealOn: date.nullable(),
  priceYuan: money.nullable(),
  grantee: z.string().nullable(),
  contractNo: z.string().nullable(),
  contractOn: date.nullable(),
  agreedStartOn: date.nullable(),
  agreedCompletionOn: date.nullable(),
  planningPermitNo: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const supplyResponse = z.object({
  supply: landSupply.nullable(),
  /** What the project's move to 已供地 still lacks (empty once it moved or can). */
  unmet: z.array(z.object({ code: z.string(), message: z.string() })),
  projectState: z.enum(PROJECT_STATES).nullable(),
});
export const putSupplyBody = z.strictObject({
  projectId: id,
  method: z.enum(SUPPLY_METHODS),
  announcedOn: date.nullable().optional(),
  dealOn: date.nullable().optional(),
  priceYuan: money.nullable().optional(),
  grantee: text(100).nullable().optional(),
  contractNo: text(60).nullable().optional(),
  contractOn: date.nullable().optional(),
  agreedStartOn: date.nullable().optional(),
  agreedCompletionOn: date.nullable().optional(),
  planningPermitNo: text(60).nullable().optional(),
  /**
   * The permit number the form showed when it was opened: the number lives on the project's approval item,
   * which its department may correct meanwhile; a save that would overwrite such a correction is refused.
   */
  planningPermitNoWas: text(60).nullable().optional(),
  /** 0 to record a new supply. */
  version: z.number().int().min(0).max(2_147_483_647),
});

export const landDemand = z.object({
  projectId: id,
  areaM2: z.number(),
  use: z.enum(PARCEL_USES),
  plotRatioNeeded: z.number().nullable(),
  preferredRegionId: id.nullable(),
  wantedOn: date.nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export const landDemandResponse = z.object({
  demand: landDemand.nullable(),
  /** The parcel earmarked for or supplied to the project, with its 用地清单 (the 拿地即开工 readiness). */
  parcel: z
    .object({
      id,
      parcelNo: z.string(),
      name: z.string(),
      status: z.enum(PARCEL_STATUSES),
      listDone: z.number().int(),
      listTotal: z.number().int(),
    })
    .nullable(),
  canEdit: z.boolean(),
  canPick: z.boolean(),
});
export const putLandDemandBody = z.strictObject({
  areaM2: area,
  use: z.enum(PARCEL_USES),
  plotRatioNeeded: ratio.nullable().optional(),
  preferredRegionId: id.nullable().optional(),
  wantedOn: date.nullable().optional(),
  note: text(300).nullable().optional(),
  version: z.number().int().min(0).max(2_147_483_647),
});

const matchPart = z.object({
  part: z.enum(MATCH_PARTS),
  label: z.string(),
  weight: z.number(),
  points: z.number(),
  explanation: z.string(),
});
export const parcelMatch = z.object({
  parcelId: id,
  parcelNo: z.string(),
  name: z.string(),
  regionName: z.string(),
  areaM2: z.number(),
  status: z.enum(PARCEL_STATUSES),
  total: z.number(),
  parts: z.array(matchPart),
});
export const parcelMatchesResponse = z.object({ items: z.array(parcelMatch), considered: z.number().int() });
export const projectMatch = z.object({
  projectId: id,
  internalNo: z.string(),
  name: z.string(),
  regionName: z.string(),
  state: z.enum(PROJECT_STATES),
  areaM2: z.number(),
  total: z.number(),
  parts: z.array(matchPart),
});
export const projectMatchesResponse = z.object({
  items: z.array(projectMatch),
  considered: z.number().int(),
});
export const pickParcelBody = z.strictObject({ parcelId: id, version: rowVersion });

export const idleCase = z.object({
  id,
  parcelId: id,
  parcelNo: z.string(),
  parcelName: z.string(),
  regionName: z.string(),
  stage: z.enum(IDLE_CASE_STAGES),
  cause: z.enum(IDLE_CAUSES).nullable(),
  disposal: z.enum(IDLE_DISPOSALS).nullable(),
  noticeOn: date.nullable(),
  determinationNo: z.string().nullable(),
  determinedOn: date.nullable(),
  plan: z.string().nullable(),
  decisionNo: z.string().nullable(),
  decidedOn: date.nullable(),
  feeYuan: money.nullable(),
  /** 20% of the land price, when the land price is known (the fee the decision is expected to charge). */
  suggestedFeeYuan: money.nullable(),
  deadlineOn: date.nullable(),
  result: z.string().nullable(),
  closedOn: date.nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const idleCaseListResponse = listResponse(idleCase);
export const idleCaseQuery = listQuery(['updatedAt', 'stage']).extend({
  stage: commaList(IDLE_CASE_STAGES).optional(),
  regionId: id.optional(),
  parcelId: id.optional(),
});
export const idleCaseResponse = z.object({ case: idleCase });
export const openIdleCaseBody = z.strictObject({ noticeOn: date, note: text(300).optional() });
/** One step of the procedure: what the next stage records. */
export const advanceIdleCaseBody = z.strictObject({
  version: rowVersion,
  cause: z.enum(IDLE_CAUSES).optional(),
  disposal: z.enum(IDLE_DISPOSALS).optional(),
  determinationNo: text(100).optional(),
  determinedOn: date.optional(),
  plan: text(1000).optional(),
  decisionNo: text(100).optional(),
  decidedOn: date.optional(),
  feeYuan: money.optional(),
  deadlineOn: date.optional(),
  result: text(500).optional(),
});

export const landMapQuery = z.strictObject({
  regionId: id.optional(),
  status: commaList(PARCEL_STATUSES).optional(),
});
export const landMapResponse = z.object({
  parcels: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id,
        geometry: z.unknown(),
        properties: z.object({
          parcelNo: z.string(),
          name: z.string(),
          status: z.enum(PARCEL_STATUSES),
          regionName: z.string(),
          areaM2: z.number(),
          projectName: z.string().nullable(),
        }),
      }),
    ),
  }),
  projects: z.array(
    z.object({
      id,
      name: z.string(),
      state: z.enum(PROJECT_STATES),
      regionName: z.string(),
      position: z.tuple([z.number(), z.number()]),
    }),
  ),
  /** Parcels in scope without a polygon (listed, not drawn). */
  undrawn: z.number().int(),
  /** The district boundary and the 板块 outlines shipped with the app (approximate; see its provenance). */
  outlines: z.object({
    type: z.literal('FeatureCollection'),
    provenance: z.string(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.unknown(),
        properties: z.object({
          code: z.string(),
          name: z.string(),
          kind: z.enum(['district', 'subarea']),
          /** The region, when the installation has one with this code. */
          regionId: id.nullable(),
        }),
      }),
    ),
  }),
});

export const landBalanceResponse = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({
      regionId: id,
      regionName: z.string(),
      /** 储备(净地) parcels whose list is complete: ready to give today. */
      readyAreaM2: z.number(),
      /** 储备 and 批而未供 parcels not earmarked. */
      availableAreaM2: z.number(),
      /** Signed and filed projects that need land and have none. */
      demandAreaM2: z.number(),
      waitingProjects: z.number().int(),
      approvedUnsuppliedAreaM2: z.number(),
      idleAreaM2: z.number(),
      /** 批而未供消化: area of approved land supplied this year, against its target. */
      digestedAreaM2: z.number(),
      digestionTargetM2: z.number().nullable(),
      /** 存量盘活: stock, inefficient and consolidated land supplied this year, against its target. */
      revitalisedAreaM2: z.number(),
      revitalisationTargetM2: z.number().nullable(),
    }),
  ),
  /** Share of the year gone (序时进度), for the digestion progress. */
  timeElapsedRate: z.number(),
});

export const geojsonImportPreview = z.object({
  features: z.number().int(),
  problems: z.array(z.object({ index: z.number().int(), reason: z.string() })),
  warnings: z.array(z.object({ index: z.number().int(), message: z.string() })),
  rows: z.array(
    z.object({
      index: z.number().int(),
      parcelNo: z.string().nullable(),
      name: z.string().nullable(),
      action: z.enum(['create', 'update', 'error']),
      areaM2: z.number(),
      message: z.string().nullable(),
    }),
  ),
  /** Whether committing would write everything (no problem anywhere). */
  committable: z.boolean(),
});
/** The file comes as multipart; these say where new parcels go and whether to write. */
export const geojsonImportQuery = z.strictObject({
  regionId: id.optional(),
  commit: z.enum(['true', 'false']).default('false'),
});
export const geojsonImportResponse = z.object({
  preview: geojsonImportPreview,
  committed: z.object({ created: z.number().int(), updated: z.number().int() }).nullable(),
});

/** The district's land rules [A]: when the idle-land watch lights 黄 and 疑似闲置 (days past the agreed start). */
export const landRules = z
  .strictObject({
    idleWarnDays: z.number().int().min(30).max(3650),
    idleDays: z.number().int().min(60).max(3650),
  })
  .refine((r) => r.idleWarnDays < r.idleDays, {
    message: '黄灯天数须少于疑似闲置天数',
    path: ['idleWarnDays'],
  });
export type LandRules = z.infer<typeof landRules>;
export const landRulesResponse = z.object({
  rules: z.object({ idleWarnDays: z.number().int(), idleDays: z.number().int() }),
  canEdit: z.boolean(),
});

export const LAND_PROGRAMME_KINDS = ['contiguous_development', 'consolidation'] as const;
export const LAND_PROGRAMME_KIND_LABELS: Record<(typeof LAND_PROGRAMME_KINDS)[number], string> = {
  contiguous_development: '土地征收成片开发方案',
  consolidation: '全域土地综合整治',
};
export const landProgramme = z.object({
  id,
  kind: z.enum(LAND_PROGRAMME_KINDS),
  name: z.string(),
  regionId: id,
  regionName: z.string(),
  docNo: z.string().nullable(),
  approvedOn: date.nullable(),
  validUntil: date.nullable(),
  newFarmlandM2: z.number().nullable(),
  relocatedLandM2: z.number().nullable(),
  parcels: z.array(
    z.object({
      id,
      parcelNo: z.string(),
      name: z.string(),
      status: z.enum(PARCEL_STATUSES),
      areaM2: z.number(),
    }),
  ),
  /** Sum of the linked parcels' areas. */
  areaM2: z.number(),
  isDemo: z.boolean(),
  version: z.number().int(),
});
export const landProgrammeListResponse = listResponse(landProgramme);
export const landProgrammeQuery = listQuery(['approvedOn']).extend({
  kind: z.enum(LAND_PROGRAMME_KINDS).optional(),
  regionId: id.optional(),
});
export const landProgrammeBody = z.strictObject({
  kind: z.enum(LAND_PROGRAMME_KINDS),
  name: text(100).min(1, '请填写方案名称'),
  regionId: id,
  docNo: text(100).nullable().optional(),
  approvedOn: date.nullable().optional(),
  validUntil: date.nullable().optional(),
  newFarmlandM2: z.number().min(0).max(1e10).nullable().optional(),
  relocatedLandM2: z.number().min(0).max(1e10).nullable().optional(),
  parcelIds: z.array(id).max(500),
});
export const updateLandProgrammeBody = landProgrammeBody
  .omit({ kind: true, regionId: true })
  .extend({ version: rowVersion })
  .strict();
export const landProgrammeResponse = z.object({ programme: landProgramme });

export type GeojsonImportPreview = z.infer<typeof geojsonImportPreview>;
export type LandListRow = z.infer<typeof landListRow>;
export type LandListSummary = z.infer<typeof landListSummary>;
export type RegionalAssessment = z.infer<typeof regionalAssessment>;
export type LandSupply = z.infer<typeof landSupply>;
export type SupplyState = z.infer<typeof supplyResponse>;
export type LandDemandState = z.infer<typeof landDemandResponse>;
export type ParcelMatch = z.infer<typeof parcelMatch>;
export type ProjectMatch = z.infer<typeof projectMatch>;
export type IdleCase = z.infer<typeof idleCase>;
export type LandMap = z.infer<typeof landMapResponse>;
export type LandBalance = z.infer<typeof landBalanceResponse>;
export type LandProgramme = z.infer<typeof landProgramme>;
