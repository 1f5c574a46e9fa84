import { type WorkingCalendar, workingDaysBetween } from '../approvals/working-days';

// Escalation of a problem or a service item (domain.md §6.4) [A]: L1 帮办员 and the department's liaison;
// L2 the 板块's or department's leader once an item is past its promised time or the enterprise says it is
// blocked (受阻); L3 区重大项目办 (发改) — a 专题协调会 or the weekly dispatch — when L2 has not resolved it in
// 5 working days or it spans departments; L4 挂钩区领导 / the district government's executive meeting when L3
// has not in 10 working days or it needs a policy decision.

export const ESCALATION_LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const ESCALATION_LEVEL_LABELS: Record<EscalationLevel, string> = {
  L1: 'L1 帮办员与部门联络员',
  L2: 'L2 板块/部门分管领导',
  L3: 'L3 区重大项目办（专题协调会、周调度）',
  L4: 'L4 挂钩区领导、区政府常务会议',
};

export type EscalationRules = {
  /** Working days at L2 unresolved before L3. */
  l2ToL3WorkingDays: number;
  /** Working days at L3 unresolved before L4. */
  l3ToL4WorkingDays: number;
};

export const DEFAULT_ESCALATION_RULES: EscalationRules = { l2ToL3WorkingDays: 5, l3ToL4WorkingDays: 10 };

export type EscalationFacts = {
  /** Where the matter stands now, and since when. */
  level: EscalationLevel;
  levelSince: string;
  /** Past its promised time (the problem's 办理时限, the item's due date). */
  overdue: boolean;
  /** The enterprise flagged it 受阻. */
  blocked: boolean;
  /** It needs more than one department. */
  crossDepartment: boolean;
  /** It needs a policy decision. */
  needsPolicy: boolean;
  resolved: boolean;
};

export type EscalationStep = { to: EscalationLevel; reason: string };

/**
 * The level the rules call for as of `asOf`, one step at a time (a matter climbs a level, and the next
 * climb counts its working days from then); null when it stays where it is.
 */
export function nextEscalation(
  facts: EscalationFacts,
  asOf: string,
  calendar: WorkingCalendar,
  rules: EscalationRules = DEFAULT_ESCALATION_RULES,
): EscalationStep | null {
  if (facts.resolved) return null;
  const waited = workingDaysBetween(calendar, facts.levelSince, asOf);
  switch (facts.level) {
    case 'L1':
      if (facts.overdue) return { to: 'L2', reason: '超过承诺时限' };
      if (facts.blocked) return { to: 'L2', reason: '企业反映受阻' };
      return null;
    case 'L2':
      if (facts.crossDepartment) return { to: 'L3', reason: '涉及多个部门' };
      if (waited >= rules.l2ToL3WorkingDays)
        return {
          to: 'L3',
          reason: `L2协调${waited}个工作日未解决（规则${rules.l2ToL3WorkingDays}个工作日）`,
        };
      return null;
    case 'L3':
      if (facts.needsPolicy) return { to: 'L4', reason: '需要政策决策' };
      if (waited >= rules.l3ToL4WorkingDays)
        return {
          to: 'L4',
          reason: `L3协调${waited}个工作日未解决（规则${rules.l3ToL4WorkingDays}个工作日）`,
        };
      return null;
    default:
      return null;
  }
}
