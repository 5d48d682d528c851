import { patronSearchTerms } from '../search/searchKeys';
import type { Flag, FlagKind } from './flags';
import type { Patron } from './patron';

/**
 * The kinds of the flags that are not cleared, each once. Stored on the patron and indexed
 * (`*flagKinds`) so the few do-not-contact patrons are one index lookup instead of a read of
 * every row. An index cannot age, so a flag past its expiry day stays listed: readers still
 * decide with isFlagActive.
 */
export function unclearedFlagKinds(flags: readonly Flag[]): FlagKind[] {
  return [...new Set(flags.filter((f) => !f.cleared).map((f) => f.kind))].sort();
}

/**
 * A patron's derived, indexed properties. Every write rebuilds them from the record, and so
 * does every record that arrives by sync: they are never synced themselves.
 */
export function patronIndexKeys(
  p: Pick<Patron, 'firstName' | 'lastName' | 'cardNumber' | 'phones' | 'emails' | 'flags'>,
): Pick<Patron, 'terms' | 'flagKinds'> {
  return { terms: patronSearchTerms(p), flagKinds: unclearedFlagKinds(p.flags) };
}
