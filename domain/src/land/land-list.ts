import { addDays } from './dates';

// 用地清单 (domain.md §5): before land is supplied, the government carries out the assessments and surveys
// and hands their results over with the land. Each parcel has one row per item; a regional assessment
// (区域评估) done once for a park stands for every parcel in it. A parcel's list is complete when every item
// is 已批复 and not expired, or 不涉及.

export const LAND_LIST_ITEMS = [
  { code: 'ENV', label: '环境影响评价', department: '生态环境局', kind: 'assessment', orgKinds: ['ecology'] },
  { code: 'ENERGY', label: '节能评价', department: '发改局', kind: 'assessment', orgKinds: ['drc'] },
  {
    code: 'QUAKE',
    label: '地震安全性评价',
    department: '应急管理局',
    kind: 'assessment',
    orgKinds: ['emergency'],
  },
  {
    code: 'GEOHAZ',
    label: '地质灾害危险性评估',
    department: '自然资源和规划局',
    kind: 'assessment',
    orgKinds: ['natural_resources'],
  },
  {
    code: 'MINERAL',
    label: '压覆重要矿产资源评估',
    department: '自然资源和规划局',
    kind: 'assessment',
    orgKinds: ['natural_resources'],
  },
  { code: 'SOILWATER', label: '水土保持方案', department: '水利局', kind: 'assessment', orgKinds: ['water'] },
  { code: 'FLOOD', label: '洪水影响评价', department: '水利局', kind: 'assessment', orgKinds: ['water'] },
  { code: 'WATERRES', label: '水资源论证', department: '水利局', kind: 'assessment', orgKinds: ['water'] },
  {
    code: 'HERITAGE',
    label: '文物影响评估 / 考古调查勘探',
    department: '文旅局',
    kind: 'assessment',
    orgKinds: ['culture_tourism'],
  },
  {
    code: 'TRAFFIC',
    label: '交通影响评价',
    department: '交通运输局',
    kind: 'assessment',
    orgKinds: ['transport'],
  },
  {
    code: 'LIGHTNING',
    label: '雷电灾害风险评估',
    department: '气象局',
    kind: 'assessment',
    orgKinds: ['meteorology'],
  },
  {
    code: 'CLIMATE',
    label: '气候可行性论证',
    department: '气象局',
    kind: 'assessment',
    orgKinds: ['meteorology'],
  },
  {
    code: 'SOIL',
    label: '土壤污染状况调查',
    department: '生态环境局',
    kind: 'survey',
    orgKinds: ['ecology'],
  },
  { code: 'PIPE', label: '地下管线普查', department: '住建局', kind: 'survey', orgKinds: ['housing'] },
  {
    code: 'CIVILDEF',
    label: '人防工程 / 人防要求',
    department: '人防办',
    kind: 'survey',
    orgKinds: ['civil_defense'],
  },
  { code: 'TREES', label: '古树名木', department: '园林部门', kind: 'survey', orgKinds: ['landscape'] },
  {
    code: 'HISTBLD',
    label: '历史建筑保护对象',
    department: '住建局',
    kind: 'survey',
    orgKinds: ['housing', 'culture_tourism'],
  },
  {
    code: 'CONDITIONS',
    label: '规划条件',
    department: '自然资源和规划局',
    kind: 'condition',
    orgKinds: ['natural_resources'],
  },
  {
    code: 'UTILITIES',
    label: '市政配套条件',
    department: '供水、供电、燃气、排水、通信',
    kind: 'condition',
    orgKinds: ['utilities'],
  },
] as const;
export type LandListItemCode = (typeof LAND_LIST_ITEMS)[number]['code'];

/** Who may record an item's result: the department (by organisation kind) that issues it; 自然资源和规划 any. */
export function mayRecordListItem(code: LandListItemCode, orgKind: string, canWriteLand: boolean): boolean {
  if (canWriteLand) return true;
  const item = LAND_LIST_ITEMS.find((i) => i.code === code);
  return Boolean(item && (item.orgKinds as readonly string[]).includes(orgKind));
}
export const LAND_LIST_ITEM_CODES = LAND_LIST_ITEMS.map((i) => i.code) as readonly LandListItemCode[];

export const LAND_LIST_STATUSES = ['not_started', 'in_progress', 'approved', 'not_applicable'] as const;
export type LandListStatus = (typeof LAND_LIST_STATUSES)[number];

export const LAND_LIST_STATUS_LABELS: Record<LandListStatus, string> = {
  not_started: '未开展',
  in_progress: '编制中',
  approved: '已批复',
  not_applicable: '不涉及',
};

/** One item as the parcel has it: its own row, or the regional assessment that covers it. */
export type LandListEntry = {
  code: LandListItemCode;
  status: LandListStatus;
  /** 有效期至 (inclusive), when the result expires; null for no limit. */
  validUntil: string | null;
  source: 'parcel' | 'regional';
};

/** Days before expiry an item is flagged (临期) [A]. */
export const LAND_LIST_WARN_DAYS = 60;

function satisfied(e: LandListEntry, today: string): boolean {
  if (e.status === 'not_applicable') return true;
  return e.status === 'approved' && (e.validUntil === null || e.validUntil >= today);
}

/**
 * The entry that stands for an item: the parcel's own row when it satisfies the item, else the regional
 * assessment covering the parcel when that does, else whatever there is (own first) to show what is open.
 */
export function effectiveEntry(
  own: LandListEntry | undefined,
  regional: LandListEntry | undefined,
  today: string,
): LandListEntry | undefined {
  if (own && satisfied(own, today)) return own;
  if (regional && satisfied(regional, today)) return regional;
  return own ?? regional;
}

export type LandListAssessment = {
  complete: boolean;
  /** Items satisfied (已批复 and valid, or 不涉及), out of all items. */
  done: number;
  total: number;
  /** Items with no result yet (no row, 未开展 or 编制中). */
  open: LandListItemCode[];
  expired: LandListItemCode[];
  /** Satisfied now, but expiring within `warnDays`. */
  expiringSoon: LandListItemCode[];
};

/** Whether a parcel's 用地清单 is complete on `today`, and what stands in the way (§5.2). */
export function assessLandList(
  entries: readonly LandListEntry[],
  today: string,
  warnDays = LAND_LIST_WARN_DAYS,
): LandListAssessment {
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const horizon = addDays(today, warnDays);
  const open: LandListItemCode[] = [];
  const expired: LandListItemCode[] = [];
  const expiringSoon: LandListItemCode[] = [];
  let done = 0;
  for (const code of LAND_LIST_ITEM_CODES) {
    const e = byCode.get(code);
    if (!e || e.status === 'not_started' || e.status === 'in_progress') {
      open.push(code);
    } else if (satisfied(e, today)) {
      done++;
      if (e.status === 'approved' && e.validUntil !== null && e.validUntil <= horizon)
        expiringSoon.push(code);
    } else {
      expired.push(code);
    }
  }
  return {
    complete: open.length === 0 && expired.length === 0,
    done,
    total: LAND_LIST_ITEM_CODES.length,
    open,
    expired,
    expiringSoon,
  };
}
