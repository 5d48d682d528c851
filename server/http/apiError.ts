import type { ApiErrorBody, ApiErrorCode, ApiFieldError } from '@shared/api/errors';

/** Machine-readable extras of some errors (sync: the server's clock, the oldest schema served). */
export type ApiErrorDetails = Pick<ApiErrorBody['error'], 'serverTime' | 'minSchema'>;

/**
 * An error a handler throws on purpose: the HTTP status, the API code and a message for
 * people. The error handler turns it into `{ error: { code, message, fields? } }`.
 */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ApiErrorCode;
  readonly fields: ApiFieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly details: ApiErrorDetails;

  constructor(statusCode: number, code: ApiErrorCode, message: string, extra: { fields?: ApiFieldError[]; headers?: Record<string, string>; details?: ApiErrorDetails } = {}) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.fields = extra.fields;
    this.headers = extra.headers ?? {};
    this.details = extra.details ?? {};
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), ...this.details } };
  }
}

/** 400 with the offending fields; the message names the first so a log line is useful on its own. */
export function validationFailed(fields: ApiFieldError[]): ApiError {
  const first = fields[0];
  const message = first
    ? `${first.path}: ${first.message}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}`
    : 'The request is not valid';
  return new ApiError(400, 'validation', message, { fields });
}
