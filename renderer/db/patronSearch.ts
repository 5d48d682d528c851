import type { Patron } from '@shared/domain/patron';
import { matchesAllTokens, planSearch } from '@shared/search/searchKeys';
import type { DeskDb } from './deskDb';

/**
 * Type-ahead search over name words, card number, phone digits and email.
 *
 * Each step is one prefix range on the folded multi-entry `terms` index (case-sensitive
 * `startsWith` on pre-folded keys: far faster than `startsWithIgnoreCase`, and it folds
 * accents too), walked in index order and stopped at `limit` patrons. Which range, and
 * why a two-word query reads a name-pair range, is `planSearch` in shared/search.
 */
export async function searchPatrons(db: DeskDb, raw: string, limit = 20): Promise<Patron[]> {
  const plan = planSearch(raw);
  if (plan.kind === 'none') return [];
  return db.transaction('r', db.patrons, async () => {
    if (plan.whole !== undefined) {
      const found = await walk(db, plan.whole, undefined, limit);
      if (found.length > 0) return found;
    }
    const check = plan.tokens.length > 1 ? plan.tokens : undefined;
    return walk(db, plan.prefix, check, limit);
  });
}

function walk(db: DeskDb, prefix: string, tokens: readonly string[] | undefined, limit: number): Promise<Patron[]> {
  const range = db.patrons.where('terms').startsWith(prefix).distinct();
  return (tokens ? range.filter((p) => matchesAllTokens(p.terms, tokens)) : range).limit(limit).toArray();
}
