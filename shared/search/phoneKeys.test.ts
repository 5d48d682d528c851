import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phoneSearchKeys } from './phoneKeys';

describe('phoneSearchKeys', () => {
  it('adds the national form, with the country trunk prefix, for an international number', () => {
    expect(phoneSearchKeys('+44 20 7946 0958')).toEqual(['442079460958', '02079460958']);
    expect(phoneSearchKeys('+33 1 23 45 67 89')).toEqual(['33123456789', '0123456789']);
    expect(phoneSearchKeys('+7 495 123-45-67')).toEqual(['74951234567', '84951234567']);
  });

  it('keeps a leading zero that belongs to the number (Italy) and adds no prefix where there is none (NANP)', () => {
    expect(phoneSearchKeys('+39 06 1234 5678')).toContain('0612345678');
    expect(phoneSearchKeys('+1 212 555 0123')).toEqual(['12125550123', '2125550123']);
  });

  it('treats a leading 00 as + and keeps the digits as typed too', () => {
    expect(phoneSearchKeys('0044 20 7946 0958')).toEqual(['00442079460958', '442079460958', '02079460958']);
  });

  it('copes with the UK "(0)" habit', () => {
    expect(phoneSearchKeys('+44 (0)20 7946 0958')).toEqual(expect.arrayContaining(['4402079460958', '442079460958', '02079460958']));
  });

  it('gives only the typed digits for a national number or an impossible international one', () => {
    expect(phoneSearchKeys('020 7946 0958')).toEqual(['02079460958']);
    expect(phoneSearchKeys('+44 123')).toEqual(['44123']);
  });

  it('gives nothing for no digits', () => {
    expect(phoneSearchKeys('')).toEqual([]);
    expect(phoneSearchKeys(' - ')).toEqual([]);
  });

  it('always includes the typed digits and only non-empty digit strings, without duplicates', () => {
    const phone = fc.tuple(fc.constantFrom('', '+', '00', '+44 ', '+1 '), fc.string({ unit: fc.constantFrom(...'0123456789 -().'), maxLength: 20 }));
    fc.assert(
      fc.property(phone, ([lead, rest]) => {
        const number = lead + rest;
        const keys = phoneSearchKeys(number);
        const typed = number.replace(/\D/g, '');
        if (typed !== '') expect(keys[0]).toBe(typed);
        expect(keys.every((k) => /^\d+$/.test(k))).toBe(true);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});
