import type { FormInstance } from 'antd';
import { isApiError } from './http';

/** One field the server refused, as `details.fields` of a 400 lists them. */
export interface FieldError {
  field: string;
  message: string;
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldError).field === 'string' &&
    typeof (value as FieldError).message === 'string'
  );
}

/** The per-field messages of an API error (`details.fields`), empty for any other error. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!isApiError(error) || typeof error.details !== 'object' || error.details === null) return [];
  const fields: unknown = (error.details as { fields?: unknown }).fields;
  return Array.isArray(fields) ? fields.filter(isFieldError) : [];
}

/**
 * Puts the server's field messages on the form's fields (ui.md: server validation errors land on their
 * fields). A path such as `regionScopeIds.0` lands on `regionScopeIds`. True when every message found
 * a field, so the caller need not show the error again elsewhere.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fieldNames: readonly string[]): boolean {
  const errors = fieldErrorsOf(error);
  if (errors.length === 0) return false;
  const byField = new Map<string, string[]>();
  let isEveryPlaced = true;
  for (const { field, message } of errors) {
    const name = fieldNames.find((candidate) => field === candidate || field.startsWith(`${candidate}.`));
    if (!name) {
      isEveryPlaced = false;
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), message]);
  }
  form.setFields([...byField].map(([name, messages]) => ({ name, errors: messages })));
  return isEveryPlaced;
}

/** Who saved first, from a 409 VERSION_CONFLICT (`details: { updatedBy, updatedAt }`). */
export interface VersionConflict {
  updatedBy: string | undefined;
  updatedAt: string | undefined;
}

export function versionConflictOf(error: unknown): VersionConflict | undefined {
  if (!isApiError(error) || error.code !== 'VERSION_CONFLICT') return undefined;
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as {
    updatedBy?: unknown;
    updatedAt?: unknown;
  };
  return {
    updatedBy: typeof details.updatedBy === 'string' ? details.updatedBy : undefined,
    updatedAt: typeof details.updatedAt === 'string' ? details.updatedAt : undefined,
  };
}
