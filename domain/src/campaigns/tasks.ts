import { daysBetween } from '../land/dates';
import { competitionRanks } from '../statistics/metrics';
import type { Light } from '../tracking/lights';

// A rectification task (整治任务, domain.md §11.2) of the urban-village special action: a point in a 板块 with
// a problem, a requirement, a responsible unit and a due date. 待整治 → 整治中 → 待验收 (the 板块 submits it
// with after-photos) → 已验收(销号), or 退回整改 back to the 板块, which submits again. While not accepted and past
// its due date it is overdue: 黄灯 up to 7 days late, 红灯 beyond [A: configurable]. The 微更新 projects add a
// light design → build → finish → accept schedule whose variance gives the seed's 按期 / 需加快.

export const TASK_STATUSES = ['pending', 'in_progress', 'submitted', 'accepted', 'returned'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  pending: '待整治',
  in_progress: '整治中',
  submitted: '待验收',
  accepted: '已验收(销号)',
  returned: '退回整改',
};
/** Not yet accepted: counted as open and lit when late. */
export const TASK_OPEN_STATUSES: readonly TaskStatus[] = ['pending', 'in_progress', 'submitted', 'returned'];

export const TASK_STEPS = {
  start: { from: ['pending'], to: 'in_progress', label: '开始整治' },
  submit: { from: ['in_progress', 'returned'], to: 'submitted', label: '提交验收' },
  accept: { from: ['submitted'], to: 'accepted', label: '验收通过(销号)' },
  return: { from: ['submitted'], to: 'returned', label: '退回整改' },
} as const satisfies Record<string, { from: readonly TaskStatus[]; to: TaskStatus; label: string }>;
export type TaskStep = keyof typeof TASK_STEPS;
export const TASK_STEP_NAMES = Object.keys(TASK_STEPS) as TaskStep[];

/** Who acts: the 板块 that owns the task, or the campaign's lead department (区城管局) / 区发改. */
export type TaskActor = { isSubarea: boolean; isLead: boolean };

export function mayTakeTaskStep(actor: TaskActor, step: TaskStep, status: TaskStatus): boolean {
  if (!(TASK_STEPS[step].from as readonly TaskStatus[]).includes(status)) return false;
  return step === 'accept' || step === 'return' ? actor.isLead : actor.isSubarea || actor.isLead;
}

/** What a step needs besides the state: after-photos to submit, a reason to send back. */
export function taskStepProblem(
  step: TaskStep,
  input: { afterPhotos: number; reason?: string | null },
): string | null {
  if (step === 'submit' && input.afterPhotos === 0) return '提交验收须上传整改后照片';
  if (step === 'return' && !input.reason?.trim()) return '退回整改须说明原因';
  return null;
}

export type TaskLightRules = {
  /** Up to this many days past the due date: 黄灯; beyond: 红灯. */
  yellowMaxDaysLate: number;
};
export const DEFAULT_TASK_LIGHT_RULES: TaskLightRules = { yellowMaxDaysLate: 7 };

export type TaskLight = { light: Light; daysLate: number; explanation: string };

/**
 * The light of a task on a day, explained as the project lights are: an accepted task and one not yet
 * due are green; an open one past its due date is yellow for up to `yellowMaxDaysLate` days, then red.
 */
export function taskLight(
  task: { status: TaskStatus; dueOn: string; acceptedOn?: string | null },
  today: string,
  rules: TaskLightRules = DEFAULT_TASK_LIGHT_RULES,
): TaskLight {
  if (task.status === 'accepted') {
    const late = task.acceptedOn ? Math.max(0, daysBetween(task.dueOn, task.acceptedOn)) : 0;
    return {
      light: 'green',
      daysLate: 0,
      explanation: late > 0 ? `已验收销号（晚于计划${late}天）` : '已按期验收销号',
    };
  }
  const daysLate = Math.max(0, daysBetween(task.dueOn, today));
  if (daysLate === 0) return { light: 'green', daysLate, explanation: `计划${task.dueOn}完成，未逾期` };
  const light: Light = daysLate > rules.yellowMaxDaysLate ? 'red' : 'yellow';
  return {
    light,
    daysLate,
    explanation: `计划${task.dueOn}完成，已逾期${daysLate}天（${light === 'red' ? `超过${rules.yellowMaxDaysLate}天` : `不超过${rules.yellowMaxDaysLate}天`}）→ ${light === 'red' ? '红灯' : '黄灯'}`,
  };
}

/** A task as the progress figures count it. */
export type CountedTask = {
  status: TaskStatus;
  dueOn: string;
  acceptedOn: string | null;
};

export type TaskProgress = {
  total: number;
  accepted: number;
  /** Open and past due on the day. */
  overdue: number;
  /** Due by the day (or accepted): the 按时完成率's denominator. */
  due: number;
  /** Accepted no later than their due date. */
  onTime: number;
  /** accepted ÷ total; null without tasks. */
  completionRate: number | null;
  /** 按时完成率 = tasks accepted by their due date ÷ tasks due (§11.2); null when none is due. */
  onTimeRate: number | null;
};

export function taskProgress(tasks: readonly CountedTask[], today: string): TaskProgress {
  let accepted = 0;
  let overdue = 0;
  let due = 0;
  let onTime = 0;
  for (const t of tasks) {
    const isAccepted = t.status === 'accepted';
    if (isAccepted) accepted += 1;
    if (!isAccepted && t.dueOn < today) overdue += 1;
    if (t.dueOn <= today || isAccepted) {
      due += 1;
      if (isAccepted && t.acceptedOn !== null && t.acceptedOn <= t.dueOn) onTime += 1;
    }
  }
  return {
    total: tasks.length,
    accepted,
    overdue,
    due,
    onTime,
    completionRate: tasks.length === 0 ? null : accepted / tasks.length,
    onTimeRate: due === 0 ? null : onTime / due,
  };
}

/** The 微更新 schedule: design → build → finish → accept, each with a planned and an actual end date. */
export const MICRO_STAGES = ['design', 'build', 'finish', 'accept'] as const;
export type MicroStage = (typeof MICRO_STAGES)[number];
export const MICRO_STAGE_LABELS: Record<MicroStage, string> = {
  design: '设计',
  build: '施工',
  finish: '完工',
  accept: '验收',
};
export type MicroSchedule = Partial<Record<MicroStage, { plannedOn: string; doneOn?: string | null }>>;

export type MicroVariance = {
  /** 按期: no stage is late; 需加快: a stage was finished late or its planned date passed unfinished. */
  flag: 'on_schedule' | 'behind';
  /** The stage reached (the last one done), null before design is done. */
  reached: MicroStage | null;
  /** Days the most late stage is (or was) behind; 0 when on schedule. */
  daysBehind: number;
  explanation: string;
};
export const MICRO_FLAG_LABELS = { on_schedule: '按期', behind: '需加快' } as const;

export function microVariance(schedule: MicroSchedule, today: string): MicroVariance {
  let reached: MicroStage | null = null;
  let worst: { stage: MicroStage; days: number; open: boolean } | null = null;
  for (const stage of MICRO_STAGES) {
    const s = schedule[stage];
    if (!s) continue;
    if (s.doneOn) reached = stage;
    const late = s.doneOn ? daysBetween(s.plannedOn, s.doneOn) : daysBetween(s.plannedOn, today);
    if (late > 0 && (!worst || late > worst.days)) worst = { stage, days: late, open: !s.doneOn };
  }
  if (!worst) {
    return {
      flag: 'on_schedule',
      reached,
      daysBehind: 0,
      explanation: reached ? `已完成${MICRO_STAGE_LABELS[reached]}，各阶段按期` : '各阶段按计划推进',
    };
  }
  const label = MICRO_STAGE_LABELS[worst.stage];
  const planned = schedule[worst.stage]?.plannedOn ?? '';
  return {
    flag: 'behind',
    reached,
    daysBehind: worst.days,
    explanation: worst.open
      ? `${label}计划${planned}完成，已超期${worst.days}天未完成`
      : `${label}计划${planned}完成，实际晚${worst.days}天`,
  };
}

/** A 板块's figures in the campaign ranking. */
export type SubareaStanding = {
  key: string;
  progress: TaskProgress;
  /** Maintained points that failed an inspection after acceptance (反弹). */
  rebounds: number;
};

export type RankingRules = {
  /** Points of the score: 按时完成率 × onTime + 完成率 × completion − rebound penalty per rebound. */
  onTimeWeight: number;
  completionWeight: number;
  reboundPenalty: number;
};
export const DEFAULT_CAMPAIGN_RANKING: RankingRules = {
  onTimeWeight: 60,
  completionWeight: 40,
  reboundPenalty: 5,
};

export type RankedSubarea = SubareaStanding & { score: number; rank: number; calculation: string };

/**
 * The 板块 ranking: 按时完成率 and 完成率 weighted, minus a penalty for each rebound (a point accepted, then
 * failing its maintenance inspection), ranked competitively (ties share a rank). The calculation is
 * returned next to the score, as the statistics do.
 */
export function rankSubareas(
  standings: readonly SubareaStanding[],
  rules: RankingRules = DEFAULT_CAMPAIGN_RANKING,
): RankedSubarea[] {
  const scored = standings.map((s) => {
    const onTime = (s.progress.onTimeRate ?? 0) * rules.onTimeWeight;
    const completion = (s.progress.completionRate ?? 0) * rules.completionWeight;
    const penalty = s.rebounds * rules.reboundPenalty;
    const score = Math.round((onTime + completion - penalty) * 10) / 10;
    const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
    const calculation =
      `按时完成率 ${pct(s.progress.onTimeRate)} × ${rules.onTimeWeight} + 完成率 ${pct(s.progress.completionRate)} × ${rules.completionWeight}` +
      `${s.rebounds > 0 ? ` − 反弹 ${s.rebounds} 处 × ${rules.reboundPenalty}` : ''} = ${score}分`;
    return { ...s, score, calculation };
  });
  const ranks = competitionRanks(
    scored.map((s) => ({ key: s.key, value: s.progress.total === 0 ? null : s.score })),
  );
  return scored
    .map((s) => ({ ...s, rank: ranks.get(s.key) ?? scored.length }))
    .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key));
}
