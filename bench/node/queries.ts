import type { Patron } from '../../shared/domain/patron';
import { foldForSearch } from '../../shared/search/fold';
import { createRng, type Rng } from '../generator/prng';

/**
 * The type-ahead queries: what desk staff type to find a patron who is standing there,
 * drawn from the seeded patrons (deterministic). Typed one character at a time.
 */
export type QueryCategory =
  | 'example' | 'name-accented' | 'name-plain' | 'first-name' | 'two-word' | 'full-name' | 'card' | 'phone' | 'email' | 'no-match';

export interface BenchQuery {
  text: string;
  category: QueryCategory;
}

/** The brief's examples come first, as typed. */
const EXAMPLES = ['jose', 'müll', 'muller', 'ngu', 'jo sm'];

const MIX: Array<[QueryCategory, number]> = [
  ['name-accented', 18], ['name-plain', 22], ['first-name', 8], ['two-word', 14], ['full-name', 5],
  ['card', 12], ['phone', 11], ['email', 7], ['no-match', 3],
];

const hasAccent = (s: string) => /[^\x20-\x7e]/.test(s);
const lower = (s: string) => s.toLocaleLowerCase('en');
const firstWord = (s: string) => s.split(/[\s'-]+/).find((w) => w.length >= 2) ?? s;

function prefix(rng: Rng, text: string, min: number, max: number): string {
  const chars = [...text];
  return chars.slice(0, Math.min(chars.length, rng.int(min, max))).join('');
}

function make(category: QueryCategory, p: Patron, rng: Rng): string | undefined {
  const last = firstWord(p.lastName);
  const first = firstWord(p.firstName);
  switch (category) {
    case 'name-accented': {
      const word = [last, first].find(hasAccent);
      if (!word) return undefined;
      const typed = prefix(rng, word, 3, 6);
      return rng.chance(0.7) ? lower(typed) : typed;
    }
    case 'name-plain': return prefix(rng, foldForSearch(last), 2, 6);
    case 'first-name': return foldForSearch(first);
    case 'two-word': return `${prefix(rng, lower(first), 2, 3)} ${prefix(rng, lower(last), 2, 4)}`;
    case 'full-name': return lower(`${p.firstName} ${p.lastName}`);
    case 'card': {
      const typed = prefix(rng, p.cardNumber, 4, 10);
      return rng.chance(0.5) ? lower(typed) : typed;
    }
    case 'phone': return prefix(rng, p.phones[0]?.number ?? '', 5, 9) || undefined;
    case 'email': return p.emails[0] ? prefix(rng, p.emails[0].address, 4, 12) : undefined;
    case 'no-match': {
      const kind = rng.int(0, 2);
      // A typo, an unknown word, or a right first name with a wrong second word.
      if (kind === 0) return `${prefix(rng, foldForSearch(last), 3, 4)}qz`;
      if (kind === 1) return rng.pick(['xyzzy', 'qqq', 'zzk']);
      return `${foldForSearch(first)} qx`;
    }
    default: return undefined;
  }
}

export function benchQueries(patrons: readonly Patron[], count: number): BenchQuery[] {
  const rng = createRng(0xa11ce);
  const queries: BenchQuery[] = EXAMPLES.slice(0, count).map((text) => ({ text, category: 'example' }));
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  const remaining = count - queries.length;
  for (const [category, weight] of MIX) {
    const want = Math.round((remaining * weight) / total);
    let made = 0;
    for (let tries = 0; made < want && tries < want * 50; tries++) {
      const text = make(category, patrons[rng.int(0, patrons.length - 1)]!, rng)?.trim();
      if (!text) continue;
      queries.push({ text, category });
      made++;
    }
  }
  while (queries.length < count) {
    const text = make('name-plain', patrons[rng.int(0, patrons.length - 1)]!, rng);
    if (text) queries.push({ text, category: 'name-plain' });
  }
  // Shuffle (deterministically) so categories are interleaved, examples first.
  const rest = queries.splice(Math.min(EXAMPLES.length, count));
  for (let i = rest.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...queries, ...rest].slice(0, count);
}
