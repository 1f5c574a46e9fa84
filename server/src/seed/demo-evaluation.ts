import {
  addCalendarMonths,
  addDays,
  DEFAULT_EVALUATION_SETTINGS,
  daysAcceptanceToTitle,
  type EvaluationGrade,
  type Figures,
  rectificationDeadline,
  scoreEvaluation,
} from '@groundbreak/domain';
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { shanghaiDate, startOfShanghaiDay } from '../clock';
import type { Db } from '../db/database';
import {
  appSettings,
  completionApplications,
  defaultDispositions,
  evaluationRectifications,
  evaluations,
  optimisationActions,
  orgs,
  projectCommitments,
  projects,
} from '../db/schema/index';
import type { FieldProtector } from '../lib/crypto/field-protector';
import { committedFigures, SETTINGS_KEY } from '../modules/evaluation/evaluation.shared';

// Demo data of 竣工即发证 and the post-evaluation loop, built on the demo projects (demo-projects.ts): an
// issued application for the completed ones (most with the title the same day as acceptance, two a few
// days later), evaluations in every step for projects in production, one 不合格 with an open 整改, one whose
// re-check failed and led to 违约处置, one whose re-check passed, and optimisation actions open and done.
// Idempotent: nothing is added once a demo project has a completion application.

const day = (d: Date) => shanghaiDate(d);
const at = (d: string) => new Date(startOfShanghaiDay(d).getTime() + 10 * 3_600_000);

/** Actual figures as a share of the committed ones (dates shifted by `lateDays`). */
function actualOf(committed: Figures, share: number, lateDays: number): Figures {
  const out: Figures = {};
  for (const [k, v] of Object.entries(committed) as [keyof Figures, Figures[keyof Figures]][]) {
    if (typeof v === 'number')
      out[k] = k === 'energyTce' ? Math.round(v / share) : Math.round(v * share * 100) / 100;
    else if (typeof v === 'string') out[k] = addDays(v, lateDays);
    else out[k] = null;
  }
  if (typeof out.fixedAssetYuan === 'number') out.fixedAssetYuan = Math.round(out.fixedAssetYuan);
  if (typeof out.jobs === 'number') out.jobs = Math.round(out.jobs);
  return out;
}

export async function seedDemoEvaluation(
  db: Db,
  now: Date,
  _deps: { protector: FieldProtector; dataDir: string },
): Promise<{ added: number }> {
  const today = day(now);
  const [existing] = await db
    .select({ id: completionApplications.id })
    .from(completionApplications)
    .innerJoin(projects, eq(projects.id, completionApplications.projectId))
    .where(eq(projects.isDemo, true))
    .limit(1);
  if (existing) return { added: 0 };
  let added = 0;
  const settings = DEFAULT_EVALUATION_SETTINGS;
  added += (
    await db
      .insert(appSettings)
      .values({ key: SETTINGS_KEY, value: { settings, version: 1 }, updatedAt: now })
      .onConflictDoNothing()
      .returning({ key: appSettings.key })
  ).length;

  // 竣工即发证 for the completed demo projects.
  const completed = await db
    .select()
    .from(projects)
    .where(
      and(
        eq(projects.isDemo, true),
        isNull(projects.deletedAt),
        inArray(projects.state, ['COMPLETED', 'IN_PRODUCTION', 'AT_TARGET', 'POST_EVALUATED']),
        isNotNull(projects.actualCompletionOn),
      ),
    )
    .orderBy(asc(projects.internalNo));
  const late = new Map([
    [3, 3],
    [7, 6],
  ]);
  for (const [i, p] of completed.slice(0, 24).entries()) {
    const acceptance = p.actualCompletionOn as string;
    const titleOn = addDays(acceptance, late.get(i) ?? 0);
    const n = String(i + 1).padStart(3, '0');
    const year = acceptance.slice(0, 4);
    await db.insert(completionApplications).values({
      projectId: p.id,
      status: 'issued',
      surveyReportNo: `武进多测合一〔${year}〕${n}号`,
      surveyApprovedOn: addDays(acceptance, -7),
      premiumPaid: true,
      noIllegalConstruction: true,
      surveyApproved: true,
      jointAcceptancePassed: true,
      noSeizure: true,
      appliedOn: addDays(acceptance, -5),
      jointAcceptanceNo: `武住建联验〔${year}〕${n}号`,
      jointAcceptanceOn: acceptance,
      filingNo: `3204122${year}${n}`,
      filingOn: acceptance,
      titleNo: `苏(${titleOn.slice(0, 4)})常州市不动产权第0${year}${n}号`,
      titleOn,
      daysAcceptanceToTitle: daysAcceptanceToTitle(acceptance, titleOn),
      createdAt: now,
      updatedAt: now,
    });
    added += 1;
  }

  // Evaluations for projects in production: each step of the workflow once.
  const producing = await db
    .select({ p: projects, c: projectCommitments })
    .from(projects)
    .leftJoin(projectCommitments, eq(projectCommitments.projectId, projects.id))
    .where(
      and(
        eq(projects.isDemo, true),
        isNull(projects.deletedAt),
        inArray(projects.state, ['IN_PRODUCTION', 'AT_TARGET']),
        isNotNull(projects.actualProductionOn),
      ),
    )
    .orderBy(asc(projects.internalNo));
  type Plan = {
    status: 'pending' | 'filled' | 'verified' | 'scored' | 'notified';
    share: number;
    late: number;
  };
  const plans: (Plan & { story?: 'open' | 'failed' | 'passed' })[] = [
    { status: 'pending', share: 1, late: 0 },
    { status: 'filled', share: 0.95, late: 10 },
    { status: 'verified', share: 0.9, late: 20 },
    { status: 'scored', share: 0.85, late: 30 },
    { status: 'notified', share: 1.05, late: 0 },
    { status: 'notified', share: 0.45, late: 120, story: 'open' },
    { status: 'notified', share: 0.4, late: 150, story: 'failed' },
    { status: 'notified', share: 0.5, late: 90, story: 'passed' },
  ];
  const [drcOrg] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'WJ-DRC'));
  const evaluated: {
    id: string;
    projectId: string;
    regionId: string;
    chain: string | null;
    grade: string | null;
  }[] = [];
  for (const [i, { p, c }] of producing.slice(0, plans.length).entries()) {
    const plan = plans[i] as (typeof plans)[number];
    const committed = committedFigures(p, c ?? undefined) as Figures;
    const dueOn = addCalendarMonths(p.actualProductionOn as string, settings.productionMonths);
    const base = dueOn < today ? dueOn : addDays(today, -40);
    const actual = actualOf(committed, plan.share, plan.late);
    const scoredOn = addDays(base, 25);
    const result = scoreEvaluation(committed, actual, settings, scoredOn);
    const done = plan.status === 'scored' || plan.status === 'notified';
    const grade: EvaluationGrade | null = done ? result.grade : null;
    const [row] = await db
      .insert(evaluations)
      .values({
        projectId: p.id,
        kind: 'production',
        dataYear: Number((p.actualProductionOn as string).slice(0, 4)),
        dueOn,
        fillBy: addDays(base, 30),
        status: plan.status,
        committed,
        actual: plan.status === 'pending' ? null : actual,
        settings,
        breakdown: done
          ? { indicators: result.indicators, summary: result.summary, scoredWeight: result.scoredWeight }
          : null,
        score: done ? result.score : null,
        grade,
        filledAt: plan.status === 'pending' ? null : at(addDays(base, 10)),
        verifiedAt: ['verified', 'scored', 'notified'].includes(plan.status) ? at(addDays(base, 18)) : null,
        scoredAt: done ? at(scoredOn) : null,
        notifiedAt: plan.status === 'notified' ? at(addDays(base, 28)) : null,
        feedback:
          plan.status === 'notified'
            ? grade === 'fail'
              ? '固定资产投资和亩均税收明显低于协议承诺，请按整改通知补足'
              : '履约情况良好，请继续保持'
            : null,
        createdAt: at(base),
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: evaluations.id });
    if (!row) continue;
    added += 1;
    evaluated.push({ id: row.id, projectId: p.id, regionId: p.regionId, chain: p.industryChain, grade });
    if (!plan.story || grade !== 'fail') continue;
    const issuedOn = addDays(base, 30);
    const rectification = {
      evaluationId: row.id,
      projectId: p.id,
      noticeNo: `整改-${issuedOn.slice(0, 4)}-${String(i).padStart(3, '0')}`,
      requirements: '补足设备投资，亩均税收于整改期内达到协议承诺的 80% 以上',
      issuedOn,
      createdAt: now,
      updatedAt: now,
    };
    if (plan.story === 'open') {
      // Open, its deadline passed when the demo starts late enough: the 工作台 shows it overdue.
      await db.insert(evaluationRectifications).values({
        ...rectification,
        deadlineOn: rectificationDeadline(issuedOn, settings),
        status: 'open',
      });
      added += 1;
      continue;
    }
    const recheckOn = addDays(issuedOn, 150);
    const recheckActual = actualOf(committed, plan.story === 'passed' ? 1 : 0.45, plan.late);
    const recheckResult = scoreEvaluation(committed, recheckActual, settings, recheckOn);
    const [recheck] = await db
      .insert(evaluations)
      .values({
        projectId: p.id,
        kind: 'recheck',
        parentId: row.id,
        dataYear: Number((p.actualProductionOn as string).slice(0, 4)),
        dueOn: recheckOn,
        fillBy: addDays(recheckOn, 30),
        status: 'notified',
        committed,
        actual: recheckActual,
        settings,
        breakdown: {
          indicators: recheckResult.indicators,
          summary: recheckResult.summary,
          scoredWeight: recheckResult.scoredWeight,
        },
        score: recheckResult.score,
        grade: recheckResult.grade,
        filledAt: at(addDays(recheckOn, 5)),
        verifiedAt: at(addDays(recheckOn, 8)),
        scoredAt: at(addDays(recheckOn, 10)),
        notifiedAt: at(addDays(recheckOn, 12)),
        feedback:
          recheckResult.grade === 'fail' ? '整改后仍未达到承诺，按协议办理违约处置' : '整改到位，复核通过',
        createdAt: at(recheckOn),
        updatedAt: now,
      })
      .returning({ id: evaluations.id });
    const passed = recheckResult.grade !== 'fail';
    const [rect] = await db
      .insert(evaluationRectifications)
      .values({
        ...rectification,
        deadlineOn: rectificationDeadline(issuedOn, settings),
        status: passed ? 'passed' : 'failed',
        recheckEvaluationId: recheck?.id ?? null,
        closedOn: addDays(recheckOn, 10),
      })
      .returning({ id: evaluationRectifications.id });
    added += 2;
    if (!passed) {
      await db.insert(defaultDispositions).values({
        projectId: p.id,
        evaluationId: row.id,
        rectificationId: rect?.id ?? null,
        measure: 'suspend_reward',
        description: '暂缓兑现设备投资补助和税收奖励，待亩均税收达到协议承诺后再行兑现',
        decisionNo: `武发改〔${recheckOn.slice(0, 4)}〕${String(30 + i)}号`,
        decidedOn: addDays(recheckOn, 20),
        amountYuan: 1_500_000,
        createdAt: now,
        updatedAt: now,
      });
      added += 1;
    }
  }

  // Optimisation actions raised from the evaluations: two open, one under way, one done.
  const actions = [
    {
      category: 'admission' as const,
      title: '提高同类项目亩均税收准入门槛，纳入标准地出让控制指标',
      status: 'done' as const,
      due: -30,
      closingNote: '《武进区工业项目准入标准》修订稿已经区政府常务会议审议通过并印发',
    },
    {
      category: 'policy' as const,
      title: '设备投资补助改为按达产后亩均税收分档兑现',
      status: 'in_progress' as const,
      due: 60,
    },
    {
      category: 'service' as const,
      title: '投产后 6 个月开展一次履约预评估，提前发现问题',
      status: 'open' as const,
      due: 90,
    },
    {
      category: 'service' as const,
      title: '竣工即发证资料清单精简，测绘成果一次提交共享',
      status: 'open' as const,
      due: -10,
    },
  ];
  for (const [i, a] of actions.entries()) {
    const e = evaluated[i % Math.max(1, evaluated.length)];
    if (!e) break;
    await db.insert(optimisationActions).values({
      evaluationId: e.id,
      projectId: e.projectId,
      regionId: e.regionId,
      industryChain: e.chain,
      category: a.category,
      title: a.title,
      ownerOrgId: drcOrg?.id ?? null,
      ownerName: '区发改委产业科',
      dueOn: addDays(today, a.due),
      status: a.status,
      closedOn: a.status === 'done' ? addDays(today, -35) : null,
      closingNote: a.closingNote ?? null,
      createdAt: now,
      updatedAt: now,
    });
    added += 1;
  }
  return { added };
}
