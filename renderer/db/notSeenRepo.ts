import { subMonths } from 'date-fns';
import type { Patron } from '@shared/domain/patron';
import { isDoNotContact } from '@shared/followups/channelRules';
import type { DeskDb } from './deskDb';

/** A "we miss you" search under way: the first rows to show, then every id. */
export interface NotSeenSearch {
  /** The first `pageSize` patrons, oldest contact first; settles well before `ids`. */
  firstPage: Promise<Patron[]>;
  /** Every qualifying patron's id in the same order, from the same snapshot: the count, further pages and "create" come from it. */
  ids: Promise<string[]>;
}

/**
 * Patrons with no recorded contact (a note, a reached/left-message/… outcome, or being
 * recorded at all) for `months` months, oldest contact first, do-not-contact left out.
 *
 * Over half of 100k patrons can qualify, and reading their whole rows took seconds, so
 * nothing here reads a row the page does not show:
 * - do-not-contact patrons are few and indexed by flag kind, so they are read whole and
 *   checked with isDoNotContact (a flag may have expired);
 * - the first page is one bounded read of the lastContactAt range, asked for enough rows
 *   to make up for the do-not-contact ones it may hold;
 * - the ids are keys only, from the same index.
 * All three share one read transaction, so they agree; IndexedDB answers its requests in
 * order, so the first page is back long before the tens of thousands of keys.
 */
export function findPatronsNotSeen(db: DeskDb, months: number, now: number, pageSize: number): NotSeenSearch {
  const cutoff = subMonths(now, months).getTime();
  let showFirst: (rows: Patron[]) => void = () => undefined;
  let failFirst: (err: unknown) => void = () => undefined;
  const firstPage = new Promise<Patron[]>((resolve, reject) => {
    showFirst = resolve;
    failFirst = reject;
  });
  const ids = db.transaction('r', db.patrons, async () => {
    const flagged = await db.patrons.where('flagKinds').equals('do-not-contact').toArray();
    const excluded = new Set(flagged.filter((p) => p.lastContactAt < cutoff && isDoNotContact(p, now)).map((p) => p.id));
    const [, keys] = await Promise.all([
      db.patrons.where('lastContactAt').below(cutoff).limit(pageSize + excluded.size).toArray()
        .then((rows) => showFirst(rows.filter((p) => !excluded.has(p.id)).slice(0, pageSize))),
      db.patrons.where('lastContactAt').below(cutoff).primaryKeys(),
    ]);
    return excluded.size === 0 ? keys : keys.filter((id) => !excluded.has(id));
  });
  // A failure before the first page settles shows as the search failing, not as a page that never comes.
  ids.catch(failFirst);
  return { firstPage, ids };
}

/** The patrons with these ids, in this order; one erased meanwhile is left out. */
export async function patronsInOrder(db: DeskDb, ids: readonly string[]): Promise<Patron[]> {
  const rows = await db.patrons.bulkGet([...ids]);
  return rows.filter((p): p is Patron => p !== undefined);
}
