import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EMPTY_PATRON_DETAILS, PatronDetailsSchema } from '../domain/patron';
import { DeskError } from './deskError';
import { fieldIssuesFromZod, validationErrorFromZod } from './zodIssues';

function zodErrorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected the parse to fail');
  return r.error;
}

describe('fieldIssuesFromZod', () => {
  it('joins nested paths with dots, array indexes included', () => {
    const error = zodErrorOf(PatronDetailsSchema, {
      ...EMPTY_PATRON_DETAILS,
      firstName: 'Ada',
      emails: [{ address: 'ada@example.org' }, { address: 'not-an-email' }],
    });
    expect(fieldIssuesFromZod(error)).toEqual([
      { field: 'emails.1.address', message: 'Not a valid email address (like name@example.org)' },
    ]);
  });

  it('keeps one issue per zod issue, in order', () => {
    const schema = z.object({ a: z.string().min(1, 'A is needed'), b: z.object({ c: z.number({ error: 'C is a number' }) }) });
    expect(fieldIssuesFromZod(zodErrorOf(schema, { a: '', b: { c: 'x' } }))).toEqual([
      { field: 'a', message: 'A is needed' },
      { field: 'b.c', message: 'C is a number' },
    ]);
  });

  it('names an issue on the value itself "(root)"', () => {
    expect(fieldIssuesFromZod(zodErrorOf(z.string().min(1, 'Say something'), ''))).toEqual([
      { field: '(root)', message: 'Say something' },
    ]);
  });
});

describe('validationErrorFromZod', () => {
  it('gives a validation DeskError whose message names the first field', () => {
    const error = zodErrorOf(PatronDetailsSchema, { ...EMPTY_PATRON_DETAILS, cardNumber: 'a/b' });
    const err = validationErrorFromZod(error);
    expect(err).toBeInstanceOf(DeskError);
    expect(err.code).toBe('validation');
    expect(err.message).toBe('cardNumber: Use only letters, digits and hyphens (and 1 more)');
    expect(err.issues).toEqual([
      { field: 'cardNumber', message: 'Use only letters, digits and hyphens' },
      { field: 'lastName', message: 'Enter a first or last name' },
    ]);
  });
});
