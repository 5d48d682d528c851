/**
 * Every error the HTTP API answers with. The code is for programs (the desk's sync loop
 * branches on it); the message is for people and is shown as it is.
 */
export const API_ERROR_CODES = [
  // Bad input (400, 413, 415)
  'validation',
  'invalid-json',
  'unsupported-media-type',
  'payload-too-large',
  'bad-request',
  // Who you are (401)
  'not-logged-in',
  'session-invalid',
  'session-expired',
  'session-revoked',
  'invalid-credentials',
  // What you may do (403)
  'account-disabled',
  'forbidden-role',
  'forbidden-branch',
  // What exists and what it allows (404, 409)
  'route-not-found',
  'staff-not-found',
  'branch-not-found',
  'unknown-branch',
  'username-taken',
  'branch-name-taken',
  'last-admin',
  // Sync (docs/sync-protocol.md)
  'bad-desk',
  'upgrade-required',
  'server-too-old',
  'clock-ahead',
  'resync-required',
  // Limits and the server itself (429, 5xx)
  'too-many-attempts',
  'database-unavailable',
  'shutting-down',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** One offending input: a dotted path into the body (or `params.id`, `query.branchId`) and what is wrong with it. */
export interface ApiFieldError {
  path: string;
  message: string;
}

/** The body of every error response. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** Present (possibly empty) on validation errors. */
    fields?: ApiFieldError[];
    /** clock-ahead: the server's clock (epoch ms), so the desk can say by how much it is off. */
    serverTime?: number;
    /** upgrade-required / server-too-old: the oldest desk schema version the server serves. */
    minSchema?: number;
  };
}

/** True when a parsed response body has the API's error shape. */
export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof message === 'string' && message.length > 0 && (API_ERROR_CODES as readonly unknown[]).includes(code);
}
