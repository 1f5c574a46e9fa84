import {
  addMonths,
  addWorkingDays,
  compileCalendar,
  lastClosedMonth,
  lastDayOf,
  monthCloseOn,
  monthOf,
  type ProblemCategory,
  type ProblemStatus,
  RATING_LABELS,
  type Rating,
  reportDueOn,
  type WorkingCalendar,
} from '@groundbreak/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { shanghaiDate } from '../clock';
import type { Database, Db } from '../db/database';
import {
  calendarDays,
  calendarYears,
  meetings,
  monthlyReports,
  orgs,
  problemEvents,
  problems,
  projects,
  regions,
  serviceTickets,
  ticketEvents,
  users,
} from '../db/schema/index';
import { type AuditActor, createAuditRepository, SYSTEM_ACTOR } from '../modules/audit/audit.repository';
import { createCalendarService } from '../modules/calendar/calendar.service';
import { createNotificationsRepository } from '../modules/notifications/notifications.repository';
import type { Principal } from '../modules/registry';
import { createLightsService } from '../modules/tracking/lights.service';
import { createMeetingsService } from '../modules/tracking/meetings.service';
import { addDays, between, type GeneratedProject, pick, type Rng, seededRandom } from './demo-projects';

// Demo tracking (推): monthly reports for the demo projects from January 2024 (or their filing) to the last
// closed month, consistent with their plans — most keep pace, some lag, a few lag badly, so that the lights
// have something true to say — with the seed article's figure built in: the 11 省重大 projects report
// 16.5亿元 by the end of March 2025, 26.3% of their 62.7亿元 plan. The last closed month still has reports
// in review and a few never filed. Problems on a dozen projects, in every state: new, being worked,
// overdue under 督办 and escalated, awaiting an extension, struck off.

const WAN = 10_000;
const Q1_2025_PROVINCIAL_YUAN = 1_650_000_000;
const PREPARATORY = [
  '完成可研报告编制',
  '环评报告书已报审',
  '施工图设计中',
  '土地挂牌出让程序进行中',
  '规划方案已批复',
];
const STAGES = [
  '场地平整',
  '桩基施工',
  '基础施工',
  '主体结构施工',
  '钢结构吊装',
  '屋面及外立面施工',
  '设备安装调试',
];
const DONE_STATES = ['COMPLETED', 'IN_PRODUCTION', 'AT_TARGET', 'POST_EVALUATED'];

type ReportRow = typeof monthlyReports.$inferInsert;

function at(day: string, hour: number): Date {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

/** The months a project reports: from its filing (at most back to January 2024) to the last closed month. */
function reportingMonths(g: GeneratedProject, last: string): string[] {
  const v = g.values;
  if (!v.filedOn) return [];
  let end = last;
  const done = v.actualCompletionOn as string | undefined;
  if (done && DONE_STATES.includes(v.state as string)) end = [end, monthOf(done)].sort()[0] as string;
  const stop = g.stateChanges.find((c) => c.toState === 'SUSPENDED' || c.toState === 'TERMINATED');
  if (stop) end = [end, addMonths(monthOf(stop.on), -1)].sort()[0] as string;
  const from = ['2024-01', monthOf(v.filedOn as string)].sort().at(-1) as string;
  const months: string[] = [];
  for (let m = from; m <= end; m = addMonths(m, 1)) months.push(m);
  return months;
}

export function generateDemoReports(generated: GeneratedProject[], today: string, rng: Rng) {
  const last = lastClosedMonth(today);
  const out: Array<{ internalNo: string; row: Omit<ReportRow, 'projectId' | 'regionId'> }> = [];
  // First the amounts; the provincial Q1 2025 ones are then scaled to the published total.
  type Draft = { g: GeneratedProject; month: string; kind: 'construction' | 'preparatory'; amount: number };
  const drafts: Draft[] = [];
  for (const g of generated) {
    const v = g.values;
    const months = reportingMonths(g, last);
    if (months.length === 0) continue;
    // Pace against the plan: most keep up, a fifth lag, one in ten lags badly.
    const roll = rng();
    const pace = roll < 0.7 ? 0.9 + rng() * 0.3 : roll < 0.9 ? 0.55 + rng() * 0.25 : 0.25 + rng() * 0.25;
    for (const month of months) {
      const started = (v.actualStartOn as string | undefined) ?? null;
      const kind = started && started <= lastDayOf(month) ? 'construction' : 'preparatory';
      const plan = g.yearPlans.find((p) => p.year === Number(month.slice(0, 4)))?.plannedInvestment;
      const base = plan ? plan / 12 : ((v.totalInvestment as number) * 0.2) / 12;
      const provincialQ1 = g.provincial2025 === true && month >= '2025-01' && month <= '2025-03';
      // Before the start, what the plan counts (land, design) comes in as well; without a plan, nothing.
      const amount =
        kind === 'construction' || provincialQ1 || plan
          ? Math.round((base * pace * (0.7 + rng() * 0.6)) / WAN) * WAN
          : 0;
      drafts.push({ g, month, kind, amount });
    }
  }
  const q1 = drafts.filter((d) => d.g.provincial2025 && d.month >= '2025-01' && d.month <= '2025-03');
  const raw = q1.reduce((s, d) => s + d.amount, 0);
  if (q1.length > 0 && raw > 0) {
    let given = 0;
    q1.forEach((d, k) => {
      d.amount =
        k === q1.length - 1
          ? Q1_2025_PROVINCIAL_YUAN - given
          : Math.round((d.amount * Q1_2025_PROVINCIAL_YUAN) / raw / WAN) * WAN;
      given += d.amount;
    });
  }
  // Then the running totals, statuses and words.
  const byProject = new Map<GeneratedProject, Draft[]>();
  for (const d of drafts) byProject.set(d.g, [...(byProject.get(d.g) ?? []), d]);
  for (const [g, list] of byProject) {
    const neverInStatistics = rng() < 0.05;
    let sinceStart = 0;
    let ytd = 0;
    let year = '';
    let builtMonths = 0;
    for (const d of list) {
      if (d.month.slice(0, 4) !== year) {
        year = d.month.slice(0, 4);
        ytd = 0;
      }
      ytd += d.amount;
      if (d.kind === 'construction') {
        sinceStart += d.amount;
        builtMonths++;
      }
      const due = reportDueOn(d.month);
      const isLast = d.month === last;
      const fate = isLast ? rng() : 0;
      // The last closed month: some reports still in review, a few never filed.
      if (isLast && fate > 0.95) continue;
      const status = !isLast || fate < 0.6 ? 'confirmed' : fate < 0.8 ? 'subarea_reviewed' : 'submitted';
      const submittedOn = addDays(due, -between(rng, 1, 6));
      out.push({
        internalNo: g.values.internalNo as string,
        row: {
          month: d.month,
          kind: d.kind,
          status,
          monthYuan: d.amount,
          ytdYuan: ytd,
          sinceStartYuan: d.kind === 'construction' ? sinceStart : null,
          progressText:
            d.kind === 'construction'
              ? `${STAGES[Math.min(STAGES.length - 1, Math.floor(builtMonths / 3))]}${builtMonths > 18 ? '，收尾阶段' : ''}`
              : pick(rng, PREPARATORY),
          workThisMonth: d.kind === 'construction' ? '按计划推进现场施工' : '推进前期手续办理',
          workNextMonth: d.kind === 'construction' ? '继续主体施工，加快设备采购' : '完成剩余前期审批事项',
          inStatistics: d.kind === 'construction' && builtMonths > 1 && !neverInStatistics,
          workers: d.kind === 'construction' ? between(rng, 60, 420) : null,
          submittedAt: at(submittedOn, 10),
          reviewedAt: status === 'submitted' ? null : at(addDays(submittedOn, 1), 15),
          confirmedAt: status === 'confirmed' ? at(addDays(submittedOn, 2), 16) : null,
        },
      });
    }
  }
  return out;
}

type DemoProblem = {
  category: ProblemCategory;
  title: string;
  description: string;
  lead: string;
};

const PROBLEMS: DemoProblem[] = [
  {
    category: 'utilities',
    title: '110千伏专线接入方案未批复',
    description: '供电接入方案已报送一个月，尚未批复，影响设备调试。',
    lead: 'utilities',
  },
  {
    category: 'land',
    title: '新增建设用地指标未落实',
    description: '二期用地约45亩需新增建设用地指标，板块指标不足。',
    lead: 'natural_resources',
  },
  {
    category: 'planning',
    title: '规划条件与项目方案容积率不符',
    description: '企业方案容积率2.0，出让规划条件上限1.5，需调整。',
    lead: 'natural_resources',
  },
  {
    category: 'approval',
    title: '施工图审查意见反复',
    description: '施工图审查第三轮意见仍涉及消防疏散，请协调审图机构一次性告知。',
    lead: 'housing',
  },
  {
    category: 'expropriation',
    title: '地块内两户民房未完成征收',
    description: '红线内两户民房补偿未谈妥，影响场地平整。',
    lead: 'subarea',
  },
  {
    category: 'environment',
    title: '环评批复前置条件需明确',
    description: '项目涉及表面处理工序，环评总量指标来源待明确。',
    lead: 'ecology',
  },
  {
    category: 'utilities',
    title: '天然气管道接口未到位',
    description: '园区燃气管网距厂区约800米，需市政配套延伸。',
    lead: 'utilities',
  },
  {
    category: 'policy',
    title: '设备补助资金未兑现',
    description: '2024年智能化改造设备补助已公示，资金尚未拨付。',
    lead: 'industry',
  },
  {
    category: 'construction',
    title: '周边道路施工影响材料进场',
    description: '厂区北侧道路改造封闭，大件设备无法进场。',
    lead: 'transport',
  },
  {
    category: 'energy',
    title: '能评审查需补充能耗替代方案',
    description: '项目综合能耗超5000吨标煤，需补充等量替代来源。',
    lead: 'drc',
  },
  {
    category: 'funds',
    title: '项目贷款审批进度慢',
    description: '银行项目贷款尚在审批，资金缺口约1.2亿元。',
    lead: 'commerce',
  },
  {
    category: 'planning',
    title: '人防易地建设费核定有异议',
    description: '企业对人防易地建设费计算面积有异议，申请复核。',
    lead: 'civil_defense',
  },
  {
    category: 'land',
    title: '不动产首次登记资料退回',
    description: '宗地测绘成果与出让合同面积相差0.3平方米，登记资料被退回。',
    lead: 'real_estate_registry',
  },
  {
    category: 'other',
    title: '员工宿舍配套需协调',
    description: '投产后新增员工约600人，需协调周边人才公寓。',
    lead: 'subarea',
  },
];

/** Where each demo problem stands, by index: new, being worked, overdue, extension asked, struck off. */
const FATES: Array<ProblemStatus | 'overdue' | 'escalated'> = [
  'escalated',
  'in_progress',
  'closed',
  'overdue',
  'collected',
  'in_progress',
  'closed',
  'overdue',
  'extension_requested',
  'collected',
  'assigned',
  'closed',
  'closed',
  'collected',
];

export async function seedDemoTracking(tx: Db, generated: GeneratedProject[], today: string, now: Date) {
  const rng = seededRandom(20250325);
  const rows = await tx
    .select({
      id: projects.id,
      internalNo: projects.internalNo,
      regionId: projects.regionId,
      state: projects.state,
    })
    .from(projects)
    .where(and(eq(projects.isDemo, true), isNull(projects.deletedAt)));
  const byNo = new Map(rows.map((r) => [r.internalNo, r]));
  const reports = generateDemoReports(generated, today, rng).flatMap(({ internalNo, row }) => {
    const p = byNo.get(internalNo);
    return p ? [{ ...row, projectId: p.id, regionId: p.regionId, createdAt: now, updatedAt: now }] : [];
  });
  for (let i = 0; i < reports.length; i += 1000)
    await tx.insert(monthlyReports).values(reports.slice(i, i + 1000));

  // Problems on projects being built or approved, in every state.
  // One after another: a transaction's queries share its connection.
  const years = await tx.select({ year: calendarYears.year }).from(calendarYears);
  const days = await tx.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays);
  const units = await tx
    .select({ id: orgs.id, kind: orgs.kind, regionId: orgs.regionId })
    .from(orgs)
    .where(isNull(orgs.deletedAt));
  const cal: WorkingCalendar = compileCalendar({ verifiedYears: years.map((y) => y.year), days });
  const candidates = rows
    .filter((r) => ['STARTED', 'APPROVING', 'LAND_SUPPLIED'].includes(r.state))
    .sort((a, b) => a.internalNo.localeCompare(b.internalNo));
  const chosen = PROBLEMS.map((p, k) => ({
    p,
    project: candidates[(k * 7) % Math.max(1, candidates.length)],
  }));
  const unitOf = (kind: string, regionId: string) =>
    kind === 'subarea'
      ? (units.find((u) => u.kind === 'subarea_committee' && u.regionId === regionId)?.id ??
        units.find((u) => u.kind === 'drc')?.id)
      : (units.find((u) => u.kind === kind)?.id ?? units.find((u) => u.kind === 'drc')?.id);
  const counters = new Map<string, number>();
  for (const [k, { p, project }] of chosen.entries()) {
    if (!project) continue;
    const fate = FATES[k] ?? 'collected';
    // Worked problems were raised a while ago; overdue ones long enough to be past 15 working days.
    const ago =
      fate === 'collected'
        ? between(rng, 1, 4)
        : fate === 'closed'
          ? between(rng, 60, 150)
          : fate === 'overdue' || fate === 'escalated'
            ? between(rng, 35, 50)
            : between(rng, 5, 12);
    const raisedOn = addDays(today, -ago);
    const year = raisedOn.slice(0, 4);
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    const assignedOn = fate === 'collected' ? null : addWorkingDays(cal, raisedOn, 1);
    const dueOn = assignedOn ? addWorkingDays(cal, assignedOn, 15) : null;
    const overdue = fate === 'overdue' || fate === 'escalated';
    const supervisedOn = overdue && dueOn ? addDays(dueOn, 1) : null;
    const level = fate === 'escalated' ? 'L3' : overdue ? 'L2' : 'L1';
    const levelSince =
      fate === 'escalated' && supervisedOn
        ? addWorkingDays(cal, supervisedOn, 5)
        : (supervisedOn ?? raisedOn);
    const resolvedOn =
      fate === 'closed' && dueOn ? addWorkingDays(cal, assignedOn as string, between(rng, 4, 14)) : null;
    const closedOn = resolvedOn ? addWorkingDays(cal, resolvedOn, 2) : null;
    const status: ProblemStatus =
      fate === 'overdue' || fate === 'escalated' ? 'in_progress' : (fate as ProblemStatus);
    const lead = assignedOn ? (unitOf(p.lead, project.regionId) ?? null) : null;
    const co =
      assignedOn && k % 3 === 0
        ? [unitOf('subarea', project.regionId)].filter((x): x is string => !!x && x !== lead)
        : [];
    const [row] = await tx
      .insert(problems)
      .values({
        problemNo: `WT-${year}-${String(n).padStart(4, '0')}`,
        projectId: project.id,
        regionId: project.regionId,
        source: pick(rng, ['report', 'inspection', 'enterprise', 'meeting'] as const),
        sourceRef: null,
        category: p.category,
        title: p.title,
        description: p.description,
        raisedOn,
        status,
        complexity: assignedOn ? 'normal' : null,
        leadOrgId: lead,
        coOrgIds: co,
        limitWorkingDays: assignedOn ? 15 : null,
        assignedOn,
        dueOn,
        originalDueOn: dueOn,
        requestedDueOn: fate === 'extension_requested' && dueOn ? addWorkingDays(cal, dueOn, 10) : null,
        extensionReason: fate === 'extension_requested' ? '需等待省级部门批复，申请延期10个工作日' : null,
        level,
        levelSince,
        escalations: level === 'L3' ? 2 : level === 'L2' ? 1 : 0,
        supervisedOn,
        resolvedOn,
        resolution: resolvedOn ? '已协调解决，企业确认' : null,
        closedOn,
        closedHow: closedOn ? 'verified' : null,
        createdAt: at(raisedOn, 9),
        updatedAt: now,
      })
      .returning({ id: problems.id });
    if (!row) continue;
    const events: Array<typeof problemEvents.$inferInsert> = [
      {
        problemId: row.id,
        at: at(raisedOn, 9),
        actorName: '演示数据',
        step: 'raise',
        toStatus: 'collected',
        note: p.description,
      },
    ];
    if (assignedOn) {
      events.push({
        problemId: row.id,
        at: at(assignedOn, 10),
        actorName: '演示数据',
        orgName: '区发改局',
        step: 'assign',
        fromStatus: 'collected',
        toStatus: 'assigned',
        note: `主办单位办理时限${dueOn}（15个工作日）`,
      });
    }
    if (assignedOn && status !== 'assigned') {
      events.push({
        problemId: row.id,
        at: at(addWorkingDays(cal, assignedOn, 1), 11),
        actorName: '演示数据',
        step: 'accept',
        fromStatus: 'assigned',
        toStatus: 'in_progress',
      });
    }
    if (supervisedOn) {
      events.push({
        problemId: row.id,
        at: at(supervisedOn, 1),
        actorName: '系统',
        step: 'escalate:L2',
        fromStatus: 'in_progress',
        toStatus: 'in_progress',
        note: `超过办理时限${dueOn}，列入督办；升级至L2：超过承诺时限`,
      });
    }
    if (level === 'L3') {
      events.push({
        problemId: row.id,
        at: at(levelSince, 1),
        actorName: '系统',
        step: 'escalate:L3',
        fromStatus: 'in_progress',
        toStatus: 'in_progress',
        note: 'L2协调5个工作日未解决（规则5个工作日），升级至L3',
      });
    }
    if (fate === 'extension_requested' && dueOn) {
      events.push({
        problemId: row.id,
        at: at(addDays(today, -1), 16),
        actorName: '演示数据',
        step: 'request_extension',
        fromStatus: 'in_progress',
        toStatus: 'extension_requested',
        note: '需等待省级部门批复，申请延期10个工作日',
      });
    }
    if (resolvedOn && closedOn) {
      events.push(
        {
          problemId: row.id,
          at: at(resolvedOn, 15),
          actorName: '演示数据',
          step: 'resolve',
          fromStatus: 'in_progress',
          toStatus: 'resolved',
          note: '已协调解决，企业确认',
        },
        {
          problemId: row.id,
          at: at(closedOn, 10),
          actorName: '演示数据',
          orgName: '区发改局',
          step: 'close',
          fromStatus: 'resolved',
          toStatus: 'closed',
          note: '经核实已解决，销号',
        },
      );
    }
    await tx.insert(problemEvents).values(events);
  }
  const tickets = await seedDemoTickets(tx, candidates, cal, today, now, rng);
  return { reports: reports.length, problems: chosen.filter((c) => c.project).length, tickets };
}

const TICKETS: Array<{
  kind: 'help' | 'agency';
  items: string[];
  description: string;
  fate: string;
  rating?: number;
}> = [
  {
    kind: 'agency',
    items: ['水电气报装'],
    description: '请代办供水、供电、燃气报装',
    fate: 'closed',
    rating: 5,
  },
  {
    kind: 'help',
    items: ['建筑工程施工许可'],
    description: '施工许可材料准备需要指导',
    fate: 'closed',
    rating: 5,
  },
  { kind: 'help', items: ['政策兑现'], description: '智能化改造补助申报', fate: 'closed', rating: 4 },
  { kind: 'agency', items: ['不动产登记'], description: '请代办首次登记', fate: 'rectifying', rating: 2 },
  { kind: 'help', items: ['用工'], description: '投产前招工200人需要对接人社', fate: 'in_progress' },
  { kind: 'agency', items: ['环评审批', '能评审查'], description: '环评与能评并联办理', fate: 'suspended' },
  { kind: 'help', items: ['融资'], description: '项目贷款对接', fate: 'accepted' },
  { kind: 'help', items: ['水电气报装'], description: '临时用电接入', fate: 'pending' },
];

/** Service tickets in every state, some rated (one poor, being rectified), helped by the 板块's operator. */
async function seedDemoTickets(
  tx: Db,
  candidates: Array<{ id: string; regionId: string }>,
  cal: WorkingCalendar,
  today: string,
  now: Date,
  rng: Rng,
): Promise<number> {
  // The 板块's own operator helps where there is one; elsewhere the district's 重大项目办.
  const helpers = await tx
    .select({ id: users.id, name: users.displayName, scopes: users.regionScopes, roles: users.roles })
    .from(users)
    .where(sql`'subarea_operator' = ANY(${users.roles}) OR 'drc' = ANY(${users.roles})`);
  let n = 0;
  for (const [k, t] of TICKETS.entries()) {
    const project = candidates[(k * 5 + 3) % Math.max(1, candidates.length)];
    if (!project) continue;
    const requestedOn = addDays(today, -(t.fate === 'pending' ? 1 : between(rng, 12, 60)));
    const acceptedOn = t.fate === 'pending' ? null : addWorkingDays(cal, requestedOn, 1);
    const doneOn =
      ['closed', 'rectifying'].includes(t.fate) && acceptedOn
        ? addWorkingDays(cal, acceptedOn, between(rng, 3, 8))
        : null;
    const ratedOn = doneOn ? addDays(doneOn, 1) : null;
    const poor = (t.rating ?? 5) <= 2;
    const helper =
      helpers.find((h) => h.roles.includes('subarea_operator') && h.scopes.includes(project.regionId)) ??
      helpers.find((h) => h.roles.includes('drc'));
    n++;
    const [row] = await tx
      .insert(serviceTickets)
      .values({
        ticketNo: `BB-${requestedOn.slice(0, 4)}-${String(n).padStart(4, '0')}`,
        projectId: project.id,
        regionId: project.regionId,
        kind: t.kind,
        items: t.items,
        description: t.description,
        status: t.fate as (typeof serviceTickets.$inferInsert)['status'],
        requestedOn,
        acceptedOn,
        helperUserId: acceptedOn ? (helper?.id ?? null) : null,
        helperName: acceptedOn ? (helper?.name ?? '板块帮办员') : null,
        doneOn,
        rating: t.rating ?? null,
        ratingNote: poor ? '办理周期偏长' : null,
        ratedOn,
        poorRatedOn: poor ? ratedOn : null,
        calledBackOn: ratedOn ? addDays(ratedOn, poor ? 1 : 3) : null,
        callbackNote: ratedOn ? (poor ? '已回访，承诺建立并联办理专班' : '企业满意') : null,
        closedOn: t.fate === 'closed' && ratedOn ? addDays(ratedOn, 3) : null,
        createdAt: at(requestedOn, 9),
        updatedAt: now,
      })
      .returning({ id: serviceTickets.id });
    if (!row) continue;
    const events: Array<typeof ticketEvents.$inferInsert> = [
      {
        ticketId: row.id,
        at: at(requestedOn, 9),
        actorName: '演示数据',
        step: 'request',
        toStatus: 'pending',
        note: t.description,
      },
    ];
    if (acceptedOn)
      events.push({
        ticketId: row.id,
        at: at(acceptedOn, 10),
        actorName: '演示数据',
        step: 'accept',
        fromStatus: 'pending',
        toStatus: 'accepted',
        note: `帮办员：${helper?.name ?? '板块帮办员'}`,
      });
    if (t.fate === 'suspended')
      events.push({
        ticketId: row.id,
        at: at(addDays(acceptedOn as string, 2), 11),
        actorName: '演示数据',
        step: 'suspend',
        fromStatus: 'in_progress',
        toStatus: 'suspended',
        note: '请企业补充能耗替代方案',
      });
    if (doneOn)
      events.push({
        ticketId: row.id,
        at: at(doneOn, 16),
        actorName: '演示数据',
        step: 'finish',
        fromStatus: 'in_progress',
        toStatus: 'done',
      });
    if (ratedOn)
      events.push({
        ticketId: row.id,
        at: at(ratedOn, 10),
        actorName: '演示数据',
        step: 'rate',
        fromStatus: 'done',
        toStatus: poor ? 'callback_pending' : 'rated',
        note: RATING_LABELS[(t.rating ?? 5) as Rating],
      });
    await tx.insert(ticketEvents).values(events);
  }
  return n;
}

/**
 * After the demo data is committed: the last three months closed on their default days, each with its
 * official lights as they stood then, and every tracked project's live light.
 */
export async function seedDemoLights(
  database: Database,
  now: Date,
): Promise<{ months: string[]; lights: number }> {
  const clock = { now: () => now };
  const audit = createAuditRepository(database.db);
  const lights = createLightsService({
    database,
    audit,
    clock,
    calendar: createCalendarService({ database, audit, clock }),
  });
  const last = lastClosedMonth(shanghaiDate(now));
  const closed = await lights.closedMonths();
  const months = [addMonths(last, -2), addMonths(last, -1), last].filter(
    (m) => !closed[m] && monthCloseOn(m) < shanghaiDate(now),
  );
  for (const month of months) await lights.closeMonth(month, monthCloseOn(month), SYSTEM_ACTOR);
  const lit = await lights.recomputeAll();
  await seedDemoMeetings(database, now);
  await seedDemoInbox(database, now);
  return { months, lights: lit };
}

/**
 * What the demo accounts would have been told about the demo problems (the seed writes problems directly,
 * not through the service): each lead unit's people the 交办 of its open problems, and the lead unit and
 * 区发改 the 督办 of the overdue ones — so that the inbox opens with something true in it.
 */
async function seedDemoInbox(database: Database, now: Date): Promise<void> {
  const { rows } = await database.db.execute<{
    recipient_id: string;
    title: string;
    body: string;
    link: string;
    at: Date;
  }>(sql`
    SELECT u.id::text AS recipient_id, '交办问题（主办）：' || p.title AS title,
           p.problem_no || '，办理时限' || p.due_on || '（' || p.limit_working_days || '个工作日）' AS body,
           '/problems/' || p.id AS link, (p.assigned_on + time '09:30') AT TIME ZONE 'Asia/Shanghai' AS at
      FROM problems p JOIN users u ON u.org_id = p.lead_org_id AND u.status = 'active' AND u.is_demo
     WHERE p.deleted_at IS NULL AND p.assigned_on IS NOT NULL
       AND p.status IN ('assigned', 'in_progress', 'extension_requested')
    UNION ALL
    SELECT u.id::text, '问题超期督办：' || p.title,
           p.problem_no || '：已超过办理时限' || p.due_on || '，请加快办理',
           '/problems/' || p.id, (p.supervised_on + time '01:00') AT TIME ZONE 'Asia/Shanghai'
      FROM problems p JOIN users u ON (u.org_id = p.lead_org_id OR 'drc' = ANY(u.roles)) AND u.status = 'active' AND u.is_demo
     WHERE p.deleted_at IS NULL AND p.supervised_on IS NOT NULL
       AND p.status IN ('assigned', 'in_progress', 'extension_requested')`);
  const notes = createNotificationsRepository(database.db);
  for (const r of rows) {
    const at = new Date(r.at);
    await notes.insertMany(
      [{ recipientId: r.recipient_id, module: 'tracking', title: r.title, body: r.body, link: r.link }],
      at.getTime() > now.getTime() ? now : at,
    );
  }
}

/** Two past weekly dispatch meetings of the district, each with decisions, the later following the first. */
async function seedDemoMeetings(database: Database, now: Date): Promise<void> {
  const db = database.db;
  const [district] = await db.select().from(regions).where(eq(regions.code, '320412'));
  const [drc] = await db.select().from(orgs).where(eq(orgs.kind, 'drc'));
  if (!district || !drc) return;
  const [done] = await db.select({ id: meetings.id }).from(meetings).limit(1);
  if (done) return;
  const clock = { now: () => now };
  const audit = createAuditRepository(db);
  const service = createMeetingsService({
    database,
    audit,
    clock,
    calendar: createCalendarService({ database, audit, clock }),
  });
  // The district's 重大项目办 as it acts in the demo (an operator of the seeding, not a user account).
  const principal = {
    userId: null,
    displayName: '演示数据',
    orgId: drc.id,
    orgName: drc.shortName,
    roles: ['drc'],
    actions: new Set(['registry.admin', 'project.read']),
    regionScopeIds: [district.id],
    scopePaths: [district.path],
  } as unknown as Principal;
  const actor: AuditActor = {
    userId: null,
    username: 'demo-seed',
    roles: ['drc'],
    ip: null,
    requestId: null,
  };
  const units = await db.select({ id: orgs.id, kind: orgs.kind }).from(orgs);
  const unit = (kind: string) => units.find((u) => u.kind === kind)?.id ?? drc.id;
  const today = shanghaiDate(now);
  for (const [k, days] of [14, 7].entries()) {
    const heldOn = addDays(today, -days);
    const created = await service.create(principal, actor, {
      type: 'weekly',
      title: `重大项目周调度会（${heldOn.slice(5).replace('-', '月')}日）`,
      heldOn,
      chair: '常务副区长',
      unitIds: [unit('natural_resources'), unit('housing'), unit('utilities'), unit('admin_approval')],
    });
    const items = created.agenda.slice(0, 2);
    let version = created.meeting.version;
    for (const [i, item] of items.entries()) {
      const problem = item.problems[0];
      const decided = await service.decide(principal, actor, created.meeting.id, {
        version,
        text:
          k === 0 && i === 0
            ? `请${problem ? '主办单位' : '板块'}倒排时间，加快推进前期手续，下次调度会汇报进展`
            : problem
              ? `问题“${problem.title}”由区住建局牵头，会同相关部门10个工作日内协调解决`
              : '请板块督促企业按月报送月报并上传现场照片',
        projectId: item.projectId,
        ...(problem ? { problemId: problem.id } : {}),
        category: 'other',
        leadOrgId: problem ? unit('housing') : unit('admin_approval'),
        coOrgIds: [],
        limitWorkingDays: 10,
      });
      version = decided.meeting.version;
    }
    await service.update(principal, actor, created.meeting.id, {
      version,
      status: 'held',
      minutes: '会议听取了红灯项目和超期问题的情况汇报，明确了责任单位和办理时限。',
    });
  }
}
