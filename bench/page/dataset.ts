import type { Note } from '../../shared/domain/note';
import type { Patron } from '../../shared/domain/patron';
import { makeChunk } from '../generator/generate';

/**
 * The bench patrons generated once per page session (index-cost and lastName baselines
 * reuse them; seeding streams its own chunks instead).
 */
interface Generated {
  /** Patrons 0..rows-1 of a data set of `count` patrons. */
  key: string;
  patrons: Patron[];
  notes: Note[];
  generateMs: number;
}
let cached: Generated | undefined;

export function benchRows(rows: number, count: number, notesPerPatron: number): Generated {
  const key = `${rows}/${count}/${notesPerPatron}`;
  if (cached?.key !== key) {
    const t0 = performance.now();
    const { patrons, notes } = makeChunk(0, rows, count, notesPerPatron);
    cached = { key, patrons, notes, generateMs: performance.now() - t0 };
  }
  return cached;
}

/** Calls `write` for each slice of `rows`, one after the other, and returns the total time. */
export async function timedChunks<T>(rows: readonly T[], chunk: number, write: (slice: T[]) => Promise<unknown>): Promise<number> {
  let ms = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    const t0 = performance.now();
    await write(slice);
    ms += performance.now() - t0;
  }
  return ms;
}
