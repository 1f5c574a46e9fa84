import { createHash } from 'node:crypto';
import {
  type LightListResponse,
  type LightRulesSetting,
  type lightListQuery,
  type ProjectLightView,
  parseSort,
} from '@groundbreak/contract';
import {
  addMonths,
  COUNTED_REPORT_STATUSES,
  checkMonthClose,
  closedMonthAsOf,
  evaluateLights,
  LIGHT_RULE_SETS,
  type LightFacts,
  type LightRuleSet,
  monthCloseOn,
  monthOf,
  monthsDueToClose,
  nextMonthToClose,
  type PlanLink,
  type PlanNode,
  type ProjectLight,
  REPORTING_STATES,
  reportDueOn,
  schedulePlan,
  type WorkingCalendar,
} from '@groundbreak/domain';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Clock, shanghaiDate, startOfShanghaiDay } from '../../clock';
import type { Database } from '../../db/database';
import type { PlanNodeRecord } from '../../db/schema/approvals';
import { appSettings, projectLightMonths, projectLights, projects, regions } from '../../db/schema/index';
import { AppError } from '../../errors';
import { containsPattern } from '../../lib/paging';
import { projectChildInScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { CalendarService } from '../calendar/calendar.service';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';

// Warning lights (domain.md §7.4). One loader gathers the facts of many projects as of a day, in a few
// set-wise queries — the year's planned investment and the running totals its reports gave, the planned and
// actual start, the 倒排 plan's nodes, the running approval items, the open problems, the reports owed and
// submitted — and the district's rule set (Yinchuan's by default) reads them. The same loader serves one
// project's live light, a replay as of a past day (reports count from the day they were submitted; plans and
// approval items are read as they stand now), the refresh of stale lights, the nightly recompute of every
// tracked project and the official lights frozen when a month closes.

const KEY = 'light_rules';
const DEFAULT: LightRulesSetting = { ruleSet: 'yinchuan', fundsEnabled: false };
const RUNNING = ['accepted', 'accepted_with_gaps'];
/** Projects whose light is kept: signed and not yet completed (a lead has no plan to be late against). */
export const TRACKED_STATES = ['SIGNED', ...REPORTING_STATES] as const;
/** Projects read per round trip in a bulk recompute. */
const CHUNK = 2000;

type ProjectFactsRow = {
  id: string;
  region_id: string;
  state: string;
  created_at: Date;
  filed_on: string | null;
  planned_start_on: string | null;
  actual_start_on: string | null;
  project_type: string | null;
};

export type ComputedLight = ProjectLight & {
  projectId: string;
  state: string;
  regionId: string;
  asOf: string;
  period: string;
  ruleSet: string;
};

/** A short stable name for a statement's text. */
function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 20);
}

export function createLightsService(deps: {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  calendar: CalendarService;
  /** For the single-project reads: loads the project in the caller's scope (404 outside it). */
  projects?: ProjectsService;
}) {
  const { db, pool } = deps.database;

  async function rules(): Promise<LightRulesSetting> {
    const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY)).limit(1);
    return { ...DEFAULT, ...((row?.value ?? {}) as Partial<LightRulesSetting>) };
  }

  function ruleSetOf(setting: LightRulesSetting): LightRuleSet {
    const base = LIGHT_RULE_SETS[setting.ruleSet].rules as LightRuleSet;
    return { ...base, funds: { enabled: setting.fundsEnabled } };
  }

  async function closedMonths(): Promise<Record<string, string>> {
    const { rows } = await pool.query<{ month: string; closed_on: string }>(
      `SELECT month, closed_on::text FROM tracking_months`,
    );
    return Object.fromEntries(rows.map((r) => [r.month, r.closed_on]));
  }

  type Context = {
    day: string;
    period: string;
    closedOn: Record<string, string>;
    setting: LightRulesSetting;
    calendar: WorkingCalendar;
  };

  async function contextOf(day: string): Promise<Context> {
    const [setting, calendar, closedOn] = await Promise.all([
      rules(),
      deps.calendar.calendar(),
      closedMonths(),
    ]);
    return { day, period: closedMonthAsOf(day, closedOn), closedOn, setting, calendar };
  }

  /** The light of each project in `ids` (those that exist and are not deleted) as of `ctx.day`. */
  async function compute(ids: readonly string[], ctx: Context): Promise<ComputedLight[]> {
    if (ids.length === 0) return [];
    const { day, period } = ctx;
    const year = Number(period.slice(0, 4));
    // Reports count from the day they were submitted: before the end of `day` in Shanghai.
    const dayEnd = startOfShanghaiDay(day);
    dayEnd.setUTCDate(dayEnd.getUTCDate() + 1);
    const yearBack = addMonths(monthOf(day), -12);
    const idArray = [...ids];
    const [projects, plans, reports, items, schedules, problems] = await Promise.all([
      pool.query<ProjectFactsRow>(
        `SELECT id, region_id, state, created_at, filed_on::text, planned_start_on::text, actual_start_on::text, project_type
           FROM projects WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
        [idArray],
      ),
      pool.query<{ project_id: string; planned: string }>(
        `SELECT project_id, planned_investment::text AS planned FROM project_year_plans
          WHERE project_id = ANY($1::uuid[]) AND year = $2`,
        [idArray, year],
      ),
      pool.query<{
        project_id: string;
        months: string[] | null;
        ytd: Record<string, number> | null;
        in_statistics_at: Date | null;
      }>(
        `SELECT project_id,
                array_agg(month ORDER BY month) FILTER (WHERE month >= $3) AS months,
                json_object_agg(month, ytd_yuan) FILTER (WHERE month LIKE $4 AND ytd_yuan IS NOT NULL) AS ytd,
                min(submitted_at) FILTER (WHERE in_statistics) AS in_statistics_at
           FROM monthly_reports
          WHERE project_id = ANY($1::uuid[]) AND deleted_at IS NULL AND status = ANY($5::text[])
            AND submitted_at < $2
          GROUP BY project_id`,
        [idArray, dayEnd, yearBack, `${year}-%`, [...COUNTED_REPORT_STATUSES]],
      ),
      pool.query<{ project_id: string; name: string; due_on: string | null; accepted_on: string | null }>(
        `SELECT project_id, name, due_on::text, accepted_on::text FROM project_approval_items
          WHERE project_id = ANY($1::uuid[]) AND deleted_at IS NULL AND status = ANY($2::text[])`,
        [idArray, RUNNING],
      ),
      // Plans with the items their nodes are linked to (an item's dates stand in for a node's actuals).
      pool.query<{
        project_id: string;
        anchor: string;
        target_on: string;
        nodes: PlanNodeRecord[];
        links: PlanLink[];
        items: Array<{
          code: string;
          status: string;
          accepted_on: string | null;
          done_on: string | null;
        }> | null;
      }>(
        `SELECT p.project_id, p.anchor, p.target_on::text, p.nodes, p.links,
                (SELECT json_agg(json_build_object('code', i.code, 'status', i.status,
                                 'accepted_on', i.accepted_on, 'done_on', i.done_on))
                   FROM project_approval_items i
                  WHERE i.project_id = p.project_id AND i.deleted_at IS NULL
                    AND i.code IN (SELECT n->>'approvalCode' FROM jsonb_array_elements(p.nodes) n)) AS items
           FROM project_plans p WHERE p.project_id = ANY($1::uuid[]) AND p.deleted_at IS NULL`,
        [idArray],
      ),
      problemFacts(idArray, ruleSetOf(ctx.setting)),
    ]);
    const group = <T extends { project_id: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of rows) {
        const list = map.get(r.project_id);
        if (list) list.push(r);
        else map.set(r.project_id, [r]);
      }
      return map;
    };
    const planOf = new Map(plans.rows.map((r) => [r.project_id, Number(r.planned)]));
    const reportsOf = new Map(reports.rows.map((r) => [r.project_id, r]));
    const itemsOf = group(items.rows);
    const scheduleOf = new Map(schedules.rows.map((r) => [r.project_id, r]));
    const rules = ruleSetOf(ctx.setting);
    return projects.rows.map((project) => {
      const rep = reportsOf.get(project.id);
      // Reports are owed from the month the project was filed (备案, when it entered the reporting states;
      // its registration when no filing date is known), the next month when that came after the month's
      // due date, and at most a year back.
      const owedOn = project.filed_on ?? shanghaiDate(project.created_at);
      const owedMonth = monthOf(owedOn);
      const registered = owedOn > reportDueOn(owedMonth) ? addMonths(owedMonth, 1) : owedMonth;
      const planned = planOf.get(project.id);
      const facts: LightFacts = {
        asOf: day,
        period,
        closedOn: ctx.closedOn,
        plannedStartOn: project.planned_start_on,
        actualStartOn:
          project.actual_start_on && project.actual_start_on <= day ? project.actual_start_on : null,
        investment: planned !== undefined ? { annualPlanYuan: planned, ytdByMonth: rep?.ytd ?? {} } : null,
        inStatisticsOn: rep?.in_statistics_at ? shanghaiDate(rep.in_statistics_at) : null,
        governmentInvestment: project.project_type === 'government',
        funds: null,
        milestones: milestonesOf(scheduleOf.get(project.id), day, ctx.calendar),
        approvals: (itemsOf.get(project.id) ?? [])
          .filter((i) => i.accepted_on === null || i.accepted_on <= day)
          .map((i) => ({ name: i.name, dueOn: i.due_on, running: true })),
        problems: problems.get(project.id) ?? [],
        reportsFrom: (REPORTING_STATES as readonly string[]).includes(project.state)
          ? ([registered, yearBack].sort().at(-1) ?? registered)
          : null,
        submittedMonths: rep?.months ?? [],
      };
      return {
        projectId: project.id,
        state: project.state,
        regionId: project.region_id,
        asOf: day,
        period,
        ruleSet: ctx.setting.ruleSet,
        ...evaluateLights(facts, rules, ctx.calendar),
      };
    });
  }

  /** A plan's nodes with their latest finish on the reverse schedule, as the plan page computes them. */
  function milestonesOf(
    plan:
      | {
          anchor: string;
          target_on: string;
          nodes: PlanNodeRecord[];
          links: PlanLink[];
          items: Array<{
            code: string;
            status: string;
            accepted_on: string | null;
            done_on: string | null;
          }> | null;
        }
      | undefined,
    day: string,
    calendar: WorkingCalendar,
  ): LightFacts['milestones'] {
    if (!plan) return [];
    const byCode = new Map((plan.items ?? []).map((i) => [i.code, i]));
    const nodes: PlanNode[] = plan.nodes.map((n) => {
      const item = n.approvalCode ? byCode.get(n.approvalCode) : undefined;
      return {
        key: n.key,
        name: n.name,
        duration: n.duration,
        unit: n.unit,
        actualStart: n.actualStart ?? item?.accepted_on ?? null,
        actualFinish: n.actualFinish ?? (item?.status === 'done' ? item.done_on : null) ?? null,
      };
    });
    try {
      const s = schedulePlan({
        calendar,
        nodes,
        links: plan.links,
        anchor: plan.anchor,
        target: plan.target_on,
        today: day,
      });
      return nodes.map((n, i) => ({
        name: n.name,
        lateFinish: s.nodes[i]?.lateFinish ?? null,
        actualFinish: n.actualFinish && n.actualFinish <= day ? n.actualFinish : null,
      }));
    } catch {
      // A plan that cannot be scheduled says so on its own page; it lights nothing here.
      return [];
    }
  }

  /** Open problems per project: their time limit, escalations and the day of each escalation. */
  async function problemFacts(
    ids: string[],
    rules: LightRuleSet,
  ): Promise<Map<string, LightFacts['problems'][number][]>> {
    const { rows } = await pool.query<{
      project_id: string;
      title: string;
      due_on: string | null;
      escalations: number;
      escalated: string[] | null;
    }>(
      `SELECT p.project_id, p.title, p.due_on::text, p.escalations,
              (SELECT array_agg(e.at::date::text ORDER BY e.at) FROM problem_events e
                WHERE e.problem_id = p.id AND e.step LIKE 'escalate:%') AS escalated
         FROM problems p
        WHERE p.project_id = ANY($1::uuid[]) AND p.deleted_at IS NULL
          AND p.status IN ('assigned', 'in_progress', 'extension_requested')`,
      [ids],
    );
    const map = new Map<string, LightFacts['problems'][number][]>();
    for (const r of rows) {
      const list = map.get(r.project_id) ?? [];
      list.push({
        title: r.title,
        dueOn: r.due_on,
        open: true,
        escalations: r.escalations,
        escalatedOn: r.escalated?.[rules.problem.redAtEscalations - 1] ?? null,
      });
      map.set(r.project_id, list);
    }
    return map;
  }

  /** The rows of `lights` as one JSON parameter, read back by jsonb_to_recordset. */
  function recordsOf(lights: ComputedLight[]): string {
    return JSON.stringify(
      lights.map((l) => ({
        project_id: l.projectId,
        region_id: l.regionId,
        light: l.light,
        since: l.since,
        as_of: l.asOf,
        period: l.period,
        rule_set: l.ruleSet,
        findings: l.findings,
      })),
    );
  }
  const RECORD = `AS u(project_id uuid, region_id uuid, light text, since date, as_of date, period text,
    rule_set text, findings jsonb)`;

  /** Writes live lights; a row marked stale while it was being computed stays stale (the claim cleared it). */
  async function store(computed: ComputedLight[], now: Date): Promise<void> {
    const lights = computed.filter((l) => (TRACKED_STATES as readonly string[]).includes(l.state));
    if (lights.length === 0) return;
    await pool.query(
      `INSERT INTO project_lights (project_id, region_id, light, since, as_of, period, rule_set, findings, computed_at, stale)
       SELECT u.project_id, u.region_id, u.light, u.since, u.as_of, u.period, u.rule_set, u.findings, $2, false
         FROM jsonb_to_recordset($1::jsonb) ${RECORD}
       ON CONFLICT (project_id) DO UPDATE SET region_id = EXCLUDED.region_id, light = EXCLUDED.light,
         since = EXCLUDED.since, as_of = EXCLUDED.as_of, period = EXCLUDED.period, rule_set = EXCLUDED.rule_set,
         findings = EXCLUDED.findings, computed_at = EXCLUDED.computed_at`,
      [recordsOf(lights), now],
    );
  }

  /** Recomputes and stores the live lights of `ids` (claiming them first, so a change meanwhile re-marks). */
  async function refresh(ids: readonly string[]): Promise<number> {
    const now = deps.clock.now();
    const ctx = await contextOf(shanghaiDate(now));
    let done = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await pool.query(
        `UPDATE project_lights SET stale = false WHERE project_id = ANY($1::uuid[]) AND stale`,
        [chunk],
      );
      const lights = await compute(chunk, ctx);
      await store(lights, now);
      done += lights.length;
    }
    return done;
  }

  async function trackedIds(): Promise<string[]> {
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM projects WHERE deleted_at IS NULL AND state = ANY($1::text[]) ORDER BY id`,
      [[...TRACKED_STATES]],
    );
    return rows.map((r) => r.id);
  }

  return {
    rules,
    compute: async (ids: readonly string[], day: string) => compute(ids, await contextOf(day)),
    refresh,

    async saveRules(principal: Principal, actor: AuditActor, value: LightRulesSetting) {
      if (!principal.actions.has('registry.admin')) throw new AppError('FORBIDDEN', '亮灯规则由区发改设定');
      const now = deps.clock.now();
      const before = await rules();
      await db.transaction(async (tx) => {
        await tx
          .insert(appSettings)
          .values({ key: KEY, value, updatedAt: now })
          .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: now } });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'lights.rules_update',
            objectType: 'settings',
            result: 'success',
            summary: { before, after: value },
          },
          now,
        );
      });
      // Every stored light was read by the old rules.
      await pool.query(`UPDATE project_lights SET stale = true WHERE NOT stale`);
      return value;
    },

    /** The project's light as of `asOf` (today by default; today's is stored), with every rule's finding. */
    async forProject(principal: Principal, projectId: string, asOf?: string): Promise<ProjectLightView> {
      if (!deps.projects) throw new Error('lights service built without projects');
      const project = await deps.projects.load(principal, projectId);
      const today = shanghaiDate(deps.clock.now());
      const day = asOf && asOf < today ? asOf : today;
      if (day === today) {
        await pool.query(`UPDATE project_lights SET stale = false WHERE project_id = $1 AND stale`, [
          project.id,
        ]);
      }
      const [light] = await compute([project.id], await contextOf(day));
      if (!light) throw new AppError('NOT_FOUND', '项目不存在');
      if (day === today) await store([light], deps.clock.now());
      return {
        asOf: day,
        period: light.period,
        ruleSet: light.ruleSet as LightRulesSetting['ruleSet'],
        light: light.light,
        since: light.since,
        findings: light.findings,
      };
    },

    /** Lights marked stale by a change of their facts, and tracked projects with none yet. */
    async refreshStale(limit = 5000): Promise<number> {
      const { rows } = await pool.query<{ id: string }>(
        `SELECT project_id AS id FROM project_lights WHERE stale
         UNION
         SELECT p.id FROM projects p WHERE p.deleted_at IS NULL AND p.state = ANY($1::text[])
            AND NOT EXISTS (SELECT 1 FROM project_lights l WHERE l.project_id = p.id)
         LIMIT $2`,
        [[...TRACKED_STATES], limit],
      );
      // A project that left the tracked states keeps no light.
      await pool.query(
        `DELETE FROM project_lights l USING projects p
          WHERE p.id = l.project_id AND (p.deleted_at IS NOT NULL OR NOT (p.state = ANY($1::text[])))`,
        [[...TRACKED_STATES]],
      );
      return refresh(rows.map((r) => r.id));
    },

    /** The nightly recompute: every tracked project's live light. */
    async recomputeAll(): Promise<number> {
      await pool.query(
        `DELETE FROM project_lights l USING projects p
          WHERE p.id = l.project_id AND (p.deleted_at IS NOT NULL OR NOT (p.state = ANY($1::text[])))`,
        [[...TRACKED_STATES]],
      );
      return refresh(await trackedIds());
    },

    /**
     * Closes a month: from `closedOn` on, 序时 reads it and its reports take no more changes; every tracked
     * project's light of that day is kept as the month's official light, in the same transaction. The nightly
     * run closes a month left open on its default day, as the system.
     */
    async closeMonth(month: string, closedOn: string, actor: AuditActor): Promise<number> {
      const now = deps.clock.now();
      const base = await contextOf(closedOn);
      if (base.closedOn[month]) throw new AppError('CONFLICT', `${month} 已于${base.closedOn[month]}关账`);
      const closed = { ...base.closedOn, [month]: closedOn };
      const ctx = { ...base, closedOn: closed, period: closedMonthAsOf(closedOn, closed) };
      const ids = await trackedIds();
      const lights: ComputedLight[] = [];
      for (let i = 0; i < ids.length; i += CHUNK)
        lights.push(...(await compute(ids.slice(i, i + CHUNK), ctx)));
      await db.transaction(async (tx) => {
        // Saves to the month's reports hold this lock shared while they write.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`tracking_month:${month}`}))`);
        const inserted = await tx.execute(
          sql`INSERT INTO tracking_months (month, closed_on, closed_at, closed_by, projects)
              VALUES (${month}, ${closedOn}, ${now}, ${actor.userId}, ${lights.length})
              ON CONFLICT (month) DO NOTHING RETURNING month`,
        );
        if (inserted.rows.length === 0) throw new AppError('CONFLICT', `${month} 已关账`);
        for (let i = 0; i < lights.length; i += CHUNK) {
          await tx.execute(
            sql`INSERT INTO project_light_months
                (month, project_id, region_id, light, since, as_of, period, rule_set, findings, computed_at)
              SELECT ${month}, u.project_id, u.region_id, u.light, u.since, u.as_of, u.period, u.rule_set, u.findings,
                     ${now}::timestamptz
                FROM jsonb_to_recordset(${recordsOf(lights.slice(i, i + CHUNK))}::jsonb) ${sql.raw(RECORD)}`,
          );
        }
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'tracking.month_close',
            objectType: 'settings',
            result: 'success',
            summary: { month, closedOn, projects: lights.length },
          },
          now,
        );
        // 序时 moved on: every live light reads the new month.
        await tx.execute(sql`UPDATE project_lights SET stale = true WHERE NOT stale`);
      });
      return lights.length;
    },

    /** The closed months (latest first) and the one 区发改 would close next. */
    async months(principal: Principal) {
      const { rows } = await pool.query<{
        month: string;
        closed_on: string;
        closed_at: Date;
        closed_by_name: string | null;
        projects: number;
      }>(
        `SELECT m.month, m.closed_on::text, m.closed_at, u.display_name AS closed_by_name, m.projects
           FROM tracking_months m LEFT JOIN users u ON u.id = m.closed_by ORDER BY m.month DESC LIMIT 36`,
      );
      const next = nextMonthToClose(rows[0]?.month, shanghaiDate(deps.clock.now()));
      return {
        items: rows.map((m) => ({
          month: m.month,
          closedOn: m.closed_on,
          closedAt: m.closed_at.toISOString(),
          closedByName: m.closed_by_name,
          projects: m.projects,
        })),
        next: { month: next, defaultCloseOn: monthCloseOn(next) },
        canClose: principal.actions.has('registry.admin'),
      };
    },

    /** 区发改 closes `month` today, when the rules allow it (see closeMonth). */
    async closeMonthNow(actor: AuditActor, month: string) {
      const today = shanghaiDate(deps.clock.now());
      const wrong = checkMonthClose(month, today);
      if (wrong.length > 0) throw new AppError('VALIDATION_FAILED', wrong.join('；'));
      return { month, closedOn: today, projects: await this.closeMonth(month, today, actor) };
    },

    /** Months past their default close day that 区发改 left open, as of `day`. */
    async monthsDueToClose(day: string): Promise<string[]> {
      return monthsDueToClose(day, await closedMonths());
    },

    closedMonths,
    defaultCloseOn: (month: string) => monthCloseOn(month),

    /** The red and yellow list of the caller's scope: live, or the official lights of a closed month. */
    async list(principal: Principal, query: z.output<typeof lightListQuery>): Promise<LightListResponse> {
      const official = query.month !== undefined;
      const t = official ? projectLightMonths : projectLights;
      const base: SQL[] = [projectChildInScope(principal, t.regionId, t.projectId, query.regionId)];
      if (official) base.push(eq(projectLightMonths.month, query.month as string));
      if (query.level) base.push(sql`${query.level} = ANY(${projects.levels})`);
      if (query.rule) {
        base.push(
          sql`jsonb_path_exists(${t.findings}, '$[*] ? (@.rule == $r && @.light != "green")', jsonb_build_object('r', ${query.rule}::text))`,
        );
      }
      if (query.q) {
        const pattern = containsPattern(query.q);
        base.push(sql`(${projects.name} ILIKE ${pattern} OR ${projects.internalNo} ILIKE ${pattern})`);
      }
      const lights = query.light === 'warning' ? ['red', 'yellow'] : [query.light];
      const lightIn = (list: string[]) => sql`${t.light} = ANY(${`{${list.join(',')}}`}::text[])`;
      const where = and(...base, lightIn(lights));
      const sort = parseSort(query.sort);
      const order =
        sort?.field === 'internalNo'
          ? [sort.direction === 'asc' ? asc(projects.internalNo) : desc(projects.internalNo)]
          : sort?.field === 'since'
            ? [sort.direction === 'asc' ? asc(t.since) : desc(t.since)]
            : // Red first ('red' sorts before 'yellow'), then the longest-standing.
              [sort?.direction === 'desc' ? desc(t.light) : asc(t.light), asc(t.since)];
      // One statement a request. The page is chosen on the narrow light rows (joining projects only for the
      // filters and the sort that read them) and only its rows are read in full: sorting a district's wide
      // rows with their explanations cost more than the rest. The counts ride along as a scalar subquery
      // on the light's own scope index; a page past the end counts on its own.
      const needsProject = Boolean(query.level || query.q);
      const narrow = db.select({ id: t.projectId }).from(t);
      const pick = (
        needsProject || sort?.field === 'internalNo'
          ? narrow.innerJoin(projects, eq(projects.id, t.projectId))
          : narrow
      )
        .where(where)
        .orderBy(...order, asc(t.projectId))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const tally = db.select({ light: t.light }).from(t);
      const counting = (needsProject ? tally.innerJoin(projects, eq(projects.id, t.projectId)) : tally).where(
        and(...base, lightIn(['red', 'yellow'])),
      );
      const countsSql = sql<{ red: number; yellow: number }>`(SELECT json_build_object(
          'red', count(*) FILTER (WHERE c.light = 'red'), 'yellow', count(*) FILTER (WHERE c.light = 'yellow'))
        FROM (${counting}) AS c)`;
      // Only the rules that are not green leave the database, without their inputs (the project's page
      // shows those): most of a light's findings are green, and parsing them was a good part of the cost.
      const warnings = sql<
        LightListResponse['items'][number]['findings']
      >`(SELECT coalesce(jsonb_agg(e.f - 'inputs' ORDER BY e.n), '[]'::jsonb)
          FROM jsonb_array_elements(${t.findings}) WITH ORDINALITY AS e(f, n) WHERE e.f->>'light' <> 'green')`;
      const statement = db
        .select({
          l: {
            projectId: t.projectId,
            light: t.light,
            since: t.since,
            asOf: t.asOf,
            period: t.period,
            computedAt: t.computedAt,
          },
          findings: warnings,
          name: projects.name,
          internalNo: projects.internalNo,
          levels: projects.levels,
          state: projects.state,
          regionName: regions.name,
          stale: official ? sql<boolean>`false` : projectLights.stale,
          counts: countsSql,
        })
        .from(t)
        .innerJoin(projects, eq(projects.id, t.projectId))
        .innerJoin(regions, eq(regions.id, t.regionId))
        .where(
          and(
            sql`${t.projectId} IN (${pick})`,
            official ? eq(projectLightMonths.month, query.month as string) : undefined,
          ),
        )
        .orderBy(...order, asc(t.projectId));
      // A named statement per query text: each pooled connection parses and plans it once, and later
      // requests only bind their values (planning this join cost more than running it).
      const rows = await statement.prepare(`gb_lights_${hashOf(statement.toSQL().sql)}`).execute();
      const counts =
        rows[0]?.counts ??
        (query.page === 1
          ? { red: 0, yellow: 0 }
          : ((await db.execute<{ n: { red: number; yellow: number } }>(sql`SELECT ${countsSql} AS n`)).rows[0]
              ?.n ?? { red: 0, yellow: 0 }));
      const countOf = (light: string) => (light === 'red' ? counts.red : counts.yellow);
      const total = lights.reduce((sum, l) => sum + countOf(l), 0);
      return {
        items: rows.map((x) => ({
          project: {
            id: x.l.projectId,
            name: x.name,
            internalNo: x.internalNo,
            regionName: x.regionName,
            levels: x.levels,
            state: x.state,
          },
          light: x.l.light,
          since: x.l.since,
          asOf: x.l.asOf,
          period: x.l.period,
          findings: x.findings,
          stale: Boolean(x.stale),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
        counts: { red: countOf('red'), yellow: countOf('yellow') },
        month: query.month ?? null,
        computedAt:
          rows.length > 0
            ? new Date(Math.max(...rows.map((x) => x.l.computedAt.getTime()))).toISOString()
            : null,
      };
    },
  };
}

export type LightsService = ReturnType<typeof createLightsService>;
