import type { Patron } from '@shared/domain/patron';
import { leadingToken, matchesAllTokens, parseSearchQuery } from '@shared/search/searchKeys';
import type { DeskDb } from './deskDb';

/**
 * Type-ahead search over name words, card number, phone digits and email.
 * One prefix range scan on the folded multi-entry index drives it (case-sensitive
 * `startsWith` on pre-folded keys: far faster than `startsWithIgnoreCase`, and it also
 * folds accents); the other tokens filter inside the same cursor, which stops at `limit`.
 */
export async function searchPatrons(db: DeskDb, raw: string, limit = 20): Promise<Patron[]> {
  const query = parseSearchQuery(raw);
  const lead = leadingToken(query);
  if (lead === undefined) return [];
  const others = query.tokens.filter((t) => t !== lead);
  return db.patrons
    .where('terms')
    .startsWith(lead)
    .distinct()
    .filter((p) => others.length === 0 || matchesAllTokens(p.terms, others))
    .limit(limit)
    .toArray();
}
