import type { Project } from '@groundbreak/contract';

/** The project's 招商 tab: its lead profile, timeline, score, review and commitments (being built). */
export function ProjectLeadTab(_props: { project: Project }) {
  return null;
}
