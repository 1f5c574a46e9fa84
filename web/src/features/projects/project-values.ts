import type { Project } from '@groundbreak/contract';
import type { LandUse, ProjectState } from '@groundbreak/domain';
import { requiredFieldsAt, wanToYuan } from '@groundbreak/domain';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { yuanToWanText } from '../../lib/format';
import type { ProjectFieldDef } from './project-fields';
import { ALL_PROJECT_FIELDS } from './project-fields';

// Between the API's values (integer 元, fractions, YYYY-MM-DD) and the form's (万元 text, percentages,
// dayjs), and which fields changed. Money is converted exactly with wanToYuan, never by multiplying.

export type ProjectFormValues = Record<string, unknown>;

const DATE_FORMAT = 'YYYY-MM-DD';

function toFormValue(def: ProjectFieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return def.kind === 'switch' ? false : undefined;
  switch (def.kind) {
    case 'money':
      return yuanToWanText(value as number);
    case 'date':
      return dayjs(value as string);
    case 'percent':
      return Math.round((value as number) * 10_000) / 100;
    case 'phone':
      // The full number is never sent to the page; a new one replaces it.
      return undefined;
    default:
      return value;
  }
}

/** The form's starting values for a project (or for a new one). */
export function toFormValues(project: Project | undefined): ProjectFormValues {
  const values: ProjectFormValues = {};
  for (const def of ALL_PROJECT_FIELDS) {
    values[def.key] = toFormValue(def, project ? (project as Record<string, unknown>)[def.key] : undefined);
  }
  return values;
}

/** One form value as the API takes it; '' and empty become null. */
export function toApiValue(def: ProjectFieldDef, value: unknown): unknown {
  if (def.kind === 'switch') return value === true;
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  switch (def.kind) {
    case 'money':
      return wanToYuan(String(value));
    case 'date':
      return (value as Dayjs).format(DATE_FORMAT);
    case 'percent':
      return Math.round((value as number) * 100) / 10_000;
    case 'uscc':
      return String(value).trim().toUpperCase();
    default:
      return typeof value === 'string' ? value.trim() : value;
  }
}

/** Everything filled in, for POST /api/projects (empty fields left out). */
export function toCreateBody(values: ProjectFormValues, defs: readonly ProjectFieldDef[]) {
  const body: Record<string, unknown> = {};
  for (const def of defs) {
    const value = toApiValue(def, values[def.key]);
    if (value !== null && value !== false) body[def.key] = value;
  }
  return body;
}

function isSame(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return a === b;
}

/**
 * The fields the user changed, compared with the project as the form loaded it (not as someone else
 * saved it since), so a save after a 409 overwrites only what this user edited.
 */
export function changedFields(
  values: ProjectFormValues,
  baseline: Project,
  defs: readonly ProjectFieldDef[],
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const def of defs) {
    const next = toApiValue(def, values[def.key]);
    if (def.kind === 'phone') {
      if (next !== null) patch[def.key] = next;
      continue;
    }
    const before = (baseline as Record<string, unknown>)[def.key];
    if (!isSame(next, def.kind === 'switch' ? before === true : before)) patch[def.key] = next;
  }
  return patch;
}

/**
 * Fields the server requires of a project in `state` (domain REQUIRED_FROM): required from that state or
 * an earlier one of the main sequence; the parcel's planning conditions not for projects without new land.
 * None in side states.
 */
export function requiredFieldsFor(state: ProjectState, landUse: LandUse | null | undefined): Set<string> {
  return new Set<string>(requiredFieldsAt(state, landUse));
}
