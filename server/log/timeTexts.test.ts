import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateTime } from '@shared/log/logCellText';
import { localDateTimeFormatter } from '@shared/log/localTimeFormatter';
import { isoTexts, localTexts } from './timeTexts';

// Whole-hour, half-hour, 45-minute and DST-shifting zones, and one with seconds in its old offset (Monrovia, -0:44:30 until 1972).
const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Africa/Monrovia'];

describe('cached time texts of the COPY export', () => {
  it('write exactly what toISOString and the JavaScript path\'s local formatter write, across DST changes and odd offsets', () => {
    const iso = isoTexts();
    const formatters = new Map(ZONES.map((z) => [z, localDateTimeFormatter(z)]));
    const locals = new Map(ZONES.map((z) => [z, localTexts(formatters.get(z)!)]));
    fc.assert(
      // The JavaScript path's formatter is the reference (localTimeFormatter.test.ts holds it to localDateTime).
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }), fc.integer({ min: 0, max: 20 }), (zone, start, step) => {
        // A run of nearby moments, so most come from the cache and some cross quarter hours.
        for (let at = start; at < start + step * 7 * 60_000; at += 7 * 60_000 + 1) {
          expect(iso(at)).toBe(new Date(at).toISOString());
          expect(locals.get(zone)!(at)).toBe(formatters.get(zone)!(at));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('get every minute right through a clock change, each way, in London and New York', () => {
    for (const [zone, change] of [
      ['Europe/London', Date.UTC(2026, 2, 29, 1, 0)],
      ['Europe/London', Date.UTC(2026, 9, 25, 1, 0)],
      ['America/New_York', Date.UTC(2026, 2, 8, 7, 0)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6, 0)],
    ] as const) {
      const local = localTexts(localDateTimeFormatter(zone));
      for (let at = change - 3_600_000; at <= change + 3_600_000; at += 29_999) expect(local(at)).toBe(localDateTime(at, zone));
    }
  });
});
