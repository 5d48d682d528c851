import type { Patron } from '@shared/domain/patron';
import { matchesAllTokens, parseSearchQuery } from '@shared/search/searchKeys';
import type { DeskDb } from './deskDb';

/** How many keys one token's prefix range may yield before it counts as "too broad to drive". */
const KEYS_PER_TOKEN = 5000;

/**
 * Type-ahead search over name words, card number, phone digits and email.
 *
 * Every token is a prefix range on the folded multi-entry `terms` index (case-sensitive
 * `startsWith` on pre-folded keys: far faster than `startsWithIgnoreCase`, and it also
 * folds accents). Ranges are read as primary keys only — no records are loaded — and
 * intersected, so "jo sm" costs two key scans, not a walk over every "jo…" patron. Only
 * the first `limit` survivors are fetched whole and checked against every token.
 */
export async function searchPatrons(db: DeskDb, raw: string, limit = 20): Promise<Patron[]> {
  const { tokens } = parseSearchQuery(raw);
  if (tokens.length === 0) return [];
  // One token needs no intersection: a few keys per wanted result cover patrons matched by several terms.
  const cap = tokens.length === 1 ? limit * 4 : KEYS_PER_TOKEN;
  const ranges = await Promise.all(tokens.map((t) => db.patrons.where('terms').startsWith(t).limit(cap).primaryKeys()));
  // Drive from the narrowest range; a range cut off at the cap cannot exclude anything.
  const sorted = ranges.map((keys) => ({ keys, complete: keys.length < cap })).sort((a, b) => a.keys.length - b.keys.length);
  const [driver, ...others] = sorted;
  const filters = others.filter((r) => r.complete).map((r) => new Set(r.keys));
  const candidates: string[] = [];
  const seen = new Set<string>();
  for (const id of driver!.keys) {
    if (seen.has(id) || !filters.every((f) => f.has(id))) continue;
    seen.add(id);
    candidates.push(id);
  }
  // Every token must still prefix-match a term of the same record (ranges cut at the cap were not intersected).
  const found: Patron[] = [];
  for (let i = 0; i < candidates.length && found.length < limit; i += limit * 2) {
    const batch = await db.patrons.bulkGet(candidates.slice(i, i + limit * 2));
    for (const p of batch) if (p && matchesAllTokens(p.terms, tokens) && found.length < limit) found.push(p);
  }
  return found;
}
