// Project libraries (申报入库, domain.md §2.6): province, city, district and the 亿元 library, per year.

export const LIBRARY_LEVELS = ['province', 'city', 'district', 'yi'] as const;
export type LibraryLevel = (typeof LIBRARY_LEVELS)[number];
export const LIBRARY_CATEGORIES = ['implementation', 'reserve'] as const;
export type LibraryCategory = (typeof LIBRARY_CATEGORIES)[number];
export const LIBRARY_STATUSES = ['applied', 'entered', 'returned', 'withdrawn'] as const;
export type LibraryStatus = (typeof LIBRARY_STATUSES)[number];
/** Entry thresholds per level [A]: each level's annual notice sets them, so they are configuration. */
export type LibraryThresholds = {
  districtMinInvestmentYuan: number;
  districtMinLandM2: number;
  cityMinInvestmentYuan: number;
  majorAttractionYuan: number;
};
export const DEFAULT_LIBRARY_THRESHOLDS: LibraryThresholds = {
  districtMinInvestmentYuan: 50_000_000,
  districtMinLandM2: (10 * 10_000) / 15,
  cityMinInvestmentYuan: 100_000_000,
  majorAttractionYuan: 1_000_000_000,
};

/**
 * Advisory notes on an application (never a refusal: the level's own notice decides). Returns Chinese
 * sentences for the reviewer.
 */
export function libraryEntryNotes(
  level: LibraryLevel,
  project: { totalInvestment: number | null; landAreaM2: number | null },
  t: LibraryThresholds = DEFAULT_LIBRARY_THRESHOLDS,
): string[] {
  const invest = project.totalInvestment ?? 0;
  const land = project.landAreaM2 ?? 0;
  if (level === 'district' && invest < t.districtMinInvestmentYuan && land < t.districtMinLandM2) {
    return ['总投资低于 5000 万元且用地不足 10 亩，低于区重点一般入库标准'];
  }
  if ((level === 'city' || level === 'yi') && invest < t.cityMinInvestmentYuan) {
    return ['总投资低于 1 亿元，低于市重大/亿元库一般入库标准'];
  }
  return [];
}

/** "重大招引项目": total investment of at least 10亿元 (or 1亿美元 for foreign investment). */
export function isMajorAttraction(
  totalInvestmentYuan: number | null,
  foreignUsdWan: number | null,
  t: LibraryThresholds = DEFAULT_LIBRARY_THRESHOLDS,
): boolean {
  return (totalInvestmentYuan ?? 0) >= t.majorAttractionYuan || (foreignUsdWan ?? 0) >= 10_000;
}
