import { addWorkingDays, type WorkingCalendar } from '../approvals/working-days';
import { addDays, daysBetween } from '../land/dates';

// 长效管护 (domain.md §11.3 [A]): an accepted point enters the maintenance ledger with a responsible village or
// community, its category's checklist and an inspection frequency. An inspection checks each item (pass or
// fail) and scores the point 0–100; it passes when every item passes and the score reaches the pass mark. A
// failed inspection raises a 整改单 due in the category's working days and is a rebound (反弹) — the point was
// accepted and no longer holds — which counts against the 板块 in the ranking until a re-inspection passes.

export type MaintenanceRules = {
  /** The score an inspection needs (with every checklist item passed) to pass. */
  passScore: number;
};
export const DEFAULT_MAINTENANCE_RULES: MaintenanceRules = { passScore: 80 };

export type ChecklistResult = { item: string; passed: boolean; note?: string | null };

export type InspectionOutcome = {
  passed: boolean;
  failedItems: string[];
  explanation: string;
};

export function inspectionOutcome(
  results: readonly ChecklistResult[],
  score: number,
  rules: MaintenanceRules = DEFAULT_MAINTENANCE_RULES,
): InspectionOutcome {
  const failedItems = results.filter((r) => !r.passed).map((r) => r.item);
  const lowScore = score < rules.passScore;
  const passed = failedItems.length === 0 && !lowScore;
  const reasons = [
    ...(failedItems.length > 0 ? [`不合格项：${failedItems.join('、')}`] : []),
    ...(lowScore ? [`得分${score}分，低于${rules.passScore}分`] : []),
  ];
  return {
    passed,
    failedItems,
    explanation: passed ? `各项合格，得分${score}分` : reasons.join('；'),
  };
}

/** Every checklist item answered once, and nothing that is not on the checklist. */
export function checklistProblem(
  checklist: readonly string[],
  results: readonly ChecklistResult[],
): string | null {
  const answered = new Set(results.map((r) => r.item));
  if (answered.size !== results.length) return '检查项重复';
  const missing = checklist.filter((item) => !answered.has(item));
  if (missing.length > 0) return `请逐项填写检查结果：${missing.join('、')}`;
  const unknown = results.filter((r) => !checklist.includes(r.item)).map((r) => r.item);
  if (unknown.length > 0) return `不在检查标准中的项：${unknown.join('、')}`;
  return null;
}

/** The 整改单's due date: the category's working days after the failed inspection. */
export function rectificationDueOn(
  calendar: WorkingCalendar,
  inspectedOn: string,
  rectifyWorkingDays: number,
): string {
  return addWorkingDays(calendar, inspectedOn, rectifyWorkingDays);
}

export type PointStatus = 'ok' | 'rectifying' | 'inspection_due';
export const POINT_STATUS_LABELS: Record<PointStatus, string> = {
  ok: '正常',
  rectifying: '整改中(反弹)',
  inspection_due: '待巡查',
};

/**
 * Where a maintained point stands on a day: rectifying while a 整改单 is open (a rebound not yet cleared by a
 * passing re-inspection); else due for inspection once the frequency has passed since the last one (or
 * since it entered the ledger); else ok.
 */
export function pointStatus(
  point: { enteredOn: string; lastInspectedOn: string | null; everyDays: number; openOrders: number },
  today: string,
): { status: PointStatus; nextInspectionOn: string; daysOverdue: number } {
  const nextInspectionOn = addDays(point.lastInspectedOn ?? point.enteredOn, point.everyDays);
  const daysOverdue = Math.max(0, daysBetween(nextInspectionOn, today));
  if (point.openOrders > 0) return { status: 'rectifying', nextInspectionOn, daysOverdue };
  return { status: today >= nextInspectionOn ? 'inspection_due' : 'ok', nextInspectionOn, daysOverdue };
}
