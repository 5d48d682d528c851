import { describe, expect, it } from 'vitest';
import { FLAG_KINDS, FLAGS_NEEDING_REASON, FlagInputSchema, isFlagActive, localDayOf, partitionFlags, type Flag } from './flags';

/** Local-time instants, so the tests mean the same in any time zone. */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();

const stamp = (when: number) => ({ staff: 'Sam', deskId: 'desk-1', at: when });

const flag = (over: Partial<Flag> = {}): Flag => ({
  id: 'f1',
  kind: 'never-email',
  reason: "doesn't read it",
  source: 'patron said so',
  set: stamp(at(2026, 1, 5)),
  ...over,
});

describe('FlagInputSchema', () => {
  it('requires a reason for never-email, do-not-contact and other', () => {
    for (const kind of ['never-email', 'do-not-contact', 'other'] as const) {
      const r = FlagInputSchema.safeParse({ kind });
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
      expect(r.error?.issues[0]?.message).toMatch(/needs a reason/);
    }
  });

  it('names the flag in the missing-reason message', () => {
    const r = FlagInputSchema.safeParse({ kind: 'do-not-contact', reason: '' });
    expect(r.error?.issues[0]?.message).toBe('Say why: "Do not contact" needs a reason');
  });

  it('treats a blank reason as missing', () => {
    expect(FlagInputSchema.safeParse({ kind: 'never-email', reason: '   ' }).success).toBe(false);
  });

  it('does not require a reason for the other kinds', () => {
    for (const kind of FLAG_KINDS.filter((k) => !FLAGS_NEEDING_REASON.has(k))) {
      expect(FlagInputSchema.parse({ kind })).toEqual({ kind, reason: '', source: '' });
    }
    expect(FlagInputSchema.parse({ kind: 'large-print' })).toEqual({ kind: 'large-print', reason: '', source: '' });
  });

  it('trims reason and source and keeps a valid expiry', () => {
    expect(FlagInputSchema.parse({ kind: 'other', reason: ' prefers Welsh ', source: ' desk ', expiresOn: '2026-12-31' })).toEqual({
      kind: 'other',
      reason: 'prefers Welsh',
      source: 'desk',
      expiresOn: '2026-12-31',
    });
  });

  it('rejects an impossible or malformed expiry date', () => {
    for (const expiresOn of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-04-31', '2026-3-1', '31/03/2026', '']) {
      const r = FlagInputSchema.safeParse({ kind: 'large-print', expiresOn });
      expect(r.success, expiresOn).toBe(false);
      expect(new Set(r.error?.issues.map((i) => i.path.join('.')))).toEqual(new Set(['expiresOn']));
    }
    expect(FlagInputSchema.safeParse({ kind: 'large-print', expiresOn: '2026-02-30' }).error?.issues[0]?.message).toBe('Not a real calendar date');
    expect(FlagInputSchema.safeParse({ kind: 'large-print', expiresOn: '2026-3-1' }).error?.issues[0]?.message).toBe('Use a date like 2026-03-31');
    expect(FlagInputSchema.safeParse({ kind: 'large-print', expiresOn: '2024-02-29' }).success).toBe(true);
  });

  it('rejects an unknown kind with a readable message', () => {
    const r = FlagInputSchema.safeParse({ kind: 'vip' });
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['kind'], message: 'Choose a kind of flag' })]);
  });

  it('limits reason and source length', () => {
    expect(FlagInputSchema.safeParse({ kind: 'other', reason: 'x'.repeat(501) }).success).toBe(false);
    expect(FlagInputSchema.safeParse({ kind: 'other', reason: 'x'.repeat(500) }).success).toBe(true);
    expect(FlagInputSchema.safeParse({ kind: 'large-print', source: 'x'.repeat(201) }).success).toBe(false);
  });
});

describe('localDayOf', () => {
  it('formats the local calendar day', () => {
    expect(localDayOf(at(2026, 3, 31, 0, 0))).toBe('2026-03-31');
    expect(localDayOf(at(2026, 3, 31, 23, 59))).toBe('2026-03-31');
    expect(localDayOf(at(2026, 1, 2))).toBe('2026-01-02');
  });
});

describe('isFlagActive', () => {
  it('is active with no expiry and not cleared', () => {
    expect(isFlagActive(flag(), at(2030, 1, 1))).toBe(true);
  });

  it('is inactive once cleared, even before its expiry', () => {
    expect(isFlagActive(flag({ cleared: stamp(at(2026, 2, 1)) }), at(2026, 2, 2))).toBe(false);
    expect(isFlagActive(flag({ expiresOn: '2026-12-31', cleared: stamp(at(2026, 2, 1)) }), at(2026, 2, 2))).toBe(false);
  });

  it('still applies on its expiry day, from the first to the last minute', () => {
    const f = flag({ expiresOn: '2026-03-31' });
    expect(isFlagActive(f, at(2026, 3, 30, 12))).toBe(true);
    expect(isFlagActive(f, at(2026, 3, 31, 0, 0))).toBe(true);
    expect(isFlagActive(f, at(2026, 3, 31, 23, 59))).toBe(true);
  });

  it('lapses the day after its expiry', () => {
    const f = flag({ expiresOn: '2026-03-31' });
    expect(isFlagActive(f, at(2026, 4, 1, 0, 0))).toBe(false);
    expect(isFlagActive(f, at(2027, 1, 1))).toBe(false);
  });

  it('compares across month and year boundaries', () => {
    expect(isFlagActive(flag({ expiresOn: '2026-12-31' }), at(2027, 1, 1, 0, 0))).toBe(false);
    expect(isFlagActive(flag({ expiresOn: '2027-01-01' }), at(2026, 12, 31, 23, 59))).toBe(true);
  });
});

describe('partitionFlags', () => {
  it('splits active from history, keeping the order they were given', () => {
    const now = at(2026, 3, 15);
    const a = flag({ id: 'a' });
    const b = flag({ id: 'b', kind: 'large-print', reason: '', cleared: stamp(at(2026, 3, 1)) });
    const c = flag({ id: 'c', kind: 'do-not-contact', expiresOn: '2026-03-15' });
    const d = flag({ id: 'd', kind: 'phone-only', expiresOn: '2026-03-14' });
    const e = flag({ id: 'e', kind: 'hard-of-hearing' });
    const { active, history } = partitionFlags([a, b, c, d, e], now);
    expect(active.map((f) => f.id)).toEqual(['a', 'c', 'e']);
    expect(history.map((f) => f.id)).toEqual(['b', 'd']);
  });

  it('returns two empty lists for no flags', () => {
    expect(partitionFlags([], at(2026, 1, 1))).toEqual({ active: [], history: [] });
  });
});
