// Field validators of the project record (domain.md §2.1–2.2). Each returns a problem code or undefined;
// the caller attaches the Chinese message to the field.

/** 项目代码 (GB/T 40058-2021) as displayed: YYYY-RRRRRR-DD-TT-NNNNNC. Format only; the check digit's
 *  algorithm is not public, so it is never computed or "fixed". */
const PROJECT_CODE_SHAPE = /^(19|20)\d{2}-\d{6}-\d{2}-\d{2}-\d{6}$/;

export type ProjectCodeProblem = 'PROJECT_CODE_FORMAT' | 'PROJECT_CODE_YEAR' | 'PROJECT_CODE_REGION';

export type ProjectCodeRules = {
  /** The region segment must start with one of these (Jiangsu: '32'). [A] configurable. */
  regionPrefixes: readonly string[];
};
export const DEFAULT_PROJECT_CODE_RULES: ProjectCodeRules = { regionPrefixes: ['32'] };

export function normalizeProjectCode(raw: string): string {
  return raw.trim().replace(/[－—–]/g, '-');
}

export function checkProjectCode(
  raw: string,
  today: string,
  rules: ProjectCodeRules = DEFAULT_PROJECT_CODE_RULES,
): ProjectCodeProblem | undefined {
  const code = normalizeProjectCode(raw);
  if (!PROJECT_CODE_SHAPE.test(code)) return 'PROJECT_CODE_FORMAT';
  if (Number(code.slice(0, 4)) > Number(today.slice(0, 4))) return 'PROJECT_CODE_YEAR';
  const region = code.slice(5, 11);
  if (!rules.regionPrefixes.some((p) => region.startsWith(p))) return 'PROJECT_CODE_REGION';
  return undefined;
}

export const PROJECT_CODE_MESSAGES: Record<ProjectCodeProblem, string> = {
  PROJECT_CODE_FORMAT:
    '项目代码应为 24 位，格式如 2025-320412-04-01-123458（年份-行政区划-部门-类型-六位数字）',
  PROJECT_CODE_YEAR: '项目代码的年份不能晚于今年',
  PROJECT_CODE_REGION: '项目代码的行政区划段应为江苏省（以 32 开头）',
};

/** 11-digit mobile (1[3-9]…) or a landline with area code (0519-86xxxxxx). */
export function isValidPhone(raw: string): boolean {
  const s = raw.trim().replace(/\s/g, '');
  return /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s);
}

/** Square metres per 亩 (1 亩 = 10000/15 m²). */
export function squareMetresToMu(m2: number): number {
  return (m2 * 15) / 10_000;
}

export type DateOrderProblem = { field: string; after: string };

/**
 * Dates that must not run backwards (签约 ≤ 开工 ≤ 竣工 ≤ 投产, planned and actual alike). Returns each
 * field that is earlier than a field it must follow, naming that field.
 */
export function checkDateOrder(dates: Readonly<Record<string, unknown>>): DateOrderProblem[] {
  const chains = [
    ['signedOn', 'plannedStartOn', 'plannedCompletionOn', 'plannedProductionOn', 'plannedTargetOn'],
    ['signedOn', 'actualStartOn', 'actualCompletionOn', 'actualProductionOn'],
  ];
  const problems: DateOrderProblem[] = [];
  for (const chain of chains) {
    let latestField: string | undefined;
    let latest: string | undefined;
    for (const field of chain) {
      const value = dates[field];
      if (typeof value !== 'string' || value === '') continue;
      if (latest !== undefined && latestField !== undefined && value < latest) {
        if (!problems.some((p) => p.field === field)) problems.push({ field, after: latestField });
        continue;
      }
      latest = value;
      latestField = field;
    }
  }
  return problems;
}

/** Amounts in integer 元 must be whole and not negative. */
export function isValidAmount(yuan: number): boolean {
  return Number.isSafeInteger(yuan) && yuan >= 0;
}

/** A year's planned investment cannot exceed the project's total investment. */
export function annualPlanWithinTotal(annualPlan: number, totalInvestment: number | null): boolean {
  return totalInvestment === null || annualPlan <= totalInvestment;
}
