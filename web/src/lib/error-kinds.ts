import { isApiError } from './http';

/** A 403 FORBIDDEN: the page is not for this user's role or data scope (shown as 无权访问). */
export function isForbidden(error: unknown): boolean {
  return isApiError(error) && error.status === 403 && error.code === 'FORBIDDEN';
}

/** A 404: the record does not exist, was deleted, or lies outside the user's data scope. */
export function isNotFound(error: unknown): boolean {
  return isApiError(error) && error.status === 404;
}
