import {
  COMPOSITE_METRIC_LABELS,
  LIBRARY_LEVEL_LABELS,
  type StatsOverview,
  type statsReportQuery,
} from '@groundbreak/contract';
import {
  type CellValue,
  COUNTED_REPORT_STATUSES,
  childLibraryLevel,
  formatPercentOf,
  type LibraryLevel,
  lastDayOf,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_OPEN_STATUSES,
  PROBLEM_STATUS_LABELS,
  type ProblemCategory,
  type ProblemStatus,
  periodText,
  ratio,
  roundHalfUp,
  YUAN_PER_WAN,
} from '@groundbreak/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { AppError } from '../../errors';
import type { NotesSheet, SheetColumn } from '../../lib/excel/write-workbook';
import type { Principal } from '../registry';
import type { StatsService } from './stats.service';

// The standard reports the offices exchange, for the scope and period of the statistics overview: the
// 重大项目月度推进表 of one library level, the 板块汇总表 and the 问题台账. Each starts from the overview
// itself, so the scope check, the default period and every figure the cockpit shows are the overview's;
// the project and problem rows are then read under that region with the overview's own rules (the year's
// library membership, the latest approved annual plan of each region, reports once submitted, problems
// assigned in the year to the period's end), and the test reconciles the totals with the overview.

type Query = z.output<typeof statsReportQuery>;

/** One workbook: a sheet of rows under Chinese headers and the notes sheet saying what they count. */
export type StatsReport = {
  fileName: string;
  sheetName: string;
  columns: SheetColumn[];
  rows: CellValue[][];
  notes: NotesSheet;
};

const column = (header: string, width = 14, kind: SheetColumn['kind'] = 'text'): SheetColumn => ({
  key: header,
  label: header,
  header,
  kind,
  width,
});
const money = (header: string) => column(header, 14, 'money');
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const yuanOf = (v: string | null) => (v === null ? null : Number(v));
/** Integer 元 as 万元, a number with 2 decimals (half-up). */
const wan = (yuan: number | null) => (yuan === null ? null : roundHalfUp(yuan / YUAN_PER_WAN, 2));
/** A fraction as "26.3%" (1 decimal, kept when zero so that a column reads evenly); blank without one. */
const percent = (rate: number | null) => (rate === null ? null : `${roundHalfUp(rate * 100, 1).toFixed(1)}%`);
const day = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
const inList = (values: readonly string[]): SQL =>
  sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
const periodName = (o: StatsOverview) => `${o.year}年${periodText(1, o.month)}`;

const SHANGHAI_MINUTE = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Where the rows are read: under the overview's region, in its year to the period's month. */
type Scope = { prefix: string; year: number; ym: string };

// ── 重大项目月度推进表 ──────────────────────────────────────────────────────────────────────────────

type ProgressRow = {
  name: string;
  builder_name: string | null;
  scale_content: string | null;
  total_investment: string | null;
  plan_yuan: string | null;
  month_yuan: string | null;
  ytd_yuan: string | null;
  progress_text: string | null;
  open_problems: string | null;
};

/** The level's library members of the scope, with the plan line and reports counted as the overview does. */
const progressQuery = ({ prefix, year, ym }: Scope, level: LibraryLevel) => sql`
  WITH plan AS (
    SELECT DISTINCT ON (region_id) id FROM annual_plans
     WHERE year = ${year} AND status = 'approved' ORDER BY region_id, version DESC),
  scope AS (SELECT id FROM regions WHERE path LIKE ${prefix}),
  planned AS (
    SELECT i.project_id, sum(i.planned_investment) AS plan_yuan
      FROM annual_plan_items i JOIN plan ON plan.id = i.plan_id
     WHERE i.region_id IN (SELECT id FROM scope) GROUP BY i.project_id),
  counted AS (
    SELECT r.project_id, r.month, r.month_yuan, r.progress_text FROM monthly_reports r
     WHERE r.deleted_at IS NULL AND r.month BETWEEN ${`${year}-01`} AND ${ym}
       AND r.status IN ${inList(COUNTED_REPORT_STATUSES)} AND r.region_id IN (SELECT id FROM scope)),
  done AS (SELECT project_id, sum(month_yuan) AS ytd_yuan FROM counted GROUP BY project_id),
  lib AS (
    SELECT DISTINCT project_id FROM project_libraries
     WHERE year = ${year} AND level = ${level} AND status = 'entered' AND deleted_at IS NULL),
  open AS (
    SELECT project_id, string_agg(title, '；' ORDER BY raised_on, problem_no) AS titles FROM problems
     WHERE deleted_at IS NULL AND status IN ${inList(PROBLEM_OPEN_STATUSES)}
       AND region_id IN (SELECT id FROM scope)
     GROUP BY project_id)
  SELECT p.name, p.builder_name, p.scale_content, p.total_investment::text, planned.plan_yuan::text,
         m.month_yuan::text, done.ytd_yuan::text, m.progress_text, open.titles AS open_problems
    FROM projects p
    JOIN regions rg ON rg.id = p.region_id
    JOIN lib ON lib.project_id = p.id
    LEFT JOIN planned ON planned.project_id = p.id
    LEFT JOIN done ON done.project_id = p.id
    LEFT JOIN counted m ON m.project_id = p.id AND m.month = ${ym}
    LEFT JOIN open ON open.project_id = p.id
   WHERE p.deleted_at IS NULL AND rg.path LIKE ${prefix}
   ORDER BY rg.sort_order, rg.code, p.internal_no`;

const PROGRESS_COLUMNS = [
  column('序号', 6, 'number'),
  column('项目名称', 30),
  column('建设单位', 26),
  column('建设内容', 40),
  money('总投资（万元）'),
  money('年度计划（万元）'),
  money('本月完成（万元）'),
  money('自年初累计（万元）'),
  column('完成率', 10),
  column('形象进度', 40),
  column('存在问题', 40),
];

/**
 * The projects' rows and the 合计, summed in 元 before converting. The cockpit's 完成率 counts only the
 * projects with a line in the annual plan; when a project without one has reported investment, one 合计
 * cannot show both, so a 其中 row gives the planned projects' sums and the rate, and the 合计 leaves it blank.
 */
function progressRows(rows: ProgressRow[]): CellValue[][] {
  const body: CellValue[][] = rows.map((r, i) => {
    const plan = yuanOf(r.plan_yuan);
    return [
      i + 1,
      r.name,
      r.builder_name,
      r.scale_content,
      wan(yuanOf(r.total_investment)),
      wan(plan),
      wan(yuanOf(r.month_yuan)),
      wan(yuanOf(r.ytd_yuan)),
      percent(plan === null ? null : ratio(num(r.ytd_yuan), plan)),
      r.progress_text,
      r.open_problems,
    ];
  });
  const total = (key: keyof ProgressRow, only: ProgressRow[]) => only.reduce((s, r) => s + num(r[key]), 0);
  const planned = rows.filter((r) => r.plan_yuan !== null);
  const plan = total('plan_yuan', rows);
  const rate = plan > 0 ? ratio(total('ytd_yuan', planned), plan) : null;
  const split = rows.some((r) => r.plan_yuan === null && num(r.ytd_yuan) !== 0);
  const sumRow = (label: string, only: ProgressRow[], shownRate: number | null): CellValue[] => [
    label,
    null,
    null,
    null,
    ...(['total_investment', 'plan_yuan', 'month_yuan', 'ytd_yuan'] as const).map((k) => wan(total(k, only))),
    percent(shownRate),
    null,
    null,
  ];
  body.push(sumRow('合计', rows, split ? null : rate));
  if (split) body.push(sumRow('其中：列入年度计划', planned, rate));
  return body;
}

const progressRules = (year: number, levelName: string): [string, string][] => [
  ['项目', `${year}年${levelName}项目库的在库项目（已入库、未撤销），按板块、内部编号排列`],
  ['年度计划', '各区域最新审定的年度计划中该项目的计划投资；未列入年度计划的为空'],
  [
    '本月完成、自年初累计',
    '已报送、板块已审核、区发改已确认的月报（草稿、退回的不计）；自年初累计为1月至本月之和',
  ],
  [
    '完成率',
    '自年初累计 ÷ 年度计划。合计的完成率只计列入年度计划的项目，与领导驾驶舱相同；有未列入计划的项目上报了投资时，另列“其中：列入年度计划”一行',
  ],
  ['形象进度', '本月已报送的月报所填的形象进度'],
  ['存在问题', '项目正在办理（已交办、办理中、延期申请中）的问题，以“；”分隔'],
  ['金额', '万元，保留两位小数；合计按元求和后换算，与各行之和可能相差 0.01'],
];

// ── 板块汇总表 ──────────────────────────────────────────────────────────────────────────────────────

const SUBAREA_COLUMNS = [
  column('板块', 22),
  column('项目数', 8, 'number'),
  money('年度计划（万元）'),
  money('自年初累计（万元）'),
  column('投资完成率', 10),
  column('新开工（已开工/计划）', 14),
  column('开工率', 10),
  column('入库（个）', 10, 'number'),
  column('入库目标', 10, 'number'),
  column('问题（已销号/已交办）', 14),
  column('综合得分', 10, 'number'),
  column('综合排名', 10, 'number'),
];

/** The overview's children as the cockpit ranks them, and their column sums (rates from the sums). */
function subareaRows(children: StatsOverview['children']): CellValue[][] {
  const sum = (pick: (c: (typeof children)[number]) => number | null) =>
    children.reduce((s, c) => s + (pick(c) ?? 0), 0);
  const fraction = (value: number, of: number | null) => (of === null ? null : `${value}/${of}`);
  const rows: CellValue[][] = children.map((c) => [
    c.regionName,
    c.projects,
    wan(c.investment.of ?? 0),
    wan(c.investment.value),
    percent(c.investment.rate),
    fraction(c.starts.value, c.starts.of),
    percent(c.starts.rate),
    c.entries.value,
    c.entries.of,
    fraction(c.problems.value, c.problems.of),
    roundHalfUp(c.composite.score, 1),
    c.ranks.composite,
  ]);
  const plan = sum((c) => c.investment.of);
  const ytd = sum((c) => c.investment.value);
  const started = sum((c) => c.starts.value);
  const newBuild = sum((c) => c.starts.of);
  rows.push([
    '合计',
    sum((c) => c.projects),
    wan(plan),
    wan(ytd),
    percent(plan > 0 ? ratio(ytd, plan) : null),
    `${started}/${newBuild}`,
    percent(newBuild > 0 ? ratio(started, newBuild) : null),
    sum((c) => c.entries.value),
    children.some((c) => c.entries.of !== null) ? sum((c) => c.entries.of) : null,
    `${sum((c) => c.problems.value)}/${sum((c) => c.problems.of)}`,
    null,
    null,
  ]);
  return rows;
}

function subareaRules(o: StatsOverview): [string, string][] {
  // The overview measures a district's 板块 on 区重点 entries, a city's districts on 市重大, a province's on 省重大.
  const level: LibraryLevel = childLibraryLevel(o.region.level);
  const weights = Object.entries(o.weights)
    .map(([k, w]) => `${COMPOSITE_METRIC_LABELS[k] ?? k}×${formatPercentOf(w)}`)
    .join(' + ');
  return [
    ['口径', '与领导驾驶舱“各板块比较”为同一计算'],
    ['项目数', '板块内的全部项目'],
    [
      '年度计划、自年初累计',
      '列入最新审定年度计划的项目；累计为这些项目1月至本月已报送（含板块已审核、区发改已确认）的月报',
    ],
    ['新开工', '年度类别为新开工的项目中，到期末已开工的个数 / 计划新开工个数'],
    [
      '入库',
      `期内新入${LIBRARY_LEVEL_LABELS[level]}项目库的个数；入库目标为各板块本年度的${LIBRARY_LEVEL_LABELS[level]}入库目标`,
    ],
    ['问题', '本年1月1日至期末交办的问题中已销号的 / 交办的'],
    ['综合得分、综合排名', `${weights}（各率最高计100%），得分相同者名次并列`],
    ['合计', '各板块之和，比率按合计数计算'],
  ];
}

// ── 问题台账 ────────────────────────────────────────────────────────────────────────────────────────

type LedgerRow = {
  problem_no: string;
  project_name: string;
  region_name: string;
  title: string;
  category: string;
  level: string;
  units: string | null;
  assigned_on: string | null;
  due_on: string | null;
  status: string;
  closed_on: string | null;
};

/** The problems the overview's 问题办结率 counts: assigned from 1 January to the period's end, in scope. */
const ledgerQuery = ({ prefix, year, ym }: Scope) => sql`
  SELECT pr.problem_no, p.name AS project_name, rg.name AS region_name, pr.title, pr.category, pr.level,
         concat_ws('、', lead.short_name,
           (SELECT string_agg(co.short_name, '、' ORDER BY array_position(pr.co_org_ids, co.id))
              FROM orgs co WHERE co.id = ANY(pr.co_org_ids) AND co.id IS DISTINCT FROM pr.lead_org_id)) AS units,
         pr.assigned_on::text, pr.due_on::text, pr.status, pr.closed_on::text
    FROM problems pr
    JOIN projects p ON p.id = pr.project_id
    JOIN regions rg ON rg.id = pr.region_id
    LEFT JOIN orgs lead ON lead.id = pr.lead_org_id
   WHERE pr.deleted_at IS NULL AND rg.path LIKE ${prefix}
     AND pr.assigned_on BETWEEN ${`${year}-01-01`}::date AND ${lastDayOf(ym)}::date
   ORDER BY pr.assigned_on, pr.problem_no`;

const LEDGER_COLUMNS = [
  column('问题编号', 14),
  column('项目名称', 30),
  column('板块', 18),
  column('问题标题', 36),
  column('问题类型', 12),
  column('级别', 6),
  column('责任单位', 28),
  column('交办日期', 12, 'date'),
  column('办理时限', 12, 'date'),
  column('状态', 14),
  column('销号日期', 12, 'date'),
];

const ledgerRow = (r: LedgerRow): CellValue[] => [
  r.problem_no,
  r.project_name,
  r.region_name,
  r.title,
  PROBLEM_CATEGORY_LABELS[r.category as ProblemCategory] ?? r.category,
  r.level,
  r.units || null,
  day(r.assigned_on),
  day(r.due_on),
  PROBLEM_STATUS_LABELS[r.status as ProblemStatus] ?? r.status,
  day(r.closed_on),
];

const ledgerRules = (year: number): [string, string][] => [
  ['问题', `${year}年1月1日至期末交办的问题（与领导驾驶舱“问题办结率”的分母相同），按交办日期排列`],
  ['级别', 'L1–L4：督办升级的层级'],
  ['责任单位', '第一个为主办单位，其后为协办单位'],
  ['办理时限', '当前的办理时限（含已批准的延期）'],
  ['状态', '导出时的状态'],
];

// ── the service ─────────────────────────────────────────────────────────────────────────────────────

export function createStatsReportsService(deps: {
  database: Database;
  clock: Clock;
  stats: Pick<StatsService, 'overview'>;
}) {
  const { db } = deps.database;

  /** The overview (scope check, period) and the path of its region, which the row queries read under. */
  async function scopeOf(principal: Principal, query: Query): Promise<{ o: StatsOverview; scope: Scope }> {
    const o = await deps.stats.overview(principal, query);
    const { rows } = await db.execute<{ path: string }>(
      sql`SELECT path FROM regions WHERE id = ${o.region.id}::uuid`,
    );
    const path = rows[0]?.path;
    if (!path) throw new AppError('NOT_FOUND', '统计范围不存在或无权访问');
    return {
      o,
      scope: { prefix: `${path}%`, year: o.year, ym: `${o.year}-${String(o.month).padStart(2, '0')}` },
    };
  }

  const notes = (o: StatsOverview, rules: [string, string][]): NotesSheet => ({
    title: '说明',
    rows: [
      ['统计范围', o.region.name],
      ['统计期间', periodName(o)],
      ['数据时间', `${SHANGHAI_MINUTE.format(deps.clock.now())}（北京时间）`],
      ...rules,
    ],
  });

  return {
    /** 重大项目月度推进表: the projects of one library level in the scope, with the 合计 the cockpit shows. */
    async progress(principal: Principal, query: Query): Promise<StatsReport> {
      const level = query.level;
      if (!level)
        throw new AppError('VALIDATION_FAILED', '请选择项目级别', {
          fields: [{ field: 'level', message: '请选择项目级别（省重大、市重大或区重点）' }],
        });
      const { o, scope } = await scopeOf(principal, query);
      const { rows } = await db.execute<ProgressRow>(progressQuery(scope, level));
      const levelName = LIBRARY_LEVEL_LABELS[level];
      return {
        fileName: `${o.region.name}${levelName}项目月度推进表（${periodName(o)}）.xlsx`,
        sheetName: `${levelName}项目推进表`,
        columns: PROGRESS_COLUMNS,
        rows: progressRows(rows),
        notes: notes(o, progressRules(o.year, levelName)),
      };
    },

    /** 板块汇总表: the overview's child regions, numbers and ranks as the cockpit shows them. */
    async subareas(principal: Principal, query: Query): Promise<StatsReport> {
      const o = await deps.stats.overview(principal, query);
      return {
        fileName: `${o.region.name}板块汇总表（${periodName(o)}）.xlsx`,
        sheetName: '板块汇总表',
        columns: SUBAREA_COLUMNS,
        rows: subareaRows(o.children),
        notes: notes(o, subareaRules(o)),
      };
    },

    /** 问题台账: the problems behind the overview's 问题办结率, one row each. */
    async problems(principal: Principal, query: Query): Promise<StatsReport> {
      const { o, scope } = await scopeOf(principal, query);
      const { rows } = await db.execute<LedgerRow>(ledgerQuery(scope));
      return {
        fileName: `${o.region.name}问题台账（${periodName(o)}）.xlsx`,
        sheetName: '问题台账',
        columns: LEDGER_COLUMNS,
        rows: rows.map(ledgerRow),
        notes: notes(o, ledgerRules(o.year)),
      };
    },
  };
}

export type StatsReportsService = ReturnType<typeof createStatsReportsService>;
