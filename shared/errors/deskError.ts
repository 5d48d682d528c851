/** Machine-readable error codes shared by every process boundary. */
export type DeskErrorCode =
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'host-unavailable'
  | 'bad-ipc-sender'
  /** The user cancelled a long task (an export); nothing is wrong, nothing to report. */
  | 'aborted'
  | 'internal';

/** One invalid field: a dotted path into the submitted object and a message a person can act on. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The plain shape an error takes when it crosses IPC, HTTP or a worker boundary. */
export interface DeskErrorShape {
  code: DeskErrorCode;
  message: string;
  issues?: FieldIssue[];
}

/** A typed error with a code, a human message and, for validation, the offending fields. */
export class DeskError extends Error {
  readonly code: DeskErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: DeskErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'DeskError';
    this.code = code;
    this.issues = issues;
  }

  toShape(): DeskErrorShape {
    return this.issues.length > 0
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

/** Builds a validation error from field issues; the message names the first field so logs stay useful. */
export function validationError(issues: FieldIssue[]): DeskError {
  const first = issues[0];
  const message = first
    ? `${first.field}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`
    : 'Invalid input';
  return new DeskError('validation', message, issues);
}

/** Coerces anything thrown into the plain shape, so no stack or class crosses a process boundary. */
export function coerceError(err: unknown): DeskErrorShape {
  if (err instanceof DeskError) return err.toShape();
  if (err instanceof Error) return { code: 'internal', message: err.message };
  return { code: 'internal', message: String(err) };
}

/** True for a DeskError of the given code. */
export function isDeskError(err: unknown, code?: DeskErrorCode): err is DeskError {
  return err instanceof DeskError && (code === undefined || err.code === code);
}
