import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, ChannelSchema } from './channels';
import { BestTimeSchema, ContactPreferencesSchema, describeBestTime, WEEKDAYS, type BestTime, type Weekday } from './contactPreferences';

const window = (days: Weekday[], from = '09:00', to = '10:00'): BestTime => ({ days, from, to });

describe('ContactPreferencesSchema', () => {
  it('accepts ranked channels, time windows and a trimmed note (defaulting to empty)', () => {
    expect(
      ContactPreferencesSchema.parse({
        channels: ['phone', 'letter'],
        bestTimes: [window(['mon', 'tue'])],
        note: '  ring twice  ',
      }),
    ).toEqual({ channels: ['phone', 'letter'], bestTimes: [window(['mon', 'tue'])], note: 'ring twice' });
    expect(ContactPreferencesSchema.parse({ channels: [], bestTimes: [] })).toEqual({ channels: [], bestTimes: [], note: '' });
  });

  it('accepts every channel once, in any order', () => {
    expect(ContactPreferencesSchema.safeParse({ channels: [...CHANNELS].reverse(), bestTimes: [] }).success).toBe(true);
  });

  it('rejects a channel ranked twice', () => {
    const r = ContactPreferencesSchema.safeParse({ channels: ['phone', 'email', 'phone'], bestTimes: [] });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['channels'], message: 'Each channel can be ranked only once' })]);
  });

  it('rejects an unknown channel with a readable message', () => {
    const r = ContactPreferencesSchema.safeParse({ channels: ['fax'], bestTimes: [] });
    expect(r.error?.issues[0]).toMatchObject({ path: ['channels', 0], message: 'Choose phone, email, SMS, letter or in person' });
    expect(ChannelSchema.safeParse('in-person').success).toBe(true);
  });

  it('caps time windows at 14 and the note at 500 characters', () => {
    const many = Array.from({ length: 15 }, () => window(['mon']));
    expect(ContactPreferencesSchema.safeParse({ channels: [], bestTimes: many }).error?.issues[0]?.message).toBe('At most 14 time windows');
    expect(ContactPreferencesSchema.safeParse({ channels: [], bestTimes: many.slice(1) }).success).toBe(true);
    expect(ContactPreferencesSchema.safeParse({ channels: [], bestTimes: [], note: 'x'.repeat(501) }).success).toBe(false);
  });

  it('reports a bad window at its index', () => {
    const r = ContactPreferencesSchema.safeParse({ channels: [], bestTimes: [window(['mon']), window(['tue'], '14:00', '13:00')] });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['bestTimes.1.to']);
  });
});

describe('BestTimeSchema', () => {
  it('rejects an end before or equal to the start, on the "to" field', () => {
    for (const [from, to] of [['12:00', '10:00'], ['10:00', '10:00'], ['23:59', '00:00']]) {
      const r = BestTimeSchema.safeParse(window(['mon'], from, to));
      expect(r.success).toBe(false);
      expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['to'], message: 'The end time must be after the start time' })]);
    }
  });

  it('accepts a window exactly when it ends later on the clock', () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }));
    const text = ([h, m]: [number, number]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    fc.assert(
      fc.property(time, time, (a, b) => {
        const ok = BestTimeSchema.safeParse(window(['mon'], text(a), text(b))).success;
        expect(ok).toBe(a[0] * 60 + a[1] < b[0] * 60 + b[1]);
      }),
    );
  });

  it('accepts a window of one minute', () => {
    expect(BestTimeSchema.safeParse(window(['sun'], '09:59', '10:00')).success).toBe(true);
  });

  it('needs at least one day and known day names', () => {
    expect(BestTimeSchema.safeParse(window([])).error?.issues[0]?.message).toBe('Pick at least one day');
    expect(BestTimeSchema.safeParse({ days: ['monday'], from: '09:00', to: '10:00' }).success).toBe(false);
  });

  it('needs HH:mm 24-hour times', () => {
    for (const bad of ['9:00', '24:00', '12:60', '12.30', '']) {
      const r = BestTimeSchema.safeParse(window(['mon'], bad, '23:59'));
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ['from'], message: 'Use a time like 09:30' });
    }
  });
});

describe('describeBestTime', () => {
  it('collapses runs of three or more days into a range', () => {
    expect(describeBestTime(window(['mon', 'tue', 'wed', 'thu', 'fri'], '10:00', '12:00'))).toBe('Mon–Fri 10:00–12:00');
    expect(describeBestTime(window([...WEEKDAYS]))).toBe('Mon–Sun 09:00–10:00');
  });

  it('lists separate days with commas', () => {
    expect(describeBestTime(window(['tue', 'thu'], '14:00', '16:00'))).toBe('Tue, Thu 14:00–16:00');
  });

  it('lists two consecutive days rather than a range', () => {
    expect(describeBestTime(window(['mon', 'tue']))).toBe('Mon, Tue 09:00–10:00');
  });

  it('mixes ranges and single days', () => {
    expect(describeBestTime(window(['mon', 'tue', 'wed', 'fri']))).toBe('Mon–Wed, Fri 09:00–10:00');
    expect(describeBestTime(window(['mon', 'wed', 'thu', 'fri', 'sun']))).toBe('Mon, Wed–Fri, Sun 09:00–10:00');
  });

  it('shows a single day alone', () => {
    expect(describeBestTime(window(['sat'], '18:00', '19:30'))).toBe('Sat 18:00–19:30');
  });

  it('orders days Mon to Sun and ignores duplicates', () => {
    expect(describeBestTime(window(['fri', 'wed', 'mon', 'tue', 'wed']))).toBe('Mon–Wed, Fri 09:00–10:00');
  });

  it('names every chosen day and no other, whatever the order and duplicates', () => {
    const labels: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 10 }), (days) => {
        const text = describeBestTime(window(days));
        expect(text.endsWith(' 09:00–10:00')).toBe(true);
        const dayPart = text.slice(0, -' 09:00–10:00'.length);
        // Expand the ranges back into days and compare with the chosen set.
        const named: Weekday[] = [];
        for (const piece of dayPart.split(', ')) {
          const [a, b] = piece.split('–');
          const from = WEEKDAYS.findIndex((d) => labels[d] === a);
          const to = b === undefined ? from : WEEKDAYS.findIndex((d) => labels[d] === b);
          expect(from).toBeGreaterThanOrEqual(0);
          expect(to - from === 0 || to - from >= 2).toBe(true);
          for (let i = from; i <= to; i++) named.push(WEEKDAYS[i]!);
        }
        expect(named).toEqual(WEEKDAYS.filter((d) => days.includes(d)));
      }),
    );
  });
});
