import {
  addWorkingDays,
  compileCalendar,
  dayString,
  type PlanLink,
  type PlanNode,
  schedulePlan,
  workingDaysBetween,
} from '@groundbreak/domain';
import { officialCalendarData } from '../../../server/src/modules/calendar/official-days';
import type { BenchCase, BenchResult } from '../types';

// approvals.cpm: both passes of the reverse schedule (forward from today, backward from the target, float,
// critical path) over a random network of 10,000 nodes and ~30,000 links, half of them counted in working
// days on the official calendar. approvals.calendar: addWorkingDays and workingDaysBetween on random dates
// over ten years (2017–2026) — the calls every SLA and every plan make.

const NODES = 10_000;
const LINKS_PER_NODE = 3;
const LAYER = 100;
const CPM_RUNS = 30;
const WARM_UP = 3;
const CALENDAR_OPS = 1_000_000;

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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

const cpm: BenchCase = {
  name: 'approvals.cpm',
  async run(): Promise<BenchResult> {
    const calendar = compileCalendar(officialCalendarData());
    const rand = random(7);
    const nodes: PlanNode[] = Array.from({ length: NODES }, (_, i) => ({
      key: `n${i}`,
      name: `节点${i}`,
      duration: Math.floor(rand() * 20),
      unit: rand() < 0.5 ? 'working' : 'calendar',
    }));
    const links: PlanLink[] = [];
    // 100 layers of 100 nodes; each node waits for three of the layers before it (mostly the one before),
    // and the anchor, last, for the whole last layer.
    for (let b = LAYER; b < NODES; b++) {
      const layer = Math.floor(b / LAYER);
      for (let j = 0; j < LINKS_PER_NODE; j++) {
        const back = rand() < 0.8 ? 1 : 1 + Math.floor(rand() * Math.min(layer, 5));
        const a = (layer - back) * LAYER + Math.floor(rand() * LAYER);
        links.push({ from: `n${a}`, to: `n${b}`, lag: Math.floor(rand() * 3) });
      }
    }
    for (let a = NODES - LAYER; a < NODES - 1; a++) links.push({ from: `n${a}`, to: `n${NODES - 1}` });
    const times: number[] = [];
    let critical = 0;
    // The first runs (the JIT compiling, the date table laid out) are timed apart, not counted.
    const cold: number[] = [];
    for (let run = -WARM_UP; run < CPM_RUNS; run++) {
      const started = performance.now();
      const s = schedulePlan({
        calendar,
        nodes,
        links,
        anchor: `n${NODES - 1}`,
        target: '2026-06-30',
        today: '2017-01-03',
      });
      (run < 0 ? cold : times).push(performance.now() - started);
      critical = s.criticalPath.length;
    }
    times.sort((a, b) => a - b);
    return {
      case: 'approvals.cpm',
      kind: 'compute',
      db: 'none',
      p50Ms: round(percentile(times, 50)),
      p99Ms: round(percentile(times, 99)),
      ms: round(times[0] ?? 0),
      rows: NODES,
      params: `${NODES} nodes, ${links.length} links, critical path ${critical} nodes, ${CPM_RUNS} runs after ${WARM_UP} warm-up runs (first ${round(cold[0] ?? 0)} ms); ms = fastest`,
      errors: 0,
    };
  },
};

const calendarOps: BenchCase = {
  name: 'approvals.calendar',
  async run(): Promise<BenchResult> {
    const calendar = compileCalendar(officialCalendarData());
    const rand = random(11);
    const first = Date.UTC(2017, 0, 1) / 86_400_000;
    const days = Array.from({ length: 10_000 }, () => dayString(first + Math.floor(rand() * 3650)));
    const counts = Array.from({ length: 10_000 }, () => Math.floor(rand() * 200) - 60);
    let sink = 0;
    const startedAdd = performance.now();
    for (let i = 0; i < CALENDAR_OPS; i++) {
      sink += addWorkingDays(calendar, days[i % 10_000] as string, counts[i % 9_973] as number).length;
    }
    const addMs = performance.now() - startedAdd;
    const startedBetween = performance.now();
    for (let i = 0; i < CALENDAR_OPS; i++) {
      sink += workingDaysBetween(calendar, days[i % 10_000] as string, days[(i * 7) % 9_973] as string);
    }
    const betweenMs = performance.now() - startedBetween;
    const startedCompile = performance.now();
    compileCalendar(officialCalendarData());
    const compileMs = performance.now() - startedCompile;
    return {
      case: 'approvals.calendar',
      kind: 'compute',
      db: 'none',
      opsPerSec: Math.round((2 * CALENDAR_OPS) / ((addMs + betweenMs) / 1000)),
      ms: round(compileMs),
      params:
        `addWorkingDays ${Math.round(CALENDAR_OPS / (addMs / 1000))}/s, workingDaysBetween ` +
        `${Math.round(CALENDAR_OPS / (betweenMs / 1000))}/s, over 2017–2026, ms = compiling the calendar (checksum ${sink % 97})`,
      errors: 0,
    };
  },
};

export const approvalsCases: BenchCase[] = [cpm, calendarOps];
