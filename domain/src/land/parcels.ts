// The land ledger's parcels (domain.md §10): one active status each, the moves between them, and the
// 批而未供 flag, which is a statistic over two statuses rather than a stage of its own.

export const PARCEL_STATUSES = [
  'planned',
  'approved_unsupplied',
  'reserve',
  'supplied',
  'under_construction',
  'underused',
  'suspected_idle',
  'idle',
  'built',
  'recovered',
] as const;
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

export const PARCEL_STATUS_LABELS: Record<ParcelStatus, string> = {
  planned: '规划预留',
  approved_unsupplied: '批而未供',
  reserve: '储备(净地)',
  supplied: '已供未开工',
  under_construction: '已开工(在建)',
  underused: '用而不足',
  suspected_idle: '疑似闲置',
  idle: '已认定闲置',
  built: '已建成(达标)',
  recovered: '已收回',
};

/** Legal moves (§10.2). Supply and the idle-land procedure make some of them; the rest are by hand. */
export const PARCEL_TRANSITIONS: Record<ParcelStatus, readonly ParcelStatus[]> = {
  planned: ['approved_unsupplied'],
  approved_unsupplied: ['reserve'],
  reserve: ['supplied'],
  supplied: ['under_construction', 'suspected_idle'],
  under_construction: ['built', 'underused', 'suspected_idle'],
  underused: ['built', 'suspected_idle'],
  suspected_idle: ['idle', 'under_construction', 'supplied'],
  idle: ['under_construction', 'recovered'],
  built: ['underused'],
  recovered: ['reserve'],
};

export function canMoveParcel(from: ParcelStatus, to: ParcelStatus): boolean {
  return PARCEL_TRANSITIONS[from].includes(to);
}

/** Parcels a project can be given: government-held land, approved for construction, not yet supplied. */
export const AVAILABLE_PARCEL_STATUSES: readonly ParcelStatus[] = ['reserve', 'approved_unsupplied'];

export function isParcelAvailable(status: ParcelStatus): boolean {
  return AVAILABLE_PARCEL_STATUSES.includes(status);
}

/**
 * 批而未供: new construction land approved (农转用/征收, by the State Council or the province) for which
 * no supply was completed — whether or not it has been cleared (批而未供 and 储备 statuses alike). Stock land
 * the government re-acquired (存量收储) has no such approval and is not counted; land built on without a
 * supply record still is.
 */
export function isApprovedUnsupplied(parcel: {
  conversionApprovalNo: string | null;
  supplied: boolean;
}): boolean {
  return Boolean(parcel.conversionApprovalNo) && !parcel.supplied;
}

export const PARCEL_USES = [
  'industrial',
  'warehouse',
  'm0',
  'commercial',
  'residential',
  'public',
  'other',
] as const;
export type ParcelUse = (typeof PARCEL_USES)[number];

export const PARCEL_USE_LABELS: Record<ParcelUse, string> = {
  industrial: '工业用地',
  warehouse: '仓储用地',
  m0: '新型产业用地(M0)',
  commercial: '商业服务业用地',
  residential: '居住用地',
  public: '公共管理与公共服务用地',
  other: '其他用地',
};

export const LAND_SOURCES = ['new', 'stock', 'digestion', 'inefficient', 'consolidation'] as const;
export type LandSource = (typeof LAND_SOURCES)[number];

export const LAND_SOURCE_LABELS: Record<LandSource, string> = {
  new: '新增(农转用/征收)',
  stock: '存量收储',
  digestion: '批而未供消化',
  inefficient: '低效用地再开发',
  consolidation: '全域土地综合整治',
};

export const SUPPLY_METHODS = ['listing', 'auction', 'tender', 'agreement', 'allocation'] as const;
export type SupplyMethod = (typeof SUPPLY_METHODS)[number];

export const SUPPLY_METHOD_LABELS: Record<SupplyMethod, string> = {
  listing: '挂牌出让',
  auction: '拍卖出让',
  tender: '招标出让',
  agreement: '协议出让',
  allocation: '划拨',
};

/** Square metres in one 亩 (1 亩 = 10000/15 m²). */
export const M2_PER_MU = 10_000 / 15;
