import type { z } from 'zod';
import type { ApiFieldError } from '@shared/api/errors';
import { findUnstorableText } from '@shared/api/storableText';
import { validationFailed } from './apiError';

export type RequestPart = 'body' | 'params' | 'query';

/**
 * Parses one part of a request with its schema, or throws a 400 naming every bad field.
 * Body paths are as the client sent them ("branchIds.0"), so a form can put each message
 * next to its field; params and query paths say where they came from ("params.id").
 * Text PostgreSQL cannot store (NUL, lone surrogates) is refused here too, for every
 * endpoint at once.
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) {
    const unstorable = findUnstorableText(result.data);
    if (!unstorable) return result.data;
    throw validationFailed([{ ...unstorable, path: part === 'body' ? unstorable.path : `${part}.${unstorable.path}` }]);
  }
  const fields: ApiFieldError[] = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const where = part === 'body' ? path : [part, path].filter(Boolean).join('.');
    return { path: where || '(body)', message: issue.message };
  });
  throw validationFailed(fields);
}
