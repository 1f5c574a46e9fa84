import { addMonths, monthOf } from './periods';

// Monthly reports (月报, domain.md §7.3): one a project a month. A started project files the construction
// report (investment, 形象进度, photos); one not started yet files the lighter 前期工作进展. The enterprise or
// the 板块 fills it; the 板块 reviews it; 区发改 confirms it, which locks it; either reviewer may return it
// with a reason. 自年初累计 is the previous month's plus this month's (January starts the year afresh).

export const REPORT_KINDS = ['construction', 'preparatory'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  construction: '建设进度月报',
  preparatory: '前期工作进展',
};

export const REPORT_STATUSES = ['draft', 'submitted', 'subarea_reviewed', 'confirmed', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  subarea_reviewed: '板块已审核',
  confirmed: '发改已确认',
  returned: '退回',
};

/** The steps of the workflow and who takes each: the filler (enterprise or 板块), the 板块, 区发改. */
export const REPORT_STEPS = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'filler' },
  review: { from: ['submitted'], to: 'subarea_reviewed', by: 'subarea' },
  confirm: { from: ['subarea_reviewed'], to: 'confirmed', by: 'drc' },
  return: { from: ['submitted', 'subarea_reviewed'], to: 'returned', by: 'reviewer' },
} as const satisfies Record<string, { from: readonly ReportStatus[]; to: ReportStatus; by: string }>;
export type ReportStep = keyof typeof REPORT_STEPS;

/** The states whose projects owe a report each month: 立项 to 在建 (前期 before the start, 建设 after). */
export const REPORTING_STATES = ['FILED', 'LAND_PREP', 'LAND_SUPPLIED', 'APPROVING', 'STARTED'] as const;

/** A month counts as reported once its report is submitted, whatever the review has made of it since. */
export const COUNTED_REPORT_STATUSES = ['submitted', 'subarea_reviewed', 'confirmed'] as const;

/** Who is acting on a report: their roles and whether they hold report.write and registry.admin. */
export type ReportActor = { roles: readonly string[]; mayWrite: boolean; isDistrictAdmin: boolean };

/** Fills and submits: an enterprise (its own projects), a 板块, or 区发改. */
export function isReportFiller(actor: ReportActor): boolean {
  return actor.mayWrite && ['enterprise', 'subarea_operator', 'drc'].some((r) => actor.roles.includes(r));
}

/**
 * Whether the actor may take a step on a report in a status: the 板块 (or 区发改) reviews, 区发改 confirms;
 * a submitted report is returned by the 板块 or 区发改, a reviewed one by 区发改 alone.
 */
export function mayTakeReportStep(actor: ReportActor, step: ReportStep, status: ReportStatus): boolean {
  if (!actor.mayWrite) return false;
  if (!(REPORT_STEPS[step].from as readonly ReportStatus[]).includes(status)) return false;
  const drc = actor.roles.includes('drc');
  const subarea = actor.roles.includes('subarea_operator');
  switch (step) {
    case 'submit':
      return isReportFiller(actor);
    case 'review':
      return subarea || drc;
    case 'confirm':
      return drc && actor.isDistrictAdmin;
    case 'return':
      return status === 'submitted' ? subarea || drc : drc;
  }
}

/** Whether a report in this status can still be edited by its filler. */
export function isReportEditable(status: ReportStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Which report a project owes for a month: the construction one once it has started by the month's end. */
export function reportKindFor(actualStartOn: string | null, month: string): ReportKind {
  return actualStartOn !== null && monthOf(actualStartOn) <= month ? 'construction' : 'preparatory';
}

/** 自年初累计: this month's amount plus the previous month's running total, afresh in January. */
export function yearToDate(month: string, monthYuan: number, previousYtdYuan: number | null): number {
  return month.endsWith('-01') ? monthYuan : (previousYtdYuan ?? 0) + monthYuan;
}

/** The month before, whose running total this month's builds on (none for January). */
export function previousReportMonth(month: string): string | null {
  return month.endsWith('-01') ? null : addMonths(month, -1);
}

export type ReportInput = {
  kind: ReportKind;
  monthYuan: number | null;
  sinceStartYuan: number | null;
  equipmentYuan: number | null;
  constructionYuan: number | null;
  progressText: string | null;
  nodePercent: number | null;
  photoCount: number;
  totalInvestmentYuan: number | null;
};

export type ReportProblem = { field: string; message: string };

/**
 * What keeps a report from being submitted (errors) and what the reviewers should look at (warnings):
 * a construction report needs this month's investment, its 形象进度 and at least one site photo; 自开工累计
 * above the total investment is a warning, not a refusal (the total may be revised).
 */
export function checkReport(input: ReportInput): { errors: ReportProblem[]; warnings: ReportProblem[] } {
  const errors: ReportProblem[] = [];
  const warnings: ReportProblem[] = [];
  const money: Array<[keyof ReportInput, string]> = [
    ['monthYuan', '本月完成投资'],
    ['sinceStartYuan', '自开工累计完成投资'],
    ['equipmentYuan', '设备投资'],
    ['constructionYuan', '建安投资'],
  ];
  for (const [field, label] of money) {
    const v = input[field] as number | null;
    if (v !== null && (!Number.isInteger(v) || v < 0)) errors.push({ field, message: `${label}不能为负数` });
  }
  if (input.nodePercent !== null && (input.nodePercent < 0 || input.nodePercent > 100)) {
    errors.push({ field: 'nodePercent', message: '节点完成百分比应在0至100之间' });
  }
  if (input.kind === 'construction') {
    if (input.monthYuan === null)
      errors.push({ field: 'monthYuan', message: '请填写本月完成投资（无投资填0）' });
    if (!input.progressText?.trim()) errors.push({ field: 'progressText', message: '请填写形象进度' });
    if (input.photoCount < 1) errors.push({ field: 'photos', message: '已开工项目至少上传1张现场照片' });
    const parts = (input.equipmentYuan ?? 0) + (input.constructionYuan ?? 0);
    if (input.monthYuan !== null && parts > input.monthYuan) {
      errors.push({ field: 'equipmentYuan', message: '设备投资与建安投资之和不能超过本月完成投资' });
    }
    if (
      input.sinceStartYuan !== null &&
      input.totalInvestmentYuan !== null &&
      input.totalInvestmentYuan > 0 &&
      input.sinceStartYuan > input.totalInvestmentYuan
    ) {
      warnings.push({ field: 'sinceStartYuan', message: '自开工累计完成投资超过项目总投资，请核实' });
    }
  } else if (!input.progressText?.trim()) {
    errors.push({ field: 'progressText', message: '请填写本月前期工作进展' });
  }
  return { errors, warnings };
}

/**
 * 报告期 as offices write it in a sheet: "2025-03", "2025-3", "2025/03", "2025.3", "2025年3月", "2025年03月份",
 * "202503", or a date of that month ("2025-03-01", an Excel date cell read as one). Null when it is none.
 */
export function parseReportMonth(text: string): string | null {
  const t = text.normalize('NFKC').trim().replace(/\s/g, '');
  const m =
    /^(\d{4})[-/.年](\d{1,2})(?:月份?)?$/.exec(t) ??
    /^(\d{4})[-/.年](\d{1,2})[-/.月]\d{1,2}日?$/.exec(t) ??
    /^(\d{4})(\d{2})$/.exec(t);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}
