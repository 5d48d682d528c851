import type { PullResponse, PushResponse, PushResult } from '../../shared/sync/protocol';
import type { IngestClient } from './ingestClient';
import type { BenchDesk } from './ingestSetup';
import type { DeskWorkload } from './ingestWorkload';

/** Pushes at most this many changes count as the small pushes desks send after each write. */
export const SMALL_PUSH = 20;
const PULL_PAGE = 500;

/** The measured window, in performance.now() time; outside it the desks run but are not counted. */
export interface Window {
  start: number;
  end: number;
}

/** What every desk saw, merged. Latencies only of requests that ended inside the window. */
export class IngestTally {
  readonly pushMs: number[] = [];
  readonly smallPushMs: number[] = [];
  readonly pullMs: number[] = [];
  /** Changes the server answered "applied", inside the window and over the whole run. */
  appliedInWindow = 0;
  appliedTotal = 0;
  pushesTotal = 0;
  pullsTotal = 0;
  pulledRecords = 0;
  /** Every answer other than "applied" is a failure of the bench; the first few are kept to print. */
  notApplied = 0;
  readonly notAppliedSamples: PushResult[] = [];
  readonly batchSizes: number[] = [];

  countPush(size: number, results: readonly PushResult[], ms: number, endedAt: number, window: Window): void {
    this.pushesTotal += 1;
    this.batchSizes.push(size);
    let applied = 0;
    for (const r of results) {
      if (r.status === 'applied') applied += 1;
      else {
        this.notApplied += 1;
        if (this.notAppliedSamples.length < 5) this.notAppliedSamples.push(r);
      }
    }
    if (results.length !== size) this.notApplied += Math.abs(size - results.length);
    this.appliedTotal += applied;
    if (endedAt < window.start || endedAt > window.end) return;
    this.appliedInWindow += applied;
    this.pushMs.push(ms);
    if (size <= SMALL_PUSH) this.smallPushMs.push(ms);
  }

  countPull(records: number, ms: number, endedAt: number, window: Window): void {
    this.pullsTotal += 1;
    this.pulledRecords += records;
    if (endedAt >= window.start && endedAt <= window.end) this.pullMs.push(ms);
  }
}

/** One desk's sync loop: push what it wrote, then pull everything new in its branch; one request at a time. */
export class SimulatedDesk {
  constructor(
    readonly desk: BenchDesk,
    readonly workload: DeskWorkload,
    private readonly client: IngestClient,
    private cursor: string,
  ) {}

  /** Cycles until `stopAt`; a think time between cycles stands for the staff member's typing. */
  async run(stopAt: number, thinkMs: number, window: Window, tally: IngestTally): Promise<void> {
    while (performance.now() < stopAt) {
      const batch = this.workload.nextBatch();
      const push = await this.client.desk<PushResponse>('POST', '/api/sync/push', this.desk.token, this.desk.deskId, { mutations: batch });
      if (push.status !== 200) throw new Error(`${this.desk.deskId}: push of ${batch.length} answered ${push.status}: ${JSON.stringify(push.body).slice(0, 300)}`);
      tally.countPush(batch.length, push.body.results, push.ms, performance.now(), window);
      await this.pullToEnd(tally, window);
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
    }
  }

  /** Pulls page after page until the server says there is no more; returns the last cursor's sequence number. */
  async pullToEnd(tally: IngestTally, window: Window): Promise<number> {
    for (;;) {
      const path = `/api/sync/pull?limit=${PULL_PAGE}&cursor=${encodeURIComponent(this.cursor)}`;
      const pull = await this.client.desk<PullResponse>('GET', path, this.desk.token, this.desk.deskId);
      if (pull.status !== 200) throw new Error(`${this.desk.deskId}: pull answered ${pull.status}: ${JSON.stringify(pull.body).slice(0, 300)}`);
      tally.countPull(pull.body.records.length, pull.ms, performance.now(), window);
      this.workload.learn(pull.body.records);
      this.cursor = pull.body.cursor;
      if (!pull.body.more) return Number(this.cursor.split(':')[1]);
    }
  }
}
