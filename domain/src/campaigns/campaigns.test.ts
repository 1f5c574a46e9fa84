import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../approvals/working-days';
import { checklistProblem, inspectionOutcome, pointStatus, rectificationDueOn } from './maintenance';
import {
  type CountedTask,
  mayTakeTaskStep,
  microVariance,
  rankSubareas,
  taskLight,
  taskProgress,
  taskStepProblem,
} from './tasks';

describe('the overdue light of a task', () => {
  const open = { status: 'in_progress' as const, dueOn: '2025-06-10' };

  it('is green until the due date, yellow up to 7 days late, red beyond', () => {
    expect(taskLight(open, '2025-06-10')).toMatchObject({ light: 'green', daysLate: 0 });
    expect(taskLight(open, '2025-06-11')).toMatchObject({ light: 'yellow', daysLate: 1 });
    expect(taskLight(open, '2025-06-17')).toMatchObject({
      light: 'yellow',
      daysLate: 7,
      explanation: '计划2025-06-10完成，已逾期7天（不超过7天）→ 黄灯',
    });
    expect(taskLight(open, '2025-06-18')).toMatchObject({
      light: 'red',
      daysLate: 8,
      explanation: '计划2025-06-10完成，已逾期8天（超过7天）→ 红灯',
    });
  });

  it('takes the threshold from the rules', () => {
    expect(taskLight(open, '2025-06-14', { yellowMaxDaysLate: 3 }).light).toBe('red');
  });

  it('lights every open state, including 待验收 and 退回整改, and never an accepted task', () => {
    for (const status of ['pending', 'submitted', 'returned'] as const) {
      expect(taskLight({ status, dueOn: '2025-06-10' }, '2025-07-01').light).toBe('red');
    }
    expect(
      taskLight({ status: 'accepted', dueOn: '2025-06-10', acceptedOn: '2025-06-20' }, '2025-07-01'),
    ).toEqual({ light: 'green', daysLate: 0, explanation: '已验收销号（晚于计划10天）' });
  });
});

describe('按时完成率 and the progress of a 板块', () => {
  const t = (status: CountedTask['status'], dueOn: string, acceptedOn: string | null = null) => ({
    status,
    dueOn,
    acceptedOn,
  });

  it('counts tasks accepted by their due date over tasks due, and overdue open ones', () => {
    const p = taskProgress(
      [
        t('accepted', '2025-05-31', '2025-05-30'), // on time
        t('accepted', '2025-05-31', '2025-05-31'), // on the day: on time
        t('accepted', '2025-05-31', '2025-06-03'), // late
        t('in_progress', '2025-06-05'), // due, overdue
        t('submitted', '2025-06-30'), // not yet due
        t('accepted', '2025-07-31', '2025-06-01'), // early, not yet due: counted as due and on time
      ],
      '2025-06-10',
    );
    expect(p).toMatchObject({ total: 6, accepted: 4, overdue: 1, due: 5, onTime: 3 });
    expect(p.onTimeRate).toBeCloseTo(3 / 5, 10);
    expect(p.completionRate).toBeCloseTo(4 / 6, 10);
  });

  it('has no rate without tasks or without any task due', () => {
    expect(taskProgress([], '2025-06-10')).toMatchObject({ completionRate: null, onTimeRate: null });
    expect(taskProgress([t('pending', '2025-12-31')], '2025-06-10').onTimeRate).toBeNull();
  });
});

describe('the task workflow', () => {
  const subarea = { isSubarea: true, isLead: false };
  const lead = { isSubarea: false, isLead: true };

  it('lets the 板块 start and submit, and only the lead department accept or send back', () => {
    expect(mayTakeTaskStep(subarea, 'start', 'pending')).toBe(true);
    expect(mayTakeTaskStep(subarea, 'submit', 'in_progress')).toBe(true);
    expect(mayTakeTaskStep(subarea, 'submit', 'returned')).toBe(true);
    expect(mayTakeTaskStep(subarea, 'accept', 'submitted')).toBe(false);
    expect(mayTakeTaskStep(lead, 'accept', 'submitted')).toBe(true);
    expect(mayTakeTaskStep(lead, 'return', 'submitted')).toBe(true);
    expect(mayTakeTaskStep(lead, 'accept', 'in_progress')).toBe(false);
    expect(mayTakeTaskStep(subarea, 'start', 'accepted')).toBe(false);
  });

  it('needs an after-photo to submit and a reason to send back', () => {
    expect(taskStepProblem('submit', { afterPhotos: 0 })).toBe('提交验收须上传整改后照片');
    expect(taskStepProblem('submit', { afterPhotos: 1 })).toBeNull();
    expect(taskStepProblem('return', { afterPhotos: 1, reason: '  ' })).toBe('退回整改须说明原因');
    expect(taskStepProblem('return', { afterPhotos: 1, reason: '照片不清晰' })).toBeNull();
  });
});

describe('the 微更新 schedule', () => {
  it('is 按期 while every stage is done by its planned date', () => {
    const v = microVariance(
      {
        design: { plannedOn: '2025-04-30', doneOn: '2025-04-28' },
        build: { plannedOn: '2025-07-31' },
        finish: { plannedOn: '2025-08-31' },
      },
      '2025-06-15',
    );
    expect(v).toEqual({
      flag: 'on_schedule',
      reached: 'design',
      daysBehind: 0,
      explanation: '已完成设计，各阶段按期',
    });
  });

  it('needs speeding up (需加快) when a planned date passed unfinished or a stage finished late', () => {
    expect(
      microVariance(
        { design: { plannedOn: '2025-04-30', doneOn: '2025-04-30' }, build: { plannedOn: '2025-06-01' } },
        '2025-06-15',
      ),
    ).toMatchObject({
      flag: 'behind',
      daysBehind: 14,
      explanation: '施工计划2025-06-01完成，已超期14天未完成',
    });
    expect(
      microVariance({ design: { plannedOn: '2025-04-30', doneOn: '2025-05-10' } }, '2025-05-11'),
    ).toMatchObject({ flag: 'behind', daysBehind: 10, explanation: '设计计划2025-04-30完成，实际晚10天' });
  });
});

describe('maintenance inspections and rebounds', () => {
  it('passes only with every item passed and the pass score', () => {
    const all = [
      { item: '无积存垃圾', passed: true },
      { item: '无卫生死角', passed: true },
    ];
    expect(inspectionOutcome(all, 90)).toEqual({
      passed: true,
      failedItems: [],
      explanation: '各项合格，得分90分',
    });
    expect(inspectionOutcome(all, 79).passed).toBe(false);
    const oneFailed = [
      { item: '无积存垃圾', passed: false },
      { item: '无卫生死角', passed: true },
    ];
    expect(inspectionOutcome(oneFailed, 95)).toEqual({
      passed: false,
      failedItems: ['无积存垃圾'],
      explanation: '不合格项：无积存垃圾',
    });
    expect(inspectionOutcome(all, 70, { passScore: 60 }).passed).toBe(true);
  });

  it('wants each checklist item answered once', () => {
    const checklist = ['无积存垃圾', '无卫生死角'];
    expect(checklistProblem(checklist, [{ item: '无积存垃圾', passed: true }])).toBe(
      '请逐项填写检查结果：无卫生死角',
    );
    expect(
      checklistProblem(checklist, [
        { item: '无积存垃圾', passed: true },
        { item: '无积存垃圾', passed: false },
      ]),
    ).toBe('检查项重复');
    expect(
      checklistProblem(checklist, [
        { item: '无积存垃圾', passed: true },
        { item: '无卫生死角', passed: true },
      ]),
    ).toBeNull();
  });

  it('gives a 整改单 the category\u2019s working days, skipping the weekend', () => {
    const calendar = compileCalendar({ verifiedYears: [], days: [] });
    // Friday 2025-06-06 + 3 working days → Wednesday 2025-06-11.
    expect(rectificationDueOn(calendar, '2025-06-06', 3)).toBe('2025-06-11');
  });

  it('is rectifying while a 整改单 is open, due for inspection once the frequency passed', () => {
    const point = { enteredOn: '2025-05-01', lastInspectedOn: '2025-06-01', everyDays: 30, openOrders: 0 };
    expect(pointStatus(point, '2025-06-20')).toMatchObject({ status: 'ok', nextInspectionOn: '2025-07-01' });
    expect(pointStatus(point, '2025-07-05')).toMatchObject({ status: 'inspection_due', daysOverdue: 4 });
    expect(pointStatus({ ...point, openOrders: 1 }, '2025-06-20').status).toBe('rectifying');
  });

  it('ranks 板块 by 按时完成率 and 完成率, a rebound costing points; ties share a rank', () => {
    const progress = (accepted: number, onTime: number, total: number) => ({
      total,
      accepted,
      overdue: 0,
      due: total,
      onTime,
      completionRate: accepted / total,
      onTimeRate: onTime / total,
    });
    const ranked = rankSubareas([
      { key: 'a', progress: progress(10, 10, 10), rebounds: 1 },
      { key: 'b', progress: progress(10, 10, 10), rebounds: 0 },
      { key: 'c', progress: progress(10, 10, 10), rebounds: 1 },
      { key: 'd', progress: { ...progress(0, 0, 1), total: 0 }, rebounds: 0 },
    ]);
    expect(ranked.map((r) => [r.key, r.rank, r.score])).toEqual([
      ['b', 1, 100],
      ['a', 2, 95],
      ['c', 2, 95],
      ['d', 4, 0],
    ]);
    expect(ranked[1]?.calculation).toBe('按时完成率 100% × 60 + 完成率 100% × 40 − 反弹 1 处 × 5 = 95分');
  });
});
