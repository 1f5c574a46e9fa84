import type { TodoItem } from '@groundbreak/contract';
import { EVALUATION_KIND_LABELS } from '@groundbreak/contract';
import { and, asc, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import { shanghaiDate } from '../../clock';
import { evaluationRectifications, evaluations, projects } from '../../db/schema/index';
import type { JobDefinition } from '../../jobs/runner';
import { SYSTEM_ACTOR } from '../audit/audit.repository';
import { projectInScope } from '../projects/projects.repository';
import type { TodoProvider } from '../registry';
import { evaluationServicesOf } from './evaluation.routes';
import { isEnterpriseUser } from './evaluation.shared';

/**
 * 后评价任务生成: every morning, the 投产评价 and 达产评价 that fell due are created (once each: the unique
 * index of project, kind and data year) and the enterprise and the 板块 are told.
 */
export const generateEvaluationsJob: JobDefinition = {
  name: 'evaluation.generate',
  description: '生成到期的投产评价（投产满 12 个月）和达产评价（达产年次年 3 月 1 日起、已有年度数据）任务',
  schedule: '30 7 * * *',
  async run({ database, asOf, now }) {
    const { evaluation } = evaluationServicesOf({ database, clock: { now: () => now } });
    const result = await evaluation.generate(SYSTEM_ACTOR, asOf);
    return { rows: result.created, message: `生成后评价任务 ${result.created} 个（截至 ${asOf}）` };
  },
};

const LIMIT = 20;

/**
 * The 工作台's to-dos of the post-evaluation: overdue 整改 (for 区发改/工信 and the 板块), figures to fill
 * (the enterprise, the 板块), figures to verify (the 板块) and evaluations to score (区发改/工信).
 */
export const evaluationTodos: TodoProvider = async ({ principal, now, db }) => {
  if (!principal.actions.has('evaluation.read')) return [];
  const today = shanghaiDate(now);
  const items: TodoItem[] = [];
  const scope = projectInScope(principal);
  const admin = principal.actions.has('evaluation.admin');
  const write = principal.actions.has('evaluation.write');
  const enterprise = isEnterpriseUser(principal);
  if (admin || (write && !enterprise)) {
    const overdue = await db
      .select({ r: evaluationRectifications, name: projects.name })
      .from(evaluationRectifications)
      .innerJoin(projects, eq(projects.id, evaluationRectifications.projectId))
      .where(
        and(
          eq(evaluationRectifications.status, 'open'),
          lt(evaluationRectifications.deadlineOn, today),
          isNull(evaluationRectifications.deletedAt),
          isNull(projects.deletedAt),
          scope,
        ),
      )
      .orderBy(asc(evaluationRectifications.deadlineOn))
      .limit(LIMIT);
    for (const { r, name } of overdue) {
      items.push({
        key: `evaluation-rectification:${r.id}`,
        module: 'evaluation',
        title: `整改逾期未复核：${name}（${r.noticeNo}）`,
        dueOn: r.deadlineOn,
        overdue: true,
        link: `/evaluations/${r.evaluationId}`,
      });
    }
  }
  const tasks = async (statuses: (typeof evaluations.$inferSelect)['status'][], extra?: SQL) =>
    db
      .select({ e: evaluations, name: projects.name })
      .from(evaluations)
      .innerJoin(projects, eq(projects.id, evaluations.projectId))
      .where(
        and(
          inArray(evaluations.status, statuses),
          isNull(evaluations.deletedAt),
          isNull(projects.deletedAt),
          scope,
          extra,
        ),
      )
      .orderBy(asc(evaluations.dueOn))
      .limit(LIMIT);
  if (write) {
    for (const { e, name } of await tasks(['pending'])) {
      items.push({
        key: `evaluation-fill:${e.id}`,
        module: 'evaluation',
        title: `${EVALUATION_KIND_LABELS[e.kind]}待填报：${name}`,
        dueOn: e.fillBy,
        overdue: Boolean(e.fillBy && e.fillBy < today),
        link: `/evaluations/${e.id}`,
      });
    }
  }
  if (write && !enterprise) {
    for (const { e, name } of await tasks(['filled'])) {
      items.push({
        key: `evaluation-verify:${e.id}`,
        module: 'evaluation',
        title: `${EVALUATION_KIND_LABELS[e.kind]}待核查：${name}`,
        dueOn: null,
        overdue: false,
        link: `/evaluations/${e.id}`,
      });
    }
  }
  if (admin) {
    for (const { e, name } of await tasks(['verified'])) {
      items.push({
        key: `evaluation-score:${e.id}`,
        module: 'evaluation',
        title: `${EVALUATION_KIND_LABELS[e.kind]}待评分：${name}`,
        dueOn: null,
        overdue: false,
        link: `/evaluations/${e.id}`,
      });
    }
  }
  return items;
};
