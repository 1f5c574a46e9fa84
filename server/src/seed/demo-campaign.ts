import { addDays, MICRO_STAGES, type MicroSchedule, type TaskStep } from '@groundbreak/domain';

// The demo campaign of Wujin's 主城区 (城中村专项行动, domain.md §11): the seed's first batch of 12 微更新 projects
// (some 按期, some 需加快), the 城乡大扫除 rounds and the "三攻坚三提升一改造" tasks of four 板块, each written as
// the steps it took. The history of 2025 is written in dates; what is still open is written relative to
// today, so that the lights say something true on whatever day the demo is loaded. Village names, people
// and points are invented; the 板块 and their organisations are the reference data's.

export const DEMO_CAMPAIGN = {
  name: '城乡环境大整治·城中村专项行动',
  districtCode: '320412',
  leadOrgCode: 'WJ-URBAN',
  areaTag: '主城区',
  startOn: '2025-03-01',
  endOn: '2027-12-31',
  description:
    '按照《常州市城乡环境大整治实施方案》（常政办发〔2025〕7号），在主城区开展城中村专项行动：' +
    '实施“三攻坚三提升一改造”，攻坚违章搭建、消防隐患，提升村容村貌，改造公厕；' +
    '第一批实施12个微更新项目，部分已按期完成，部分需加快推进；开展城乡大扫除，建立长效管护机制。（演示数据）',
  batches: [
    { name: '第一批', startOn: '2025-03-01', endOn: '2025-12-31' },
    { name: '第二批', startOn: '2026-01-01', endOn: '2026-12-31' },
  ],
} as const;
/** Who accepts and sends back: the campaign's lead department. */
export const LEAD_ACTOR = '区城管局';
/**
 * 长效管护 in the demo: the month before today, each 板块's 城管中队 inspects its points (the district spot-checks
 * some), a few points go uninspected past their frequency, and one 违章搭建 point of 湖塘镇 has rebounded — a
 * shed put up again where one was pulled down — and its 整改单 is open.
 */
export const DEMO_MAINTENANCE = {
  districtInspector: '区城管局 督查科',
  rebound: {
    subarea: '320412100',
    categoryCode: 'G1',
    /** How many days before today the failed inspection was (moved back to a working day). */
    daysAgo: 6,
    failedItem: '无复搭复建',
    score: 55,
    note: '原址复搭彩钢棚约15平方米',
    photoName: '原址复搭彩钢棚.png',
  },
} as const;
const WAN = 10_000;

type SubareaKey = 'hutang' | 'gxq' | 'xth' | 'ntz';
export type Subarea = {
  code: string;
  org: string;
  actor: string;
  people: readonly string[];
  /** Who inspects the 板块's maintained points every month (长效管护). */
  inspector: string;
  /** Village / community centres, inside the 板块's outline (modules/land/geo) with room for ±0.003°. */
  villages: Record<string, readonly [number, number]>;
};
const SUBAREAS: Record<SubareaKey, Subarea> = {
  hutang: {
    code: '320412100',
    org: '320412100-GOV',
    actor: '湖塘镇经办',
    inspector: '湖塘镇城管中队 王强',
    people: ['王建国', '陈立新', '周海燕'],
    villages: {
      马杭社区: [119.985, 31.7],
      城西村: [119.94, 31.72],
      花园社区: [119.962, 31.728],
      新阳社区: [119.975, 31.745],
      三勤村: [119.96, 31.705],
    },
  },
  gxq: {
    code: 'WJ-GXQ',
    org: 'WJ-GXQ-ADM',
    actor: '武进国家高新区经办',
    inspector: '高新区城管中队 刘洋',
    people: ['蒋文杰', '吴晓峰'],
    villages: {
      夏城社区: [119.95, 31.668],
      鸣凰社区: [119.925, 31.64],
      庙桥社区: [119.96, 31.625],
      人民村: [119.935, 31.615],
    },
  },
  xth: {
    code: 'WJ-XTH',
    org: 'WJ-XTH-ADM',
    actor: '西太湖科技产业园经办',
    inspector: '西太湖城管中队 孙磊',
    people: ['许国平', '钱丽萍'],
    villages: { 塘洋社区: [119.87, 31.69], 西湖社区: [119.862, 31.66], 滆湖村: [119.855, 31.63] },
  },
  ntz: {
    code: 'WJ-NTZ',
    org: 'WJ-NTZ-GOV',
    actor: '牛塘镇经办',
    inspector: '牛塘镇城管中队 顾军',
    people: ['朱卫东', '杨春梅'],
    villages: {
      卢家巷村: [119.905, 31.745],
      高家村: [119.885, 31.76],
      延政社区: [119.915, 31.72],
      丫河村: [119.875, 31.735],
    },
  },
};

/** A stage finished `n` days after its plan (negative: early), on a day before today (`T-n`), or open. */
type Done = number | `T-${number}` | null;
type MicroRow = [SubareaKey, string, string, number, number, [string, string, string, string], Done[]];
// The first batch: 板块, name, community, 投资 (万元), area (㎡), planned design/build/finish/accept (MM-DD of
// 2025), and when each stage was done. The first six are 按期; the others 需加快.
// biome-ignore format: a table reads best one row a line
const MICRO: MicroRow[] = [
  ['hutang', '高铁武进站周边绿化提升', '马杭社区', 680, 18_000, ['04-15', '08-15', '09-15', '09-30'], [-3, -5, -2, -6]],
  ['hutang', '常武路沿线绿化提升', '花园社区', 520, 15_600, ['04-20', '08-31', '10-15', '10-31'], [0, -2, -4, -6]],
  ['ntz', '延政路快速路沿线绿化（牛塘段）', '延政社区', 460, 13_800, ['04-30', '09-15', '10-20', '11-15'], [-5, 0, -3, -8]],
  ['gxq', '闲置地块复绿（夏城路东侧地块）', '夏城社区', 85, 9_200, ['04-10', '06-15', '06-30', '07-15'], [-2, -1, -3, -5]],
  ['xth', '闲置地块复绿（西太湖大道北侧地块）', '塘洋社区', 72, 7_800, ['04-10', '06-20', '07-05', '07-20'], [0, -4, -2, -3]],
  ['gxq', '鸣凰社区口袋公园微更新', '鸣凰社区', 150, 2_600, ['04-20', '07-31', '08-20', '08-31'], [-1, -3, 0, -2]],
  ['hutang', '高架道路沿线整治（常武中路高架桥下空间）', '新阳社区', 760, 21_000, ['04-30', '09-30', '10-31', '11-30'], [12, 96, null, null]],
  ['hutang', '主干道（人民路）沿线立面改造', '城西村', 790, 24_000, ['05-15', '10-31', '11-30', '12-20'], [8, 35, 41, 47]],
  ['gxq', '主干道（武宜路）沿线立面改造', '庙桥社区', 640, 19_500, ['05-10', '10-15', '11-15', '12-15'], [15, 60, 'T-6', null]],
  ['xth', '滆湖路沿线环境整治及停车场改造', '西湖社区', 310, 6_800, ['04-25', '08-31', '09-30', '10-20'], [6, 20, 18, 25]],
  ['ntz', '牛塘农贸市场周边环境微更新', '卢家巷村', 120, 3_200, ['04-15', '07-31', '08-31', '09-15'], [10, 45, null, null]],
  ['hutang', '花园街背街小巷微更新', '花园社区', 260, 5_200, ['05-20', '09-30', '10-31', '11-20'], [-2, 'T-15', null, null]],
];

/** How a task went: closed on time or late (optionally after a return), or where an open one stands. */
type Scenario =
  | 'onTime'
  | 'late'
  | 'returnedOnTime'
  | 'returnedLate'
  | 'pending'
  | 'working'
  | 'submitted'
  | 'returned'
  | 'resubmitted';
type PointRow = [
  Exclude<DemoCategory, 'MR'>,
  SubareaKey,
  string | null,
  string,
  number,
  Scenario,
  string | number,
  string | number,
];
// Category, 板块, village (null: the whole 板块), point, quantity, scenario, start and due (a date, or days
// from today for the open ones).
// biome-ignore format: a table reads best one row a line
const POINTS: PointRow[] = [
  ['CL', 'hutang', null, '2025年春季城乡大扫除（湖塘镇）', 320, 'onTime', '2025-03-10', '2025-04-10'],
  ['CL', 'gxq', null, '2025年夏季城乡大扫除（武进国家高新区）', 260, 'onTime', '2025-06-16', '2025-07-15'],
  ['CL', 'ntz', null, '2025年秋冬季城乡大扫除（牛塘镇）', 210, 'onTime', '2025-11-10', '2025-12-10'],
  ['CL', 'xth', null, '2026年春季城乡大扫除（常州西太湖科技产业园）', 240, 'onTime', '2026-03-09', '2026-04-10'],
  ['G1', 'hutang', '马杭社区', '马杭老街26号院内彩钢板棚', 180, 'onTime', '2025-04-02', '2025-05-31'],
  ['G1', 'hutang', '城西村', '城西村委东侧沿河违建仓库', 420, 'late', '2025-04-10', '2025-06-10'],
  ['G1', 'hutang', '花园社区', '花园街112号屋顶违章加层', 95, 'returnedOnTime', '2025-05-06', '2025-07-15'],
  ['G1', 'hutang', '新阳社区', '新阳二村15幢违建披屋', 60, 'working', -30, 20],
  ['G1', 'hutang', '马杭社区', '马杭菜场北侧违建雨棚', 140, 'working', -50, -4],
  ['G1', 'hutang', '城西村', '城西村沈家塘组违建厂棚', 650, 'working', -80, -20],
  ['G1', 'hutang', '新阳社区', '新阳社区围墙外违建简易房', 55, 'onTime', '2026-04-07', '2026-06-05'],
  ['G1', 'gxq', '夏城社区', '夏城路38号沿街违建', 120, 'onTime', '2025-04-15', '2025-06-15'],
  ['G1', 'gxq', '鸣凰社区', '鸣凰老街违建棚屋', 210, 'late', '2025-06-02', '2025-07-31'],
  ['G1', 'gxq', '庙桥社区', '庙桥社区西侧空地违建', 300, 'submitted', -45, 5],
  ['G1', 'gxq', '人民村', '人民村小河组违章圈地建房', 160, 'returned', -40, 10],
  ['G1', 'xth', '塘洋社区', '塘洋社区7幢车库违规改建', 75, 'onTime', '2025-09-01', '2025-10-31'],
  ['G1', 'xth', '西湖社区', '西湖社区沿河违建凉亭', 45, 'pending', -6, 40],
  ['G1', 'xth', '滆湖村', '滆湖村渔港路违建仓库', 380, 'returnedLate', '2025-05-12', '2025-07-10'],
  ['G1', 'ntz', '卢家巷村', '卢家巷村卢东组违建厂房', 820, 'late', '2025-04-20', '2025-06-30'],
  ['G1', 'ntz', '高家村', '高家村村道旁违建', 110, 'onTime', '2026-03-16', '2026-05-15'],
  ['G1', 'ntz', '延政社区', '延政社区商铺后院违建', 90, 'submitted', -20, -3],
  ['G1', 'ntz', '丫河村', '丫河村沿河违建棚舍', 240, 'pending', -40, -12],
  ['G2', 'hutang', '马杭社区', '马杭社区出租房集中片区', 12, 'onTime', '2025-03-20', '2025-05-15'],
  ['G2', 'hutang', '城西村', '城西村外来人员租住点', 8, 'late', '2025-06-09', '2025-07-31'],
  ['G2', 'hutang', '花园社区', '花园新村3幢、5幢楼道', 5, 'working', -25, 15],
  ['G2', 'hutang', '三勤村', '三勤村小作坊“三合一”场所', 6, 'returned', -35, -2],
  ['G2', 'hutang', '新阳社区', '新阳二村车棚飞线充电', 15, 'returned', -28, 12],
  ['G2', 'gxq', '夏城社区', '夏城新村电动车集中停放点', 9, 'onTime', '2025-05-05', '2025-06-30'],
  ['G2', 'gxq', '鸣凰社区', '鸣凰社区沿街商铺违规住人', 4, 'returnedOnTime', '2026-04-13', '2026-06-12'],
  ['G2', 'gxq', '人民村', '人民村出租房', 7, 'working', -70, -15],
  ['G2', 'gxq', '庙桥社区', '庙桥菜场周边商住混合楼', 5, 'pending', -3, 30],
  ['G2', 'xth', '塘洋社区', '塘洋社区地下车库', 10, 'late', '2026-05-11', '2026-06-30'],
  ['G2', 'xth', '西湖社区', '西湖社区老旧小区楼道', 6, 'resubmitted', -60, 5],
  ['G2', 'xth', '滆湖村', '滆湖村群租房', 9, 'working', -45, -6],
  ['G2', 'ntz', '卢家巷村', '卢家巷村出租厂房', 11, 'onTime', '2025-07-07', '2025-08-31'],
  ['G2', 'ntz', '高家村', '高家村民房飞线充电', 14, 'submitted', -30, 8],
  ['G2', 'ntz', '延政社区', '延政社区沿街门面“三合一”', 3, 'onTime', '2026-06-08', '2026-07-31'],
  ['G2', 'ntz', '丫河村', '丫河村出租屋', 8, 'pending', -10, 35],
  ['T1', 'hutang', '城西村', '城西村主干道两侧', 5_200, 'onTime', '2025-05-12', '2025-08-31'],
  ['T1', 'gxq', '人民村', '人民村村口广场', 3_100, 'late', '2025-08-04', '2025-10-31'],
  ['T1', 'xth', '滆湖村', '滆湖村沿湖村道', 4_600, 'working', -60, 25],
  ['T1', 'ntz', '丫河村', '丫河村中心村庄', 3_800, 'onTime', '2026-03-02', '2026-06-30'],
  ['T1', 'ntz', '高家村', '高家村老宅片区', 2_600, 'working', -100, -30],
  ['R1', 'hutang', '三勤村', '三勤村村委旁公厕', 1, 'onTime', '2025-06-03', '2025-08-31'],
  ['R1', 'gxq', '庙桥社区', '庙桥菜场公厕', 1, 'late', '2025-09-01', '2025-11-15'],
  ['R1', 'xth', '西湖社区', '西湖公园公厕', 2, 'submitted', -50, -5],
  ['R1', 'ntz', '卢家巷村', '卢家巷村东公厕', 1, 'pending', -15, 45],
];

type DemoCategory = 'MR' | 'CL' | 'G1' | 'G2' | 'T1' | 'R1';
const TEXTS: Record<DemoCategory, { problem: (q: number) => string; requirement: string; returned: string }> =
  {
    MR: {
      problem: (q) => `城中村专项行动第一批微更新项目，更新面积约${q}㎡`,
      requirement: '按“无规划不设计、无设计不施工”要求实施，设计、施工、完工、验收按计划节点推进',
      returned: '',
    },
    CL: {
      problem: (q) => `集中清理卫生死角、河塘沟渠和乱堆乱放，预计清运垃圾约${q}吨`,
      requirement: '不留死角、不留盲区，垃圾日产日清',
      returned: '复查发现背街小巷仍有积存垃圾，请清理后重新提交',
    },
    G1: {
      problem: (q) => `违章搭建约${q}㎡，占用公共空间，存在安全隐患`,
      requirement: '限期自拆或依法拆除，清运建筑垃圾，场地平整复绿，防止复搭复建',
      returned: '整改后照片未反映拆除后场地清理情况，建筑垃圾未清运，请整改后重新提交',
    },
    G2: {
      problem: (q) => `排查发现消防隐患${q}处：楼道堆物、电动车飞线充电、消防通道堵塞`,
      requirement: '清理楼道堆物，拆除飞线，设置集中充电点，整改违规住人，保持消防通道畅通',
      returned: '复查发现仍有电动车飞线充电，通道堆物未清理完毕，请整改后重新提交',
    },
    T1: {
      problem: (q) => `路面破损、乱堆乱放、立面乱贴乱画，整治面积约${q}㎡`,
      requirement: '修补路面，清理乱堆乱放，立面清洗粉刷，补植绿化，落实保洁',
      returned: '部分立面仍有乱贴乱画，补植绿化未完成',
    },
    R1: {
      problem: (q) => `公厕设施老化、无障碍设施缺失、异味较重，需改造${q}座`,
      requirement: '按城市公厕二类标准改造，增设无障碍设施，公示开放时间，落实日常保洁',
      returned: '无障碍扶手未安装，开放时间未公示',
    },
  };

export type DemoStep = { step: 'create' | TaskStep; on: string; note?: string };
export type DemoTask = {
  categoryCode: string;
  subarea: Subarea;
  village: string | null;
  pointName: string;
  lonLat: readonly [number, number];
  description: string;
  requirement: string;
  quantities: Record<string, number>;
  investmentYuan: number | null;
  microSchedule: MicroSchedule | null;
  person: string;
  startOn: string;
  dueOn: string;
  steps: DemoStep[];
};

function quantitiesOf(code: DemoCategory, q: number): Record<string, number> {
  if (code === 'G1') return { demolishedM2: q, structures: Math.max(1, Math.round(q / 120)) };
  if (code === 'G2') return { hazards: q };
  if (code === 'T1') return { areaM2: q, greeningM2: Math.round(q * 0.2) };
  if (code === 'R1') return { toilets: q };
  return { garbageT: q };
}

/** Where a point lies: its village's centre moved by up to 0.003° (deterministically, by its number). */
function placeOf(subarea: SubareaKey, village: string | null, n: number): readonly [number, number] {
  const villages = SUBAREAS[subarea].villages;
  const centre = village ? villages[village] : Object.values(villages)[0];
  if (!centre) throw new Error(`demo campaign: unknown village ${village} in ${subarea}`);
  const jitter = (k: number) => ((((n + 1) * 7919 + k * 104_729) % 1000) / 1000 - 0.5) * 0.006;
  return [Number((centre[0] + jitter(1)).toFixed(6)), Number((centre[1] + jitter(2)).toFixed(6))];
}

function microTasks(today: string): DemoTask[] {
  return MICRO.map(([subarea, pointName, village, wan, areaM2, planned, done], n) => {
    const schedule: MicroSchedule = {};
    MICRO_STAGES.forEach((stage, i) => {
      const plannedOn = `2025-${planned[i]}`;
      const spec = done[i] ?? null;
      let doneOn = typeof spec === 'number' ? addDays(plannedOn, spec) : null;
      // Done lately: only once today is past the plan (a demo built early has it still open).
      if (typeof spec === 'string') doneOn = addDays(today, Number(spec.slice(1)));
      if (doneOn !== null && typeof spec === 'string' && doneOn <= plannedOn) doneOn = null;
      if (doneOn !== null && doneOn >= today) doneOn = null;
      schedule[stage] = { plannedOn, doneOn };
    });
    const finished = schedule.finish?.doneOn;
    const accepted = schedule.accept?.doneOn;
    const steps: DemoStep[] = [
      { step: 'create', on: '2025-03-05' },
      { step: 'start', on: '2025-03-10' },
      ...(finished ? [{ step: 'submit' as const, on: finished }] : []),
      ...(finished && accepted
        ? [{ step: 'accept' as const, on: accepted, note: '验收合格，予以销号' }]
        : []),
    ];
    return {
      categoryCode: 'MR',
      subarea: SUBAREAS[subarea],
      village,
      pointName,
      lonLat: placeOf(subarea, village, n),
      description: TEXTS.MR.problem(areaM2),
      requirement: TEXTS.MR.requirement,
      quantities: { areaM2 },
      investmentYuan: wan * WAN,
      microSchedule: schedule,
      person: SUBAREAS[subarea].people[n % SUBAREAS[subarea].people.length] ?? '',
      startOn: '2025-03-10',
      dueOn: schedule.accept?.plannedOn ?? '2025-12-31',
      steps,
    };
  });
}

/** The steps of a scenario between its start and due dates; the open ones end a few days before today. */
function stepsOf(scenario: Scenario, code: DemoCategory, startOn: string, dueOn: string, today: string) {
  const on = (day: string, n: number) => addDays(day, n);
  const returned = { step: 'return' as const, note: TEXTS[code].returned };
  const accept = { step: 'accept' as const, note: '验收合格，予以销号' };
  const steps: DemoStep[] = [{ step: 'create', on: startOn }];
  if (scenario !== 'pending') steps.push({ step: 'start', on: on(startOn, 2) });
  if (scenario === 'onTime')
    steps.push({ step: 'submit', on: on(dueOn, -10) }, { ...accept, on: on(dueOn, -5) });
  if (scenario === 'late') steps.push({ step: 'submit', on: on(dueOn, 8) }, { ...accept, on: on(dueOn, 12) });
  if (scenario === 'returnedOnTime' || scenario === 'returnedLate') {
    const base = scenario === 'returnedOnTime' ? -25 : -5;
    steps.push(
      { step: 'submit', on: on(dueOn, base) },
      { ...returned, on: on(dueOn, base + 3) },
      { step: 'submit', on: on(dueOn, base + 15) },
      { ...accept, on: on(dueOn, base + 19) },
    );
  }
  if (scenario === 'submitted') steps.push({ step: 'submit', on: on(today, -2) });
  if (scenario === 'returned')
    steps.push({ step: 'submit', on: on(today, -10) }, { ...returned, on: on(today, -7) });
  if (scenario === 'resubmitted') {
    steps.push(
      { step: 'submit', on: on(today, -20) },
      { ...returned, on: on(today, -16) },
      { step: 'submit', on: on(today, -3) },
    );
  }
  return steps;
}

function pointTasks(today: string): DemoTask[] {
  return POINTS.map(([code, subarea, village, pointName, q, scenario, start, due], n) => {
    const startOn = typeof start === 'number' ? addDays(today, start) : start;
    const dueOn = typeof due === 'number' ? addDays(today, due) : due;
    return {
      categoryCode: code,
      subarea: SUBAREAS[subarea],
      village,
      pointName,
      lonLat: placeOf(subarea, village, n + MICRO.length),
      description: TEXTS[code].problem(q),
      requirement: TEXTS[code].requirement,
      quantities: quantitiesOf(code, q),
      investmentYuan: null,
      microSchedule: null,
      person: SUBAREAS[subarea].people[n % SUBAREAS[subarea].people.length] ?? '',
      startOn,
      dueOn,
      steps: stepsOf(scenario, code, startOn, dueOn, today),
    };
  });
}

const STEP_HOUR: Record<DemoStep['step'], number> = {
  create: 9,
  start: 10,
  return: 11,
  accept: 15,
  submit: 16,
};
/** When a step was taken: on its day, at the hour steps of its kind are taken (Asia/Shanghai). */
export const stepAt = (s: DemoStep) =>
  new Date(`${s.on}T${String(STEP_HOUR[s.step]).padStart(2, '0')}:00:00+08:00`);

/** Every task of the demo campaign with the steps it was planned to take, the open ones counted from today. */
export function demoCampaignTasks(today: string): DemoTask[] {
  return [...microTasks(today), ...pointTasks(today)];
}
