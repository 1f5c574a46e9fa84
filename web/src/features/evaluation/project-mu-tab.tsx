import type { Project } from '@groundbreak/contract';

/** The project's 亩均 tab: its company's class per year (being built). */
export function ProjectMuTab(_props: { project: Project }) {
  return null;
}
