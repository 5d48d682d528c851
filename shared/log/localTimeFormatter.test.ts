import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateTime } from './logCellText';
import { localDateTimeFormatter } from './localTimeFormatter';

const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];

describe('fast local date and time', () => {
  it('writes exactly what localDateTime writes, across DST changes and odd offsets', () => {
    const formatters = new Map(ZONES.map((z) => [z, localDateTimeFormatter(z)]));
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }), (zone, at) => {
        expect(formatters.get(zone)!(at)).toBe(localDateTime(at, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('gets the minutes either side of a clock change right', () => {
    const london = localDateTimeFormatter('Europe/London');
    // 2026-03-29 01:00 UTC: clocks go forward from 01:00 GMT to 02:00 BST.
    const change = Date.UTC(2026, 2, 29, 1, 0);
    for (const at of [change - 60_001, change - 1, change, change + 59_999]) expect(london(at)).toBe(localDateTime(at, 'Europe/London'));
  });
});
