import { describe, expect, it } from 'vitest';
import { coerceError, DeskError, isDeskError, validationError } from './deskError';

describe('DeskError', () => {
  it('is an Error with a code, message and issues', () => {
    const err = new DeskError('not-found', 'No such patron');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('DeskError');
    expect(err.code).toBe('not-found');
    expect(err.message).toBe('No such patron');
    expect(err.issues).toEqual([]);
  });

  it('leaves issues out of its shape when there are none', () => {
    expect(new DeskError('conflict', 'Changed elsewhere').toShape()).toEqual({ code: 'conflict', message: 'Changed elsewhere' });
    expect('issues' in new DeskError('conflict', 'x').toShape()).toBe(false);
  });

  it('keeps issues in its shape when there are some', () => {
    const issues = [{ field: 'lastName', message: 'Enter a first or last name' }];
    expect(new DeskError('validation', 'bad', issues).toShape()).toEqual({ code: 'validation', message: 'bad', issues });
  });
});

describe('validationError', () => {
  it('names the only field in the message', () => {
    const err = validationError([{ field: 'lastName', message: 'Enter a first or last name' }]);
    expect(err.code).toBe('validation');
    expect(err.message).toBe('lastName: Enter a first or last name');
    expect(err.issues).toHaveLength(1);
  });

  it('names the first field and counts the rest', () => {
    const err = validationError([
      { field: 'emails.0.address', message: 'Not a valid email address' },
      { field: 'lastName', message: 'Enter a first or last name' },
      { field: 'cardNumber', message: 'Use only letters, digits and hyphens' },
    ]);
    expect(err.message).toBe('emails.0.address: Not a valid email address (and 2 more)');
    expect(err.issues.map((i) => i.field)).toEqual(['emails.0.address', 'lastName', 'cardNumber']);
  });

  it('falls back to a generic message with no issues', () => {
    const err = validationError([]);
    expect(err.message).toBe('Invalid input');
    expect(err.toShape()).toEqual({ code: 'validation', message: 'Invalid input' });
  });
});

describe('coerceError', () => {
  it('keeps a DeskError as its plain shape', () => {
    const issues = [{ field: 'body', message: 'Type the note first' }];
    const shape = coerceError(validationError(issues));
    expect(shape).toEqual({ code: 'validation', message: 'body: Type the note first', issues });
    expect(shape).not.toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(shape)).toBe(Object.prototype);
  });

  it('turns any other Error into an internal error with only its message', () => {
    const shape = coerceError(new TypeError('x is undefined'));
    expect(shape).toEqual({ code: 'internal', message: 'x is undefined' });
    expect(Object.keys(shape).sort()).toEqual(['code', 'message']);
  });

  it('turns a thrown string or other value into an internal error', () => {
    expect(coerceError('disk full')).toEqual({ code: 'internal', message: 'disk full' });
    expect(coerceError(42)).toEqual({ code: 'internal', message: '42' });
    expect(coerceError(undefined)).toEqual({ code: 'internal', message: 'undefined' });
    expect(coerceError(null)).toEqual({ code: 'internal', message: 'null' });
  });

  it('does not trust a plain object that looks like a DeskError', () => {
    expect(coerceError({ code: 'validation', message: 'x' })).toEqual({ code: 'internal', message: '[object Object]' });
  });
});

describe('isDeskError', () => {
  it('recognises a DeskError, optionally of one code', () => {
    const err = new DeskError('not-found', 'gone');
    expect(isDeskError(err)).toBe(true);
    expect(isDeskError(err, 'not-found')).toBe(true);
    expect(isDeskError(err, 'conflict')).toBe(false);
  });

  it('rejects other errors and values', () => {
    expect(isDeskError(new Error('gone'))).toBe(false);
    expect(isDeskError({ code: 'not-found', message: 'gone' })).toBe(false);
    expect(isDeskError(undefined)).toBe(false);
  });
});
