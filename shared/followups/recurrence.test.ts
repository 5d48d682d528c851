import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecurrenceSchema } from './followUp';
import { nextOccurrence, recurrenceFor, type RecurrenceChoice } from './recurrence';
import { RRule } from './rruleLoader';

/** Local-time instants, built after any time-zone switch so they mean local wall-clock time. */
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** shared/ has no Node types; reach process.env without them. Node re-reads TZ when it is assigned. */
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

/** The next `n` occurrences after `from` (each strictly after the previous). */
function series(rule: { rule: string; label: string }, firstDue: number, from: number, n: number): number[] {
  const out: number[] = [];
  let after = from;
  for (let i = 0; i < n; i++) {
    const next = nextOccurrence(rule, firstDue, after);
    if (next === undefined) break;
    out.push(next);
    after = next;
  }
  return out;
}
const local = (t: number) => {
  const d = new Date(t);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()} ${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
};

describe('rruleLoader', () => {
  it('resolves the RRule class whichever module shape Node or the bundler gives', () => {
    expect(typeof RRule).toBe('function');
    expect(RRule.WEEKLY).toBe(2);
    expect(RRule.parseString('FREQ=WEEKLY;BYDAY=+2TU').freq).toBe(RRule.WEEKLY);
  });
});

describe('recurrenceFor', () => {
  const tue = at(2026, 1, 13, 10, 0); // Tue 13 Jan 2026, the 2nd Tuesday
  const fri = at(2026, 1, 30, 10, 0); // Fri 30 Jan 2026, the last Friday

  const cases: Array<[RecurrenceChoice, number, string, string]> = [
    [{ kind: 'daily' }, tue, 'FREQ=DAILY', 'Every day'],
    [{ kind: 'weekly' }, tue, 'FREQ=WEEKLY', 'Every Tuesday'],
    [{ kind: 'weekly' }, fri, 'FREQ=WEEKLY', 'Every Friday'],
    [{ kind: 'monthly' }, tue, 'FREQ=MONTHLY', 'Every month'],
    [{ kind: 'nth-weekday', nth: 2 }, tue, 'FREQ=MONTHLY;BYDAY=+2TU', '2nd Tuesday of the month'],
    [{ kind: 'nth-weekday', nth: 1 }, at(2026, 1, 5, 9), 'FREQ=MONTHLY;BYDAY=+1MO', '1st Monday of the month'],
    [{ kind: 'nth-weekday', nth: 3 }, at(2026, 1, 21, 9), 'FREQ=MONTHLY;BYDAY=+3WE', '3rd Wednesday of the month'],
    [{ kind: 'nth-weekday', nth: 4 }, at(2026, 1, 22, 9), 'FREQ=MONTHLY;BYDAY=+4TH', '4th Thursday of the month'],
    [{ kind: 'nth-weekday', nth: -1 }, fri, 'FREQ=MONTHLY;BYDAY=-1FR', 'last Friday of the month'],
  ];

  it.each(cases)('%j from %s gives %s (%s)', (choice, firstDue, rule, label) => {
    const r = recurrenceFor(choice, firstDue);
    expect(r).toEqual({ rule, label });
    // What recurrenceFor makes, the stored schema accepts.
    expect(RecurrenceSchema.safeParse(r).success).toBe(true);
  });
});

describe('nextOccurrence', () => {
  it('daily: strictly after `after`, at the time of day of the first due', () => {
    const first = at(2026, 11, 20, 10, 0);
    const r = recurrenceFor({ kind: 'daily' }, first);
    expect(nextOccurrence(r, first, at(2026, 11, 20, 9, 0))).toBe(first); // before the first: the first
    expect(nextOccurrence(r, first, first)).toBe(at(2026, 11, 21, 10, 0)); // exactly on one: the next
    expect(nextOccurrence(r, first, at(2026, 11, 20, 10, 0) + 1)).toBe(at(2026, 11, 21, 10, 0));
    expect(series(r, first, first, 3)).toEqual([at(2026, 11, 21, 10), at(2026, 11, 22, 10), at(2026, 11, 23, 10)]);
  });

  it('weekly: same weekday and time', () => {
    const first = at(2026, 11, 20, 10, 0); // Friday
    const r = recurrenceFor({ kind: 'weekly' }, first);
    expect(series(r, first, at(2026, 11, 24, 12, 0), 3)).toEqual([at(2026, 11, 27, 10), at(2026, 12, 4, 10), at(2026, 12, 11, 10)]);
  });

  it('2nd Tuesday of the month', () => {
    const first = at(2026, 1, 13, 10, 0);
    const r = recurrenceFor({ kind: 'nth-weekday', nth: 2 }, first);
    expect(series(r, first, first, 4).map(local)).toEqual(['2026-2-10 10:00', '2026-3-10 10:00', '2026-4-14 10:00', '2026-5-12 10:00']);
  });

  it('last Friday of the month', () => {
    const first = at(2026, 1, 30, 10, 0);
    const r = recurrenceFor({ kind: 'nth-weekday', nth: -1 }, first);
    expect(series(r, first, first, 4).map(local)).toEqual(['2026-2-27 10:00', '2026-3-27 10:00', '2026-4-24 10:00', '2026-5-29 10:00']);
  });

  it('monthly on an ordinary day keeps the day', () => {
    const first = at(2026, 1, 15, 14, 30);
    const r = recurrenceFor({ kind: 'monthly' }, first);
    expect(series(r, first, first, 3).map(local)).toEqual(['2026-2-15 14:30', '2026-3-15 14:30', '2026-4-15 14:30']);
  });

  /*
   * Monthly on the 31st: rrule follows RFC 5545 §3.3.10 ("Recurrence rules may generate
   * recurrence instances with an invalid date (e.g., February 30) ... Such recurrence
   * instances MUST be ignored"), so months without a 31st are SKIPPED — no follow-up in
   * February, April, June, September, November — rather than moved to the month's last day.
   * Same for the 29th/30th in February. This test pins that behaviour; if staff expect
   * "last day of the month" instead, the rule would need BYMONTHDAY=-1 (not offered today).
   */
  it('monthly on the 31st skips months that have no 31st (rrule / RFC 5545 behaviour)', () => {
    const first = at(2026, 1, 31, 10, 0);
    const r = recurrenceFor({ kind: 'monthly' }, first);
    expect(r.rule).toBe('FREQ=MONTHLY');
    expect(series(r, first, first, 6).map(local)).toEqual([
      '2026-3-31 10:00', '2026-5-31 10:00', '2026-7-31 10:00', '2026-8-31 10:00', '2026-10-31 10:00', '2026-12-31 10:00',
    ]);
  });

  it('returns undefined once a series has ended', () => {
    const first = at(2026, 11, 20, 10, 0);
    const r = { rule: 'FREQ=DAILY;COUNT=2', label: 'Twice' };
    expect(nextOccurrence(r, first, first)).toBe(at(2026, 11, 21, 10, 0));
    expect(nextOccurrence(r, first, at(2026, 11, 21, 10, 0))).toBeUndefined();
  });
});

describe.each(['Europe/London', 'America/New_York'])('DST in %s', (tz) => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = env.TZ;
    env.TZ = tz;
  });
  afterEach(() => {
    if (saved === undefined) delete env.TZ;
    else env.TZ = saved;
  });

  /** Guards the test itself: the zone switch took effect (it would not in a worker thread). */
  function expectOffsetChange(a: number, b: number) {
    expect(new Date(a).getTimezoneOffset()).not.toBe(new Date(b).getTimezoneOffset());
  }

  it('a weekly 10:00 series stays at 10:00 local across the spring change', () => {
    // London: clocks go forward Sun 29 Mar 2026; New York: Sun 8 Mar 2026.
    const first = at(2026, 2, 24, 10, 0); // Tue 24 Feb 2026 10:00 (winter in both)
    const r = recurrenceFor({ kind: 'weekly' }, first);
    const got = series(r, first, first, 7);
    expectOffsetChange(first, got.at(-1)!);
    expect(got.map(local)).toEqual([
      '2026-3-3 10:00', '2026-3-10 10:00', '2026-3-17 10:00', '2026-3-24 10:00', '2026-3-31 10:00', '2026-4-7 10:00', '2026-4-14 10:00',
    ]);
    // Exactly one gap in the series is an hour short of a week: the one across the change.
    const gaps = got.slice(1).map((t, i) => t - got[i]!);
    expect(gaps.filter((g) => g === 7 * DAY - HOUR)).toHaveLength(1);
    expect(gaps.filter((g) => g === 7 * DAY)).toHaveLength(gaps.length - 1);
  });

  it('a weekly 10:00 series stays at 10:00 local across the autumn change', () => {
    // London: clocks go back Sun 25 Oct 2026; New York: Sun 1 Nov 2026.
    const first = at(2026, 10, 6, 10, 0); // Tue 6 Oct 2026 10:00 (summer in both)
    const r = recurrenceFor({ kind: 'weekly' }, first);
    const got = series(r, first, first, 6);
    expectOffsetChange(first, got.at(-1)!);
    expect(got.map(local)).toEqual([
      '2026-10-13 10:00', '2026-10-20 10:00', '2026-10-27 10:00', '2026-11-3 10:00', '2026-11-10 10:00', '2026-11-17 10:00',
    ]);
    const gaps = got.slice(1).map((t, i) => t - got[i]!);
    expect(gaps.filter((g) => g === 7 * DAY + HOUR)).toHaveLength(1);
  });

  it('a daily 10:00 series keeps 10:00 on the day of the change itself', () => {
    const change = tz === 'Europe/London' ? [2026, 3, 29] as const : [2026, 3, 8] as const;
    const first = at(change[0], change[1], change[2] - 2, 10, 0);
    const r = recurrenceFor({ kind: 'daily' }, first);
    expect(series(r, first, first, 3).map((t) => new Date(t).getHours())).toEqual([10, 10, 10]);
    expect(local(series(r, first, first, 2)[1]!)).toBe(`${change[0]}-${change[1]}-${change[2]} 10:00`);
  });

  it('recurrenceFor names the local weekday, not the UTC one', () => {
    // 23:30 on a Monday evening in New York is already Tuesday in UTC; 00:30 on a Tuesday in London (BST) is Monday in UTC.
    const t = tz === 'America/New_York' ? at(2026, 6, 1, 23, 30) : at(2026, 6, 2, 0, 30);
    expect(recurrenceFor({ kind: 'weekly' }, t).label).toBe(tz === 'America/New_York' ? 'Every Monday' : 'Every Tuesday');
    expect(new Date(t).getUTCDay()).not.toBe(new Date(t).getDay());
  });
});
