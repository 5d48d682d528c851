import type { ZodError } from 'zod';
import { validationError, type DeskError, type FieldIssue } from './deskError';

/** Turns a zod error into field issues with dotted paths ("emails.0.address"). */
export function fieldIssuesFromZod(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Turns a zod error into a DeskError of code "validation". */
export function validationErrorFromZod(error: ZodError): DeskError {
  return validationError(fieldIssuesFromZod(error));
}
