import { describe, expect, it } from 'vitest';
import { PatronRequestSchema, RequestInputSchema } from './request';

describe('RequestInputSchema', () => {
  it('trims the resource and keeps the date', () => {
    expect(RequestInputSchema.parse({ resource: '  JSTOR Arts & Sciences trial ', requestedOn: '2026-03-31' })).toEqual({
      resource: 'JSTOR Arts & Sciences trial',
      requestedOn: '2026-03-31',
    });
  });

  it('asks what they asked for when the resource is blank', () => {
    const r = RequestInputSchema.safeParse({ resource: '   ', requestedOn: '2026-03-31' });
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['resource'], message: 'Say what they asked for' })]);
  });

  it('caps the resource at 300 characters', () => {
    expect(RequestInputSchema.safeParse({ resource: 'x'.repeat(300), requestedOn: '2026-03-31' }).success).toBe(true);
    expect(RequestInputSchema.safeParse({ resource: 'x'.repeat(301), requestedOn: '2026-03-31' }).error?.issues[0]?.message).toBe(
      'Keep it under 300 characters',
    );
  });

  it('needs a real calendar date', () => {
    expect(RequestInputSchema.safeParse({ resource: 'A book' }).success).toBe(false);
    for (const requestedOn of ['2026-02-30', '31/03/2026', '2026-3-31']) {
      const r = RequestInputSchema.safeParse({ resource: 'A book', requestedOn });
      expect(r.success, requestedOn).toBe(false);
      expect(r.error?.issues.every((i) => i.path.join('.') === 'requestedOn')).toBe(true);
    }
  });
});

describe('PatronRequestSchema', () => {
  const stored = {
    id: 'r1',
    patronId: 'p1',
    branchId: 'b1',
    resource: 'A book',
    requestedOn: '2026-03-31',
    created: { staff: 'Sam', deskId: 'desk-1', at: 1_774_000_000_000 },
  };

  it('accepts a stored request, with or without notified', () => {
    expect(PatronRequestSchema.safeParse(stored).success).toBe(true);
    expect(PatronRequestSchema.safeParse({ ...stored, notified: { staff: 'Kim', deskId: 'desk-2', at: 1_774_100_000_000 } }).success).toBe(true);
  });

  it('rejects a missing id and a stamp with a fractional or negative time', () => {
    expect(PatronRequestSchema.safeParse({ ...stored, id: '' }).success).toBe(false);
    expect(PatronRequestSchema.safeParse({ ...stored, created: { ...stored.created, at: 1.5 } }).success).toBe(false);
    expect(PatronRequestSchema.safeParse({ ...stored, created: { ...stored.created, at: -1 } }).success).toBe(false);
  });
});
