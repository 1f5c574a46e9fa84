import type { Project } from '@groundbreak/contract';

/** The project's OC4IDS download (next to the header) (being built). */
export function ProjectOc4idsButton(_props: { project: Project }) {
  return null;
}
