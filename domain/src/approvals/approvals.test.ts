import { describe, expect, it } from 'vitest';
import { OFFICIAL, span } from '../testing/official-calendar';
import {
  appliesTo,
  approvalDueOn,
  approvalSla,
  type CatalogueEntry,
  canMoveApproval,
  checkApprovalUpdate,
  DEFAULT_APPROVAL_CATALOGUE,
  type ProjectForApprovals,
  wholeProcessWorkingDays,
} from './items';
import { assessLandReady, type LandReadyItem } from './land-ready';
import { DEFAULT_PLAN_TEMPLATES } from './plan-templates';
import { mayRecordActual, responsibleKinds } from './responsible';
import { checkPlanNetwork, type PlanLink, type PlanNode, schedulePlan } from './schedule';
import {
  addWorkingDays,
  compileCalendar,
  dayNumber,
  dayString,
  isVerifiedDay,
  isWorkingDay,
  unverifiedYears,
  workingDaysBetween,
} from './working-days';

const CAL = compileCalendar(OFFICIAL);

describe('working-day calendar', () => {
  it.each(span('2025-10-01', '2025-10-08'))('%s (国庆、中秋) is off', (day) => {
    expect(isWorkingDay(CAL, day)).toBe(false);
  });
  it.each(span('2026-02-15', '2026-02-23'))('%s (春节) is off', (day) => {
    expect(isWorkingDay(CAL, day)).toBe(false);
  });
  it.each(['2025-09-28', '2025-10-11', '2026-02-14', '2026-02-28'])(
    '%s is a weekend worked (调休)',
    (day) => {
      expect(isWorkingDay(CAL, day)).toBe(true);
    },
  );
  it('keeps the weekend rule elsewhere', () => {
    expect(isWorkingDay(CAL, '2025-10-09')).toBe(true); // Thursday
    expect(isWorkingDay(CAL, '2025-10-12')).toBe(false); // Sunday
    expect(isWorkingDay(CAL, '2026-03-02')).toBe(true); // Monday
  });

  it('counts a limit received on the last working day before National Day past the holiday', () => {
    // Received Tuesday 30 Sep 2025, 5 working days: 9 Oct (Thu), 10 (Fri), 11 (Sat, 调休), 13, 14.
    expect(addWorkingDays(CAL, '2025-09-30', 5)).toBe('2025-10-14');
    expect(addWorkingDays(CAL, '2025-09-30', 1)).toBe('2025-10-09');
    // Monday–Friday counting would say 7 October, a holiday.
    expect(workingDaysBetween(CAL, '2025-09-30', '2025-10-14')).toBe(5);
    expect(workingDaysBetween(CAL, '2025-09-30', '2025-10-08')).toBe(0);
  });

  it('counts through the Spring Festival of 2026 and its two Saturdays worked', () => {
    // Friday 13 Feb received: Sat 14 (调休) is the first working day, then 24 Feb.
    expect(addWorkingDays(CAL, '2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays(CAL, '2026-02-13', 2)).toBe('2026-02-24');
    // 24, 25, 26, 27 Feb and Saturday 28 Feb: the fifth working day after the 14th.
    expect(addWorkingDays(CAL, '2026-02-14', 5)).toBe('2026-02-28');
    expect(workingDaysBetween(CAL, '2026-02-01', '2026-02-28')).toBe(16);
  });

  it('goes back by working days, and the two functions are each other’s inverse on working days', () => {
    expect(addWorkingDays(CAL, '2025-10-09', -1)).toBe('2025-09-30');
    expect(addWorkingDays(CAL, '2025-10-05', -1)).toBe('2025-09-30'); // from inside the holiday
    expect(addWorkingDays(CAL, '2025-10-05', 0)).toBe('2025-10-05');
    for (const from of span('2025-09-20', '2025-10-20')) {
      for (const to of span('2025-09-25', '2025-10-25')) {
        // Backwards the count starts from a working day (a limit is counted from the day received).
        if (!isWorkingDay(CAL, to) || (to < from && !isWorkingDay(CAL, from))) continue;
        expect(addWorkingDays(CAL, from, workingDaysBetween(CAL, from, to))).toBe(to);
      }
    }
    expect(workingDaysBetween(CAL, '2025-10-14', '2025-09-30')).toBe(-5);
  });

  it('uses the weekend rule for a year not configured, and says so', () => {
    expect(isVerifiedDay(CAL, '2026-12-31')).toBe(true);
    expect(isVerifiedDay(CAL, '2027-01-04')).toBe(false);
    // 1 Jan 2027 is a Friday: a working day by the weekend rule, though it will surely be a holiday.
    expect(isWorkingDay(CAL, '2027-01-01')).toBe(true);
    expect(unverifiedYears(CAL, 2026, 2028)).toEqual([2027, 2028]);
  });

  it('refuses malformed dates and dates outside 2000–2100', () => {
    expect(() => isWorkingDay(CAL, '2025-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay(CAL, '2101-01-03')).toThrow(RangeError);
    expect(() => addWorkingDays(CAL, '2025-01-01', 1.5)).toThrow(RangeError);
  });
});

const node = (
  key: string,
  duration: number,
  unit: PlanNode['unit'] = 'calendar',
  extra: Partial<PlanNode> = {},
) => ({
  key,
  name: `节点${key}`,
  duration,
  unit,
  ...extra,
});

describe('plan network checks', () => {
  it('names the nodes of a cycle and a negative duration', () => {
    const nodes = [node('1', 5), node('2', -3), node('3', 2)];
    const problems = checkPlanNetwork(nodes, [
      { from: '1', to: '2' },
      { from: '2', to: '3' },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'NEGATIVE_DURATION',
        nodes: ['2'],
        message: expect.stringContaining('节点2'),
      }),
    ]);
    const cyclic = checkPlanNetwork(
      [node('1', 5), node('2', 3), node('3', 2), node('4', 1)],
      [
        { from: '1', to: '2' },
        { from: '2', to: '3' },
        { from: '3', to: '4' },
        { from: '4', to: '2' },
      ],
    );
    expect(cyclic).toEqual([
      { code: 'CYCLE', nodes: ['2', '3', '4'], message: '依赖关系形成循环：节点2 → 节点3 → 节点4 → 节点2' },
    ]);
    expect(checkPlanNetwork([node('1', 1)], [{ from: '1', to: '9' }])[0]?.code).toBe('UNKNOWN_NODE');
    expect(checkPlanNetwork([node('1', 1)], [{ from: '1', to: '1' }])[0]?.code).toBe('CYCLE');
  });
});

describe('reverse scheduling', () => {
  // A ─5→ B ─3→ D (anchor, 0)
  //   └─2→ C ─1┘       calendar days; A 4 days.
  const nodes = [node('A', 4), node('B', 5), node('C', 2), node('D', 0)];
  const links: PlanLink[] = [
    { from: 'A', to: 'B' },
    { from: 'A', to: 'C' },
    { from: 'B', to: 'D' },
    { from: 'C', to: 'D', lag: 1 },
  ];

  it('gives each node its latest dates, float and the critical path (hand-checked)', () => {
    const s = schedulePlan({
      calendar: CAL,
      nodes,
      links,
      anchor: 'D',
      target: '2025-03-20',
      today: '2025-03-01',
    });
    const by = Object.fromEntries(s.nodes.map((n) => [n.key, n]));
    // Forward: A 1→5, B 5→10, C 5→7, D from max(10, 7+1) = 10.
    expect(by.A).toMatchObject({ earlyStart: '2025-03-01', earlyFinish: '2025-03-05' });
    expect(by.B).toMatchObject({ earlyStart: '2025-03-05', earlyFinish: '2025-03-10' });
    expect(by.C).toMatchObject({ earlyStart: '2025-03-05', earlyFinish: '2025-03-07' });
    expect(s.forecast).toBe('2025-03-10');
    // Backward from the 20th: D 20, B 15→20, C 17→19 (lag 1), A 11→15.
    expect(by.B).toMatchObject({ lateStart: '2025-03-15', lateFinish: '2025-03-20', floatDays: 10 });
    expect(by.C).toMatchObject({ lateStart: '2025-03-17', lateFinish: '2025-03-19', floatDays: 12 });
    expect(by.A).toMatchObject({ lateStart: '2025-03-11', lateFinish: '2025-03-15', floatDays: 10 });
    expect(s.criticalPath).toEqual(['A', 'B', 'D']);
    expect(s.nodes.filter((n) => n.critical).map((n) => n.key)).toEqual(['A', 'B', 'D']);
    expect(s).toMatchObject({ infeasible: false, slipDays: -10 });
    expect(s.nodes.some((n) => n.late)).toBe(false);
  });

  it('finds an infeasible target: the late nodes and the earliest achievable anchor', () => {
    // Today the 12th, nothing done: A cannot start before the 12th though it had to by the 11th.
    const s = schedulePlan({
      calendar: CAL,
      nodes,
      links,
      anchor: 'D',
      target: '2025-03-20',
      today: '2025-03-12',
    });
    expect(s.nodes.filter((n) => n.late).map((n) => n.key)).toEqual(['A']);
    expect(s).toMatchObject({ infeasible: true, forecast: '2025-03-21', slipDays: 1 });
    // A finished on time, B started on the 15th and is still going on the 21st: B is late, D slips.
    const going = schedulePlan({
      calendar: CAL,
      nodes: [
        node('A', 4, 'calendar', { actualStart: '2025-03-01', actualFinish: '2025-03-05' }),
        node('B', 5, 'calendar', { actualStart: '2025-03-15' }),
        node('C', 2, 'calendar', { actualStart: '2025-03-06', actualFinish: '2025-03-08' }),
        node('D', 0),
      ],
      links,
      anchor: 'D',
      target: '2025-03-20',
      today: '2025-03-21',
    });
    const by = Object.fromEntries(going.nodes.map((n) => [n.key, n]));
    expect(by.A).toMatchObject({ done: true, late: false });
    expect(by.B).toMatchObject({ late: true, earlyFinish: '2025-03-21' });
    expect(going).toMatchObject({ infeasible: true, forecast: '2025-03-21' });
  });

  it('marks a started node 已滞后 once it can no longer finish by its latest finish', () => {
    // Target the 12th: B must finish by then, but started on the 9th with 5 days it finishes the 14th.
    const s = schedulePlan({
      calendar: CAL,
      nodes: [
        node('A', 4, 'calendar', { actualStart: '2025-03-01', actualFinish: '2025-03-05' }),
        node('B', 5, 'calendar', { actualStart: '2025-03-09' }),
        node('C', 2, 'calendar', { actualStart: '2025-03-06', actualFinish: '2025-03-08' }),
        node('D', 0),
      ],
      links,
      anchor: 'D',
      target: '2025-03-12',
      today: '2025-03-10',
    });
    const by = Object.fromEntries(s.nodes.map((n) => [n.key, n]));
    expect(by.B).toMatchObject({ lateFinish: '2025-03-12', earlyFinish: '2025-03-14', late: true });
    expect(s).toMatchObject({ forecast: '2025-03-14', infeasible: true, slipDays: 2 });
  });

  it('counts approval nodes in working days across the National Day holiday', () => {
    // 设计方案审查 10 wd, then 工程规划许可 5 wd, then 开工 (calendar, 0); target 开工 on 24 October 2025.
    const plan = [node('design', 10, 'working'), node('permit', 5, 'working'), node('start', 0)];
    const chain: PlanLink[] = [
      { from: 'design', to: 'permit' },
      { from: 'permit', to: 'start' },
    ];
    const s = schedulePlan({
      calendar: CAL,
      nodes: plan,
      links: chain,
      anchor: 'start',
      target: '2025-10-24',
      today: '2025-09-01',
    });
    const by = Object.fromEntries(s.nodes.map((n) => [n.key, n]));
    // Back 5 working days from Fri 24 Oct: 17 Oct. Back 10 from 17 Oct: 16, 15, 14, 13, 11 (Sat, 调休), 10,
    // 9 Oct, then over the holiday to 30, 29 and 28 Sep (Sun, 调休).
    expect(by.permit).toMatchObject({ lateStart: '2025-10-17', lateFinish: '2025-10-24' });
    expect(by.design).toMatchObject({ lateStart: '2025-09-28', lateFinish: '2025-10-17' });
    // Forward from Mon 1 Sep: design due 15 Sep, permit 22 Sep.
    expect(by.design).toMatchObject({ earlyStart: '2025-09-01', earlyFinish: '2025-09-15' });
    expect(s.forecast).toBe('2025-09-22');
  });
});

/** A small pseudo-random generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A DAG on nodes 0..n-1 (edges only from lower to higher index); the anchor is the last node. */
function randomDag(rand: () => number, n: number, density: number, unit: () => PlanNode['unit']) {
  const nodes = Array.from({ length: n }, (_, i) => node(String(i), Math.floor(rand() * 9), unit()));
  const links: PlanLink[] = [];
  for (let b = 1; b < n; b++) {
    for (let a = 0; a < b; a++) {
      if (rand() < density) links.push({ from: String(a), to: String(b), lag: Math.floor(rand() * 3) });
    }
  }
  return { nodes, links };
}

describe('reverse scheduling against brute force', () => {
  it('agrees with every path enumerated, on 300 random networks of up to 12 nodes', () => {
    const today = '2025-03-03';
    for (let seed = 1; seed <= 300; seed++) {
      const rand = random(seed);
      const n = 2 + Math.floor(rand() * 11);
      const { nodes, links } = randomDag(rand, n, 0.3, () => 'calendar');
      const anchor = n - 1;
      const length = (path: number[], lags: number[]) =>
        path.reduce((sum, v) => sum + (nodes[v]?.duration ?? 0), 0) + lags.reduce((a, b) => a + b, 0);
      const into = (v: number) => links.filter((l) => Number(l.to) === v);
      // Every path ending at `end`, from any node (so each suffix of a longer path is listed too).
      const pathsInto = (end: number) => {
        const found: Array<{ nodes: number[]; lags: number[] }> = [];
        const walk = (v: number, tail: number[], lags: number[]) => {
          const path = [v, ...tail];
          found.push({ nodes: path, lags });
          for (const l of into(v)) walk(Number(l.from), path, [l.lag ?? 0, ...lags]);
        };
        walk(end, [], []);
        return found;
      };
      const paths = pathsInto(anchor);
      const longest = Math.max(...paths.map((p) => length(p.nodes, p.lags)));
      const target = dayString(dayNumber(today) + longest + 5);
      const s = schedulePlan({ calendar: CAL, nodes, links, anchor: String(anchor), target, today });
      expect(s.forecast, `seed ${seed}`).toBe(dayString(dayNumber(today) + longest));
      for (let v = 0; v < n; v++) {
        const through = paths.filter((p) => p.nodes[0] === v);
        const got = s.nodes[v];
        if (through.length === 0) {
          expect(got?.floatDays, `seed ${seed} node ${v}`).toBeNull();
          continue;
        }
        // Longest path into v (v's own duration left out) plus the longest from v to the anchor.
        const head = Math.max(
          ...pathsInto(v).map((p) => length(p.nodes, p.lags) - (nodes[v]?.duration ?? 0)),
        );
        const tail = Math.max(...through.map((p) => length(p.nodes, p.lags)));
        expect(dayNumber(got?.earlyStart ?? ''), `seed ${seed} node ${v}`).toBe(dayNumber(today) + head);
        expect(got?.floatDays, `seed ${seed} node ${v}`).toBe(longest + 5 - head - tail);
        expect(got?.critical, `seed ${seed} node ${v}`).toBe(head + tail === longest);
      }
    }
  });

  it('agrees with an O(V·E) relaxation on a 1,000-node network in working and calendar days', () => {
    const rand = random(20251001);
    const n = 1000;
    const nodes = Array.from({ length: n }, (_, i) =>
      node(String(i), Math.floor(rand() * 15), rand() < 0.5 ? 'working' : 'calendar'),
    );
    const links: PlanLink[] = [];
    for (let b = 1; b < n; b++) {
      const k = 1 + Math.floor(rand() * 3);
      for (let j = 0; j < k; j++) {
        links.push({ from: String(Math.floor(rand() * b)), to: String(b), lag: Math.floor(rand() * 3) });
      }
    }
    const today = '2025-01-02';
    const s = schedulePlan({
      calendar: CAL,
      nodes,
      links,
      anchor: String(n - 1),
      target: '2030-06-28',
      today,
    });

    // Independent relaxation: every edge, V times, on dates, with no topological order.
    const t0 = dayNumber(today);
    const add = (v: number, day: number, d: number) => {
      const unit = nodes[v]?.unit;
      return unit === 'working' ? dayNumber(addWorkingDays(CAL, dayString(day), d)) : day + d;
    };
    const roll = (v: number, day: number) => {
      if (nodes[v]?.unit !== 'working') return day;
      const d = dayString(day);
      return isWorkingDay(CAL, d) ? day : dayNumber(addWorkingDays(CAL, d, 1));
    };
    const start = nodes.map((_, v) => roll(v, t0));
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (const l of links) {
        const a = Number(l.from);
        const b = Number(l.to);
        const candidate = roll(b, add(b, add(a, start[a] as number, nodes[a]?.duration ?? 0), l.lag ?? 0));
        if (candidate > (start[b] as number)) {
          start[b] = candidate;
          changed = true;
        }
      }
      if (!changed) break;
    }
    for (let v = 0; v < n; v++) expect(dayNumber(s.nodes[v]?.earlyStart ?? ''), `node ${v}`).toBe(start[v]);

    // Latest finishes likewise, from the target backwards, for what the anchor waits for.
    const latestFinish = new Map<number, number>([[n - 1, dayNumber('2030-06-28')]]);
    const lateStart = (v: number) => {
      const f = latestFinish.get(v) as number;
      const rolled =
        nodes[v]?.unit === 'working' && !isWorkingDay(CAL, dayString(f))
          ? dayNumber(addWorkingDays(CAL, dayString(f), -1))
          : f;
      return add(v, rolled, -(nodes[v]?.duration ?? 0));
    };
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (const l of links) {
        const a = Number(l.from);
        const b = Number(l.to);
        if (!latestFinish.has(b)) continue;
        const candidate = add(b, lateStart(b), -(l.lag ?? 0));
        const had = latestFinish.get(a);
        if (had === undefined || candidate < had) {
          latestFinish.set(a, candidate);
          changed = true;
        }
      }
      if (!changed) break;
    }
    for (let v = 0; v < n; v++) {
      const got = s.nodes[v];
      if (!latestFinish.has(v)) {
        expect(got?.lateStart, `node ${v}`).toBeNull();
        continue;
      }
      expect(got?.lateStart, `node ${v}`).toBe(dayString(lateStart(v)));
    }
  });
});

describe('approval items', () => {
  const entry = (code: string) => DEFAULT_APPROVAL_CATALOGUE.find((e) => e.code === code) as CatalogueEntry;
  const codesFor = (p: ProjectForApprovals) =>
    DEFAULT_APPROVAL_CATALOGUE.filter((e) => appliesTo(e, p)).map((e) => e.code);

  it('gives each project the items that apply to it', () => {
    const industrial = codesFor({ landUse: 'new_land', projectType: 'industrial' });
    expect(industrial).toContain('FILING');
    expect(industrial).toContain('SITE_PRE_REVIEW');
    expect(industrial).toContain('LAND_PLAN_PERMIT');
    expect(industrial).not.toContain('GOV_APPROVAL');
    expect(industrial).not.toContain('ENDORSEMENT'); // listed sectors only: added by hand
    const leased = codesFor({ landUse: 'leased_plant', projectType: 'industrial' });
    expect(leased).not.toContain('LAND_SUPPLY');
    expect(leased).toContain('CONSTRUCTION_PERMIT');
    const stock = codesFor({ landUse: 'stock_land', projectType: 'government' });
    expect(stock).toContain('GOV_APPROVAL');
    expect(stock).not.toContain('FILING');
    expect(stock).not.toContain('SITE_PRE_REVIEW'); // 已批准建设用地: no 预审
    // Every prerequisite of an item is in the catalogue, one stage earlier or the same.
    for (const e of DEFAULT_APPROVAL_CATALOGUE) {
      for (const p of e.prerequisites)
        expect(entry(p).stage, `${e.code} ← ${p}`).toBeLessThanOrEqual(e.stage);
    }
  });

  it('moves through its statuses, never out of 已办结', () => {
    expect(canMoveApproval('not_started', 'pre_review')).toBe(true);
    expect(canMoveApproval('pre_approved', 'done')).toBe(true);
    expect(canMoveApproval('accepted_with_gaps', 'accepted')).toBe(true);
    expect(canMoveApproval('done', 'accepted')).toBe(false);
    expect(canMoveApproval('not_started', 'done')).toBe(false);
  });

  it('dates the limit in working days across National Day, and in calendar days for 施工许可', () => {
    expect(approvalDueOn(CAL, '2025-09-26', 5, 'working')).toBe('2025-10-10');
    // Seven days from 30 Sep end on 7 Oct, a holiday: the limit runs to the first working day after, 9 Oct.
    expect(approvalDueOn(CAL, '2025-09-30', 7, 'calendar')).toBe('2025-10-09');
    expect(approvalDueOn(CAL, '2025-09-15', 7, 'calendar')).toBe('2025-09-22');
  });

  it('is 临期 from two working days left and 超期 the day after the due date', () => {
    const item = (dueOn: string) => ({
      status: 'accepted' as const,
      acceptedOn: '2025-09-26',
      doneOn: null,
      dueOn,
      unit: 'working' as const,
    });
    // Due Friday 10 Oct 2025: from 30 Sep to the holiday's end two working days are left (9 and 10 Oct).
    expect(approvalSla(CAL, item('2025-10-10'), '2025-09-29')).toMatchObject({
      state: 'on_track',
      remaining: 3,
    });
    expect(approvalSla(CAL, item('2025-10-10'), '2025-09-30')).toMatchObject({
      state: 'due_soon',
      remaining: 2,
    });
    expect(approvalSla(CAL, item('2025-10-10'), '2025-10-08')).toMatchObject({
      state: 'due_soon',
      remaining: 2,
    });
    expect(approvalSla(CAL, item('2025-10-10'), '2025-10-10')).toMatchObject({
      state: 'due_soon',
      remaining: 0,
    });
    // Saturday 11 Oct is a working day (调休): one day overdue; Monday 13th two.
    expect(approvalSla(CAL, item('2025-10-10'), '2025-10-11')).toMatchObject({
      state: 'overdue',
      overdue: 1,
    });
    expect(approvalSla(CAL, item('2025-10-10'), '2025-10-13')).toMatchObject({
      state: 'overdue',
      overdue: 2,
    });
    // Sunday 12 Oct: past the date, still one working day overdue.
    expect(approvalSla(CAL, item('2025-10-10'), '2025-10-12')).toMatchObject({
      state: 'overdue',
      overdue: 1,
    });
    const done = { ...item('2025-10-10'), status: 'done' as const, doneOn: '2025-10-13' };
    expect(approvalSla(CAL, done, '2025-11-01')).toMatchObject({ state: 'done_late', overdue: 2, used: 7 });
    expect(approvalSla(CAL, { ...item('2025-10-10'), status: 'not_started' }, '2025-10-13').state).toBe(
      'not_running',
    );
  });

  it('reads 临期 in working days for a limit counted in calendar days, and takes the threshold as a rule', () => {
    const item = (dueOn: string) => ({
      status: 'accepted' as const,
      acceptedOn: '2025-09-15',
      doneOn: null,
      dueOn,
      unit: 'calendar' as const,
    });
    // Due Monday 22 Sep: on Friday 19th three calendar days but one working day are left.
    expect(approvalSla(CAL, item('2025-09-22'), '2025-09-19')).toMatchObject({
      state: 'due_soon',
      remaining: 3,
    });
    // Wednesday 17th: three working days left — 临期 only under a rule of three.
    expect(approvalSla(CAL, item('2025-09-22'), '2025-09-17').state).toBe('on_track');
    expect(approvalSla(CAL, item('2025-09-22'), '2025-09-17', 3).state).toBe('due_soon');
    expect(approvalSla(CAL, item('2025-09-22'), '2025-09-19', 0).state).toBe('on_track');
  });

  it('counts the whole process in working days, the first day included', () => {
    const items = [
      { status: 'done' as const, acceptedOn: '2025-09-29', doneOn: '2025-09-30' },
      { status: 'done' as const, acceptedOn: '2025-09-30', doneOn: '2025-10-10' },
    ];
    // 29, 30 Sep, 9, 10 Oct: four working days.
    expect(wholeProcessWorkingDays(CAL, items, '2025-12-01')).toBe(4);
    const open = [...items, { status: 'accepted' as const, acceptedOn: '2025-10-10', doneOn: null }];
    expect(wholeProcessWorkingDays(CAL, open, '2025-10-13')).toBe(6); // + 11 (Sat, 调休) and 13 Oct
    expect(wholeProcessWorkingDays(CAL, [], '2025-10-13')).toBeNull();
  });

  it('refuses formal handling before the prerequisites, unless pre-reviewed or simulated', () => {
    const next = {
      status: 'accepted' as const,
      appliedOn: '2025-03-01',
      acceptedOn: '2025-03-03',
      doneOn: null,
      documentNo: null,
      gaps: null,
      gapsDueOn: null,
      commitment: false,
      commitmentCheckDueOn: null,
      simulated: false,
    };
    const item = {
      code: 'BUILD_PLAN_PERMIT',
      name: '建设工程规划许可证',
      status: 'not_started' as const,
      simulated: false,
    };
    const prereqs = [
      { code: 'DESIGN_REVIEW', name: '设计方案审查', status: 'pre_approved' as const },
      { code: 'LAND_PLAN_PERMIT', name: '建设用地规划许可证', status: 'done' as const },
    ];
    expect(checkApprovalUpdate(item, next, prereqs, '2025-03-31')).toEqual([
      { field: 'status', message: '前置事项未办结：设计方案审查（可先预审或按模拟审批办理）' },
    ]);
    expect(checkApprovalUpdate(item, { ...next, simulated: true }, prereqs, '2025-03-31')).toEqual([]);
    expect(
      checkApprovalUpdate(item, { ...next, status: 'pre_review', acceptedOn: null }, prereqs, '2025-03-31'),
    ).toEqual([]);
    const gaps = checkApprovalUpdate(
      item,
      { ...next, status: 'accepted_with_gaps', simulated: true },
      prereqs,
      '2025-03-31',
    );
    expect(gaps.map((p) => p.field)).toEqual(['gaps', 'gapsDueOn']);
    const future = checkApprovalUpdate(
      item,
      { ...next, simulated: true, acceptedOn: '2025-04-01' },
      prereqs,
      '2025-03-31',
    );
    expect(future).toEqual([{ field: 'acceptedOn', message: '日期不能晚于今天' }]);
  });
});

describe('plan templates', () => {
  it.each(DEFAULT_PLAN_TEMPLATES.map((t) => [t.code, t] as const))(
    'template %s is a schedulable network whose anchor waits for every node but 申报入库',
    (_code, template) => {
      expect(checkPlanNetwork(template.nodes, template.links)).toEqual([]);
      const s = schedulePlan({
        calendar: CAL,
        nodes: template.nodes,
        links: template.links,
        anchor: template.anchor,
        target: '2026-06-30',
        today: '2026-01-05',
      });
      // 入库 runs beside the plan: 开工 does not wait for it, so it has no latest dates.
      const offNetwork = s.nodes.filter((n) => n.lateStart === null).map((n) => n.key);
      expect(offNetwork).toEqual(template.code === 'B' ? [] : ['library']);
      expect(s.criticalPath.at(-1)).toBe(template.anchor);
      for (const n of template.nodes) {
        if (n.approvalCode)
          expect(DEFAULT_APPROVAL_CATALOGUE.some((e) => e.code === n.approvalCode)).toBe(true);
      }
    },
  );

  it('template A from 5 January 2026: 开工 no earlier than the land listing allows, critical through it', () => {
    const a = DEFAULT_PLAN_TEMPLATES.find((t) => t.code === 'A') as (typeof DEFAULT_PLAN_TEMPLATES)[number];
    const s = schedulePlan({
      calendar: CAL,
      nodes: a.nodes,
      links: a.links,
      anchor: 'start',
      target: '2026-04-30',
      today: '2026-01-05',
    });
    // 签约 5 Jan → 用地清单 30 days (4 Feb) → 出让方案 10 wd (Saturday 14 Feb worked, 春节 skipped: 25 Feb) →
    // 挂牌 30 days (27 Mar) → 合同 5 wd (3 Apr) → 四证 1 wd (清明 4–6 Apr skipped: 7 Apr) → 开工.
    expect(s.criticalPath).toEqual([
      'signing',
      'land_list',
      'sale_plan',
      'listing',
      'contract',
      'permits',
      'start',
    ]);
    expect(s.forecast).toBe('2026-04-07');
    expect(s.infeasible).toBe(false);
  });
});

describe("who records a plan node's actual dates", () => {
  it('reads the units a 责任单位 names, in words as the offices write them', () => {
    expect(responsibleKinds('企业、自然资源分局')).toEqual(['natural_resources', 'enterprise']);
    expect(responsibleKinds('板块、区发改')).toEqual(['drc', 'subarea_committee']);
    expect(responsibleKinds('生态环境局')).toEqual(['ecology']);
    expect(responsibleKinds('板块招商')).toEqual(['subarea_committee']);
    expect(responsibleKinds('施工队伍')).toEqual([]);
  });

  it('the responsible unit and 区发改 may record; another department, or a node naming nobody, not', () => {
    const housing = { roles: ['dept_operator'], orgKind: 'housing' };
    const enterprise = { roles: ['enterprise'], orgKind: 'enterprise' };
    const drc = { roles: ['drc'], orgKind: 'drc' };
    expect(mayRecordActual(housing, '企业、住建局')).toBe(true);
    expect(mayRecordActual(enterprise, '企业、住建局')).toBe(true);
    expect(mayRecordActual(housing, '生态环境局')).toBe(false);
    expect(mayRecordActual(enterprise, '行政审批局')).toBe(false);
    expect(mayRecordActual(drc, '生态环境局')).toBe(true);
    expect(mayRecordActual(housing, '')).toBe(false);
    expect(mayRecordActual(drc, '')).toBe(true);
  });

  it('every unit of the default templates is one the rule knows', () => {
    for (const t of DEFAULT_PLAN_TEMPLATES)
      for (const n of t.nodes) expect(responsibleKinds(n.responsible), `${t.code}/${n.key}`).not.toEqual([]);
  });
});

describe('拿地即开工', () => {
  const item = (code: string, status: LandReadyItem['status'], on: string | null = null): LandReadyItem => ({
    code,
    status,
    promisedDays: code === 'EIA' ? 30 : 10,
    unit: code === 'EIA' ? 'calendar' : 'working',
    on,
  });

  it('checks readiness before the land deal and predicts the permit after the slowest open check', () => {
    const a = assessLandReady({
      calendar: CAL,
      items: [
        item('DESIGN_REVIEW', 'pre_approved', '2025-09-20'),
        item('DRAWING_REVIEW', 'pre_review'),
        item('EIA', 'done', '2025-09-01'),
        item('CONSTRUCTION_PERMIT', 'not_started'),
      ],
      landListComplete: true,
      plannedLandOn: '2025-10-20',
      contractOn: null,
      permitOn: null,
      today: '2025-09-30',
    });
    expect(a.checks.map((c) => [c.key, c.done])).toEqual([
      ['design', true],
      ['drawings', false],
      ['eia', true],
      ['land_list', true],
      ['permit', false],
    ]);
    expect(a.ready).toBe(3);
    // 施工图 and 施工许可: 10 working days from 30 Sep, across National Day (11 Oct worked) → 21 Oct, a day
    // after the land is due: not ready for 拿地即开工 as things stand.
    expect(a.predictedPermitOn).toBe('2025-10-21');
    expect(a.achieved).toBeNull();
  });

  it('is achieved when the permit comes within a day of the land contract (configurable)', () => {
    const base = {
      calendar: CAL,
      items: [],
      landListComplete: true,
      plannedLandOn: null,
      today: '2025-12-01',
    };
    expect(assessLandReady({ ...base, contractOn: '2025-09-08', permitOn: '2025-09-08' })).toMatchObject({
      daysLandToPermit: 0,
      achieved: true,
    });
    expect(assessLandReady({ ...base, contractOn: '2025-09-08', permitOn: '2025-09-09' })).toMatchObject({
      daysLandToPermit: 1,
      achieved: true,
    });
    expect(assessLandReady({ ...base, contractOn: '2025-09-08', permitOn: '2025-09-10' })).toMatchObject({
      daysLandToPermit: 2,
      achieved: false,
    });
    expect(
      assessLandReady({ ...base, contractOn: '2025-09-08', permitOn: '2025-09-15', achieveWithinDays: 7 })
        .achieved,
    ).toBe(true);
  });
});
