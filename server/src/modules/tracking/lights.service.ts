import type { LightRulesSetting, ProjectLightView } from '@groundbreak/contract';
import {
  addMonths,
  COUNTED_REPORT_STATUSES,
  evaluateLights,
  LIGHT_RULE_SETS,
  type LightFacts,
  type LightRuleSet,
  lastClosedMonth,
  monthOf,
  REPORTING_STATES,
  reportDueOn,
} from '@groundbreak/domain';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database } from '../../db/database';
import { appSettings, monthlyReports, projectApprovalItems, projectYearPlans } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { PlansService } from '../approvals/plans.service';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { CalendarService } from '../calendar/calendar.service';
import type { ProjectsService } from '../projects/projects.service';
import type { Principal } from '../registry';

// Warning lights (domain.md §7.4), live for one project: its facts gathered as of a day — the year's planned
// investment and the running totals its reports gave at each closed month, the planned and actual start,
// the 倒排 plan's nodes, the running approval items, the reports owed and submitted — and read by the
// district's rule set (Yinchuan's by default, 区发改 may choose Wuhan's or Sanya's). A past day replays the
// reports as they had been submitted by then; approval items and plan dates are read as they stand now.
// (Lights stored per project for the district's red list, the nightly recompute and the month-close
// freeze are still to come; so are the problem lights, until problems exist.)

const KEY = 'light_rules';
const DEFAULT: LightRulesSetting = { ruleSet: 'yinchuan', fundsEnabled: false };
const RUNNING = ['accepted', 'accepted_with_gaps'];

export function createLightsService(deps: {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  projects: ProjectsService;
  plans: PlansService;
  calendar: CalendarService;
}) {
  const { db } = deps.database;

  async function rules(): Promise<LightRulesSetting> {
    const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY)).limit(1);
    return { ...DEFAULT, ...((row?.value ?? {}) as Partial<LightRulesSetting>) };
  }

  function ruleSetOf(setting: LightRulesSetting): LightRuleSet {
    const base = LIGHT_RULE_SETS[setting.ruleSet].rules as LightRuleSet;
    return { ...base, funds: { enabled: setting.fundsEnabled } };
  }

  return {
    async rules() {
      return rules();
    },

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
      return value;
    },

    /** The project's light as of `asOf` (today by default), with every applicable rule's finding. */
    async forProject(principal: Principal, projectId: string, asOf?: string): Promise<ProjectLightView> {
      const project = await deps.projects.load(principal, projectId);
      const today = shanghaiDate(deps.clock.now());
      const day = asOf && asOf < today ? asOf : today;
      const period = lastClosedMonth(day);
      const year = Number(period.slice(0, 4));
      const [setting, cal, [plan], reports, items, scheduled] = await Promise.all([
        rules(),
        deps.calendar.calendar(),
        db
          .select({ planned: projectYearPlans.plannedInvestment })
          .from(projectYearPlans)
          .where(and(eq(projectYearPlans.projectId, project.id), eq(projectYearPlans.year, year))),
        db
          .select()
          .from(monthlyReports)
          .where(and(eq(monthlyReports.projectId, project.id), isNull(monthlyReports.deletedAt)))
          .orderBy(asc(monthlyReports.month)),
        db
          .select()
          .from(projectApprovalItems)
          .where(
            and(
              eq(projectApprovalItems.projectId, project.id),
              isNull(projectApprovalItems.deletedAt),
              inArray(projectApprovalItems.status, RUNNING),
            ),
          ),
        deps.plans.get(principal, project.id),
      ]);
      // A report counts from the day it was submitted (a replay does not see later ones).
      const counted = reports.filter(
        (r) =>
          (COUNTED_REPORT_STATUSES as readonly string[]).includes(r.status) &&
          r.submittedAt !== null &&
          shanghaiDate(r.submittedAt) <= day,
      );
      const ytdByMonth = Object.fromEntries(
        counted
          .filter((r) => r.month.startsWith(`${year}-`) && r.ytdYuan !== null)
          .map((r) => [r.month, r.ytdYuan as number]),
      );
      const firstInStatistics = counted.find((r) => r.inStatistics === true);
      // Reports are owed from the month the project was registered (the next one when it was registered after
      // that month's due date), at most a year back.
      const registeredOn = shanghaiDate(project.createdAt);
      const registeredMonth = monthOf(registeredOn);
      const registered =
        registeredOn > reportDueOn(registeredMonth) ? addMonths(registeredMonth, 1) : registeredMonth;
      const yearBack = addMonths(monthOf(day), -12);
      const facts: LightFacts = {
        asOf: day,
        period,
        plannedStartOn: project.plannedStartOn ?? null,
        actualStartOn: project.actualStartOn && project.actualStartOn <= day ? project.actualStartOn : null,
        investment: plan ? { annualPlanYuan: plan.planned, ytdByMonth } : null,
        inStatisticsOn: firstInStatistics?.submittedAt ? shanghaiDate(firstInStatistics.submittedAt) : null,
        governmentInvestment: project.projectType === 'government',
        funds: null,
        milestones: (scheduled.plan?.nodes ?? []).map((n) => ({
          name: n.name,
          lateFinish: n.lateFinish,
          actualFinish: n.actualFinish && n.actualFinish <= day ? n.actualFinish : null,
        })),
        approvals: items
          .filter((i) => i.acceptedOn === null || i.acceptedOn <= day)
          .map((i) => ({ name: i.name, dueOn: i.dueOn, running: true })),
        problems: [],
        reportsFrom: (REPORTING_STATES as readonly string[]).includes(project.state)
          ? ([registered, yearBack].sort().at(-1) ?? registered)
          : null,
        submittedMonths: counted.map((r) => r.month),
      };
      const result = evaluateLights(facts, ruleSetOf(setting), cal);
      return { asOf: day, period, ruleSet: setting.ruleSet, ...result };
    },
  };
}

export type LightsService = ReturnType<typeof createLightsService>;
