import { displayName, type Patron } from '@shared/domain/patron';
import type { Flag } from '@shared/domain/flags';

/**
 * What a type-ahead result row shows, and nothing more: the in-memory search index keeps
 * one per patron (100k at a large branch), so it holds a few short strings instead of the
 * whole record. Opening a result reads the patron by id.
 */
export interface SearchHit {
  id: string;
  /** displayName(): title, first and last name. */
  name: string;
  cardNumber: string;
  /** The first phone number, else the first email address, else ''. */
  contact: string;
  /** Flags not cleared (whether each is still active depends on the day it is shown). */
  flags: readonly Flag[];
}

const NO_FLAGS: readonly Flag[] = Object.freeze([]);

export function searchHitOf(p: Patron): SearchHit {
  const flags = p.flags.filter((f) => f.cleared === undefined);
  return {
    id: p.id,
    name: displayName(p),
    cardNumber: p.cardNumber,
    contact: p.phones[0]?.number ?? p.emails[0]?.address ?? '',
    flags: flags.length === 0 ? NO_FLAGS : flags,
  };
}
