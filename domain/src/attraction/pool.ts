// Rule-based assignment of pool leads (公海, issue 12 [A]): the rules are tried in order and the first one
// whose conditions all hold sends the lead to its 板块; a condition left empty matches anything. A lead no
// rule matches stays in the pool for a 板块 to claim.

export type PoolRule = {
  industryChain?: string | null | undefined;
  source?: string | null | undefined;
  minInvestmentYuan?: number | null | undefined;
  regionId: string;
};
export type PoolLead = {
  industryChain: string | null;
  source: string | null;
  totalInvestment: number | null;
};

/** Whether one rule matches a lead (an unknown investment never meets a minimum). */
export function poolRuleMatches(rule: PoolRule, lead: PoolLead): boolean {
  if (rule.industryChain && rule.industryChain !== lead.industryChain) return false;
  if (rule.source && rule.source !== lead.source) return false;
  if (rule.minInvestmentYuan != null && (lead.totalInvestment ?? -1) < rule.minInvestmentYuan) return false;
  return true;
}

/** The index of the first rule that matches, or null. */
export function matchPoolRule(rules: readonly PoolRule[], lead: PoolLead): number | null {
  const index = rules.findIndex((r) => poolRuleMatches(r, lead));
  return index < 0 ? null : index;
}

/** Pending next steps: a reminder is due on the step's day (or later if missed), once. */
export function reminderDue(
  step: { nextStepOn: string | null; nextStepDone: boolean; reminded: boolean },
  today: string,
): boolean {
  return Boolean(step.nextStepOn && !step.nextStepDone && !step.reminded && step.nextStepOn <= today);
}
