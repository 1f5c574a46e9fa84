import type { Attachment, LibraryEntry, Project } from '@groundbreak/contract';
import type { AttachmentKind, LandUse, ProjectState } from '@groundbreak/domain';
import { GATE_DOCUMENTS, GATE_FIELDS, missingRequiredFields, predecessorOf } from '@groundbreak/domain';
import { fieldLabel } from './project-fields';

// What the gate into the next state will ask for, so the page can say it before the user tries: the
// documents to upload and the fields to fill. Advisory only — the server's gate is the one that decides.

/** The state a move into `to` starts from (a suspended project resumes through the gate it had passed). */
function fromStateOf(project: Project, to: ProjectState): ProjectState {
  if (project.state !== 'SUSPENDED') return project.state;
  return predecessorOf(to, project.landUse as LandUse | null) ?? project.state;
}

export interface NextStepNeeds {
  to: ProjectState;
  attachments: { kind: AttachmentKind; isUploaded: boolean }[];
  /** Labels of fields still empty. */
  missingFields: string[];
  /** Also needs an entered library entry (立项); 'applied' while an application waits for 区发改. */
  needsLibraryEntry: false | 'apply' | 'applied';
}

const isBlank = (value: unknown) => value === null || value === undefined || value === '';

/** What moving the project into `to` still needs, as far as the page can tell. */
export function needsFor(
  project: Project,
  to: ProjectState,
  attachments: readonly Attachment[],
  libraryEntries: readonly LibraryEntry[] = [],
): NextStepNeeds {
  const key = `${fromStateOf(project, to)}>${to}`;
  const values = project as unknown as Record<string, unknown>;
  const missing = new Set<string>();
  for (const entry of GATE_FIELDS[key] ?? []) {
    const keys = typeof entry === 'string' ? [entry] : entry;
    if (keys.every((k) => isBlank(values[k]))) missing.add(keys.map(fieldLabel).join('或'));
  }
  // The phone is never sent to the page: its masked form says whether there is one.
  const withPhone = { ...values, contactPhone: project.contactPhoneMasked, landUse: project.landUse };
  for (const field of missingRequiredFields(withPhone, to)) missing.add(fieldLabel(field));
  return {
    to,
    attachments: (GATE_DOCUMENTS[key] ?? []).map((kind) => ({
      kind,
      isUploaded: attachments.some((attachment) => attachment.kind === kind),
    })),
    missingFields: [...missing],
    needsLibraryEntry:
      key !== 'SIGNED>FILED' || project.levels.length > 0
        ? false
        : libraryEntries.some((entry) => entry.status === 'applied')
          ? 'applied'
          : 'apply',
  };
}

/** The moves the page offers next: the forward states, or the state a suspended project resumes to. */
export function upcomingStates(project: Project): ProjectState[] {
  if (project.state === 'SUSPENDED' && project.suspendedFromState) return [project.suspendedFromState];
  return project.nextStates;
}
