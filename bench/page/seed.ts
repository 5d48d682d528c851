import Dexie from 'dexie';
import { DEFAULT_DB_NAME, DeskDb } from '../../renderer/db/deskDb';
import { makeChunk, makePatron } from '../generator/generate';
import type { SeedResult, SeedStatus } from '../shared/protocol';

/**
 * Seeds the app's own database ('desk-diary', created by the app's DeskDb class) and
 * remembers what it seeded in localStorage so a later run can skip it.
 */
const MARKER_KEY = 'desk-diary-bench.seed';
/** Bump when the generator changes what it writes. */
const GENERATOR_VERSION = 1;

/** Changes when the app's search keys change (e.g. a new kind of term), so stale seeds are redone. */
function termsFingerprint(): string {
  const text = Array.from({ length: 40 }, (_, i) => makePatron(i * 997, 100_000).terms.join(' ')).join('|');
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}

function markerFor(patrons: number, notesPerPatron: number, verno: number): string {
  return JSON.stringify({ patrons, notesPerPatron, generator: GENERATOR_VERSION, terms: termsFingerprint(), verno });
}

export async function seedStatus(patrons: number, notesPerPatron: number): Promise<SeedStatus> {
  const db = new DeskDb(DEFAULT_DB_NAME);
  // Opening a database seeded under an older schema would run the app's upgrade here; reseed instead.
  if (localStorage.getItem(MARKER_KEY) !== markerFor(patrons, notesPerPatron, db.verno)) return { seeded: false, patrons: -1, notes: -1 };
  try {
    await db.open();
    const [p, n] = await Promise.all([db.patrons.count(), db.notes.count()]);
    const seeded = localStorage.getItem(MARKER_KEY) === markerFor(patrons, notesPerPatron, db.verno)
      && p === patrons && n === patrons * notesPerPatron;
    return { seeded, patrons: p, notes: n };
  } finally {
    db.close();
  }
}

export async function seed(patrons: number, notesPerPatron: number, chunk: number): Promise<SeedResult> {
  localStorage.removeItem(MARKER_KEY);
  const started = performance.now();
  await Dexie.delete(DEFAULT_DB_NAME);
  const db = new DeskDb(DEFAULT_DB_NAME);
  await db.open();
  let generateMs = 0;
  let patronWriteMs = 0;
  let noteWriteMs = 0;
  for (let from = 0; from < patrons; from += chunk) {
    let t = performance.now();
    const rows = makeChunk(from, Math.min(patrons, from + chunk), patrons, notesPerPatron);
    generateMs += performance.now() - t;
    t = performance.now();
    await db.patrons.bulkPut(rows.patrons);
    patronWriteMs += performance.now() - t;
    t = performance.now();
    // Notes in slices of the same row count as the patron writes.
    for (let k = 0; k < rows.notes.length; k += chunk) await db.notes.bulkPut(rows.notes.slice(k, k + chunk));
    noteWriteMs += performance.now() - t;
  }
  const notes = await db.notes.count();
  localStorage.setItem(MARKER_KEY, markerFor(patrons, notesPerPatron, db.verno));
  db.close();
  return {
    patrons,
    notes,
    chunk,
    generateMs,
    patronWriteMs,
    noteWriteMs,
    patronRowsPerSec: patrons / (patronWriteMs / 1000),
    noteRowsPerSec: notes / (noteWriteMs / 1000),
    totalMs: performance.now() - started,
  };
}
