import { indexVariants, termsCost, writeNotes, writePatrons } from '../page/indexCost';
import { prepareLastNameDb, queryBaselines } from '../page/baselines';
import { beginIdle, endIdle, missYou, reminderLateness, startReminders, stopReminders } from '../page/reminders';
import { seed, seedStatus } from '../page/seed';
import { dropSearchIndex, loadSearchIndex } from '../page/searchIndexCost';
import { initialSync, rawBulkPut } from '../page/initialSync';
import { pouchReplicate } from '../page/pouchReplicate';
import { noteLatency, startDesks, stopDesks } from '../page/deskLatency';

/** The bench page's API, called by bench/run.ts and bench/reminders.ts through page.evaluate. */
export const deskBench = {
  seedStatus, seed, indexVariants, termsCost, writePatrons, writeNotes, prepareLastNameDb, queryBaselines,
  loadSearchIndex, dropSearchIndex,
  // Issue 3, bench/reminders.ts
  missYou, startReminders, reminderLateness, beginIdle, endIdle, stopReminders,
  // Issue 4, bench/initialSync.ts
  initialSync, rawBulkPut,
  // Issue 4, bench/pouchdbSync.ts (on the PouchDB server's origin)
  pouchReplicate,
  // Issue 4, bench/deskLatency.ts
  startDesks, noteLatency, stopDesks,
};
export type DeskBenchApi = typeof deskBench;

declare global {
  interface Window {
    deskBench?: DeskBenchApi;
  }
}

window.deskBench = deskBench;
