import { addWorkingDays, type WorkingCalendar, workingDaysBetween } from '../approvals/working-days';
import { addDays, daysBetween } from '../land/dates';
import {
  addMonths,
  DEFAULT_REPORTING_RULES,
  monthCloseOn,
  monthOf,
  monthsBetween,
  type ReportingRules,
  reportDueOn,
  scheduleShare,
} from './periods';

// Warning lights (红黄绿灯, domain.md §7.4) that explain themselves: each rule reads a project's facts as of a
// date and answers its light, the date it turned and a sentence in Chinese with the numbers it used. The
// project's light is the worst of its rules. Rule sets are configurable; the default is Yinchuan's, and
// Wuhan's and Sanya's investment rules are ratios of completion to 序时. Pure: facts in, lights out.

export type Light = 'green' | 'yellow' | 'red';
export const LIGHT_ORDER: Record<Light, number> = { green: 0, yellow: 1, red: 2 };
export const LIGHT_WORDS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

export const LIGHT_RULES = [
  'investment',
  'start',
  'statistics',
  'milestone',
  'approval',
  'problem',
  'report',
  'funds',
] as const;
export type LightRule = (typeof LIGHT_RULES)[number];

export type InvestmentRule =
  /** 黄 when below 序时 by `yellowFromPoints` points or more (inclusive), 红 beyond `redAbovePoints`. */
  | { kind: 'points'; yellowFromPoints: number; redAbovePoints: number }
  /** 黄 when completion ÷ 序时 is below `yellowBelow`, 红 below `redBelow` (shares, e.g. 0.8 and 0.6). */
  | { kind: 'ratio'; yellowBelow: number; redBelow: number };

export type LightRuleSet = {
  investment: InvestmentRule;
  /** 开工: 黄 at the close of the planned start month not started; 红 after this many closes in a row. */
  start: { redAfterMonths: number };
  /** 入统: started more than this many months and not in the statistics. */
  statistics: { yellowAfterMonths: number; redAfterMonths: number };
  /** A 倒排 node past its latest finish: 黄 from the first day late, 红 beyond this many calendar days. */
  milestone: { redAfterDays: number };
  /** An approval item past its due date: 黄 at once, 红 beyond this many working days. */
  approval: { redAfterWorkingDays: number };
  /** A problem past its time limit: 黄 at once, 红 beyond this many working days or at this many escalations. */
  problem: { redAfterWorkingDays: number; redAtEscalations: number };
  /** A monthly report missing after its due date: 黄 at once, 红 beyond this many days. */
  report: { redAfterDays: number };
  /** Government funds paid below schedule → 红, for government-investment projects; off by default. */
  funds: { enabled: boolean };
};

const COMMON: Omit<LightRuleSet, 'investment'> = {
  start: { redAfterMonths: 3 },
  statistics: { yellowAfterMonths: 1, redAfterMonths: 2 },
  milestone: { redAfterDays: 15 },
  approval: { redAfterWorkingDays: 5 },
  problem: { redAfterWorkingDays: 5, redAtEscalations: 2 },
  report: { redAfterDays: 10 },
  funds: { enabled: false },
};

export const LIGHT_RULE_SETS = {
  yinchuan: {
    name: '银川规则（低于序时10至30个百分点黄灯，超过30个百分点红灯）',
    rules: { ...COMMON, investment: { kind: 'points', yellowFromPoints: 10, redAbovePoints: 30 } },
  },
  wuhan: {
    name: '武汉规则（完成率不足序时的80%黄牌，不足60%红牌）',
    rules: { ...COMMON, investment: { kind: 'ratio', yellowBelow: 0.8, redBelow: 0.6 } },
  },
  sanya: {
    name: '三亚规则（完成率低于序时黄牌，不足序时的50%红牌）',
    rules: { ...COMMON, investment: { kind: 'ratio', yellowBelow: 1, redBelow: 0.5 } },
  },
} as const satisfies Record<string, { name: string; rules: LightRuleSet }>;
export type LightRuleSetCode = keyof typeof LIGHT_RULE_SETS;
export const DEFAULT_LIGHT_RULE_SET: LightRuleSetCode = 'yinchuan';

/** Checks a rule set's thresholds; problems in Chinese, empty when it is usable. */
export function checkLightRuleSet(rules: LightRuleSet): string[] {
  const problems: string[] = [];
  const inv = rules.investment;
  if (inv.kind === 'points') {
    if (
      !(inv.yellowFromPoints >= 0 && inv.yellowFromPoints <= inv.redAbovePoints && inv.redAbovePoints <= 100)
    )
      problems.push('投资进度：黄灯百分点须不大于红灯百分点，且在0至100之间');
  } else if (!(inv.redBelow > 0 && inv.redBelow <= inv.yellowBelow && inv.yellowBelow <= 1)) {
    problems.push('投资进度：红牌比例须不大于黄牌比例，且在0至100%之间');
  }
  const whole: Array<[number, string]> = [
    [rules.start.redAfterMonths, '开工：红灯月数'],
    [rules.statistics.yellowAfterMonths, '入统：黄灯月数'],
    [rules.statistics.redAfterMonths, '入统：红灯月数'],
    [rules.milestone.redAfterDays, '节点滞后：红灯天数'],
    [rules.approval.redAfterWorkingDays, '审批超期：红灯工作日'],
    [rules.problem.redAfterWorkingDays, '问题超期：红灯工作日'],
    [rules.problem.redAtEscalations, '问题升级：红灯次数'],
    [rules.report.redAfterDays, '月报逾期：红灯天数'],
  ];
  for (const [value, label] of whole) {
    if (!Number.isInteger(value) || value < 1 || value > 366) problems.push(`${label}须为1至366的整数`);
  }
  if (rules.statistics.yellowAfterMonths > rules.statistics.redAfterMonths)
    problems.push('入统：黄灯月数不能多于红灯月数');
  return problems;
}

/** What the rules read about one project, as of `asOf`. Money in integer 元, dates 'YYYY-MM-DD'. */
export type LightFacts = {
  asOf: string;
  /** The last closed month as of `asOf` ('YYYY-MM'): investment and 开工 are read at its close. */
  period: string;
  /** The day each month was locked, where it was; a month not here closed on the default day. */
  closedOn?: Readonly<Record<string, string>>;
  plannedStartOn: string | null;
  actualStartOn: string | null;
  /** A reason the start is deferred, accepted by 区发改: the 开工 rule stays silent. */
  startDeferredReason?: string | null;
  /** The year's planned investment (the approved annual plan) and what was done by each closed month. */
  investment?: {
    annualPlanYuan: number;
    /** 自年初累计完成投资 at the close of each month of the period's year, up to the period. */
    ytdByMonth: Readonly<Record<string, number>>;
  } | null;
  /** The day the project entered the statistics (入统); null when it has not. */
  inStatisticsOn: string | null;
  governmentInvestment: boolean;
  funds?: { requiredYuan: number; paidYuan: number } | null;
  milestones: ReadonlyArray<{ name: string; lateFinish: string | null; actualFinish: string | null }>;
  approvals: ReadonlyArray<{ name: string; dueOn: string | null; running: boolean }>;
  problems: ReadonlyArray<{
    title: string;
    dueOn: string | null;
    open: boolean;
    escalations: number;
    /** The day it was escalated the `redAtEscalations`-th time, when it was. */
    escalatedOn?: string | null;
  }>;
  /** Monthly reports are owed from this month on (null: none are); the months already submitted. */
  reportsFrom: string | null;
  submittedMonths: readonly string[];
};

export type LightFinding = {
  rule: LightRule;
  light: Light;
  /** The day the rule's light turned to what it is now. */
  since: string;
  explanation: string;
  inputs: Record<string, string | number | null>;
};

export type ProjectLight = { light: Light; since: string | null; findings: LightFinding[] };

// ---- exact arithmetic for rates: 元 amounts can reach 10^12, and 10 points below must be exactly 10 ----

const big = (n: number) => BigInt(Math.round(n));

/** round(numer ÷ denom) half-up, for non-negative or negative numerators; denom > 0. */
function divHalfUp(numer: bigint, denom: bigint): bigint {
  const sign = numer < 0n ? -1n : 1n;
  const abs = numer < 0n ? -numer : numer;
  return sign * ((abs * 2n + denom) / (2n * denom));
}

/** A share given in tenths, as "12.0%". */
function tenthsPercent(tenths: bigint): string {
  const negative = tenths < 0n;
  const abs = negative ? -tenths : tenths;
  return `${negative ? '-' : ''}${abs / 10n}.${abs % 10n}`;
}

/** numer ÷ denom as a percentage with one decimal, half-up on the unrounded value: "26.3%". */
export function percentText(numer: number, denom: number): string {
  return `${tenthsPercent(divHalfUp(big(numer) * 1000n, big(denom)))}%`;
}

function worse(a: Light, b: Light): Light {
  return LIGHT_ORDER[a] >= LIGHT_ORDER[b] ? a : b;
}

function closeOf(facts: LightFacts, month: string, reporting: ReportingRules): string {
  return facts.closedOn?.[month] ?? monthCloseOn(month, reporting);
}

/** The investment light of one closed month, with the numbers of its sentence. */
function investmentAt(rule: InvestmentRule, planYuan: number, ytdYuan: number, month: string) {
  const { elapsed } = scheduleShare(month);
  const p = big(planYuan);
  const y = big(ytdYuan);
  const m = BigInt(elapsed);
  // rate − 序时 = y/p − m/12 = (12y − mp) / 12p.
  const diffNumer = 12n * y - m * p;
  const diffDenom = 12n * p;
  let light: Light = 'green';
  if (rule.kind === 'points') {
    // Below by g points: (mp − 12y)·100 / 12p ≥ g, compared in tenths of a point.
    const below = -diffNumer * 1000n;
    if (below > BigInt(Math.round(rule.redAbovePoints * 10)) * diffDenom) light = 'red';
    else if (below >= BigInt(Math.round(rule.yellowFromPoints * 10)) * diffDenom) light = 'yellow';
  } else {
    // rate ÷ 序时 < t: 12y < t·m·p, t in thousandths.
    const left = 12n * y * 1000n;
    if (left < BigInt(Math.round(rule.redBelow * 1000)) * m * p) light = 'red';
    else if (left < BigInt(Math.round(rule.yellowBelow * 1000)) * m * p) light = 'yellow';
  }
  return {
    light,
    rate: percentText(ytdYuan, planYuan),
    schedule: percentText(elapsed, 12),
    pointsTenths: divHalfUp(diffNumer * 1000n, diffDenom),
    ratioOfSchedule: percentText(ytdYuan * 12, planYuan * elapsed),
  };
}

function investmentFinding(
  facts: LightFacts,
  rules: LightRuleSet,
  reporting: ReportingRules,
): LightFinding | null {
  const inv = facts.investment;
  if (!inv || inv.annualPlanYuan <= 0) return null;
  const year = facts.period.slice(0, 4);
  const ytd = inv.ytdByMonth[facts.period];
  if (ytd === undefined) return null;
  const now = investmentAt(rules.investment, inv.annualPlanYuan, ytd, facts.period);
  // Since the first close of the year from which every close has shown this light.
  let from = facts.period;
  for (let m = addMonths(facts.period, -1); m.startsWith(year); m = addMonths(m, -1)) {
    const then = inv.ytdByMonth[m];
    if (then === undefined || investmentAt(rules.investment, inv.annualPlanYuan, then, m).light !== now.light)
      break;
    from = m;
  }
  const since = closeOf(facts, from, reporting);
  const points = now.pointsTenths;
  const relation =
    rules.investment.kind === 'ratio'
      ? `，为序时进度${now.schedule}的${now.ratioOfSchedule}`
      : points < 0n
        ? `，低于序时进度${now.schedule}达${tenthsPercent(-points)}个百分点`
        : points > 0n
          ? `，高于序时进度${now.schedule}达${tenthsPercent(points)}个百分点`
          : `，与序时进度${now.schedule}持平`;
  return {
    rule: 'investment',
    light: now.light,
    since,
    explanation: `年度投资完成率 ${now.rate}${relation} → ${LIGHT_WORDS[now.light]}，自${since}`,
    inputs: {
      period: facts.period,
      annualPlanYuan: inv.annualPlanYuan,
      ytdYuan: ytd,
      rate: now.rate,
      schedule: now.schedule,
    },
  };
}

function startFinding(
  facts: LightFacts,
  rules: LightRuleSet,
  reporting: ReportingRules,
): LightFinding | null {
  if (facts.actualStartOn || !facts.plannedStartOn) return null;
  const planned = monthOf(facts.plannedStartOn);
  const inputs = { plannedStartOn: facts.plannedStartOn, period: facts.period };
  if (facts.startDeferredReason) {
    return {
      rule: 'start',
      light: 'green',
      since: facts.asOf,
      explanation: `计划${planned}开工，已说明延后原因：${facts.startDeferredReason} → 绿灯`,
      inputs: { ...inputs, reason: facts.startDeferredReason },
    };
  }
  const closes = monthsBetween(planned, facts.period) + 1;
  if (closes < 1) {
    return {
      rule: 'start',
      light: 'green',
      since: facts.asOf,
      explanation: `计划${planned}开工，尚未到期 → 绿灯`,
      inputs,
    };
  }
  const red = closes >= rules.start.redAfterMonths;
  const turnedAt = red ? addMonths(planned, rules.start.redAfterMonths - 1) : planned;
  const since = closeOf(facts, turnedAt, reporting);
  const light: Light = red ? 'red' : 'yellow';
  return {
    rule: 'start',
    light,
    since,
    explanation: `计划${planned}开工，至${facts.period}月末仍未开工（连续${closes}个月） → ${LIGHT_WORDS[light]}，自${since}`,
    inputs: { ...inputs, monthsNotStarted: closes },
  };
}

/** The same day `months` later, the month's last day when it has no such day (31 Jan + 1 month = 28 Feb). */
function sameDayMonthsLater(day: string, months: number): string {
  const month = addMonths(monthOf(day), months);
  const last = Number(addDays(`${addMonths(month, 1)}-01`, -1).slice(8, 10));
  return `${month}-${String(Math.min(Number(day.slice(8, 10)), last)).padStart(2, '0')}`;
}

function statisticsFinding(facts: LightFacts, rules: LightRuleSet): LightFinding | null {
  const start = facts.actualStartOn;
  if (!start || start > facts.asOf) return null;
  const inputs = { actualStartOn: start, inStatisticsOn: facts.inStatisticsOn };
  if (facts.inStatisticsOn && facts.inStatisticsOn <= facts.asOf) {
    return {
      rule: 'statistics',
      light: 'green',
      since: facts.inStatisticsOn,
      explanation: `${start}开工，${facts.inStatisticsOn}已入统 → 绿灯`,
      inputs,
    };
  }
  // "More than a month": from the day after the same date a month on.
  const yellowOn = addDays(sameDayMonthsLater(start, rules.statistics.yellowAfterMonths), 1);
  const redOn = addDays(sameDayMonthsLater(start, rules.statistics.redAfterMonths), 1);
  if (facts.asOf < yellowOn) {
    return {
      rule: 'statistics',
      light: 'green',
      since: start,
      explanation: `${start}开工，尚未入统（开工未满${rules.statistics.yellowAfterMonths}个月）→ 绿灯`,
      inputs,
    };
  }
  const red = facts.asOf >= redOn;
  const light: Light = red ? 'red' : 'yellow';
  const since = red ? redOn : yellowOn;
  const months = red ? rules.statistics.redAfterMonths : rules.statistics.yellowAfterMonths;
  return {
    rule: 'statistics',
    light,
    since,
    explanation: `${start}开工，开工超过${months}个月仍未入统 → ${LIGHT_WORDS[light]}，自${since}`,
    inputs,
  };
}

/** The worst of several late things, as one finding naming it and counting the others. */
function worstLate<T>(
  late: Array<T & { light: Light; since: string; sentence: string; weight: number }>,
  rule: LightRule,
  inputs: (worst: T) => Record<string, string | number | null>,
): LightFinding | null {
  if (late.length === 0) return null;
  const [worst] = [...late].sort(
    (a, b) => LIGHT_ORDER[b.light] - LIGHT_ORDER[a.light] || b.weight - a.weight,
  );
  if (!worst) return null;
  const others = late.length - 1;
  return {
    rule,
    light: worst.light,
    since: worst.since,
    explanation: `${worst.sentence}${others > 0 ? `（另有${others}项）` : ''} → ${LIGHT_WORDS[worst.light]}，自${worst.since}`,
    inputs: { ...inputs(worst), count: late.length },
  };
}

function milestoneFinding(facts: LightFacts, rules: LightRuleSet): LightFinding | null {
  const late = facts.milestones.flatMap((n) => {
    if (n.actualFinish || !n.lateFinish || facts.asOf <= n.lateFinish) return [];
    const days = daysBetween(n.lateFinish, facts.asOf);
    const red = days > rules.milestone.redAfterDays;
    return [
      {
        ...n,
        light: (red ? 'red' : 'yellow') as Light,
        since: addDays(n.lateFinish, red ? rules.milestone.redAfterDays + 1 : 1),
        sentence: `倒排节点“${n.name}”最迟应于${n.lateFinish}完成，已滞后${days}天`,
        weight: days,
      },
    ];
  });
  return worstLate(late, 'milestone', (n) => ({
    node: n.name,
    lateFinish: n.lateFinish,
    daysLate: n.weight,
  }));
}

function approvalFinding(
  facts: LightFacts,
  rules: LightRuleSet,
  calendar: WorkingCalendar,
): LightFinding | null {
  const late = facts.approvals.flatMap((a) => {
    if (!a.running || !a.dueOn || facts.asOf <= a.dueOn) return [];
    const days = Math.max(1, workingDaysBetween(calendar, a.dueOn, facts.asOf));
    const red = days > rules.approval.redAfterWorkingDays;
    return [
      {
        ...a,
        light: (red ? 'red' : 'yellow') as Light,
        since: red
          ? addWorkingDays(calendar, a.dueOn, rules.approval.redAfterWorkingDays + 1)
          : addDays(a.dueOn, 1),
        sentence: `审批事项“${a.name}”应于${a.dueOn}办结，已超期${days}个工作日`,
        weight: days,
      },
    ];
  });
  return worstLate(late, 'approval', (a) => ({ item: a.name, dueOn: a.dueOn, workingDaysOverdue: a.weight }));
}

function problemFinding(
  facts: LightFacts,
  rules: LightRuleSet,
  calendar: WorkingCalendar,
): LightFinding | null {
  const late = facts.problems.flatMap((p) => {
    if (!p.open) return [];
    const escalatedRed = p.escalations >= rules.problem.redAtEscalations;
    const overdue = p.dueOn !== null && facts.asOf > p.dueOn;
    if (!overdue && !escalatedRed) return [];
    const days = overdue && p.dueOn ? Math.max(1, workingDaysBetween(calendar, p.dueOn, facts.asOf)) : 0;
    const lateRed = days > rules.problem.redAfterWorkingDays;
    const red = lateRed || escalatedRed;
    // Red from the first of: the day it passed the working days allowed, the day of the escalation that
    // made it red; yellow from the day after its time limit.
    const redFrom = [
      lateRed && p.dueOn ? addWorkingDays(calendar, p.dueOn, rules.problem.redAfterWorkingDays + 1) : null,
      escalatedRed ? (p.escalatedOn ?? facts.asOf) : null,
    ].filter((d): d is string => d !== null);
    const since = red ? ([...redFrom].sort()[0] ?? facts.asOf) : addDays(p.dueOn ?? facts.asOf, 1);
    const parts = [
      overdue ? `办理时限${p.dueOn}，已超期${days}个工作日` : `办理时限${p.dueOn ?? '未定'}`,
      escalatedRed ? `已升级${p.escalations}次` : null,
    ].filter(Boolean);
    return [
      {
        ...p,
        light: (red ? 'red' : 'yellow') as Light,
        since,
        sentence: `问题“${p.title}”${parts.join('，')}`,
        weight: days + p.escalations * 1000,
      },
    ];
  });
  return worstLate(late, 'problem', (p) => ({
    problem: p.title,
    dueOn: p.dueOn,
    escalations: p.escalations,
  }));
}

function reportFinding(
  facts: LightFacts,
  rules: LightRuleSet,
  reporting: ReportingRules,
): LightFinding | null {
  if (!facts.reportsFrom) return null;
  const submitted = new Set(facts.submittedMonths);
  const late: Array<{ month: string; light: Light; since: string; sentence: string; weight: number }> = [];
  for (let m = facts.reportsFrom; m <= monthOf(facts.asOf); m = addMonths(m, 1)) {
    const due = reportDueOn(m, reporting);
    if (submitted.has(m) || facts.asOf <= due) continue;
    const days = daysBetween(due, facts.asOf);
    const red = days > rules.report.redAfterDays;
    late.push({
      month: m,
      light: red ? 'red' : 'yellow',
      since: addDays(due, red ? rules.report.redAfterDays + 1 : 1),
      sentence: `${m}月报应于${due}前提交，尚未提交（逾期${days}天）`,
      weight: days,
    });
  }
  if (late.length === 0) {
    return {
      rule: 'report',
      light: 'green',
      since: facts.asOf,
      explanation: '月报均已按期提交 → 绿灯',
      inputs: { reportsFrom: facts.reportsFrom },
    };
  }
  return worstLate(late, 'report', (r) => ({ month: r.month, daysLate: r.weight }));
}

function fundsFinding(
  facts: LightFacts,
  rules: LightRuleSet,
  reporting: ReportingRules,
): LightFinding | null {
  if (!rules.funds.enabled || !facts.governmentInvestment || !facts.funds) return null;
  const { requiredYuan, paidYuan } = facts.funds;
  const short = paidYuan < requiredYuan;
  const since = closeOf(facts, facts.period, reporting);
  return {
    rule: 'funds',
    light: short ? 'red' : 'green',
    since,
    explanation: short
      ? `政府资金到位${percentText(paidYuan, requiredYuan)}，低于拨付进度 → 红灯，自${since}`
      : '政府资金按进度到位 → 绿灯',
    inputs: { requiredYuan, paidYuan },
  };
}

/** Every rule that applies to the project, worst first, and the project's light: the worst of them. */
export function evaluateLights(
  facts: LightFacts,
  rules: LightRuleSet,
  calendar: WorkingCalendar,
  reporting: ReportingRules = DEFAULT_REPORTING_RULES,
): ProjectLight {
  const findings = [
    investmentFinding(facts, rules, reporting),
    startFinding(facts, rules, reporting),
    statisticsFinding(facts, rules),
    milestoneFinding(facts, rules),
    approvalFinding(facts, rules, calendar),
    problemFinding(facts, rules, calendar),
    reportFinding(facts, rules, reporting),
    fundsFinding(facts, rules, reporting),
  ].filter((f): f is LightFinding => f !== null);
  findings.sort(
    (a, b) =>
      LIGHT_ORDER[b.light] - LIGHT_ORDER[a.light] ||
      LIGHT_RULES.indexOf(a.rule) - LIGHT_RULES.indexOf(b.rule),
  );
  const light = findings.reduce<Light>((l, f) => worse(l, f.light), 'green');
  // The project has been this colour since the first of its rules of this colour turned.
  const same = findings.filter((f) => f.light === light && light !== 'green').map((f) => f.since);
  return { light, since: same.length > 0 ? ([...same].sort().at(0) ?? null) : null, findings };
}
