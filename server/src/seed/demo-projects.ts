import {
  computeUsccCheckChar,
  deriveYearCategory,
  MAIN_SEQUENCE,
  type ProjectState,
  stageIndex,
} from '@groundbreak/domain';
import { searchDocument } from '@groundbreak/domain/search';

// A deterministic Wujin project dataset (演示数据, domain.md §13): every project follows a timeline of
// dated events (signing, filing, land, start, completion …) and stands in the last state whose event is
// not after "today", so that the data is consistent for any date it is generated on. The seed article's
// Q1 2025 figures are built in: 11 省重大 projects with 2025 plans of 62.7亿元 (3 new starts, all started by
// 31 March), 16 市重大 and 84 区重点 entries in Q1 2025 against a target of 230.

export type Rng = () => number;

/** mulberry32: a small seeded generator, so that the same seed always gives the same data. */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
export const between = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A checksum-valid 统一社会信用代码 of a company registered in the given division (9 1 RRRRRR MA…). */
export function makeUscc(rng: Rng, division = '320412'): string {
  let body = `91${division}MA`;
  for (let i = 0; i < 7; i++) body += pick(rng, USCC_CHARS.split(''));
  return body + computeUsccCheckChar(body);
}

type IndustryProfile = {
  chain: string;
  codes: string[];
  products: string[];
  companyWords: string[];
  type:
    | 'industrial'
    | 'innovation'
    | 'modern_service'
    | 'infrastructure'
    | 'livelihood'
    | 'ecology'
    | 'government';
};

const PROFILES: IndustryProfile[] = [
  {
    chain: '智能电动汽车',
    codes: ['C36'],
    products: [
      '新能源汽车电驱系统生产',
      '汽车轻量化结构件',
      '智能座舱部件制造',
      '动力电池结构件',
      '汽车热管理系统',
    ],
    companyWords: ['汽车部件', '智能驾驶', '电驱科技', '车身科技'],
    type: 'industrial',
  },
  {
    chain: '新能源',
    codes: ['C38'],
    products: ['光伏组件智能制造', '储能变流器生产', '高效电池片', '风电装备零部件', '氢能电解槽制造'],
    companyWords: ['新能源', '光伏科技', '储能科技', '电气'],
    type: 'industrial',
  },
  {
    chain: '集成电路',
    codes: ['C39'],
    products: ['功率半导体封装测试', '传感器芯片生产', '电子元器件制造', '显示模组生产'],
    companyWords: ['半导体', '微电子', '电子科技'],
    type: 'industrial',
  },
  {
    chain: '高端装备',
    codes: ['C35', 'C34'],
    products: ['智能制造装备生产', '工业机器人整机', '精密数控机床', '液压元件智能工厂'],
    companyWords: ['智能装备', '机械', '精工', '自动化'],
    type: 'industrial',
  },
  {
    chain: '生物医药',
    codes: ['C27'],
    products: ['创新药制剂生产基地', '医用耗材生产', '生物试剂研发生产'],
    companyWords: ['生物医药', '药业', '医疗科技'],
    type: 'industrial',
  },
  {
    chain: '新材料(石墨烯)',
    codes: ['C30', 'C26'],
    products: ['石墨烯导热膜生产', '高性能复合材料', '特种陶瓷材料', '碳纤维制品'],
    companyWords: ['新材料', '石墨烯科技', '材料科技'],
    type: 'industrial',
  },
  {
    chain: '医疗器械',
    codes: ['C35', 'C40'],
    products: ['高端医疗影像设备', '骨科植入器械', '体外诊断设备'],
    companyWords: ['医疗器械', '医学科技'],
    type: 'industrial',
  },
  {
    chain: '现代服务业',
    codes: ['M73', 'I65', 'L72'],
    products: ['研发中心', '工业互联网平台', '总部经济大楼', '检验检测中心'],
    companyWords: ['科技服务', '信息技术', '产业发展'],
    type: 'modern_service',
  },
  {
    chain: '文旅',
    codes: ['R88', 'H61'],
    products: ['太湖湾文旅综合体', '乡村旅游提升', '度假酒店'],
    companyWords: ['文旅发展', '旅游开发'],
    type: 'modern_service',
  },
  {
    chain: '其他',
    codes: ['N78', 'E48', 'D44'],
    products: ['道路改造工程', '污水处理提标改造', '公共停车场建设', '片区供电设施'],
    companyWords: ['城市建设', '城投发展', '基础设施'],
    type: 'infrastructure',
  },
];

const NAME_HEADS = [
  '常州',
  '武进',
  '江苏',
  '星宇',
  '恒立',
  '天合',
  '华阳',
  '中车',
  '精研',
  '腾龙',
  '今创',
  '亚邦',
  '光洋',
  '强力',
  '瑞声',
  '东风',
  '金昇',
  '海鸿',
  '晨光',
  '万帮',
  '龙城',
  '太湖',
  '滆湖',
  '南夏',
  '阳湖',
  '延陵',
  '雪堰',
  '嘉泽',
];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '周',
  '吴',
  '徐',
  '孙',
  '朱',
  '马',
  '胡',
  '郭',
  '何',
  '高',
];
const GIVEN = [
  '建国',
  '海峰',
  '志强',
  '晓明',
  '丽华',
  '文斌',
  '国平',
  '春燕',
  '伟',
  '敏',
  '静',
  '磊',
  '军',
  '芳',
];

export type SubareaRef = { id: string; code: string; orgId: string | null };

export type GeneratedProject = {
  values: Record<string, unknown>;
  enterprise: { uscc: string; name: string; regionId: string } | null;
  libraries: {
    level: string;
    year: number;
    category: string;
    status: string;
    appliedOn: string;
    enteredOn: string | null;
  }[];
  yearPlans: { year: number; plannedInvestment: number }[];
  /** One of the seed article's 11 省重大 projects of 2025 (their Q1 reports total 16.5亿元). */
  provincial2025?: boolean;
  stateChanges: { fromState: string | null; toState: string; event: string; on: string }[];
  /**
   * The land facts of a project past 供地准备 (the demo land ledger makes its parcel and supply from them):
   * when the parcel was picked, and the supply's contract, date, list completion and planning permit.
   */
  land: {
    lot: number;
    pickedOn: string;
    supply: {
      contractNo: string;
      contractOn: string;
      listCompletedOn: string;
      planningPermitNo: string;
    } | null;
  } | null;
};

type Timeline = Partial<Record<ProjectState, string>>;

const WAN = 10_000;
const YI = 100_000_000;
/** The main sequence up to 已达产 (post-evaluation is never generated). */
const LAND_PATH = MAIN_SEQUENCE.slice(0, MAIN_SEQUENCE.indexOf('AT_TARGET') + 1);

/** The intended furthest state of each generated project: a realistic spread over the lifecycle. */
const STATE_MIX: [ProjectState, number][] = [
  ['LEAD', 22],
  ['NEGOTIATING', 20],
  ['SIGNED', 24],
  ['FILED', 26],
  ['LAND_PREP', 14],
  ['LAND_SUPPLIED', 10],
  ['APPROVING', 18],
  ['STARTED', 110],
  ['COMPLETED', 26],
  ['IN_PRODUCTION', 16],
  ['AT_TARGET', 6],
];

function intendedState(rng: Rng): ProjectState {
  const total = STATE_MIX.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [state, w] of STATE_MIX) {
    x -= w;
    if (x < 0) return state;
  }
  return 'STARTED';
}

/** Dates of each step for a project whose lead appeared on `leadOn`. */
function buildTimeline(rng: Rng, leadOn: string, noLand: boolean): Timeline {
  const t: Timeline = { LEAD: leadOn };
  t.NEGOTIATING = addDays(leadOn, between(rng, 15, 90));
  t.SIGNED = addDays(t.NEGOTIATING, between(rng, 30, 150));
  t.FILED = addDays(t.SIGNED, between(rng, 20, 90));
  if (noLand) {
    t.APPROVING = addDays(t.FILED, between(rng, 10, 45));
  } else {
    t.LAND_PREP = addDays(t.FILED, between(rng, 10, 45));
    t.LAND_SUPPLIED = addDays(t.LAND_PREP, between(rng, 45, 150));
    t.APPROVING = addDays(t.LAND_SUPPLIED, between(rng, 0, 20));
  }
  t.STARTED = addDays(t.APPROVING, between(rng, 5, 75));
  t.COMPLETED = addDays(t.STARTED, between(rng, 300, 720));
  t.IN_PRODUCTION = addDays(t.COMPLETED, between(rng, 10, 60));
  t.AT_TARGET = addDays(t.IN_PRODUCTION, between(rng, 300, 700));
  return t;
}

/** Enough filings in Q1 2025 for the article's 84 new 区重点 entries (the surplus moves to late 2024). */
const Q1_FILINGS = 95;

/** The same timeline moved so that one of its events falls on a given day. */
function shiftTimeline(t: Timeline, anchor: ProjectState, on: string): Timeline {
  const from = t[anchor];
  if (!from) return t;
  const days = Math.round((Date.parse(`${on}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, addDays(v as string, days)])) as Timeline;
}

function dateBetween(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(rng() * (b - a + 86_400_000))).toISOString().slice(0, 10);
}

/** A real project with public facts (§13.2): its own timeline, names and figures. */
export type FixedProject = {
  subareaCode: string;
  name: string;
  builderName: string;
  uscc: string;
  chain: string;
  industryCode: string;
  totalInvestment: number;
  landAreaM2: number;
  noLand: boolean;
  timeline: Partial<Record<ProjectState, string>>;
  /** Field values; `from` names the state from which a value applies. */
  values: Record<string, unknown>;
  from?: Record<string, ProjectState>;
};

export type GenerateOptions = {
  today: string;
  count: number;
  seed: number;
  subareas: SubareaRef[];
  /** Division code used in 项目代码 and USCCs (320412 for Wujin). */
  division: string;
  internalNoPrefix: string;
  leaderUserId: string | null;
  /** Build the seed article's Q1 2025 figures into the data (the Wujin demo). */
  seedFigures: boolean;
  fixed?: FixedProject[];
};

export function generateProjects(o: GenerateOptions): GeneratedProject[] {
  const rng = seededRandom(o.seed);
  const out: GeneratedProject[] = [];
  const usedCodes = new Set<string>();
  const counters = new Map<number, number>();
  const firstYear = 2023;
  // Seed figures: which generated projects carry them.
  const provincial = new Set<number>();
  const fixedCount = o.fixed?.length ?? 0;
  for (let i = 0; i < o.count + fixedCount; i++) {
    const fixed = o.fixed?.[i];
    let profile = pick(rng, PROFILES);
    let subarea = o.subareas[i % o.subareas.length] as SubareaRef;
    let noLand = rng() < 0.22;
    let intended = intendedState(rng);
    let leadOn = dateBetween(rng, `${firstYear}-01-01`, addDays(o.today, -20));
    // Seed figures: after the real projects, 11 are 省重大 (3 new starts in Q1 2025, 8 continuing).
    const isProvincial = o.seedFigures && i >= fixedCount && i < fixedCount + 11;
    let timeline: Timeline;
    if (fixed) {
      profile = {
        ...(PROFILES.find((p) => p.chain === fixed.chain) ?? profile),
        codes: [fixed.industryCode],
      };
      subarea = o.subareas.find((s) => s.code === fixed.subareaCode) ?? subarea;
      noLand = fixed.noLand;
      intended = 'AT_TARGET';
      timeline = fixed.timeline;
      leadOn = fixed.timeline.LEAD ?? leadOn;
    } else if (isProvincial) {
      provincial.add(i);
      intended = 'STARTED';
      if (i < fixedCount + 3) {
        const start = dateBetween(rng, '2025-01-20', '2025-03-25');
        timeline = buildTimeline(rng, '2024-01-10', false);
        timeline.SIGNED = '2024-05-20';
        timeline.FILED = '2024-07-15';
        timeline.LAND_PREP = '2024-08-01';
        timeline.LAND_SUPPLIED = addDays(start, -between(rng, 0, 20));
        timeline.APPROVING = timeline.LAND_SUPPLIED;
        timeline.STARTED = start;
        timeline.COMPLETED = addDays(start, between(rng, 500, 700));
      } else {
        timeline = buildTimeline(rng, dateBetween(rng, '2022-03-01', '2023-03-01'), false);
        if ((timeline.STARTED ?? '') >= '2025-01-01')
          timeline.STARTED = dateBetween(rng, '2024-03-01', '2024-11-30');
        timeline.COMPLETED = addDays(timeline.STARTED ?? '2024-06-01', between(rng, 600, 900));
      }
      leadOn = timeline.LEAD ?? leadOn;
    } else if (o.seedFigures && i < fixedCount + 11 + Q1_FILINGS) {
      // The spring filing wave of 2025: these projects are filed (and enter 区重点) in Q1 2025.
      if (stageIndex(intended) < stageIndex('FILED')) intended = 'STARTED';
      timeline = shiftTimeline(
        buildTimeline(rng, leadOn, noLand),
        'FILED',
        dateBetween(rng, '2025-01-08', '2025-03-28'),
      );
      leadOn = timeline.LEAD ?? leadOn;
    } else {
      timeline = buildTimeline(rng, leadOn, noLand);
    }
    const path = LAND_PATH.filter((s) => timeline[s] !== undefined);
    let state: ProjectState = 'LEAD';
    const changes: GeneratedProject['stateChanges'] = [];
    let previous: ProjectState | null = null;
    for (const s of path) {
      const on = timeline[s] as string;
      if (on > o.today) break;
      changes.push({ fromState: previous, toState: s, event: previous ? 'advance' : 'create', on });
      state = s;
      previous = s;
      if (s === intended) break;
    }
    const reached = (s: ProjectState) => changes.some((c) => c.toState === s);
    // A few projects sit in the side states.
    const roll = rng();
    let suspended: { from: ProjectState; on: string } | null = null;
    let terminated: string | null = null;
    if (
      !isProvincial &&
      !fixed &&
      ['LAND_PREP', 'LAND_SUPPLIED', 'APPROVING', 'STARTED'].includes(state) &&
      roll < 0.04
    ) {
      const on = addDays(timeline[state] as string, 30);
      if (on <= o.today) {
        suspended = { from: state, on };
        changes.push({ fromState: state, toState: 'SUSPENDED', event: 'suspend', on });
        state = 'SUSPENDED';
      }
    } else if (!isProvincial && !fixed && (state === 'SIGNED' || state === 'NEGOTIATING') && roll < 0.1) {
      const on = addDays(timeline[state] as string, 60);
      if (on <= o.today) {
        terminated = on;
        changes.push({ fromState: state, toState: 'TERMINATED', event: 'terminate', on });
        state = 'TERMINATED';
      }
    }

    const size = fixed
      ? fixed.totalInvestment
      : isProvincial
        ? between(rng, 15, 60) * YI
        : pick(rng, [0.5, 0.8, 1, 1.2, 1.5, 2, 2.5, 3, 3.6, 5, 6, 8, 10, 12, 15, 20, 30, 50]) * YI;
    const totalInvestment = Math.round(size / WAN) * WAN;
    const landAreaM2 = fixed
      ? fixed.landAreaM2
      : noLand
        ? 0
        : Math.round((between(rng, 20, 300) * 10_000) / 15);
    const head = pick(rng, NAME_HEADS);
    const companyWord = pick(rng, profile.companyWords);
    const builderName = fixed?.builderName ?? `${head}${companyWord}有限公司`;
    const product = pick(rng, profile.products);
    const name = fixed?.name ?? `${head}${companyWord.slice(0, 2)}${product}项目`;
    const signed =
      reached('SIGNED') ||
      (state === 'TERMINATED' && timeline.SIGNED !== undefined && timeline.SIGNED <= (terminated ?? ''));
    const filed = reached('FILED');
    const year = Number(leadOn.slice(0, 4)); // numbered when registered, like the app does
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const internalNo = `${o.internalNoPrefix}-${year}-${String(seq).padStart(4, '0')}`;
    let projectCode: string | null = null;
    if (filed) {
      do {
        const codeYear = (timeline.FILED as string).slice(0, 4);
        projectCode = `${codeYear}-${o.division}-${String(between(rng, 1, 89)).padStart(2, '0')}-0${between(rng, 1, 3)}-${String(between(rng, 0, 999_999)).padStart(6, '0')}`;
      } while (usedCodes.has(projectCode));
      usedCodes.add(projectCode);
    }
    const uscc = signed ? (fixed?.uscc ?? makeUscc(rng, o.division)) : null;
    const plannedAt = timeline.STARTED ? addDays(timeline.STARTED, -between(rng, -20, 40)) : null;
    // A project that has not started and whose planned start is long past has been re-planned, as a
    // 板块 does each year: its start lies 20–240 days ahead (derived from its number, not drawn, so the
    // rest of the data stays as it was).
    const plannedStartOn =
      plannedAt && !reached('STARTED') && plannedAt < addDays(o.today, -90)
        ? addDays(o.today, 20 + ((seq * 37) % 220))
        : plannedAt;
    const plannedCompletionOn = timeline.COMPLETED
      ? addDays(timeline.COMPLETED, -between(rng, -30, 60))
      : null;
    const plannedProductionOn = timeline.IN_PRODUCTION
      ? addDays(timeline.IN_PRODUCTION, between(rng, 0, 30))
      : null;
    const contactPhone = `139${String(between(rng, 10_000_000, 99_999_999))}`;
    const values: Record<string, unknown> = {
      internalNo,
      name,
      projectCode,
      state,
      regionId: subarea.id,
      investorName: `${head}${pick(rng, ['集团', '控股', '投资'])}有限公司`,
      investorOrigin: rng() < 0.85 ? 'domestic' : pick(rng, ['foreign', 'hk_macao_tw']),
      industryChain: profile.chain,
      responsibleOrgId: subarea.orgId,
      source: pick(rng, ['overseas', 'by_business', 'fund', 'chain', 'expo', 'other']),
      totalInvestment,
      isDemo: true,
      createdAt: new Date(`${leadOn}T09:00:00+08:00`),
      updatedAt: new Date(`${changes.at(-1)?.on ?? leadOn}T16:00:00+08:00`),
    };
    if (signed) {
      Object.assign(values, {
        builderName,
        uscc,
        legalRepresentative: pick(rng, SURNAMES) + pick(rng, GIVEN),
        contactName: pick(rng, SURNAMES) + pick(rng, GIVEN),
        contactPhone,
        location: `${pick(rng, ['长汀路', '武宜路', '常武路', '滨湖路', '湖滨路', '龙江路', '延政路'])}与${pick(rng, ['新雅路', '长虹路', '华阳路', '人民路', '永安路'])}交叉口`,
        constructionNature: pick(rng, ['new', 'new', 'new', 'expansion', 'tech_upgrade']),
        landUse: noLand
          ? pick(rng, ['leased_plant', 'no_new_land'])
          : pick(rng, ['new_land', 'new_land', 'stock_land']),
        projectType: profile.type,
        fixedAssetInvestment: Math.round((totalInvestment * 0.8) / WAN) * WAN,
        equipmentInvestment: Math.round((totalInvestment * 0.35) / WAN) * WAN,
        registeredCapital: Math.round((totalInvestment * 0.2) / WAN) * WAN,
        landAreaM2,
        scaleContent: `新建厂房及配套用房，购置生产设备${between(rng, 40, 400)}台（套），形成${product}能力`,
        designCapacity: `年产${between(rng, 5, 200)}万件`,
        committedIntensityWanPerMu: between(rng, 300, 900),
        committedSalesYuan: Math.round((totalInvestment * 1.2) / WAN) * WAN,
        committedTaxWanPerMu: between(rng, 30, 80),
        committedJobs: between(rng, 80, 1500),
        signedOn: timeline.SIGNED,
        accessReviewPassedOn: addDays(timeline.SIGNED as string, -between(rng, 5, 20)),
        leaderUserId: o.leaderUserId,
        plannedStartOn,
        plannedCompletionOn,
        plannedProductionOn,
      });
    }
    if (filed) {
      Object.assign(values, {
        filedOn: timeline.FILED,
        industryCode: pick(rng, profile.codes),
        strategicEmerging: profile.type === 'industrial' && rng() < 0.6,
      });
    }
    let land: GeneratedProject['land'] = null;
    if (reached('LAND_PREP')) {
      land = { lot: between(rng, 1, 80), pickedOn: timeline.LAND_PREP as string, supply: null };
    }
    if (reached('LAND_SUPPLIED')) {
      const supplied = timeline.LAND_SUPPLIED as string;
      const listCompletedOn = addDays(supplied, -between(rng, 3, 20));
      const contractNo = `3204122${supplied.slice(0, 4)}CR${String(between(rng, 1, 999)).padStart(4, '0')}`;
      const planningPermitNo = `地字第320412${supplied.slice(0, 4)}${String(between(rng, 1, 999)).padStart(5, '0')}号`;
      if (land) land.supply = { contractNo, contractOn: supplied, listCompletedOn, planningPermitNo };
      Object.assign(values, {
        plotRatio: pick(rng, [1.2, 1.5, 1.6, 1.8, 2.0, 2.2]),
        buildingCoverage: pick(rng, [0.4, 0.45, 0.5, 0.55, 0.6]),
        greenRatio: pick(rng, [0.05, 0.1, 0.12, 0.15]),
        landReadyStart: timeline.STARTED !== undefined && timeline.STARTED === timeline.LAND_SUPPLIED,
      });
    }
    if (reached('APPROVING')) {
      Object.assign(values, {
        approvalStartedOn: timeline.APPROVING,
        floorAreaM2: Math.round(landAreaM2 * 1.4) || between(rng, 5000, 30000),
      });
    }
    if (reached('STARTED')) {
      Object.assign(values, {
        constructionPermitNo: `320412${(timeline.STARTED as string).replaceAll('-', '')}${String(between(rng, 1, 99)).padStart(4, '0')}`,
        constructionPermitOn: addDays(timeline.STARTED as string, -between(rng, 0, 10)),
        actualStartOn: timeline.STARTED,
        progressText: pick(rng, [
          '基础施工中',
          '主体结构施工',
          '钢结构吊装',
          '屋面施工',
          '设备安装调试',
          '室外配套施工',
        ]),
        inStats: totalInvestment >= 5_000_000,
        inStatsOn: addDays(timeline.STARTED as string, between(rng, 20, 60)),
      });
    }
    if (reached('COMPLETED'))
      Object.assign(values, { actualCompletionOn: timeline.COMPLETED, progressText: '已竣工验收' });
    if (reached('IN_PRODUCTION'))
      Object.assign(values, { actualProductionOn: timeline.IN_PRODUCTION, progressText: '已投产' });
    if (reached('AT_TARGET')) Object.assign(values, { capacityReachedOn: timeline.AT_TARGET });
    if (fixed) {
      for (const [key, value] of Object.entries(fixed.values)) {
        // Facts of a later state apply only once the project has reached it.
        const from = fixed.from?.[key];
        if (!from || reached(from)) values[key] = value;
      }
      if (signed) values.landUse = fixed.noLand ? 'leased_plant' : 'new_land';
    }
    if (suspended) {
      Object.assign(values, {
        suspendedFromState: suspended.from,
        suspendReasonCategory: pick(rng, ['funding', 'market', 'enterprise']),
        suspendReason: '企业资金安排调整，暂缓建设',
        suspendedOn: suspended.on,
        expectedResumeOn: addDays(o.today, between(rng, 30, 180)),
      });
    }
    if (terminated)
      Object.assign(values, { terminatedOn: terminated, terminateReason: '投资方战略调整，项目撤回' });
    // 达产 is planned two years after production (agreed at signing, required from filing).
    values.plannedTargetOn = plannedProductionOn && signed ? addDays(plannedProductionOn, 730) : null;

    // Library entries: 区重点 when filed; 市重大 and 亿元库 for the bigger ones; 省重大 for the eleven.
    const libraries: GeneratedProject['libraries'] = [];
    if (filed) {
      const enteredOn = addDays(timeline.FILED as string, -between(rng, 0, 10));
      libraries.push({
        level: 'district',
        year: Number(enteredOn.slice(0, 4)),
        category: 'implementation',
        status: 'entered',
        appliedOn: addDays(enteredOn, -between(rng, 5, 25)),
        enteredOn,
      });
      if (totalInvestment >= YI) {
        const yiOn = addDays(enteredOn, between(rng, 10, 60));
        if (yiOn <= o.today) {
          libraries.push({
            level: 'yi',
            year: Number(yiOn.slice(0, 4)),
            category: 'implementation',
            status: 'entered',
            appliedOn: addDays(yiOn, -10),
            enteredOn: yiOn,
          });
        }
      }
    }
    if (isProvincial && '2025-02-18' <= o.today) {
      libraries.push({
        level: 'province',
        year: 2025,
        category: 'implementation',
        status: 'entered',
        appliedOn: '2024-12-10',
        enteredOn: '2025-02-18',
      });
    }
    out.push({
      values,
      enterprise: signed && uscc ? { uscc, name: builderName, regionId: subarea.id } : null,
      libraries,
      yearPlans: [],
      stateChanges: changes,
      land,
    });
  }

  if (o.seedFigures) applySeedFigures(out, o.today, rng, provincial, fixedCount);
  addYearPlans(out, o.today, rng, provincial);
  // Internal numbers follow registration order within each year, as the app assigns them.
  const byYear = new Map<string, GeneratedProject[]>();
  for (const p of out) {
    const year = (p.values.createdAt as Date).toISOString().slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), p]);
  }
  for (const [year, list] of byYear) {
    list.sort((a, b) => (a.values.createdAt as Date).getTime() - (b.values.createdAt as Date).getTime());
    list.forEach((p, k) => {
      p.values.internalNo = `${o.internalNoPrefix}-${year}-${String(k + 1).padStart(4, '0')}`;
    });
  }
  for (const p of out) {
    const v = p.values;
    const doc = searchDocument(
      [
        v.name as string,
        v.projectCode as string | null,
        v.builderName as string | null,
        v.uscc as string | null,
        v.investorName as string | null,
        v.internalNo as string,
      ],
      v.name as string,
    );
    v.searchText = doc.text;
    v.searchGrams = doc.grams;
    v.levels = [...new Set(p.libraries.filter((l) => l.status === 'entered').map((l) => l.level))].sort();
  }
  return out;
}

/**
 * Q1 2025 as the article reports it: exactly 84 区重点 and 16 市重大 entries dated in Q1 2025 (moved in or
 * out of the quarter as needed, keeping each entry before its project's filing).
 */
function applySeedFigures(
  out: GeneratedProject[],
  today: string,
  rng: Rng,
  provincial: Set<number>,
  fixedCount: number,
) {
  if (today < '2025-03-31') return;
  const inQ1 = (d: string | null) => d !== null && d >= '2025-01-01' && d <= '2025-03-31';
  const district = out.flatMap((p, i) =>
    i < fixedCount ? [] : p.libraries.filter((l) => l.level === 'district').map((l) => ({ l, i })),
  );
  const q1 = district.filter(({ l }) => inQ1(l.enteredOn));
  // Move surplus entries out of Q1 (into late 2024), or move entries from 2024 H2 into Q1 when short.
  while (q1.length > 84) {
    const { l } = q1.pop() as { l: GeneratedProject['libraries'][number] };
    l.enteredOn = dateBetween(rng, '2024-10-01', '2024-12-20');
    l.year = 2024;
    l.appliedOn = addDays(l.enteredOn, -10);
  }
  // Entries of later in 2025 move forward into Q1 (an earlier entry never passes its project's filing).
  const movable = district.filter(
    ({ l }) => (l.enteredOn ?? '') > '2025-03-31' && (l.enteredOn ?? '') < '2026-01-01',
  );
  while (q1.length < 84 && movable.length > 0) {
    const item = movable.pop() as { l: GeneratedProject['libraries'][number]; i: number };
    item.l.enteredOn = dateBetween(rng, '2025-01-06', '2025-03-28');
    item.l.year = 2025;
    item.l.appliedOn = addDays(item.l.enteredOn, -12);
    q1.push(item);
  }
  // 16 市重大 entered in Q1 2025, from the largest filed projects that are not provincial.
  const candidates = out
    .map((p, i) => ({ p, i }))
    .filter(
      ({ p, i }) => !provincial.has(i) && p.values.filedOn && (p.values.filedOn as string) <= '2025-03-31',
    )
    .sort((a, b) => (b.p.values.totalInvestment as number) - (a.p.values.totalInvestment as number));
  for (const { p } of candidates.slice(0, 16)) {
    const enteredOn = dateBetween(rng, '2025-01-15', '2025-03-28');
    p.libraries.push({
      level: 'city',
      year: 2025,
      category: 'implementation',
      status: 'entered',
      appliedOn: addDays(enteredOn, -20),
      enteredOn,
    });
  }
  for (const { p } of candidates.slice(16, 28)) {
    const enteredOn = dateBetween(rng, '2025-04-10', '2025-11-28');
    if (enteredOn <= today) {
      p.libraries.push({
        level: 'city',
        year: 2025,
        category: 'implementation',
        status: 'entered',
        appliedOn: addDays(enteredOn, -20),
        enteredOn,
      });
    }
  }
  // Each later year has its own 省重大 and 市重大 lists: provincial projects still being built are entered
  // again when the province publishes the year's list, and the largest projects filed or building enter
  // the city's list through the year (until today).
  for (let year = 2026; year <= Number(today.slice(0, 4)); year++) {
    const published = `${year}-02-18`;
    const yearStart = `${year}-01-01`;
    const building = (v: Record<string, unknown>) =>
      Boolean(v.filedOn) &&
      (v.filedOn as string) < yearStart &&
      !(v.actualCompletionOn && (v.actualCompletionOn as string) < yearStart) &&
      v.state !== 'TERMINATED';
    if (published <= today) {
      for (const i of provincial) {
        const p = out[i] as GeneratedProject;
        if (!building(p.values)) continue;
        p.libraries.push({
          level: 'province',
          year,
          category: 'implementation',
          status: 'entered',
          appliedOn: `${year - 1}-12-10`,
          enteredOn: published,
        });
      }
    }
    const cityPool = out
      .map((p, i) => ({ p, i }))
      .filter(({ p, i }) => i >= fixedCount && !provincial.has(i) && building(p.values))
      .filter(({ p }) => !p.libraries.some((l) => l.level === 'city' && l.year === year))
      .sort((a, b) => (b.p.values.totalInvestment as number) - (a.p.values.totalInvestment as number))
      .slice(0, 30);
    for (const { p } of cityPool) {
      const enteredOn = dateBetween(rng, `${year}-01-15`, `${year}-11-28`);
      if (enteredOn > today) continue;
      p.libraries.push({
        level: 'city',
        year,
        category: 'implementation',
        status: 'entered',
        appliedOn: addDays(enteredOn, -20),
        enteredOn,
      });
    }
  }
  // Two applications waiting for 区发改's decision, and one returned with a reason.
  const waiting = out.filter((p) => p.values.state === 'SIGNED').slice(0, 3);
  waiting.forEach((p, k) => {
    const year = Number(today.slice(0, 4));
    p.libraries.push({
      level: 'district',
      year,
      category: 'implementation',
      status: k === 2 ? 'returned' : 'applied',
      appliedOn: addDays(today, -between(rng, 2, 20)),
      enteredOn: null,
    });
  });
}

/**
 * 年度计划投资 for every project in the plan of a year (2025 and the current year). The 11 provincial
 * projects' 2025 plans total exactly 62.7亿元.
 */
function addYearPlans(out: GeneratedProject[], today: string, rng: Rng, provincial: Set<number>) {
  const years = [...new Set([2025, Number(today.slice(0, 4))])].filter((y) => y <= Number(today.slice(0, 4)));
  for (const year of years) {
    out.forEach((p, i) => {
      const v = p.values;
      if (!v.filedOn || v.state === 'TERMINATED' || (v.filedOn as string) > `${year}-03-31`) return;
      const category = deriveYearCategory(
        {
          plannedStartOn: (v.plannedStartOn as string) ?? null,
          actualStartOn: (v.actualStartOn as string) ?? null,
          plannedCompletionOn: (v.plannedCompletionOn as string) ?? null,
          actualCompletionOn: (v.actualCompletionOn as string) ?? null,
        },
        year,
      );
      if (!category || (provincial.has(i) && year === 2025)) return;
      const share = category.start === 'reserve' ? 0.05 : category.start === 'new' ? 0.3 : 0.35;
      const planned = Math.round(((v.totalInvestment as number) * share * (0.7 + rng() * 0.6)) / WAN) * WAN;
      p.yearPlans.push({ year, plannedInvestment: Math.min(planned, v.totalInvestment as number) });
    });
  }
  // 62.7亿元 over the eleven provincial projects, in whole 万元, the last taking the remainder.
  const ids = [...provincial];
  if (ids.length === 0) return;
  const total = 6_270_000_000;
  const weights = ids.map(() => 0.5 + rng());
  const sumW = weights.reduce((s, w) => s + w, 0);
  let given = 0;
  ids.forEach((i, k) => {
    const amount =
      k === ids.length - 1 ? total - given : Math.round((total * (weights[k] as number)) / sumW / WAN) * WAN;
    given += amount;
    const p = out[i] as GeneratedProject;
    p.provincial2025 = true;
    p.values.totalInvestment = Math.max(p.values.totalInvestment as number, amount * 2);
    p.yearPlans.push({ year: 2025, plannedInvestment: amount });
  });
}
