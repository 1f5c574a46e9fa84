// Dispatch meetings (调度会, domain.md §7.5): weekly dispatch, the monthly 督查, the quarterly review and
// ad-hoc 专题协调会. A meeting's agenda is drawn from its scope's red-light projects and its overdue or
// escalated problems, then edited; what it decides (议定事项) becomes or updates a problem with a lead unit
// and a time limit; the next meeting of the same kind and scope opens with how those decisions stand.

export const MEETING_TYPES = ['weekly', 'monthly', 'quarterly', 'special'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  weekly: '周调度会',
  monthly: '月度调度会',
  quarterly: '季度观摩推进会',
  special: '专题协调会',
};

export const MEETING_STATUSES = ['planned', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = { planned: '待召开', held: '已召开' };

/** One line of an agenda: a project to discuss (with its light) and the problems raised on it. */
export type AgendaItem = {
  projectId: string;
  /** Why it is on the agenda, in words (the light's explanation or the problem's lateness). */
  reason: string;
  light: 'green' | 'yellow' | 'red' | null;
  problemIds: string[];
  /** Added by hand rather than drawn from the lights and problems. */
  manual: boolean;
};

export type AgendaFacts = {
  redProjects: ReadonlyArray<{ projectId: string; explanation: string }>;
  problems: ReadonlyArray<{
    id: string;
    projectId: string;
    title: string;
    overdueWorkingDays: number;
    level: 'L1' | 'L2' | 'L3' | 'L4';
  }>;
};

/**
 * The automatic agenda: every red-light project, and every project with a problem overdue or escalated
 * (L2 and above), red ones first, each with the reasons in words and its problems attached.
 */
export function draftAgenda(facts: AgendaFacts): AgendaItem[] {
  const items = new Map<string, AgendaItem & { reasons: string[] }>();
  const itemOf = (projectId: string, light: AgendaItem['light']) => {
    const found = items.get(projectId);
    if (found) return found;
    const made = { projectId, reason: '', light, problemIds: [], manual: false, reasons: [] as string[] };
    items.set(projectId, made);
    return made;
  };
  for (const red of facts.redProjects) itemOf(red.projectId, 'red').reasons.push(red.explanation);
  for (const p of facts.problems) {
    if (p.overdueWorkingDays <= 0 && p.level === 'L1') continue;
    const item = itemOf(p.projectId, null);
    item.problemIds.push(p.id);
    item.reasons.push(
      `问题“${p.title}”${p.overdueWorkingDays > 0 ? `超期${p.overdueWorkingDays}个工作日` : ''}${p.level !== 'L1' ? `（已升级至${p.level}）` : ''}`,
    );
  }
  return [...items.values()]
    .sort((a, b) => (a.light === 'red' ? 0 : 1) - (b.light === 'red' ? 0 : 1))
    .map(({ reasons, ...item }) => ({ ...item, reason: reasons.join('；') }));
}
