/** Stable codes every layer uses; the server maps them to HTTP statuses in one table. */
export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'USCC_FORMAT',
  'USCC_CHECKSUM',
  'INVALID_LOCAL_DATE',
  'INVALID_AMOUNT',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}
