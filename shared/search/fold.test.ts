import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, wordTokens } from './fold';

describe('foldForSearch', () => {
  it('lower-cases and strips accents', () => {
    expect(foldForSearch('José Núñez')).toBe('jose nunez');
    expect(foldForSearch('Müller')).toBe('muller');
    expect(foldForSearch('ÉLODIE Çelik')).toBe('elodie celik');
  });

  it('lets a plain-keyboard "muller" find "Müller"', () => {
    expect(foldForSearch('Müller').startsWith(foldForSearch('muller'))).toBe(true);
    expect(foldForSearch('MÜLLER')).toBe(foldForSearch('muller'));
  });

  it('handles letters Unicode does not decompose', () => {
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('STRAẞE')).toBe('strasse');
    expect(foldForSearch('Søren Ørsted')).toBe('soren orsted');
    expect(foldForSearch('Æsir')).toBe('aesir');
    expect(foldForSearch('Cæcilie')).toBe('caecilie');
    expect(foldForSearch('Łukasz Wałęsa')).toBe('lukasz walesa');
    expect(foldForSearch('Œuvre')).toBe('oeuvre');
    expect(foldForSearch('Đorđe')).toBe('dorde');
    expect(foldForSearch('Þórr')).toBe('thorr');
  });

  it('folds the Turkish dotted and dotless i to a plain i', () => {
    expect(foldForSearch('İstanbul')).toBe('istanbul');
    expect(foldForSearch('Işık')).toBe('isik');
  });

  it('folds compatibility forms (ligatures, full-width letters)', () => {
    expect(foldForSearch('ﬁnn')).toBe('finn');
    expect(foldForSearch('ＡＢＣ１２３')).toBe('abc123');
  });

  it('preserves CJK and emoji', () => {
    expect(foldForSearch('王小明')).toBe('王小明');
    expect(foldForSearch('山田 太郎')).toBe('山田 太郎');
    expect(foldForSearch('📚 Ada 😀')).toBe('📚 ada 😀');
    // Hangul is decomposed into jamo, but nothing is lost: recomposing gives the name back.
    expect(foldForSearch('김민준').normalize('NFC')).toBe('김민준');
  });

  it('leaves digits and punctuation alone', () => {
    expect(foldForSearch('020 7946-0958')).toBe('020 7946-0958');
    expect(foldForSearch('Ada@Example.org')).toBe('ada@example.org');
  });

  it('maps letters that decompose into undecomposed ones ("Ǣ" → "Æ" → "ae")', () => {
    expect(foldForSearch('Ǣ')).toBe('ae');
    expect(foldForSearch('ǿ')).toBe('o');
    expect(foldForSearch('Ǿrsted')).toBe(foldForSearch('Ørsted'));
    expect(foldForSearch('\u{1D6A4}')).toBe('i'); // mathematical italic dotless i
  });

  it('is idempotent for every single BMP character', () => {
    const broken: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const once = foldForSearch(String.fromCodePoint(cp));
      if (foldForSearch(once) !== once) broken.push(`U+${cp.toString(16).padStart(4, '0')}`);
    }
    expect(broken).toEqual([]);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = foldForSearch(s);
        expect(foldForSearch(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on accented Latin text', () => {
    const letter = fc.constantFrom(...'aeiouAEIOUéÉèÈñÑüÜøØßẞæÆœŒłŁđĐðÐþÞıİçÇåÅ ');
    fc.assert(
      fc.property(fc.string({ unit: letter }), (s) => {
        const once = foldForSearch(s);
        expect(foldForSearch(once)).toBe(once);
      }),
    );
  });

  it('gives the same result for lower- and upper-case ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
        expect(foldForSearch(s.toLowerCase())).toBe(foldForSearch(s.toUpperCase()));
      }),
    );
  });

  it('returns only lower-case ASCII for ASCII input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
        expect(foldForSearch(s)).toBe(s.toLowerCase());
      }),
    );
  });
});

describe('wordTokens', () => {
  it('splits on anything that is not a letter or digit', () => {
    expect(wordTokens("o'brien-smith  jr.")).toEqual(['o', 'brien', 'smith', 'jr']);
    expect(wordTokens('flat 3b, 12 high st')).toEqual(['flat', '3b', '12', 'high', 'st']);
  });

  it('keeps letters of any script', () => {
    expect(wordTokens('王小明 ада')).toEqual(['王小明', 'ада']);
  });

  it('returns nothing for blank or punctuation-only text', () => {
    expect(wordTokens('')).toEqual([]);
    expect(wordTokens('  -- ,, ')).toEqual([]);
  });
});
