import Dexie from 'dexie';
import { DEFAULT_DB_NAME, DeskDb } from '../../renderer/db/deskDb';
import { searchPatrons } from '../../renderer/db/patronSearch';
import { leadingToken, parseSearchQuery } from '../../shared/search/searchKeys';
import type { BaselineSample } from '../shared/protocol';
import { benchRows, timedChunks } from './dataset';

/**
 * Query baselines on the same data, in the page but without React: the bare folded-key
 * prefix scan, the app's searchPatrons(), and Dexie's startsWithIgnoreCase on a lastName
 * index (a throwaway copy of the patrons: the app has no lastName index).
 */
const LASTNAME_DB = 'desk-diary-bench-lastname';
const LASTNAME_MARKER = 'desk-diary-bench.lastname';

function openLastNameDb(): Dexie {
  const db = new Dexie(LASTNAME_DB);
  db.version(1).stores({ patrons: 'id, lastName' });
  return db;
}

/** Fills the lastName copy unless a previous run left one of the right size. Returns ms spent. */
export async function prepareLastNameDb(patrons: number, notesPerPatron: number): Promise<number> {
  const t0 = performance.now();
  const marker = JSON.stringify({ patrons, notesPerPatron, verno: new DeskDb(DEFAULT_DB_NAME).verno });
  const existing = openLastNameDb();
  const count = await existing.table('patrons').count();
  existing.close();
  if (count === patrons && localStorage.getItem(LASTNAME_MARKER) === marker) return 0;
  await Dexie.delete(LASTNAME_DB);
  const db = openLastNameDb();
  await timedChunks(benchRows(patrons, patrons, notesPerPatron).patrons, 5000, (slice) => db.table('patrons').bulkPut(slice));
  db.close();
  localStorage.setItem(LASTNAME_MARKER, marker);
  return performance.now() - t0;
}

async function timed<T extends unknown[]>(run: () => Promise<T>): Promise<[number, number]> {
  const t0 = performance.now();
  const rows = await run();
  return [performance.now() - t0, rows.length];
}

export async function queryBaselines(queries: readonly string[]): Promise<BaselineSample[]> {
  const db = new DeskDb(DEFAULT_DB_NAME);
  const ldb = openLastNameDb();
  await Promise.all([db.open(), ldb.open()]);
  const samples: BaselineSample[] = [];
  for (const [i, query] of queries.entries()) {
    const lead = leadingToken(parseSearchQuery(query));
    const typed = query.trim();
    const runs: Array<() => Promise<[number, number]>> = [
      () => timed(() => (lead === undefined ? Promise.resolve([]) : db.patrons.where('terms').startsWith(lead).limit(20).toArray())),
      () => timed(() => searchPatrons(db, query)),
      () => timed(() => (typed === '' ? Promise.resolve([]) : ldb.table('patrons').where('lastName').startsWithIgnoreCase(typed).limit(20).toArray())),
    ];
    // Rotate which runs first: the second scan of a key range finds it warmer.
    const results: Array<[number, number]> = [[0, 0], [0, 0], [0, 0]];
    for (let k = 0; k < runs.length; k++) {
      const which = (i + k) % runs.length;
      results[which] = await runs[which]!();
    }
    const [bare, app, last] = results as [[number, number], [number, number], [number, number]];
    samples.push({
      query,
      bareTermsMs: bare[0], bareTermsHits: bare[1],
      searchPatronsMs: app[0], searchPatronsHits: app[1],
      lastNameMs: last[0], lastNameHits: last[1],
    });
  }
  db.close();
  ldb.close();
  return samples;
}
