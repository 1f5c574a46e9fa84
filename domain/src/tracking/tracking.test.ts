import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../approvals/working-days';
import { OFFICIAL } from '../testing/official-calendar';
import { nextEscalation } from './escalation';
import {
  checkLightRuleSet,
  evaluateLights,
  LIGHT_RULE_SETS,
  type LightFacts,
  type LightRuleSet,
  percentText,
} from './lights';
import {
  addMonths,
  checkMonthClose,
  checkReportingRules,
  closedMonthAsOf,
  DEFAULT_REPORTING_RULES,
  lastClosedMonth,
  monthCloseOn,
  monthsBetween,
  monthsDueToClose,
  nextMonthToClose,
  reportDueOn,
} from './periods';
import {
  checkReport,
  isReportEditable,
  mayTakeReportStep,
  parseReportMonth,
  type ReportInput,
  reportKindFor,
  yearToDate,
} from './reports';

const CAL = compileCalendar(OFFICIAL);
const YINCHUAN = LIGHT_RULE_SETS.yinchuan.rules as LightRuleSet;
const WUHAN = LIGHT_RULE_SETS.wuhan.rules as LightRuleSet;
const SANYA = LIGHT_RULE_SETS.sanya.rules as LightRuleSet;
const YI = 100_000_000;

/** A started project with nothing late, as of `asOf`; each test adds the facts it is about. */
function facts(asOf: string, extra: Partial<LightFacts> = {}): LightFacts {
  return {
    asOf,
    period: lastClosedMonth(asOf),
    plannedStartOn: '2024-06-01',
    actualStartOn: '2024-06-01',
    inStatisticsOn: '2024-06-20',
    governmentInvestment: false,
    milestones: [],
    approvals: [],
    problems: [],
    reportsFrom: null,
    submittedMonths: [],
    ...extra,
  };
}

const only = (f: LightFacts, rule: string, rules: LightRuleSet = YINCHUAN) =>
  evaluateLights(f, rules, CAL).findings.find((x) => x.rule === rule);

describe('reporting calendar', () => {
  it('has reports due on the 25th (December the 20th) and months closing on the 28th (the 25th)', () => {
    expect(reportDueOn('2025-03')).toBe('2025-03-25');
    expect(reportDueOn('2025-12')).toBe('2025-12-20');
    expect(monthCloseOn('2025-03')).toBe('2025-03-28');
    expect(monthCloseOn('2025-12')).toBe('2025-12-25');
  });

  it('reads the last closed month: a month counts from its close day', () => {
    expect(lastClosedMonth('2025-03-27')).toBe('2025-02');
    expect(lastClosedMonth('2025-03-28')).toBe('2025-03');
    expect(lastClosedMonth('2025-04-27')).toBe('2025-03');
    expect(lastClosedMonth('2025-12-24')).toBe('2025-11');
    expect(lastClosedMonth('2025-12-25')).toBe('2025-12');
    expect(lastClosedMonth('2026-01-05')).toBe('2025-12');
    expect(lastClosedMonth('2025-01-10')).toBe('2024-12');
  });

  it('counts months across years and checks a rule set', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(monthsBetween('2024-11', '2025-02')).toBe(3);
    expect(checkReportingRules(DEFAULT_REPORTING_RULES)).toEqual([]);
    expect(checkReportingRules({ ...DEFAULT_REPORTING_RULES, dueDay: 29 })).toEqual([
      '月报截止日须为1至28日',
      '月报截止日不能晚于月度关账日',
    ]);
  });

  it('writes 序时进度 and rates with one decimal, half-up on the unrounded value', () => {
    expect(percentText(3, 12)).toBe('25.0%');
    expect(percentText(5, 12)).toBe('41.7%');
    expect(percentText(8, 12)).toBe('66.7%');
    expect(percentText(16.5 * YI, 62.7 * YI)).toBe('26.3%');
    expect(percentText(1, 8)).toBe('12.5%');
    expect(percentText(5, 10_000)).toBe('0.1%');
    expect(percentText(4, 10_000)).toBe('0.0%');
  });
});

describe('investment light (Yinchuan: 10–30 points below 序时 黄, more than 30 红)', () => {
  const plan = 10 * YI;
  const at = (month: string, ytd: number, history: Record<string, number> = {}) =>
    facts(monthCloseOn(month), {
      period: month,
      investment: { annualPlanYuan: plan, ytdByMonth: { ...history, [month]: ytd } },
    });

  it('is green on 序时 and up to just under 10 points below, yellow from exactly 10', () => {
    expect(only(at('2025-03', 2.5 * YI), 'investment')).toMatchObject({
      light: 'green',
      explanation: '年度投资完成率 25.0%，与序时进度25.0%持平 → 绿灯，自2025-03-28',
    });
    expect(only(at('2025-03', 1.5 * YI + 1), 'investment')?.light).toBe('green');
    expect(only(at('2025-03', 1.5 * YI), 'investment')).toMatchObject({
      light: 'yellow',
      explanation: '年度投资完成率 15.0%，低于序时进度25.0%达10.0个百分点 → 黄灯，自2025-03-28',
    });
  });

  it('is yellow at exactly 30 points below and red just beyond', () => {
    expect(only(at('2025-06', 2 * YI), 'investment')?.light).toBe('yellow');
    expect(only(at('2025-06', 2 * YI - 1), 'investment')?.light).toBe('red');
  });

  it('says since when: the first close of the year from which the light has held', () => {
    // January 4.0% vs 8.3% (green), February 6.0% vs 16.7% (10.7 below, yellow), March 12.0% vs 25.0%.
    const f = at('2025-03', 1.2 * YI, { '2025-01': 0.4 * YI, '2025-02': 0.6 * YI });
    expect(only(f, 'investment')).toMatchObject({
      light: 'yellow',
      since: '2025-02-28',
      explanation: '年度投资完成率 12.0%，低于序时进度25.0%达13.0个百分点 → 黄灯，自2025-02-28',
      inputs: { period: '2025-03', rate: '12.0%', schedule: '25.0%' },
    });
    // A month locked on another day than the default counts from that day.
    expect(only({ ...f, closedOn: { '2025-02': '2025-03-02' } }, 'investment')?.since).toBe('2025-03-02');
  });

  it('reads above 序时 as the seed does: 52.9% at the end of May is 11.2 points above 41.7%', () => {
    expect(only(at('2025-05', 5.29 * YI), 'investment')?.explanation).toBe(
      '年度投资完成率 52.9%，高于序时进度41.7%达11.2个百分点 → 绿灯，自2025-05-28',
    );
  });

  it('says nothing without an annual plan', () => {
    expect(only(facts('2025-04-01', { investment: null }), 'investment')).toBeUndefined();
    const noPlan = facts('2025-04-01', { investment: { annualPlanYuan: 0, ytdByMonth: { '2025-03': 0 } } });
    expect(only(noPlan, 'investment')).toBeUndefined();
  });
});

describe('investment light as a ratio of 序时 (Wuhan, Sanya)', () => {
  const at = (ytdShare: number) =>
    facts('2025-03-28', {
      investment: { annualPlanYuan: 1000 * YI, ytdByMonth: { '2025-03': ytdShare * 1000 * YI } },
    });

  it('Wuhan: below 80% of 序时 黄, below 60% 红', () => {
    expect(only(at(0.2), 'investment', WUHAN)?.light).toBe('green'); // 20.0 of 25.0 = exactly 80%
    expect(only(at(0.199), 'investment', WUHAN)).toMatchObject({
      light: 'yellow',
      explanation: '年度投资完成率 19.9%，为序时进度25.0%的79.6% → 黄灯，自2025-03-28',
    });
    expect(only(at(0.15), 'investment', WUHAN)?.light).toBe('yellow'); // exactly 60%
    expect(only(at(0.149), 'investment', WUHAN)?.light).toBe('red');
  });

  it('Sanya: below 序时 黄, below half of it 红', () => {
    expect(only(at(0.25), 'investment', SANYA)?.light).toBe('green');
    expect(only(at(0.249), 'investment', SANYA)?.light).toBe('yellow');
    expect(only(at(0.125), 'investment', SANYA)?.light).toBe('yellow');
    expect(only(at(0.124), 'investment', SANYA)?.light).toBe('red');
  });
});

describe('start light: the planned month closed without a start 黄, three closes in a row 红', () => {
  const planned = (asOf: string, extra: Partial<LightFacts> = {}) =>
    facts(asOf, { plannedStartOn: '2025-03-15', actualStartOn: null, inStatisticsOn: null, ...extra });

  it('waits for the planned month to close', () => {
    expect(only(planned('2025-03-27'), 'start')).toMatchObject({ light: 'green' });
    expect(only(planned('2025-03-28'), 'start')).toMatchObject({
      light: 'yellow',
      since: '2025-03-28',
      explanation: '计划2025-03开工，至2025-03月末仍未开工（连续1个月） → 黄灯，自2025-03-28',
    });
  });

  it('turns red at the third close, and is silent once started or deferred with a reason', () => {
    expect(only(planned('2025-05-27'), 'start')?.light).toBe('yellow');
    expect(only(planned('2025-05-28'), 'start')).toMatchObject({ light: 'red', since: '2025-05-28' });
    expect(only(planned('2025-06-10', { actualStartOn: '2025-06-01' }), 'start')).toBeUndefined();
    expect(only(planned('2025-06-10', { startDeferredReason: '等待规划调整' }), 'start')).toMatchObject({
      light: 'green',
      explanation: '计划2025-03开工，已说明延后原因：等待规划调整 → 绿灯',
    });
  });
});

describe('statistics light: started more than one month and not in the statistics 黄, two 红', () => {
  const started = (asOf: string, inStatisticsOn: string | null = null) =>
    facts(asOf, { actualStartOn: '2025-01-31', inStatisticsOn });

  it('counts calendar months from the start, the short month included', () => {
    expect(only(started('2025-02-28'), 'statistics')?.light).toBe('green');
    expect(only(started('2025-03-01'), 'statistics')).toMatchObject({
      light: 'yellow',
      since: '2025-03-01',
      explanation: '2025-01-31开工，开工超过1个月仍未入统 → 黄灯，自2025-03-01',
    });
    expect(only(started('2025-03-31'), 'statistics')?.light).toBe('yellow');
    expect(only(started('2025-04-01'), 'statistics')).toMatchObject({ light: 'red', since: '2025-04-01' });
    expect(only(started('2025-04-01', '2025-03-20'), 'statistics')?.light).toBe('green');
  });
});

describe('milestone light: 1–15 days past the latest finish 黄, more 红', () => {
  const node = (name: string, lateFinish: string, actualFinish: string | null = null) => ({
    name,
    lateFinish,
    actualFinish,
  });

  it('counts calendar days from the latest finish, names the worst node and counts the others', () => {
    const at = (asOf: string) =>
      facts(asOf, { milestones: [node('出让方案审批', '2025-06-10'), node('挂牌出让', '2025-06-20')] });
    expect(only(at('2025-06-10'), 'milestone')).toBeUndefined();
    expect(only(at('2025-06-11'), 'milestone')).toMatchObject({
      light: 'yellow',
      since: '2025-06-11',
      explanation: '倒排节点“出让方案审批”最迟应于2025-06-10完成，已滞后1天 → 黄灯，自2025-06-11',
    });
    expect(only(at('2025-06-25'), 'milestone')?.light).toBe('yellow');
    expect(only(at('2025-06-26'), 'milestone')).toMatchObject({
      light: 'red',
      since: '2025-06-26',
      explanation: '倒排节点“出让方案审批”最迟应于2025-06-10完成，已滞后16天（另有1项） → 红灯，自2025-06-26',
    });
    const done = facts('2025-07-30', { milestones: [node('出让方案审批', '2025-06-10', '2025-07-01')] });
    expect(only(done, 'milestone')).toBeUndefined();
  });
});

describe('approval light: 超期 黄, more than 5 working days 红', () => {
  const item = (asOf: string, running = true) =>
    facts(asOf, { approvals: [{ name: '设计方案审查', dueOn: '2025-09-30', running }] });

  it('counts working days past the due date across the National Day holiday', () => {
    // Due the day before the holiday: over the holiday it is overdue by one (at least one day).
    expect(only(item('2025-10-08'), 'approval')).toMatchObject({
      light: 'yellow',
      since: '2025-10-01',
      explanation: '审批事项“设计方案审查”应于2025-09-30办结，已超期1个工作日 → 黄灯，自2025-10-01',
    });
    // 9, 10, Saturday 11 (调休), 13 and 14 October: five working days, still yellow; the 15th the sixth.
    expect(only(item('2025-10-14'), 'approval')?.explanation).toContain('已超期5个工作日 → 黄灯');
    expect(only(item('2025-10-15'), 'approval')).toMatchObject({ light: 'red', since: '2025-10-15' });
    expect(only(item('2025-10-15', false), 'approval')).toBeUndefined();
  });
});

describe('problem light: past its time limit 黄, beyond 5 working days or escalated twice 红', () => {
  const problem = (asOf: string, escalations = 0, escalatedOn: string | null = null) =>
    facts(asOf, {
      problems: [{ title: '供电线路迁改', dueOn: '2025-05-09', open: true, escalations, escalatedOn }],
    });

  it('turns yellow the day after the limit and red on the sixth working day', () => {
    expect(only(problem('2025-05-09'), 'problem')).toBeUndefined();
    expect(only(problem('2025-05-12'), 'problem')).toMatchObject({
      light: 'yellow',
      since: '2025-05-10',
      explanation: '问题“供电线路迁改”办理时限2025-05-09，已超期1个工作日 → 黄灯，自2025-05-10',
    });
    expect(only(problem('2025-05-16'), 'problem')?.light).toBe('yellow');
    expect(only(problem('2025-05-19'), 'problem')).toMatchObject({ light: 'red', since: '2025-05-19' });
  });

  it('turns red at the second escalation, from its day, even before the limit', () => {
    expect(only(problem('2025-05-12', 2, '2025-05-11'), 'problem')).toMatchObject({
      light: 'red',
      since: '2025-05-11',
    });
    expect(only(problem('2025-05-05', 2, '2025-05-05'), 'problem')).toMatchObject({
      light: 'red',
      explanation: '问题“供电线路迁改”办理时限2025-05-09，已升级2次 → 红灯，自2025-05-05',
    });
    expect(only(problem('2025-05-05', 1, '2025-05-05'), 'problem')).toBeUndefined();
  });
});

describe('report light: missing after the due date 黄, more than 10 days 红', () => {
  const owed = (asOf: string, submittedMonths: string[] = ['2025-01', '2025-02']) =>
    facts(asOf, { reportsFrom: '2025-01', submittedMonths });

  it('counts calendar days from the due date of the oldest missing report', () => {
    expect(only(owed('2025-03-25'), 'report')?.light).toBe('green');
    expect(only(owed('2025-03-26'), 'report')).toMatchObject({
      light: 'yellow',
      since: '2025-03-26',
      explanation: '2025-03月报应于2025-03-25前提交，尚未提交（逾期1天） → 黄灯，自2025-03-26',
    });
    expect(only(owed('2025-04-04'), 'report')?.light).toBe('yellow');
    expect(only(owed('2025-04-05'), 'report')).toMatchObject({ light: 'red', since: '2025-04-05' });
    expect(only(owed('2025-04-05', ['2025-01', '2025-02', '2025-03']), 'report')?.light).toBe('green');
  });

  it('owes December by the 20th', () => {
    const months = Array.from({ length: 11 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    expect(only(owed('2025-12-21', months), 'report')?.since).toBe('2025-12-21');
  });
});

describe('funds light and the project light', () => {
  it('reads government funds only when the rule is switched on', () => {
    const f = facts('2025-04-01', {
      governmentInvestment: true,
      funds: { requiredYuan: 10_000_000, paidYuan: 8_000_000 },
    });
    expect(only(f, 'funds')).toBeUndefined();
    expect(only(f, 'funds', { ...YINCHUAN, funds: { enabled: true } })).toMatchObject({
      light: 'red',
      explanation: '政府资金到位80.0%，低于拨付进度 → 红灯，自2025-03-28',
    });
  });

  it('is the worst of its rules, red findings first, since the first of them turned', () => {
    const f = facts('2025-10-16', {
      approvals: [{ name: '设计方案审查', dueOn: '2025-09-30', running: true }],
      milestones: [{ name: '施工图审查', lateFinish: '2025-10-10', actualFinish: null }],
      problems: [{ title: '供电线路迁改', dueOn: '2025-09-01', open: true, escalations: 0 }],
    });
    const result = evaluateLights(f, YINCHUAN, CAL);
    expect(result.light).toBe('red');
    expect(result.findings.map((x) => [x.rule, x.light])).toEqual([
      ['approval', 'red'],
      ['problem', 'red'],
      ['milestone', 'yellow'],
      ['statistics', 'green'],
    ]);
    expect(result.since).toBe('2025-09-09');
    expect(evaluateLights(facts('2025-04-01'), YINCHUAN, CAL)).toMatchObject({ light: 'green', since: null });
  });

  it('checks a configured rule set', () => {
    expect(checkLightRuleSet(YINCHUAN)).toEqual([]);
    expect(checkLightRuleSet(WUHAN)).toEqual([]);
    expect(
      checkLightRuleSet({
        ...YINCHUAN,
        investment: { kind: 'points', yellowFromPoints: 40, redAbovePoints: 30 },
      }),
    ).toEqual(['投资进度：黄灯百分点须不大于红灯百分点，且在0至100之间']);
    expect(checkLightRuleSet({ ...YINCHUAN, report: { redAfterDays: 0 } })).toEqual([
      '月报逾期：红灯天数须为1至366的整数',
    ]);
  });
});

describe('escalation L1–L4', () => {
  const base = {
    level: 'L1' as const,
    levelSince: '2025-05-06',
    overdue: false,
    blocked: false,
    crossDepartment: false,
    needsPolicy: false,
    resolved: false,
  };

  it('climbs from L1 when overdue or blocked, from L2 after 5 working days, from L3 after 10', () => {
    expect(nextEscalation(base, '2025-05-20', CAL)).toBeNull();
    expect(nextEscalation({ ...base, overdue: true }, '2025-05-07', CAL)).toEqual({
      to: 'L2',
      reason: '超过承诺时限',
    });
    expect(nextEscalation({ ...base, blocked: true }, '2025-05-07', CAL)?.to).toBe('L2');
    // From Tuesday 6 May: 7, 8, 9, 12 May are four working days; the 13th the fifth.
    expect(nextEscalation({ ...base, level: 'L2' }, '2025-05-12', CAL)).toBeNull();
    expect(nextEscalation({ ...base, level: 'L2' }, '2025-05-13', CAL)).toEqual({
      to: 'L3',
      reason: 'L2协调5个工作日未解决（规则5个工作日）',
    });
    expect(nextEscalation({ ...base, level: 'L2', crossDepartment: true }, '2025-05-06', CAL)?.to).toBe('L3');
    expect(nextEscalation({ ...base, level: 'L3' }, '2025-05-19', CAL)).toBeNull();
    expect(nextEscalation({ ...base, level: 'L3' }, '2025-05-20', CAL)?.to).toBe('L4');
    expect(nextEscalation({ ...base, level: 'L3', needsPolicy: true }, '2025-05-06', CAL)?.to).toBe('L4');
    expect(nextEscalation({ ...base, level: 'L4', overdue: true }, '2025-12-01', CAL)).toBeNull();
    expect(nextEscalation({ ...base, overdue: true, resolved: true }, '2025-05-07', CAL)).toBeNull();
  });
});

describe('monthly reports', () => {
  const construction: ReportInput = {
    kind: 'construction',
    monthYuan: 12_000_000,
    sinceStartYuan: 80_000_000,
    equipmentYuan: 5_000_000,
    constructionYuan: 7_000_000,
    progressText: '正在进行基础短柱浇筑，钢结构厂房预计8月下旬完工',
    nodePercent: 40,
    photoCount: 1,
    totalInvestmentYuan: 1_500_000_000,
  };

  it('owes the construction report from the month the project started, the 前期 one before', () => {
    expect(reportKindFor(null, '2025-03')).toBe('preparatory');
    expect(reportKindFor('2025-03-31', '2025-03')).toBe('construction');
    expect(reportKindFor('2025-04-01', '2025-03')).toBe('preparatory');
  });

  it('runs 自年初累计 from the previous month, afresh in January', () => {
    expect(yearToDate('2025-01', 100, 900)).toBe(100);
    expect(yearToDate('2025-03', 100, 900)).toBe(1000);
    expect(yearToDate('2025-03', 100, null)).toBe(100);
  });

  it("needs the month's investment, 形象进度 and a site photo from a started project", () => {
    expect(checkReport(construction)).toEqual({ errors: [], warnings: [] });
    expect(
      checkReport({ ...construction, photoCount: 0, progressText: ' ', monthYuan: null }).errors,
    ).toEqual([
      { field: 'monthYuan', message: '请填写本月完成投资（无投资填0）' },
      { field: 'progressText', message: '请填写形象进度' },
      { field: 'photos', message: '已开工项目至少上传1张现场照片' },
    ]);
    expect(checkReport({ ...construction, monthYuan: -1 }).errors[0]?.message).toBe('本月完成投资不能为负数');
    expect(checkReport({ ...construction, equipmentYuan: 10_000_000 }).errors[0]?.field).toBe(
      'equipmentYuan',
    );
    expect(checkReport({ ...construction, nodePercent: 120 }).errors[0]?.field).toBe('nodePercent');
  });

  it('warns, without refusing, when 自开工累计 passes the total investment', () => {
    expect(checkReport({ ...construction, sinceStartYuan: 1_500_000_001 })).toEqual({
      errors: [],
      warnings: [{ field: 'sinceStartYuan', message: '自开工累计完成投资超过项目总投资，请核实' }],
    });
  });

  it('asks a project not started only for its 前期 progress, and lets a returned report be edited again', () => {
    const prep = { ...construction, kind: 'preparatory' as const, monthYuan: null, photoCount: 0 };
    expect(checkReport(prep).errors).toEqual([]);
    expect(checkReport({ ...prep, progressText: null }).errors[0]?.message).toBe('请填写本月前期工作进展');
    expect(isReportEditable('returned')).toBe(true);
    expect(isReportEditable('submitted')).toBe(false);
    expect(isReportEditable('confirmed')).toBe(false);
  });

  it('lets the enterprise submit, the 板块 review or return, 区发改 confirm or return a reviewed report', () => {
    const enterprise = { roles: ['enterprise'], mayWrite: true, isDistrictAdmin: false };
    const subarea = { roles: ['subarea_operator'], mayWrite: true, isDistrictAdmin: false };
    const drc = { roles: ['drc'], mayWrite: true, isDistrictAdmin: true };
    const leader = { roles: ['leader'], mayWrite: false, isDistrictAdmin: false };
    expect(mayTakeReportStep(enterprise, 'submit', 'draft')).toBe(true);
    expect(mayTakeReportStep(enterprise, 'submit', 'returned')).toBe(true);
    expect(mayTakeReportStep(enterprise, 'submit', 'submitted')).toBe(false);
    expect(mayTakeReportStep(enterprise, 'review', 'submitted')).toBe(false);
    expect(mayTakeReportStep(subarea, 'review', 'submitted')).toBe(true);
    expect(mayTakeReportStep(subarea, 'return', 'submitted')).toBe(true);
    expect(mayTakeReportStep(subarea, 'return', 'subarea_reviewed')).toBe(false);
    expect(mayTakeReportStep(subarea, 'confirm', 'subarea_reviewed')).toBe(false);
    expect(mayTakeReportStep(drc, 'confirm', 'submitted')).toBe(false);
    expect(mayTakeReportStep(drc, 'confirm', 'subarea_reviewed')).toBe(true);
    expect(mayTakeReportStep(drc, 'return', 'subarea_reviewed')).toBe(true);
    expect(mayTakeReportStep(drc, 'return', 'confirmed')).toBe(false);
    expect(mayTakeReportStep(leader, 'review', 'submitted')).toBe(false);
  });
});

describe('报告期 as written in a sheet', () => {
  it('reads the usual ways of writing a month', () => {
    for (const text of [
      '2025-03',
      '2025-3',
      '2025/03',
      '2025.3',
      '2025年3月',
      '2025年03月份',
      '202503',
      '2025-03-01',
      '2025年3月1日',
      ' ２０２５-０３ ',
    ]) {
      expect(parseReportMonth(text), text).toBe('2025-03');
    }
    expect(parseReportMonth('2025年12月')).toBe('2025-12');
  });

  it('refuses what is not a month', () => {
    for (const text of ['', '三月', '2025-13', '2025-00', '25-03', '1999-12', '2025', '2025-03-01-02']) {
      expect(parseReportMonth(text), text).toBeNull();
    }
  });
});

describe('month close', () => {
  it('closes a month on its default day unless 区发改 locked it on another', () => {
    expect(closedMonthAsOf('2025-03-27', {})).toBe('2025-02');
    expect(closedMonthAsOf('2025-03-28', {})).toBe('2025-03');
    // Locked early: closed from the lock day.
    expect(closedMonthAsOf('2025-03-26', { '2025-03': '2025-03-26' })).toBe('2025-03');
    // Locked late: open until then, so the live light still reads February.
    expect(closedMonthAsOf('2025-04-01', { '2025-03': '2025-04-02' })).toBe('2025-02');
    expect(closedMonthAsOf('2025-04-02', { '2025-03': '2025-04-02' })).toBe('2025-03');
    expect(closedMonthAsOf('2025-12-25', {})).toBe('2025-12');
    expect(closedMonthAsOf('2026-01-05', {})).toBe('2025-12');
  });

  it('lets 区发改 close this month or last, once its reports are due', () => {
    expect(checkMonthClose('2025-05', '2025-04-26')).toEqual(['2025-05 尚未开始，不能关账']);
    expect(checkMonthClose('2025-04', '2025-04-24')).toEqual([
      '2025-04 的月报截止日为2025-04-25，截止前不能关账',
    ]);
    expect(checkMonthClose('2025-04', '2025-04-25')).toEqual([]);
    expect(checkMonthClose('2025-03', '2025-04-26')).toEqual([]);
    expect(checkMonthClose('2025-02', '2025-04-26')).toEqual(['2025-02 已过去，只能关账本月或上月']);
    expect(nextMonthToClose(undefined, '2025-04-26')).toBe('2025-03');
    expect(nextMonthToClose('2025-03', '2025-04-26')).toBe('2025-04');
    expect(nextMonthToClose('2024-11', '2025-04-26')).toBe('2025-03');
  });

  it('closes by itself only months past their default day that were left open', () => {
    expect(monthsDueToClose('2025-04-10', {})).toEqual(['2025-03']);
    expect(monthsDueToClose('2025-04-10', { '2025-03': '2025-03-28' })).toEqual([]);
    // The default day itself is still open for reports; the night after, the month closes as of that day.
    expect(monthsDueToClose('2025-04-28', { '2025-03': '2025-03-28' })).toEqual([]);
    expect(monthsDueToClose('2025-04-29', { '2025-03': '2025-03-28' })).toEqual(['2025-04']);
    expect(monthsDueToClose('2025-04-29', {})).toEqual(['2025-03', '2025-04']);
  });
});
