import type { Project } from '@groundbreak/contract';

/** The project's 竣工即发证 tab (being built). */
export function ProjectCompletionTab(_props: { project: Project }) {
  return null;
}
