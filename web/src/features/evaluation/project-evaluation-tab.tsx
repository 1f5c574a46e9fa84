import type { Project } from '@groundbreak/contract';

/** The project's 后评价 tab (being built). */
export function ProjectEvaluationTab(_props: { project: Project }) {
  return null;
}
