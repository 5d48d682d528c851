import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOUR, parseQuickWhen } from './quickWhen';

/** Local-time instants, so the tests mean the same in any time zone. */
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

/** "Now" for every case: Friday 20 November 2026, 14:30 local. */
const NOW = at(2026, 11, 20, 14, 30);

function when(text: string, now = NOW): number {
  const r = parseQuickWhen(text, now);
  if (!r.ok) throw new Error(`expected "${text}" to parse, got: ${r.message}`);
  return r.at;
}

describe('parseQuickWhen', () => {
  it('knows its default hour', () => {
    expect(DEFAULT_HOUR).toBe(9);
  });

  it.each<[string, number]>([
    ['tomorrow 10:00', at(2026, 11, 21, 10, 0)],
    ['fri 9:30', at(2026, 11, 27, 9, 30)], // today is Friday: the next one
    ['friday', at(2026, 11, 27, 9, 0)], // a bare day is 09:00
    ['in 2 weeks', at(2026, 12, 4, 9, 0)],
    ['in 30 min', at(2026, 11, 20, 15, 0)],
    ['in 1 hour', at(2026, 11, 20, 15, 30)],
    ['in 3 days', at(2026, 11, 23, 9, 0)],
    ['15:30', at(2026, 11, 20, 15, 30)], // still ahead today
    ['9:00', at(2026, 11, 21, 9, 0)], // already past: tomorrow
    ['10am', at(2026, 11, 21, 10, 0)], // already past: tomorrow
    ['3:15 pm', at(2026, 11, 20, 15, 15)],
    ['2026-12-01 14:00', at(2026, 12, 1, 14, 0)],
    ['1/12 10:00', at(2026, 12, 1, 10, 0)], // day/month
    ['next tue', at(2026, 11, 24, 9, 0)],
    ['today 16:00', at(2026, 11, 20, 16, 0)],
    ['tomorrow at 11', at(2026, 11, 21, 11, 0)],
  ])('"%s"', (text, expected) => {
    expect(new Date(when(text)).toString()).toBe(new Date(expected).toString());
    expect(when(text)).toBe(expected);
  });

  it.each<[string, number]>([
    ['  Tomorrow   10:00 ', at(2026, 11, 21, 10, 0)], // case and spacing do not matter
    ['tmrw 8:15', at(2026, 11, 21, 8, 15)],
    ['next friday 11:00', at(2026, 11, 27, 11, 0)],
    ['thurs', at(2026, 11, 26, 9, 0)],
    ['mon 4pm', at(2026, 11, 23, 16, 0)],
    ['sat 10 am', at(2026, 11, 21, 10, 0)],
    ['09.30', at(2026, 11, 21, 9, 30)],
    ['930', at(2026, 11, 21, 9, 30)],
    ['1630', at(2026, 11, 20, 16, 30)],
    ['14:30', at(2026, 11, 21, 14, 30)], // exactly now is not ahead: tomorrow
    ['12pm', at(2026, 11, 21, 12, 0)],
    ['12am', at(2026, 11, 21, 0, 0)],
    ['in 1 month', at(2026, 12, 20, 9, 0)],
    ['in 90 minutes', at(2026, 11, 20, 16, 0)],
    ['1/12', at(2026, 12, 1, 9, 0)],
    ['3/1/2027 10:00', at(2027, 1, 3, 10, 0)],
    ['2026-12-01', at(2026, 12, 1, 9, 0)],
    ['today at 4:45pm', at(2026, 11, 20, 16, 45)],
  ])('also "%s"', (text, expected) => {
    expect(when(text)).toBe(expected);
  });

  it('keeps "in N minutes/hours" to the minute and "in N days/weeks" at the default hour', () => {
    const now = at(2026, 11, 20, 14, 30) + 42_123; // 14:30:42.123
    expect(when('in 30 min', now)).toBe(at(2026, 11, 20, 15, 0));
    expect(when('in 1 hour', now)).toBe(at(2026, 11, 20, 15, 30));
    expect(when('in 3 days', now)).toBe(at(2026, 11, 23, 9, 0));
  });

  it('refuses an empty box with a hint', () => {
    const r = parseQuickWhen('   ', NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/tomorrow 10:00/);
    expect(parseQuickWhen('', NOW)).toEqual(r);
  });

  it.each(['today', 'blah', '25:00', '13pm', '12:60', '0am', 'fri 25:00', '31/2 10:00', 'in 2 fortnights', 'tomorrow tomorrow'])(
    'refuses "%s" with a message that names it',
    (text) => {
      const r = parseQuickWhen(text, NOW);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(`"${text}"`);
    },
  );

  it('names the input as typed (trimmed, original case) in the message', () => {
    const r = parseQuickWhen('  Blah Blah ', NOW);
    expect(r).toEqual({ ok: false, message: expect.stringContaining('"Blah Blah"') });
  });
});

describe('parseQuickWhen across a DST change (Europe/London)', () => {
  const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
  let saved: string | undefined;
  beforeEach(() => {
    saved = env.TZ;
    env.TZ = 'Europe/London';
  });
  afterEach(() => {
    if (saved === undefined) delete env.TZ;
    else env.TZ = saved;
  });

  it('"tomorrow 10:00" is 10:00 on the wall clock on the day the clocks go forward', () => {
    const now = at(2026, 3, 28, 14, 30); // Sat 28 Mar 2026 GMT
    const t = when('tomorrow 10:00', now);
    expect(t).toBe(at(2026, 3, 29, 10, 0));
    expect(t - now).toBe((19.5 - 1) * 3_600_000); // 19½ hours on the clock, 18½ really
  });

  it('"in 1 hour" is one real hour, even across the gap', () => {
    const now = at(2026, 3, 29, 0, 30); // 00:30 GMT; 01:00 jumps to 02:00
    expect(new Date(when('in 1 hour', now)).getHours()).toBe(2);
    expect(when('in 1 hour', now) - now).toBe(3_600_000);
  });
});
