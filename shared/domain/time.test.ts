import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EpochMsSchema, IsoDateSchema, TimeOfDaySchema } from './time';

describe('IsoDateSchema', () => {
  it('accepts real calendar days, including 29 February in a leap year', () => {
    for (const d of ['2026-03-31', '2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01']) {
      expect(IsoDateSchema.safeParse(d).success, d).toBe(true);
    }
  });

  it('rejects days that do not exist', () => {
    for (const d of ['2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00']) {
      const r = IsoDateSchema.safeParse(d);
      expect(r.success, d).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('Not a real calendar date');
    }
  });

  it('rejects other formats with an example', () => {
    for (const d of ['2026-3-31', '31/03/2026', '2026-03-31T00:00', ' 2026-03-31', '']) {
      const r = IsoDateSchema.safeParse(d);
      expect(r.success, d).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('Use a date like 2026-03-31');
    }
  });

  it('accepts exactly the days a calendar has', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(IsoDateSchema.safeParse(text).success).toBe(d <= daysInMonth);
      }),
    );
  });
});

describe('TimeOfDaySchema', () => {
  it('accepts 24-hour HH:mm', () => {
    for (const t of ['00:00', '09:30', '12:00', '23:59']) expect(TimeOfDaySchema.safeParse(t).success, t).toBe(true);
  });

  it('rejects anything else', () => {
    for (const t of ['24:00', '9:30', '09:60', '09:30:00', '0930', '']) expect(TimeOfDaySchema.safeParse(t).success, t).toBe(false);
  });

  it('accepts every minute of the day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        expect(TimeOfDaySchema.safeParse(`${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`).success).toBe(true);
      }),
    );
  });
});

describe('EpochMsSchema', () => {
  it('accepts non-negative integers only', () => {
    expect(EpochMsSchema.safeParse(0).success).toBe(true);
    expect(EpochMsSchema.safeParse(1_774_000_000_000).success).toBe(true);
    expect(EpochMsSchema.safeParse(-1).success).toBe(false);
    expect(EpochMsSchema.safeParse(1.5).success).toBe(false);
    expect(EpochMsSchema.safeParse('1774000000000').success).toBe(false);
  });
});
