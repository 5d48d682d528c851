import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PatronDetails } from '../domain/patron';
import { foldForSearch, wordTokens } from './fold';
import { leadingToken, looksLikeCardScan, matchesAllTokens, namePairKeys, PAIR_MARK, parseSearchQuery, patronSearchTerms, planMatches, planSearch } from './searchKeys';

type Searchable = Pick<PatronDetails, 'firstName' | 'lastName' | 'cardNumber' | 'phones' | 'emails'>;

const patron = (over: Partial<Searchable> = {}): Searchable => ({
  firstName: 'José',
  lastName: 'Núñez',
  cardNumber: '',
  phones: [],
  emails: [],
  ...over,
});

/** What the type-ahead finds when this patron is the only one stored: its plan, against the terms. */
const finds = (p: Searchable, query: string) => {
  const terms = patronSearchTerms(p);
  const plan = planSearch(query);
  const wholeFoundAny = plan.kind === 'prefix' && plan.whole !== undefined && terms.some((t) => t.startsWith(plan.whole!));
  return planMatches(plan, terms, wholeFoundAny);
};

describe('patronSearchTerms', () => {
  it('covers every folded word of the names', () => {
    const terms = patronSearchTerms(patron({ firstName: 'Mary Ann', lastName: "O'Brien-Müller" }));
    expect(terms).toEqual(expect.arrayContaining(['mary', 'ann', 'o', 'brien', 'muller']));
  });

  it('covers the card number, each phone as digits and each email whole', () => {
    const terms = patronSearchTerms(
      patron({
        cardNumber: 'AB123',
        phones: [
          { label: 'mobile', number: '+44 (0)7700 900-123' },
          { label: 'home', number: '020 7946 0958' },
        ],
        emails: [{ label: 'personal', address: 'jose.nunez@example.org' }],
      }),
    );
    expect(terms).toEqual(
      expect.arrayContaining(['jose', 'nunez', 'ab123', '4407700900123', '02079460958', 'jose.nunez@example.org']),
    );
  });

  it('has no duplicates and no empty terms', () => {
    const terms = patronSearchTerms(patron({ firstName: 'Ann Ann', lastName: 'ann', phones: [{ label: 'mobile', number: '12345' }, { label: 'work', number: '1-2-3-4-5' }] }));
    expect(new Set(terms).size).toBe(terms.length);
    expect(terms).not.toContain('');
    expect(terms.filter((t) => t === 'ann')).toHaveLength(1);
    expect(terms.filter((t) => t === '12345')).toHaveLength(1);
  });

  it('adds nothing for an empty card number', () => {
    expect(patronSearchTerms(patron({ firstName: 'Ada', lastName: '' }))).toEqual(['ada']);
  });
});

describe('namePairKeys', () => {
  it('pairs the first letter of each word with every other word, once', () => {
    expect(namePairKeys(['joan', 'smith']).sort()).toEqual([`${PAIR_MARK}jsmith`, `${PAIR_MARK}sjoan`]);
    expect(namePairKeys(['ann', 'anna', 'zed']).sort()).toEqual(
      [`${PAIR_MARK}aann`, `${PAIR_MARK}aanna`, `${PAIR_MARK}azed`, `${PAIR_MARK}zann`, `${PAIR_MARK}zanna`].sort(),
    );
    expect(namePairKeys(['ada'])).toEqual([]);
  });

  it('are stored with the terms, where no typed word can reach them', () => {
    const terms = patronSearchTerms(patron({ firstName: 'Joan', lastName: 'Smith' }));
    expect(terms).toContain(`${PAIR_MARK}jsmith`);
    for (const q of ['j', 'jsmith', 's', '\u0001']) expect(parseSearchQuery(q).tokens.every((t) => !t.startsWith(PAIR_MARK))).toBe(true);
  });
});

describe('planSearch', () => {
  it('reads one token by its own prefix', () => {
    expect(planSearch('Müll')).toEqual({ kind: 'prefix', prefix: 'mull', tokens: ['mull'] });
    expect(planSearch('  ')).toEqual({ kind: 'none' });
  });

  it('reads two words by the name pair of the two longest', () => {
    expect(planSearch('jo smi')).toEqual({ kind: 'prefix', prefix: `${PAIR_MARK}jsmi`, tokens: ['jo', 'smi'] });
    expect(planSearch('a smith jo')).toMatchObject({ prefix: `${PAIR_MARK}jsmith` });
  });

  it('tries a string typed without spaces whole first', () => {
    expect(planSearch('LIB-0054')).toEqual({ kind: 'prefix', prefix: '0054', tokens: ['lib', '0054'], whole: 'lib-0054' });
    expect(planSearch("O'Bri")).toEqual({ kind: 'prefix', prefix: `${PAIR_MARK}obri`, tokens: ['o', 'bri'], whole: "o'bri" });
  });

  it('drives a word and digits by the longest token', () => {
    expect(planSearch('smith 0207')).toEqual({ kind: 'prefix', prefix: 'smith', tokens: ['smith', '0207'] });
  });
});

describe('parseSearchQuery', () => {
  it('returns no tokens for blank input', () => {
    expect(parseSearchQuery('')).toEqual({ tokens: [] });
    expect(parseSearchQuery('   \t ')).toEqual({ tokens: [] });
  });

  it('collapses a phone-like query to its digits', () => {
    expect(parseSearchQuery('020 7946-0958').tokens).toEqual(['02079460958']);
    expect(parseSearchQuery(' +44 (20) 7946.0958 ').tokens).toEqual(['442079460958']);
    expect(parseSearchQuery('0958').tokens).toEqual(['0958']);
  });

  it('does not treat punctuation without digits as a phone number', () => {
    expect(parseSearchQuery('(-)').tokens).toEqual([]);
  });

  it('keeps an address with "@" whole (folded) and splits the other words', () => {
    expect(parseSearchQuery('Ada@Example.org').tokens).toEqual(['ada@example.org']);
    expect(parseSearchQuery('Lovelace  ADA@ex').tokens).toEqual(['lovelace', 'ada@ex']);
  });

  it('splits words, folds them and drops duplicates', () => {
    expect(parseSearchQuery('José  Núñez').tokens).toEqual(['jose', 'nunez']);
    expect(parseSearchQuery("o'brien-smith").tokens).toEqual(['o', 'brien', 'smith']);
    expect(parseSearchQuery('ann ANN Ann').tokens).toEqual(['ann']);
  });

  it('treats letters mixed with digits as words, not a phone number', () => {
    expect(parseSearchQuery('flat 3b').tokens).toEqual(['flat', '3b']);
  });
});

describe('matchesAllTokens', () => {
  const terms = ['jose', 'nunez', 'ab123'];

  it('needs every token to be a prefix of some term', () => {
    expect(matchesAllTokens(terms, ['jo'])).toBe(true);
    expect(matchesAllTokens(terms, ['jo', 'nu'])).toBe(true);
    expect(matchesAllTokens(terms, ['jo', 'xu'])).toBe(false);
  });

  it('matches prefixes only, not infixes', () => {
    expect(matchesAllTokens(terms, ['ose'])).toBe(false);
    expect(matchesAllTokens(terms, ['123'])).toBe(false);
  });

  it('lets two tokens match the same term', () => {
    expect(matchesAllTokens(terms, ['j', 'jos'])).toBe(true);
  });

  it('matches everything for an empty query and nothing when a patron has no terms', () => {
    expect(matchesAllTokens(terms, [])).toBe(true);
    expect(matchesAllTokens([], ['a'])).toBe(false);
  });

  it('does not fold by itself: tokens must already be folded', () => {
    expect(matchesAllTokens(terms, ['José'])).toBe(false);
  });
});

describe('searching a patron end to end', () => {
  const ada = patron({
    firstName: 'Ada',
    lastName: 'Müller',
    cardNumber: 'LIB-0042',
    phones: [{ label: 'mobile', number: '07700 900123' }],
    emails: [{ label: 'work', address: 'ada.muller@example.org' }],
  });

  it('finds by name, accent-insensitively and in any order', () => {
    expect(finds(ada, 'muller')).toBe(true);
    expect(finds(ada, 'MÜL')).toBe(true);
    expect(finds(ada, 'mul ad')).toBe(true);
    expect(finds(ada, 'ada smith')).toBe(false);
  });

  it('finds by phone however the number is typed', () => {
    expect(finds(ada, '07700 900 123')).toBe(true);
    expect(finds(ada, '07700-900')).toBe(true);
    expect(finds(ada, '0800')).toBe(false);
  });

  it('finds an international number by its national form', () => {
    const p = patron({ phones: [{ label: 'work', number: '+44 20 7946 0958' }] });
    expect(finds(p, '020 7946')).toBe(true);
    expect(finds(p, '+44 20 7946 0958')).toBe(true);
    expect(finds(p, '020 7946 0959')).toBe(false);
  });

  it('finds by email prefix and rejects another address', () => {
    expect(finds(ada, 'Ada.Muller@')).toBe(true);
    expect(finds(ada, 'ada.muller@example.org')).toBe(true);
    expect(finds(ada, 'ada@example.org')).toBe(false);
  });

  it('finds by card number as printed, as scanned and without the hyphen', () => {
    expect(finds(ada, 'LIB-0042')).toBe(true);
    expect(finds(ada, 'lib-00')).toBe(true);
    expect(finds(ada, 'lib0042')).toBe(true);
    expect(finds(ada, 'LIB-0043')).toBe(false);
  });

  it('finds an all-digit card number with a hyphen (the query looks like a phone)', () => {
    const p = patron({ cardNumber: '1234-5678' });
    expect(finds(p, '1234-5678')).toBe(true);
    expect(finds(p, '12345678')).toBe(true);
    expect(finds(p, '1234')).toBe(true);
    expect(finds(p, '1234-9')).toBe(false);
  });
});

describe('looksLikeCardScan', () => {
  it('accepts one run of letters, digits and hyphens with at least one digit', () => {
    expect(looksLikeCardScan('AB123')).toBe(true);
    expect(looksLikeCardScan('LIB-0042')).toBe(true);
    expect(looksLikeCardScan('  29876543210987 ')).toBe(true);
    expect(looksLikeCardScan('123')).toBe(true);
  });

  it('rejects names, spaces, short or long input and other characters', () => {
    expect(looksLikeCardScan('Lovelace')).toBe(false);
    expect(looksLikeCardScan('AB 123')).toBe(false);
    expect(looksLikeCardScan('12')).toBe(false);
    expect(looksLikeCardScan('1'.repeat(33))).toBe(false);
    expect(looksLikeCardScan('1'.repeat(32))).toBe(true);
    expect(looksLikeCardScan('ada@1.org')).toBe(false);
    expect(looksLikeCardScan('Jöse1')).toBe(false);
    expect(looksLikeCardScan('')).toBe(false);
  });
});

describe('leadingToken', () => {
  it('picks the longest token, the first on a tie', () => {
    expect(leadingToken({ tokens: ['jo', 'nunez', 'ab'] })).toBe('nunez');
    expect(leadingToken({ tokens: ['ab', 'cd'] })).toBe('ab');
    expect(leadingToken({ tokens: [] })).toBeUndefined();
  });
});

describe('properties', () => {
  const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéÉèàâäÄöÖüÜñÑçÇøØåÅæÆßœłŁđıİšŠžŽčČőűțșăğ');
  const word = fc.string({ unit: letter, minLength: 1, maxLength: 10 });
  const name = fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', '-', "'", ' - '))
    .map(([words, sep]) => words.join(sep));
  const namedPatron = fc.record({ firstName: name, lastName: name }).map((n) => patron(n));

  it('finds every patron by any prefix of any folded word of the name', () => {
    fc.assert(
      fc.property(namedPatron, fc.nat(), fc.nat(), (p, wi, len) => {
        const words = wordTokens(foldForSearch(`${p.firstName} ${p.lastName}`));
        const w = words[wi % words.length]!;
        const prefix = w.slice(0, 1 + (len % w.length));
        expect(matchesAllTokens(patronSearchTerms(p), parseSearchQuery(prefix).tokens)).toBe(true);
      }),
    );
  });

  it('finds every patron by any prefix of any name word as typed, with its accents and case', () => {
    fc.assert(
      fc.property(namedPatron, fc.nat(), fc.nat(), (p, wi, len) => {
        const words = `${p.firstName} ${p.lastName}`.split(/[\s'-]+/).filter((w) => w !== '');
        const w = [...words[wi % words.length]!];
        const prefix = w.slice(0, 1 + (len % w.length)).join('');
        expect(finds(p, prefix)).toBe(true);
        expect(finds(p, prefix.toUpperCase())).toBe(true);
      }),
    );
  });

  it('finds every patron by the full name typed either way round', () => {
    fc.assert(
      fc.property(namedPatron, (p) => {
        expect(finds(p, `${p.firstName} ${p.lastName}`)).toBe(true);
        expect(finds(p, `${p.lastName}, ${p.firstName}`)).toBe(true);
      }),
    );
  });

  it('finds every patron by any prefix of its card number, in either case, with or without hyphens', () => {
    const card = fc.string({ unit: fc.constantFrom(...'ABCXYZ0123456789-'), minLength: 3, maxLength: 32 });
    fc.assert(
      fc.property(card, fc.nat(), (c, len) => {
        const p = patron({ cardNumber: c });
        const prefix = c.slice(0, 1 + (len % c.length));
        fc.pre(/[A-Z0-9]/.test(prefix)); // a lone "-" is no query at all
        expect(finds(p, prefix)).toBe(true);
        expect(finds(p, prefix.toLowerCase())).toBe(true);
        expect(finds(p, prefix.replace(/-/g, ''))).toBe(true);
      }),
    );
  });

  it('finds every patron by any prefix of any phone, typed with any separators', () => {
    const phone = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 5, maxLength: 15 });
    fc.assert(
      fc.property(phone, fc.nat(), fc.constantFrom(' ', '-', '.', ''), (digits, len, sep) => {
        const p = patron({ phones: [{ label: 'mobile', number: digits }] });
        const prefix = [...digits.slice(0, 1 + (len % digits.length))].join(sep);
        expect(finds(p, prefix)).toBe(true);
      }),
    );
  });
});
