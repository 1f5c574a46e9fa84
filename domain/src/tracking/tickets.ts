import { addWorkingDays, type WorkingCalendar } from '../approvals/working-days';
import { addDays } from '../land/dates';

// 帮办代办 service tickets (domain.md §6.3–6.5). An enterprise asks for help (帮办) or for the work to be done
// on its behalf (代办, with a letter of authority); the 板块 or 区发改 accepts it and names a 帮办员, who issues
// the one-time notice (一次性告知单) of the items and materials, works them — the ticket waits (挂起) while
// the enterprise owes materials — and closes it. The enterprise rates it on the national 好差评 scale; a
// poor rating is called back within a day, rectified within 15 days and re-rated once. The enterprise may
// withdraw a ticket at any open state.

export const TICKET_KINDS = ['help', 'agency'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];
export const TICKET_KIND_LABELS: Record<TicketKind, string> = { help: '帮办', agency: '代办' };

export const TICKET_STATUSES = [
  'pending',
  'accepted',
  'in_progress',
  'suspended',
  'done',
  'rated',
  'callback_pending',
  'rectifying',
  'rerate_pending',
  'closed',
  'withdrawn',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  pending: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  suspended: '挂起(等待企业材料)',
  done: '已办结',
  rated: '已评价',
  callback_pending: '差评待回访',
  rectifying: '整改中',
  rerate_pending: '待复评',
  closed: '已回访(关闭)',
  withdrawn: '已撤回',
};

/** Being handled: what a 帮办员's workload counts and what the enterprise may still withdraw. */
export const TICKET_OPEN_STATUSES: readonly TicketStatus[] = [
  'pending',
  'accepted',
  'in_progress',
  'suspended',
];

/** The national 好差评 five-level scale (§6.5): 5 非常满意 … 1 非常不满意. */
export const RATING_LABELS: Record<1 | 2 | 3 | 4 | 5, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};
export type Rating = keyof typeof RATING_LABELS;
/** 差评: 不满意 or 非常不满意. */
export const isPoorRating = (rating: Rating): boolean => rating <= 2;

export type TicketRules = {
  /** First contact (受理) within this many working days of the request. */
  acceptWorkingDays: number;
  /** The one-time notice within this many working days of acceptance. */
  noticeWorkingDays: number;
  /** A poor rating is called back within this many calendar days, and rectified within this many. */
  callbackDays: number;
  rectifyDays: number;
};
export const DEFAULT_TICKET_RULES: TicketRules = {
  acceptWorkingDays: 1,
  noticeWorkingDays: 2,
  callbackDays: 1,
  rectifyDays: 15,
};

export const TICKET_STEPS = {
  accept: { from: ['pending'], to: 'accepted', label: '受理' },
  start: { from: ['accepted'], to: 'in_progress', label: '开始办理' },
  suspend: { from: ['in_progress'], to: 'suspended', label: '挂起（等待企业材料）' },
  resume: { from: ['suspended'], to: 'in_progress', label: '恢复办理' },
  finish: { from: ['in_progress'], to: 'done', label: '办结' },
  rate: { from: ['done'], to: 'rated', label: '评价' },
  callback: { from: ['rated', 'callback_pending'], to: null, label: '回访' },
  rectified: { from: ['rectifying'], to: 'rerate_pending', label: '整改完成' },
  rerate: { from: ['rerate_pending'], to: 'closed', label: '复评' },
  withdraw: { from: ['pending', 'accepted', 'in_progress', 'suspended'], to: 'withdrawn', label: '撤回' },
} as const satisfies Record<
  string,
  { from: readonly TicketStatus[]; to: TicketStatus | null; label: string }
>;
export type TicketStep = keyof typeof TICKET_STEPS;
export const TICKET_STEP_NAMES = Object.keys(TICKET_STEPS) as TicketStep[];

/** Who is acting: the project's enterprise, the ticket's 帮办员, or a manager (the 板块 in scope or 区发改). */
export type TicketActor = { isEnterprise: boolean; isHelper: boolean; isManager: boolean };

export function mayTakeTicketStep(actor: TicketActor, step: TicketStep, status: TicketStatus): boolean {
  if (!(TICKET_STEPS[step].from as readonly TicketStatus[]).includes(status)) return false;
  switch (step) {
    case 'accept':
      return actor.isManager;
    case 'start':
    case 'suspend':
    case 'resume':
    case 'finish':
    case 'rectified':
      return actor.isHelper || actor.isManager;
    case 'callback':
      return actor.isManager || actor.isHelper;
    case 'rate':
    case 'rerate':
    case 'withdraw':
      return actor.isEnterprise;
  }
}

/**
 * Where a rating sends the ticket: a good one waits for the routine callback (已评价 → 回访 → 关闭); a poor one
 * goes to 差评待回访, called back within a day, then rectified within 15 days.
 */
export function afterRating(rating: Rating): TicketStatus {
  return isPoorRating(rating) ? 'callback_pending' : 'rated';
}

/** Where a callback sends the ticket: a routine one closes it; one on a poor rating starts the rectification. */
export function afterCallback(status: TicketStatus): TicketStatus {
  return status === 'callback_pending' ? 'rectifying' : 'closed';
}

export type TicketDeadlines = {
  acceptBy: string;
  noticeBy: string | null;
  callbackBy: string | null;
  rectifyBy: string | null;
};

/** The SLA dates of a ticket (§6.4, §6.5) from the days it reached each stage. */
export function ticketDeadlines(
  calendar: WorkingCalendar,
  days: {
    requestedOn: string;
    acceptedOn: string | null;
    poorRatedOn: string | null;
    calledBackOn: string | null;
  },
  rules: TicketRules = DEFAULT_TICKET_RULES,
): TicketDeadlines {
  return {
    acceptBy: addWorkingDays(calendar, days.requestedOn, rules.acceptWorkingDays),
    noticeBy: days.acceptedOn ? addWorkingDays(calendar, days.acceptedOn, rules.noticeWorkingDays) : null,
    callbackBy: days.poorRatedOn ? addDays(days.poorRatedOn, rules.callbackDays) : null,
    rectifyBy: days.calledBackOn && days.poorRatedOn ? addDays(days.calledBackOn, rules.rectifyDays) : null,
  };
}

/** 满意率 = (非常满意 + 满意 + 基本满意) ÷ ratings, in tenths of a percent; null when nothing was rated. */
export function satisfactionTenths(ratings: readonly Rating[]): number | null {
  if (ratings.length === 0) return null;
  const good = ratings.filter((r) => r >= 3).length;
  return Math.floor((good * 2000 + ratings.length) / (2 * ratings.length));
}
