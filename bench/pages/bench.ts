import { indexVariants, termsCost, writeNotes, writePatrons } from '../page/indexCost';
import { prepareLastNameDb, queryBaselines } from '../page/baselines';
import { seed, seedStatus } from '../page/seed';

/** The bench page's API, called by bench/run.ts through page.evaluate. */
export const deskBench = { seedStatus, seed, indexVariants, termsCost, writePatrons, writeNotes, prepareLastNameDb, queryBaselines };
export type DeskBenchApi = typeof deskBench;

declare global {
  interface Window {
    deskBench?: DeskBenchApi;
  }
}

window.deskBench = deskBench;
