import {
  addWorkingDayNumbers,
  dayNumber,
  dayString,
  type WorkingCalendar,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from './working-days';

// 倒排 (reverse scheduling, domain.md §7.1): the target date of an anchor milestone (usually 开工) is fixed
// first, and every node before it gets the latest date it may start and finish — a backward pass. A forward
// pass from what has actually happened (and from today for what has not) gives each node's earliest dates
// and the forecast of the anchor. Total float is the distance between the two; the critical path is the
// chain of nodes that drives the forecast; a node not done whose latest date is already past is 已滞后,
// and then the forecast is the earliest anchor date still achievable.
//
// Dates: a node starts on its start day and finishes on its finish day, duration days later — an approval
// received on day D with a limit of 5 working days is due on D + 5 working days (D not counted), and a
// successor may begin on the day its predecessor finishes (finish-to-start, plus the link's lag). Approval
// nodes count working days on the official calendar; land procedures and construction count calendar days.
// A lag is counted in the successor's unit. All arithmetic is on day numbers, so a 10,000-node plan is
// a few milliseconds.

export type DurationUnit = 'working' | 'calendar';

export type PlanNode = {
  key: string;
  name: string;
  duration: number;
  unit: DurationUnit;
  /** What has happened: a started node keeps its start, a finished one its finish. */
  actualStart?: string | null;
  actualFinish?: string | null;
};

/** Finish-to-start: `to` may start `lag` days (in its own unit) after `from` finishes. */
export type PlanLink = { from: string; to: string; lag?: number };

export type PlanProblem = {
  code: 'DUPLICATE_NODE' | 'NEGATIVE_DURATION' | 'UNKNOWN_NODE' | 'CYCLE' | 'NO_ANCHOR';
  /** In Chinese, naming the nodes. */
  message: string;
  nodes: string[];
};

/** Every reason the network cannot be scheduled, each naming its nodes; empty when it can be. */
export function checkPlanNetwork(nodes: readonly PlanNode[], links: readonly PlanLink[]): PlanProblem[] {
  const problems = checkNodesAndLinks(nodes, links);
  if (problems.length === 0) {
    const cycle = findCycle(nodes, links);
    if (cycle) problems.push(cycleProblem(nodes, cycle));
  }
  return problems;
}

function cycleProblem(nodes: readonly PlanNode[], cycle: string[]): PlanProblem {
  const names = new Map(nodes.map((n) => [n.key, n.name]));
  const named = cycle.map((key) => names.get(key) ?? key);
  return { code: 'CYCLE', message: `依赖关系形成循环：${[...named, named[0]].join(' → ')}`, nodes: cycle };
}

/** Duplicate keys, bad durations, links to nodes that do not exist. */
function checkNodesAndLinks(nodes: readonly PlanNode[], links: readonly PlanLink[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const byKey = new Map<string, PlanNode>();
  for (const node of nodes) {
    if (byKey.has(node.key)) {
      problems.push({
        code: 'DUPLICATE_NODE',
        message: `节点编号重复：${node.key}（${node.name}）`,
        nodes: [node.key],
      });
    }
    byKey.set(node.key, node);
    if (!Number.isInteger(node.duration) || node.duration < 0) {
      problems.push({
        code: 'NEGATIVE_DURATION',
        message: `节点「${node.name}」的工期必须是不小于 0 的整数（现为 ${node.duration}）`,
        nodes: [node.key],
      });
    }
  }
  for (const link of links) {
    for (const key of [link.from, link.to]) {
      if (!byKey.has(key)) {
        problems.push({ code: 'UNKNOWN_NODE', message: `依赖关系引用了不存在的节点：${key}`, nodes: [key] });
      }
    }
  }
  return problems;
}

/** One cycle of the network (its nodes in order), or null when it has none. */
export function findCycle(nodes: readonly PlanNode[], links: readonly PlanLink[]): string[] | null {
  const next = new Map<string, string[]>(nodes.map((n) => [n.key, []]));
  for (const link of links) next.get(link.from)?.push(link.to);
  const state = new Map<string, 1 | 2>(); // 1 on the path, 2 done
  for (const root of nodes) {
    if (state.has(root.key)) continue;
    // Iterative depth-first search: a stack of [node, index of its next successor].
    const path: string[] = [];
    const stack: Array<[string, number]> = [[root.key, 0]];
    state.set(root.key, 1);
    path.push(root.key);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [string, number];
      const successors = next.get(top[0]) ?? [];
      if (top[1] < successors.length) {
        const succ = successors[top[1]++] as string;
        const seen = state.get(succ);
        if (seen === 1) return path.slice(path.indexOf(succ));
        if (seen === undefined) {
          state.set(succ, 1);
          path.push(succ);
          stack.push([succ, 0]);
        }
      } else {
        state.set(top[0], 2);
        path.pop();
        stack.pop();
      }
    }
  }
  return null;
}

export type ScheduledNode = {
  key: string;
  /** Forward pass: the earliest dates from actuals and today. */
  earlyStart: string;
  earlyFinish: string;
  /** Backward pass from the target; null for a node the anchor does not wait for. */
  lateStart: string | null;
  lateFinish: string | null;
  /** lateStart − earlyStart in calendar days (negative: behind); null off the anchor's network. */
  floatDays: number | null;
  critical: boolean;
  done: boolean;
  /**
   * 已滞后: not done, and not started by its latest start — or, once started, past its latest finish or
   * forecast to finish after it.
   */
  late: boolean;
};

export type PlanSchedule = {
  nodes: ScheduledNode[];
  /** Keys of the critical path from its first node to the anchor. */
  criticalPath: string[];
  target: string;
  /** The anchor's earliest finish: when it will happen at the earliest from here. */
  forecast: string;
  /** The forecast is after the target: the plan cannot be kept as it is. */
  infeasible: boolean;
  /** Calendar days from the target to the forecast (positive: late). */
  slipDays: number;
};

export type ScheduleInput = {
  calendar: WorkingCalendar;
  nodes: readonly PlanNode[];
  links: readonly PlanLink[];
  anchor: string;
  /** Target date of the anchor's finish. */
  target: string;
  today: string;
};

/**
 * Both passes over the network. Throws a RangeError naming the problem when the network cannot be
 * scheduled (see checkPlanNetwork, which a caller runs first to answer the user).
 */
export function schedulePlan(input: ScheduleInput): PlanSchedule {
  const { calendar, nodes, links } = input;
  const problems = checkNodesAndLinks(nodes, links);
  if (problems.length > 0) throw new RangeError(problems.map((p) => p.message).join('；'));
  const n = nodes.length;
  const index = new Map<string, number>();
  for (const [i, node] of nodes.entries()) index.set(node.key, i);
  const anchor = index.get(input.anchor);
  if (anchor === undefined) throw new RangeError(`锚点节点不存在：${input.anchor}`);

  // Adjacency in compressed arrays, both ways: pred/succ offsets, neighbour and lag per link.
  const m = links.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const lag = new Int32Array(m);
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  for (const [e, link] of links.entries()) {
    const a = index.get(link.from) as number;
    const b = index.get(link.to) as number;
    from[e] = a;
    to[e] = b;
    lag[e] = link.lag ?? 0;
    outDegree[a] = (outDegree[a] ?? 0) + 1;
    inDegree[b] = (inDegree[b] ?? 0) + 1;
  }
  const predStart = offsets(inDegree);
  const succStart = offsets(outDegree);
  const predEdge = new Int32Array(m);
  const succEdge = new Int32Array(m);
  {
    const p = predStart.slice(0, n);
    const s = succStart.slice(0, n);
    for (let e = 0; e < m; e++) {
      const b = to[e] as number;
      const a = from[e] as number;
      predEdge[p[b] as number] = e;
      p[b] = (p[b] as number) + 1;
      succEdge[s[a] as number] = e;
      s[a] = (s[a] as number) + 1;
    }
  }

  // Topological order (Kahn); what it cannot order lies on or behind a cycle.
  const order = new Int32Array(n);
  {
    const remaining = inDegree.slice();
    let head = 0;
    let tail = 0;
    for (let v = 0; v < n; v++) if (remaining[v] === 0) order[tail++] = v;
    while (head < tail) {
      const v = order[head++] as number;
      for (let k = succStart[v] as number; k < (succStart[v + 1] as number); k++) {
        const w = to[succEdge[k] as number] as number;
        remaining[w] = (remaining[w] as number) - 1;
        if (remaining[w] === 0) order[tail++] = w;
      }
    }
    if (tail < n) throw new RangeError(cycleProblem(nodes, findCycle(nodes, links) ?? []).message);
  }

  const working = new Uint8Array(n);
  const duration = new Int32Array(n);
  const actualStart = new Int32Array(n).fill(-1);
  const actualFinish = new Int32Array(n).fill(-1);
  for (const [i, node] of nodes.entries()) {
    working[i] = node.unit === 'working' ? 1 : 0;
    duration[i] = node.duration;
    if (node.actualStart) actualStart[i] = dayNumber(node.actualStart);
    if (node.actualFinish) actualFinish[i] = dayNumber(node.actualFinish);
  }
  const today = dayNumber(input.today);
  const shift = (i: number, day: number, days: number) =>
    working[i] ? addWorkingDayNumbers(calendar, day, days) : day + days;

  // Forward pass. `driven` is the earliest start the predecessors allow, before today and actuals.
  const es = new Int32Array(n);
  const ef = new Int32Array(n);
  const driven = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const v = order[k] as number;
    let start = Number.NEGATIVE_INFINITY;
    for (let j = predStart[v] as number; j < (predStart[v + 1] as number); j++) {
      const e = predEdge[j] as number;
      start = Math.max(start, shift(v, ef[from[e] as number] as number, lag[e] as number));
    }
    driven[v] = Number.isFinite(start) ? start : today;
    const begun = actualStart[v] as number;
    const ended = actualFinish[v] as number;
    if (begun >= 0) es[v] = begun;
    else if (ended >= 0) es[v] = Math.min(ended, shift(v, ended, -(duration[v] as number)));
    else {
      const s = Math.max(driven[v] as number, today);
      es[v] = working[v] ? workingDayOnOrAfter(calendar, s) : s;
    }
    if (ended >= 0) ef[v] = ended;
    else {
      const finish = shift(v, es[v] as number, duration[v] as number);
      ef[v] = begun >= 0 ? Math.max(finish, today) : finish;
    }
  }

  // Backward pass over the anchor and what it waits for.
  const target = dayNumber(input.target);
  const onNetwork = new Uint8Array(n);
  onNetwork[anchor] = 1;
  const lf = new Int32Array(n);
  const ls = new Int32Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const v = order[k] as number;
    let finish: number;
    if (v === anchor) finish = target;
    else {
      finish = Number.POSITIVE_INFINITY;
      for (let j = succStart[v] as number; j < (succStart[v + 1] as number); j++) {
        const e = succEdge[j] as number;
        const w = to[e] as number;
        if (!onNetwork[w]) continue;
        finish = Math.min(finish, shift(w, ls[w] as number, -(lag[e] as number)));
      }
      if (!Number.isFinite(finish)) continue;
      onNetwork[v] = 1;
    }
    if (working[v]) finish = workingDayOnOrBefore(calendar, finish);
    lf[v] = finish;
    ls[v] = shift(v, finish, -(duration[v] as number));
  }

  // The driving chain back from the anchor: a predecessor drives a node that was not started when its
  // finish (plus lag) set the node's earliest start.
  const critical = new Uint8Array(n);
  const criticalPath: number[] = [];
  {
    let v = anchor;
    critical[v] = 1;
    criticalPath.push(v);
    for (;;) {
      if ((actualStart[v] as number) >= 0 || (actualFinish[v] as number) >= 0) break;
      if ((driven[v] as number) < today) break;
      let driver = -1;
      for (let j = predStart[v] as number; j < (predStart[v + 1] as number); j++) {
        const e = predEdge[j] as number;
        const u = from[e] as number;
        if (shift(v, ef[u] as number, lag[e] as number) === driven[v] && (driver < 0 || u < driver))
          driver = u;
      }
      if (driver < 0) break;
      v = driver;
      critical[v] = 1;
      criticalPath.push(v);
    }
    // Every other chain just as long is critical too.
    for (let k = n - 1; k >= 0; k--) {
      const v2 = order[k] as number;
      if (!critical[v2] || (actualStart[v2] as number) >= 0 || (actualFinish[v2] as number) >= 0) continue;
      if ((driven[v2] as number) < today) continue;
      for (let j = predStart[v2] as number; j < (predStart[v2 + 1] as number); j++) {
        const e = predEdge[j] as number;
        const u = from[e] as number;
        if (shift(v2, ef[u] as number, lag[e] as number) === driven[v2]) critical[u] = 1;
      }
    }
  }

  const scheduled: ScheduledNode[] = nodes.map((node, v) => {
    const done = (actualFinish[v] as number) >= 0;
    const started = (actualStart[v] as number) >= 0;
    const has = onNetwork[v] === 1;
    return {
      key: node.key,
      earlyStart: dayString(es[v] as number),
      earlyFinish: dayString(ef[v] as number),
      lateStart: has ? dayString(ls[v] as number) : null,
      lateFinish: has ? dayString(lf[v] as number) : null,
      floatDays: has ? (ls[v] as number) - (es[v] as number) : null,
      critical: critical[v] === 1,
      done,
      // Not started past its latest start; or started and past its latest finish, or no longer able to
      // finish by it.
      late:
        has &&
        !done &&
        (started
          ? (lf[v] as number) < today || (ef[v] as number) > (lf[v] as number)
          : (ls[v] as number) < today),
    };
  });
  const forecast = ef[anchor] as number;
  return {
    nodes: scheduled,
    criticalPath: criticalPath.reverse().map((v) => (nodes[v] as PlanNode).key),
    target: dayString(target),
    forecast: dayString(forecast),
    infeasible: forecast > target,
    slipDays: forecast - target,
  };
}

function offsets(degree: Int32Array): Int32Array {
  const start = new Int32Array(degree.length + 1);
  for (let i = 0; i < degree.length; i++) start[i + 1] = (start[i] as number) + (degree[i] as number);
  return start;
}
