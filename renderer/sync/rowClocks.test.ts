import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockMap } from '@shared/sync/fields';
import { formatHlc, type Hlc } from '@shared/sync/hlc';
import { clocksOf, withClocks } from './rowClocks';

const hlc = (wall: number, counter = 0, desk = 'desk-a'): Hlc => formatHlc({ wall, counter, deskId: desk });

describe('row clocks', () => {
  it('stores each clock once with its fields, and reads back the same map', () => {
    const clocks: ClockMap = { firstName: hlc(10), lastName: hlc(20), phones: hlc(10) };
    const row = withClocks({ id: 'p1', firstName: 'Ada' }, clocks);
    expect(row).toEqual({ id: 'p1', firstName: 'Ada', _clockGroups: { [hlc(10)]: ['firstName', 'phones'], [hlc(20)]: ['lastName'] } });
    expect(clocksOf(row)).toEqual(clocks);
  });

  it('reads rows written before schema v6 (a field-by-field map), and rewrites them grouped', () => {
    const legacy = { id: 'p1', _clocks: { firstName: hlc(5) } };
    expect(clocksOf(legacy)).toEqual({ firstName: hlc(5) });
    const rewritten = withClocks(legacy, { ...clocksOf(legacy), lastName: hlc(6) });
    expect(rewritten).not.toHaveProperty('_clocks');
    expect(clocksOf(rewritten)).toEqual({ firstName: hlc(5), lastName: hlc(6) });
  });

  it('has no clocks for a row that is not there, or was never stamped', () => {
    expect(clocksOf(undefined)).toEqual({});
    expect(clocksOf({ id: 'p1' })).toEqual({});
  });

  it('round-trips any clock map', () => {
    const clockMap = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'),
      fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 0xffff }), fc.constantFrom('a', 'b', 'c')).map(([w, c, d]) => hlc(w, c, d)),
    );
    fc.assert(fc.property(clockMap, (clocks) => {
      expect(clocksOf(withClocks({}, clocks))).toEqual(clocks);
    }));
  });
});
