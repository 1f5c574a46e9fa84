import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../approvals/working-days';
import { OFFICIAL } from '../testing/official-calendar';
import { nextEscalation } from './escalation';
import { draftAgenda } from './meetings';
import {
  checkExtensionRequest,
  mayTakeProblemStep,
  PROBLEM_STEP_NAMES,
  PROBLEM_STEPS,
  problemDueOn,
  problemEscalationFacts,
  problemKpi,
  problemOverdueWorkingDays,
} from './problems';

const cal = compileCalendar(OFFICIAL);

describe('problem time limits', () => {
  it('counts the time limit in working days from the day of 交办, over the May Day holiday', () => {
    // Assigned Monday 28 April 2025: 29, 30 April work; 1–5 May off; 6 May on.
    expect(problemDueOn(cal, '2025-04-28', 3)).toBe('2025-05-06');
    expect(problemDueOn(cal, '2025-03-03', 7)).toBe('2025-03-12');
  });

  it('is overdue only while being worked and only after its last day', () => {
    const open = { status: 'in_progress' as const, dueOn: '2025-03-12' };
    expect(problemOverdueWorkingDays(cal, open, '2025-03-12')).toBe(0);
    expect(problemOverdueWorkingDays(cal, open, '2025-03-13')).toBe(1);
    // Saturday 15 March still counts one working day late; Monday the 17th three.
    expect(problemOverdueWorkingDays(cal, open, '2025-03-15')).toBe(2);
    expect(problemOverdueWorkingDays(cal, open, '2025-03-17')).toBe(3);
    expect(problemOverdueWorkingDays(cal, { ...open, status: 'resolved' }, '2025-03-20')).toBe(0);
    expect(problemOverdueWorkingDays(cal, { ...open, status: 'collected' }, '2025-03-20')).toBe(0);
  });

  it('takes an extension only asked a working day ahead, to a later day within the limit', () => {
    expect(checkExtensionRequest(cal, '2025-03-12', '2025-03-19', '2025-03-11')).toEqual([]);
    expect(checkExtensionRequest(cal, '2025-03-12', '2025-03-19', '2025-03-12')).toEqual([
      '延期须在办理时限2025-03-12前至少1个工作日申请，已超过申请期限',
    ]);
    expect(checkExtensionRequest(cal, '2025-03-12', '2025-03-12', '2025-03-10')).toEqual([
      '延期后的时限须晚于原办理时限',
    ]);
    expect(checkExtensionRequest(cal, '2025-03-12', '2025-06-30', '2025-03-10')).toEqual([
      '每次延期不超过30个工作日',
    ]);
  });
});

describe('problem steps', () => {
  const drc = { isDistrictAdmin: true, isLeadUnit: false, isProjectEnterprise: false };
  const lead = { isDistrictAdmin: false, isLeadUnit: true, isProjectEnterprise: false };
  const company = { isDistrictAdmin: false, isLeadUnit: false, isProjectEnterprise: true };

  it('lets 区发改 assign and decide extensions, the lead unit work it, the enterprise strike it off', () => {
    expect(mayTakeProblemStep(drc, 'assign', 'collected')).toBe(true);
    expect(mayTakeProblemStep(lead, 'assign', 'collected')).toBe(false);
    expect(mayTakeProblemStep(lead, 'accept', 'assigned')).toBe(true);
    expect(mayTakeProblemStep(company, 'accept', 'assigned')).toBe(false);
    expect(mayTakeProblemStep(lead, 'request_extension', 'in_progress')).toBe(true);
    expect(mayTakeProblemStep(lead, 'approve_extension', 'extension_requested')).toBe(false);
    expect(mayTakeProblemStep(drc, 'approve_extension', 'extension_requested')).toBe(true);
    expect(mayTakeProblemStep(lead, 'resolve', 'in_progress')).toBe(true);
    expect(mayTakeProblemStep(lead, 'close', 'resolved')).toBe(false);
    expect(mayTakeProblemStep(company, 'close', 'resolved')).toBe(true);
    expect(mayTakeProblemStep(company, 'reopen', 'resolved')).toBe(true);
    expect(mayTakeProblemStep(drc, 'close', 'resolved')).toBe(true);
  });

  it('never leaves a closed problem, and every step starts from a status it names', () => {
    for (const step of PROBLEM_STEP_NAMES) {
      expect(mayTakeProblemStep(drc, step, 'closed')).toBe(false);
      expect(PROBLEM_STEPS[step].from.length).toBeGreaterThan(0);
    }
  });
});

describe('problem KPIs and escalation', () => {
  it('gives 办结率 on what was assigned, average working days to close, and the overdue count', () => {
    const kpi = problemKpi(
      cal,
      [
        { status: 'closed', assignedOn: '2025-03-03', closedOn: '2025-03-10', dueOn: '2025-03-12' },
        { status: 'closed', assignedOn: '2025-03-03', closedOn: '2025-03-14', dueOn: '2025-03-12' },
        { status: 'in_progress', assignedOn: '2025-03-03', closedOn: null, dueOn: '2025-03-12' },
        { status: 'collected', assignedOn: null, closedOn: null, dueOn: null },
      ],
      '2025-03-20',
    );
    // 2 of 3 = 66.7%; 5 and 9 working days → 7.0.
    expect(kpi).toEqual({
      assigned: 3,
      closed: 2,
      open: 1,
      overdue: 1,
      closeRateTenths: 667,
      averageWorkingDaysToClose: 7,
    });
    expect(problemKpi(cal, [], '2025-03-20').closeRateTenths).toBeNull();
  });

  it('climbs L1 → L2 when overdue, L2 → L3 at once when it spans departments', () => {
    const problem = {
      status: 'in_progress' as const,
      dueOn: '2025-03-12',
      level: 'L1' as const,
      levelSince: '2025-03-03',
      coUnits: 0,
      needsPolicy: false,
    };
    expect(nextEscalation(problemEscalationFacts(cal, problem, '2025-03-12'), '2025-03-12', cal)).toBeNull();
    expect(nextEscalation(problemEscalationFacts(cal, problem, '2025-03-13'), '2025-03-13', cal)).toEqual({
      to: 'L2',
      reason: '超过承诺时限',
    });
    const l2 = { ...problem, level: 'L2' as const, levelSince: '2025-03-13', coUnits: 2 };
    expect(nextEscalation(problemEscalationFacts(cal, l2, '2025-03-13'), '2025-03-13', cal)?.to).toBe('L3');
    const closed = { ...problem, status: 'closed' as const };
    expect(nextEscalation(problemEscalationFacts(cal, closed, '2025-04-30'), '2025-04-30', cal)).toBeNull();
  });
});

describe('dispatch meeting agenda', () => {
  it('puts red projects first, adds projects with overdue or escalated problems, and skips problems on time', () => {
    const agenda = draftAgenda({
      redProjects: [{ projectId: 'p1', explanation: '月报逾期 → 红灯' }],
      problems: [
        { id: 'a', projectId: 'p2', title: '专线接入', overdueWorkingDays: 3, level: 'L2' },
        { id: 'b', projectId: 'p1', title: '用地指标', overdueWorkingDays: 0, level: 'L3' },
        { id: 'c', projectId: 'p3', title: '按期办理中', overdueWorkingDays: 0, level: 'L1' },
      ],
    });
    expect(agenda).toEqual([
      {
        projectId: 'p1',
        light: 'red',
        problemIds: ['b'],
        manual: false,
        reason: '月报逾期 → 红灯；问题“用地指标”（已升级至L3）',
      },
      {
        projectId: 'p2',
        light: null,
        problemIds: ['a'],
        manual: false,
        reason: '问题“专线接入”超期3个工作日（已升级至L2）',
      },
    ]);
  });
});
