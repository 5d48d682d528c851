import { DEFAULT_DB_NAME, DeskDb } from '../../renderer/db/deskDb';
import { PatronSearchMirror } from '../../renderer/db/patronSearchMirror';
import type { PatronSearchIndexStats } from '../../renderer/db/patronSearchIndex';

/**
 * Loads the type-ahead's in-memory index (renderer/db/patronSearchMirror.ts) in the bench
 * page, as the app does in the background, and times it; Node reads the heap before and
 * after (with a forced GC) for its memory. Long tasks during the load are what a keystroke
 * typed meanwhile could wait behind.
 */
let kept: { db: DeskDb; mirror: PatronSearchMirror } | undefined;

export interface SearchIndexLoad {
  loadMs: number;
  stats: PatronSearchIndexStats;
  longTasks: number;
  longestTaskMs: number;
  /** One in-memory search for a sample of the texts, to show the index answers (p50/p95 are in Node). */
  searchMs: number[];
}

export async function loadSearchIndex(samples: readonly string[]): Promise<SearchIndexLoad> {
  const db = new DeskDb(DEFAULT_DB_NAME);
  await db.open();
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
  observer.observe({ type: 'longtask' });
  const mirror = new PatronSearchMirror(db);
  const t0 = performance.now();
  mirror.start();
  await mirror.whenFresh();
  const loadMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  const searchMs = samples.map((q) => {
    const s0 = performance.now();
    mirror.search(q, 20);
    return performance.now() - s0;
  });
  kept = { db, mirror };
  return { loadMs, stats: mirror.stats()!, longTasks: tasks.length, longestTaskMs: Math.max(0, ...tasks), searchMs };
}

export function dropSearchIndex(): void {
  kept?.mirror.dispose();
  kept?.db.close();
  kept = undefined;
}
