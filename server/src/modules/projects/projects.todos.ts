import { LIBRARY_LEVEL_LABELS, type TodoItem } from '@groundbreak/contract';
import type { LibraryLevel } from '@groundbreak/domain';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { shanghaiDate } from '../../clock';
import { projectLibraries, projects } from '../../db/schema/index';
import { addDays } from '../../seed/demo-projects';
import type { TodoProvider } from '../registry';
import { projectInScope } from './projects.repository';

/** Days 区发改 has to decide a library application [A]. */
export const LIBRARY_DECISION_DAYS = 10;
const LIMIT = 20;

// The registry's to-dos on the 工作台: applications waiting for 区发改, applications returned to the
// 板块, and suspended projects whose expected resume date is near.
export const projectTodos: TodoProvider = async ({ principal, now, db }) => {
  const today = shanghaiDate(now);
  const items: TodoItem[] = [];
  const scope = projectInScope(principal);
  const entries = (status: string) =>
    db
      .select({ entry: projectLibraries, name: projects.name })
      .from(projectLibraries)
      .innerJoin(projects, eq(projects.id, projectLibraries.projectId))
      .where(
        and(
          eq(projectLibraries.status, status),
          isNull(projectLibraries.deletedAt),
          isNull(projects.deletedAt),
          scope,
          status === 'returned'
            ? sql`${projectLibraries.decidedAt} > ${new Date(now.getTime() - 30 * 86_400_000)}`
            : sql`true`,
        ),
      )
      .orderBy(asc(projectLibraries.appliedOn))
      .limit(LIMIT);
  if (principal.actions.has('registry.admin')) {
    for (const { entry, name } of await entries('applied')) {
      const dueOn = addDays(entry.appliedOn, LIBRARY_DECISION_DAYS);
      items.push({
        key: `library-decide:${entry.id}`,
        module: 'projects',
        title: `入库审核：${name}（${entry.year}年${LIBRARY_LEVEL_LABELS[entry.level as LibraryLevel]}）`,
        dueOn,
        overdue: dueOn < today,
        link: '/projects/libraries',
      });
    }
  }
  if (principal.actions.has('registry.write')) {
    for (const { entry, name } of await entries('returned')) {
      items.push({
        key: `library-returned:${entry.id}`,
        module: 'projects',
        title: `入库申报被退回：${name}（${entry.returnReason ?? ''}）`,
        dueOn: null,
        overdue: false,
        link: `/projects/${entry.projectId}`,
      });
    }
    const suspended = await db
      .select({ id: projects.id, name: projects.name, on: projects.expectedResumeOn })
      .from(projects)
      .where(
        and(
          eq(projects.state, 'SUSPENDED'),
          isNull(projects.deletedAt),
          lte(projects.expectedResumeOn, addDays(today, 7)),
          scope,
        ),
      )
      .orderBy(asc(projects.expectedResumeOn))
      .limit(LIMIT);
    for (const p of suspended) {
      items.push({
        key: `project-resume:${p.id}`,
        module: 'projects',
        title: `停缓建项目到预计复工日期：${p.name}`,
        dueOn: p.on,
        overdue: (p.on ?? '') < today,
        link: `/projects/${p.id}`,
      });
    }
  }
  return items;
};
