import type { DBCore, DBCoreTransaction } from 'dexie';
import { HlcClock, isHlc, type Hlc } from '@shared/sync/hlc';
import { newDeskIdentity, type DeskIdentity } from '../db/deskIdentity';
import { SYNC_STATE } from './syncTables';

/**
 * The desk's hybrid logical clock, shared by local writes (the outbox middleware) and the
 * sync engine (observing pulled clocks, restamping refused changes). It is built on first
 * use inside a transaction, from this desk's id and the last timestamp saved in syncState,
 * and re-reads that saved timestamp each time, so a clock observed while pulling is
 * honoured by the very next local edit.
 */
export class SyncClock {
  private clock: HlcClock | undefined;

  constructor(private readonly now: () => number) {}

  /** Loads the clock in `trans` (which must include syncState and meta), at the DBCore level. */
  async load(down: DBCore, trans: DBCoreTransaction): Promise<HlcClock> {
    const saved = (await down.table(SYNC_STATE).get({ trans, key: 'hlc' })) as { value?: unknown } | undefined;
    if (this.clock) return this.use(this.clock.deskId, saved?.value);
    const meta = down.table('meta');
    let desk = (await meta.get({ trans, key: 'desk' })) as { value: DeskIdentity } | undefined;
    if (!desk) {
      desk = { value: newDeskIdentity() };
      await meta.mutate({ trans, type: 'put', values: [{ key: 'desk', value: desk.value }] });
    }
    return this.use(desk.value.id, saved?.value);
  }

  /** The clock for this desk, brought up to the saved timestamp `saved` (syncState 'hlc'). */
  use(deskId: string, saved: unknown): HlcClock {
    this.clock ??= new HlcClock(deskId, this.now);
    if (isHlc(saved)) this.clock.observe(saved);
    return this.clock;
  }

  /** The clock once loaded (after the first write or pull). */
  get loaded(): HlcClock | undefined {
    return this.clock;
  }

  /** Saves the clock's latest timestamp in the same transaction as the writes that used it. */
  static async save(down: DBCore, trans: DBCoreTransaction, clock: HlcClock): Promise<void> {
    await down.table(SYNC_STATE).mutate({ trans, type: 'put', values: [{ key: 'hlc', value: clock.peek() satisfies Hlc }] });
  }
}
