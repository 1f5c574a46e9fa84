import type { DomainError } from '@groundbreak/domain';

// Error codes the API answers with, and the one table mapping them to HTTP statuses.
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  USCC_FORMAT: 400,
  USCC_CHECKSUM: 400,
  INVALID_LOCAL_DATE: 400,
  INVALID_AMOUNT: 400,
  UNAUTHENTICATED: 401,
  MFA_CODE_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  MFA_ENROLMENT_REQUIRED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  ADMIN_ROLE_CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  GATE_UNMET: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error meant for the user: a stable code, a Chinese message, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what}不存在或无权访问`);
}

/** Maps a DomainError to the API error of the same code. */
export function fromDomainError(error: DomainError): AppError {
  return new AppError(error.code, error.message, error.details);
}
