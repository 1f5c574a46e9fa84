import { daysBetween } from '../land/dates';

// 竣工即发证 (domain.md §9.1): one integrated application (一并申请) for joint acceptance, completion filing and
// first registration, promised to be issued together when every eligibility flag holds.

export const COMPLETION_STATUSES = ['draft', 'applied', 'issued', 'withdrawn'] as const;
export type CompletionStatus = (typeof COMPLETION_STATUSES)[number];

/** The eligibility flags of §9.1, in the order they are shown. */
export const COMPLETION_FLAGS = [
  'premiumPaid',
  'noIllegalConstruction',
  'surveyApproved',
  'jointAcceptancePassed',
  'noSeizure',
] as const;
export type CompletionFlag = (typeof COMPLETION_FLAGS)[number];

export const COMPLETION_FLAG_LABELS: Record<CompletionFlag, string> = {
  premiumPaid: '土地出让金及税费已缴清',
  noIllegalConstruction: '规划核实无违法建设',
  surveyApproved: '多测合一测绘成果已审定',
  jointAcceptancePassed: '联合验收已通过',
  noSeizure: '土地无查封、无权属争议',
};

/** The owner must file 竣工验收备案 within 15 days after passing acceptance (§4.2, [S30]). */
export const FILING_DAYS_AFTER_ACCEPTANCE = 15;

export type CompletionDraft = {
  surveyReportNo: string | null;
  surveyApprovedOn: string | null;
} & Record<CompletionFlag, boolean>;

export type EligibilityCheck = {
  eligible: boolean;
  /** Flags still false, in display order. */
  missingFlags: CompletionFlag[];
  /** Every reason the application may not be made yet, in Chinese. */
  problems: string[];
};

/**
 * Whether the integrated application may be made: the shared survey (多测合一) reported and approved, and
 * every eligibility flag true. The problems name what is missing.
 */
export function completionEligibility(draft: CompletionDraft): EligibilityCheck {
  const problems: string[] = [];
  if (!draft.surveyReportNo?.trim()) problems.push('未填写多测合一测绘成果报告编号');
  if (!draft.surveyApprovedOn) problems.push('未填写测绘成果审定日期');
  const missingFlags = COMPLETION_FLAGS.filter((f) => !draft[f]);
  for (const f of missingFlags) problems.push(`未满足：${COMPLETION_FLAG_LABELS[f]}`);
  return { eligible: problems.length === 0, missingFlags, problems };
}

/** Days from joint acceptance to the title certificate (target 0: 竣工即发证). */
export function daysAcceptanceToTitle(jointAcceptanceOn: string, titleOn: string): number {
  return daysBetween(jointAcceptanceOn, titleOn);
}

export type IssueDates = { jointAcceptanceOn: string; filingOn: string; titleOn: string };

export type IssueCheck = {
  /** Refusals: the outputs cannot be recorded so. */
  errors: string[];
  /** Recorded, but shown: a filing later than the legal 15 days. */
  warnings: string[];
  daysAcceptanceToTitle: number;
};

/**
 * Checks the dates of the three outputs issued together. Filing or title before the joint acceptance is
 * refused (they rest on it); a filing more than 15 days after acceptance is recorded with a warning — it
 * happened, and the register must show the real date, but the breach of the 15-day rule is reported.
 */
export function checkIssueDates(d: IssueDates, today: string): IssueCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (d.jointAcceptanceOn > today) errors.push('联合验收日期不能晚于今天');
  if (d.filingOn < d.jointAcceptanceOn) errors.push('竣工验收备案日期不能早于联合验收日期');
  if (d.titleOn < d.jointAcceptanceOn) errors.push('不动产权证书日期不能早于联合验收日期');
  if (d.filingOn > today) errors.push('竣工验收备案日期不能晚于今天');
  if (d.titleOn > today) errors.push('不动产权证书日期不能晚于今天');
  const filingDays = daysBetween(d.jointAcceptanceOn, d.filingOn);
  if (filingDays > FILING_DAYS_AFTER_ACCEPTANCE) {
    warnings.push(
      `竣工验收备案在联合验收后第 ${filingDays} 天，超过 ${FILING_DAYS_AFTER_ACCEPTANCE} 天的法定期限`,
    );
  }
  return { errors, warnings, daysAcceptanceToTitle: daysAcceptanceToTitle(d.jointAcceptanceOn, d.titleOn) };
}

export type CompletionMetricRow = { regionId: string; daysAcceptanceToTitle: number };

export type CompletionShare = {
  regionId: string;
  issued: number;
  sameDay: number;
  /** sameDay / issued, 0–1; null with nothing issued. */
  sameDayShare: number | null;
  averageDays: number | null;
};

/** Per 板块: how many completed projects got the title and how many the same day as acceptance. */
export function completionShares(rows: readonly CompletionMetricRow[]): CompletionShare[] {
  const by = new Map<string, { issued: number; sameDay: number; days: number }>();
  for (const r of rows) {
    const s = by.get(r.regionId) ?? { issued: 0, sameDay: 0, days: 0 };
    s.issued += 1;
    if (r.daysAcceptanceToTitle <= 0) s.sameDay += 1;
    s.days += r.daysAcceptanceToTitle;
    by.set(r.regionId, s);
  }
  return [...by.entries()].map(([regionId, s]) => ({
    regionId,
    issued: s.issued,
    sameDay: s.sameDay,
    sameDayShare: s.issued ? s.sameDay / s.issued : null,
    averageDays: s.issued ? Math.round((s.days / s.issued) * 10) / 10 : null,
  }));
}
