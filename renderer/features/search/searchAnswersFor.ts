import type { DeskDb } from '../../db/deskDb';
import { PatronSearchMirror } from '../../db/patronSearchMirror';
import { SearchAnswers } from './searchAnswers';

/** One in-memory index and one set of answers per database, shared by every search box. */
const byDb = new WeakMap<DeskDb, { mirror: PatronSearchMirror; answers: SearchAnswers }>();

function servicesFor(db: DeskDb) {
  let found = byDb.get(db);
  if (!found) {
    const mirror = new PatronSearchMirror(db);
    byDb.set(db, (found = { mirror, answers: new SearchAnswers(db, 20, mirror) }));
  }
  return found;
}

export function answersFor(db: DeskDb): SearchAnswers {
  return servicesFor(db).answers;
}

/** The in-memory index behind answersFor(db) (tests start it themselves). */
export function searchIndexOf(db: DeskDb): PatronSearchMirror {
  return servicesFor(db).mirror;
}

/**
 * Time after start before loading the index: the first screen and a first search (from
 * IndexedDB) go first. On a loaded machine a fresh browser's first result took 3–4 s, and a
 * load starting at 1.5 s competed with it (bench/RESULTS.md run 8, cold start).
 */
const START_DELAY_MS = 5000;

/**
 * Loads the in-memory search index in the background once the app has started: after a
 * delay, when the browser is idle. Loading reads every patron (8–15 s at 100k patrons on a
 * loaded 2-core machine, bench/RESULTS.md run 8); doing it at once would compete with the first screen's own reads.
 */
export function startSearchIndexLater(db: DeskDb): void {
  const { mirror } = servicesFor(db);
  setTimeout(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => mirror.start(), { timeout: 2000 });
    else mirror.start();
  }, START_DELAY_MS);
}
