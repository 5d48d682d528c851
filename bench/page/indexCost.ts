import Dexie from 'dexie';
import { DeskDb } from '../../renderer/db/deskDb';
import { patronSearchTerms } from '../../shared/search/searchKeys';
import type { IndexVariantSpec } from '../shared/protocol';
import { benchRows, timedChunks } from './dataset';

/**
 * What each patron index costs on write: bulkPut of the same rows into the real schema,
 * into the schema without one secondary index (one variant per index) and with the
 * primary key only, each into a fresh throwaway database. node/indexCost.ts runs the
 * rounds and empties the origin's storage between measurements.
 */
const THROWAWAY = 'desk-diary-bench-index';

/** The app's current schema, read back from DeskDb itself so the variants follow any change to it. */
function realStores(): Record<string, string> {
  const db = new DeskDb(THROWAWAY);
  const stores: Record<string, string> = {};
  for (const table of db.tables) {
    const s = table.schema;
    stores[table.name] = [s.primKey.src, ...s.indexes.map((i) => i.src)].join(', ');
  }
  db.close();
  return stores;
}

export function indexVariants(): IndexVariantSpec[] {
  const patrons = realStores().patrons ?? '';
  const [primary = 'id', ...indexes] = patrons.split(',').map((s) => s.trim());
  return [
    { variant: 'real schema', schema: patrons },
    ...indexes.map((index) => ({ variant: `without ${index}`, schema: [primary, ...indexes.filter((i) => i !== index)].join(', ') })),
    { variant: 'primary key only', schema: primary },
  ];
}

function openVariant(spec: IndexVariantSpec): Dexie {
  if (spec.variant === 'real schema') return new DeskDb(THROWAWAY);
  const db = new Dexie(THROWAWAY);
  db.version(1).stores({ ...realStores(), patrons: spec.schema });
  return db;
}

/** bulkPut of `rows` patrons (of the `count`-patron data set) into a fresh database of this schema: rows/s. */
export async function writePatrons(spec: IndexVariantSpec, rows: number, count: number, notesPerPatron: number, chunk: number): Promise<number> {
  const { patrons } = benchRows(rows, count, notesPerPatron);
  await Dexie.delete(THROWAWAY);
  const db = openVariant(spec);
  await db.open();
  const ms = await timedChunks(patrons, chunk, (slice) => db.table('patrons').bulkPut(slice));
  db.close();
  await Dexie.delete(THROWAWAY);
  return patrons.length / (ms / 1000);
}

/** bulkPut of those patrons' notes into the real schema's notes table, fresh database: rows/s. */
export async function writeNotes(rows: number, count: number, notesPerPatron: number, chunk: number): Promise<{ rows: number; rowsPerSec: number }> {
  const { notes } = benchRows(rows, count, notesPerPatron);
  await Dexie.delete(THROWAWAY);
  const db = new DeskDb(THROWAWAY);
  await db.open();
  const ms = await timedChunks(notes, chunk, (slice) => db.notes.bulkPut(slice));
  db.close();
  await Dexie.delete(THROWAWAY);
  return { rows: notes.length, rowsPerSec: notes.length / (ms / 1000) };
}

/** Average search terms per patron and the CPU cost of computing them (write path, outside IndexedDB). */
export function termsCost(rows: number, count: number, notesPerPatron: number): { avgTermsPerPatron: number; termsMicrosPerPatron: number } {
  const { patrons } = benchRows(rows, count, notesPerPatron);
  const t0 = performance.now();
  let terms = 0;
  for (const p of patrons) terms += patronSearchTerms(p).length;
  return { avgTermsPerPatron: terms / patrons.length, termsMicrosPerPatron: ((performance.now() - t0) * 1000) / patrons.length };
}
