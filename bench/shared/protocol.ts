/**
 * Shapes exchanged between the Node orchestrator and the bench page scripts
 * (page.evaluate arguments and results, JSON only).
 */
export interface SeedStatus {
  seeded: boolean;
  patrons: number;
  notes: number;
}

export interface SeedResult {
  patrons: number;
  notes: number;
  chunk: number;
  /** Generating rows in the page, including patronSearchTerms (not part of the write rate). */
  generateMs: number;
  patronWriteMs: number;
  noteWriteMs: number;
  patronRowsPerSec: number;
  noteRowsPerSec: number;
  totalMs: number;
}

/** 'real schema', 'without <index>' (one per secondary index), 'primary key only'. */
export interface IndexVariantSpec {
  variant: string;
  /** The patrons store's Dexie schema string. */
  schema: string;
}

export interface IndexCostRow extends IndexVariantSpec {
  rows: number;
  /** One figure per round, rows/s. */
  rowsPerSec: number[];
  medianRowsPerSec: number;
}

export interface IndexCostResult {
  rows: number;
  chunk: number;
  rounds: number;
  avgTermsPerPatron: number;
  /** Microseconds per patron spent in patronSearchTerms (write-path CPU, outside IndexedDB). */
  termsMicrosPerPatron: number;
  variants: IndexCostRow[];
  /** Notes (3 per patron by default) into the real schema's notes table, throwaway DB. */
  notes: { rows: number; rowsPerSec: number[]; medianRowsPerSec: number };
}

export interface BaselineSample {
  query: string;
  /** where('terms').startsWith(lead).limit(20) */
  bareTermsMs: number;
  bareTermsHits: number;
  /** The app's searchPatrons() called directly, no React. */
  searchPatronsMs: number;
  searchPatronsHits: number;
  /** where('lastName').startsWithIgnoreCase(q).limit(20) on a throwaway DB. */
  lastNameMs: number;
  lastNameHits: number;
}

/** Timings of one keystroke in the app page, in ms since the keystroke's first event. */
export interface KeystrokeTiming {
  ok: boolean;
  /** 'dom': the options changed to the expected list; 'tx': the list was already right, so the app's search transaction is the signal. */
  mode: 'dom' | 'tx';
  firstEvent: string;
  /** Results in the DOM and matching the query (dom mode) or search transaction complete (tx mode). */
  doneMs: number;
  /** The next animation frame after that (the frame that paints it). */
  frameMs: number;
  /** A task after that frame (paint has happened). */
  paintedMs: number;
  /** The app's search: keystroke → its cursor opened on the patrons index (React + useLiveQuery scheduling). */
  queryStartMs: number | null;
  /** The app's search: keystroke → its IndexedDB transaction complete. */
  txMs: number | null;
  rendered?: string[];
}

export interface ColdStartTiming {
  ok: boolean;
  /** All ms since navigation start (performance.timeOrigin). */
  responseEndMs: number;
  domContentLoadedMs: number;
  searchBoxMs: number;
  typedMs: number;
  resultDomMs: number;
  resultFrameMs: number;
  resultPaintedMs: number;
  error?: string;
}

/** "We miss you" (bench/page/reminders.ts): one sample per round. */
export interface MissYouResult {
  patrons: number;
  /** Patrons findPatronsNotSeen(db, 12, now) found. */
  qualified: number;
  /** The same ids, in the same order, as reading every qualifying row whole and filtering (the way before). */
  sameAsFullRead: boolean;
  created: number;
  /** Time to list: findPatronsNotSeen until its first 200 rows are read (the page shows them then). */
  listMs: number[];
  /** Until every id is read too (the count, "show more" and "create" wait for these). */
  countMs: number[];
  /** "Show 200 more": rows 200–399. */
  nextPageMs: number[];
  /** The way before, once: every qualifying row read whole (toArray), do-not-contact filtered in JS. */
  fullReadMs: number;
  /** createFollowUps for `created` of them, one call. */
  createMs: number[];
  /** createCampaign for the same patrons (what the page's "create" runs: re-reads, default channels). */
  campaignMs: number[];
  campaignCreated: number;
}

export interface ReminderLatenessResult {
  pending: number;
  near: number;
  /** Writing the pending and near-due follow-ups (two createFollowUps calls). */
  setupMs: number;
  /** notify time − due time of each near-due follow-up that popped up. */
  latenessMs: number[];
  /** Near-due follow-ups raised only inside a summary popup (lateness taken from onRaised). */
  viaSummary: number;
  missing: number;
  notifyCalls: number;
  armedTimers: number;
  watchdogMs: number;
  queriesSoFar: number;
}

/** The idle window: nothing due, the service running. */
export interface ReminderIdleResult {
  /** Calls of db.followUps.where (each service query makes one). */
  queries: number;
  /** Reconciliations (onRaised calls: live-query emissions, timer and watchdog checks). */
  reconciliations: number;
  longTasks: number;
  longTaskMs: number;
  armedTimers: number;
}

/** Issue 4: a new desk's first sync through the app's code (bench/page/initialSync.ts). */
export interface InitialSyncResult {
  records: number;
  pages: number;
  ms: number;
  /** Of ms, waiting for pulled pages (request, server, transfer, JSON parsing). */
  pullMs: number;
  rowsPerSec: number;
  /** Rows in each synced table afterwards. */
  counts: Record<string, number>;
}

/** Issue 4: the same rows by plain Dexie bulkPut into the same schema. */
export interface RawBulkPutResult {
  records: number;
  chunk: number;
  ms: number;
  rowsPerSec: number;
  counts: Record<string, number>;
}

/** Issue 4: the same data set replicated by PouchDB from a PouchDB server into its idb adapter (bench/page/pouchReplicate.ts). */
export interface PouchReplicateResult {
  /** Documents in the local database afterwards (its doc_count). */
  docs: number;
  docsRead: number;
  docsWritten: number;
  ms: number;
  docsPerSec: number;
  batchSize: number;
  batchesLimit: number;
  /** The local database's adapter, as PouchDB reports it ('idb'). */
  adapter: string;
}
