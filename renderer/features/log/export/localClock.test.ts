import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateTime } from '@shared/log/logCellText';
import { localClock } from './localClock';

// Zones with DST, half- and quarter-hour offsets, southern-hemisphere summers and a 30-minute DST shift.
const ZONES = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Sao_Paulo', 'UTC'];

describe('local clock', () => {
  it('writes exactly what shared/log localDateTime writes, for any instant in any zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (zone, at) => {
        expect(localClock(zone).dateTimeText(at)).toBe(localDateTime(at, zone));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gets every minute around DST changes right, with one clock reused', () => {
    for (const zone of ZONES) {
      const clock = localClock(zone);
      for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 3, 4, 15)]) {
        for (let at = change - 3_600_000; at <= change + 3_600_000; at += 60_000) expect(clock.dateTimeText(at)).toBe(localDateTime(at, zone));
      }
    }
  });

  it('gives spreadsheet dates whose UTC fields are the local wall clock', () => {
    expect(localClock('Europe/London').wallClockDate(Date.UTC(2026, 6, 1, 9, 30))).toEqual(new Date(Date.UTC(2026, 6, 1, 10, 30)));
    expect(localClock('Asia/Kathmandu').wallClockDate(Date.UTC(2026, 0, 1, 0, 0))).toEqual(new Date(Date.UTC(2026, 0, 1, 5, 45)));
  });
});
