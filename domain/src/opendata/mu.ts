// 亩均效益评价 (domain.md §9.3): an enterprise's class of a year and the per-mu figures read from it.

/** The classes: A/B/C/D by score percentile, T 不适合评价 (utilities, enterprises < 2 years in production). */
export const MU_CLASSES = ['A', 'B', 'C', 'D', 'T'] as const;
export type MuClass = (typeof MU_CLASSES)[number];

export function isMuClass(value: string): value is MuClass {
  return (MU_CLASSES as readonly string[]).includes(value);
}

/** 亩均税收 in 元 per 亩 (tax ÷ land), rounded to the 元; null when the land or the tax is unknown or zero land. */
export function taxPerMuYuan(taxYuan: number | null, landMu: number | null): number | null {
  if (taxYuan === null || landMu === null || !(landMu > 0)) return null;
  return Math.round(taxYuan / landMu);
}

/** 亩均销售 in 元 per 亩, as 亩均税收. */
export function salesPerMuYuan(salesYuan: number | null, landMu: number | null): number | null {
  return taxPerMuYuan(salesYuan, landMu);
}
