import type { Database } from '../db/database';
import { applyBatches, POKE_CHANNEL, type BatchOutcome, type PushBatch } from './syncStore';

/**
 * How many changes one group may hold. A push holds at most 500 (MAX_BATCH_MUTATIONS); a group
 * takes whole batches, always at least one, so it can exceed this by one batch.
 */
export const MAX_GROUP_MUTATIONS = 2000;

interface Waiting {
  batch: PushBatch;
  resolve: (outcome: BatchOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for pushes. Pushes serialise on one lock (applyBatches), so when many desks push
 * at once each would wait for every other's transaction, a dozen round trips and a WAL flush
 * apiece. Instead, one server process runs one push transaction at a time, and the pushes that
 * arrive meanwhile go together into the next one: a lone push starts at once, and under load
 * one lock hold and one commit serve a whole queue.
 *
 * Each batch is still all or nothing and is answered as if it had been applied alone after the
 * ones before it. If a group's transaction fails, its batches are tried again one by one, so a
 * batch that breaks fails only itself. A batch with an erasure always commits alone: an erasure
 * removes a patron's records, and a note or event another desk sent for that patron in the same
 * group must first be written (and logged) as it would have been in a transaction of its own.
 */
export class PushCommitter {
  private readonly queue: Waiting[] = [];
  private running = false;

  constructor(private readonly db: Database) {}

  /** Applies the batch in the next group to commit; resolves with its verdicts once that group has committed. */
  push(batch: PushBatch): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) await this.commit(this.nextGroup());
    } finally {
      this.running = false;
    }
  }

  private nextGroup(): Waiting[] {
    const group = [this.queue.shift()!];
    if (hasErasure(group[0]!.batch)) return group;
    let size = group[0]!.batch.mutations.length;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (hasErasure(next.batch) || size + next.batch.mutations.length > MAX_GROUP_MUTATIONS) break;
      group.push(this.queue.shift()!);
      size += next.batch.mutations.length;
    }
    return group;
  }

  private async commit(group: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.applyInOneTransaction(group.map((w) => w.batch));
      group.forEach((w, i) => w.resolve(outcomes[i]!));
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
      for (const w of group) {
        try {
          w.resolve((await this.applyInOneTransaction([w.batch]))[0]!);
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  }

  private applyInOneTransaction(batches: PushBatch[]): Promise<BatchOutcome[]> {
    return this.db.transaction(async (tx) => {
      const applied = await applyBatches(tx, batches, Date.now());
      // Delivered only if the group commits: nobody is poked about changes they cannot read yet.
      if (applied.lastSeq !== undefined) await tx.notify(POKE_CHANNEL, JSON.stringify({ seq: applied.lastSeq, branches: applied.touchedBranches }));
      return applied.batches;
    });
  }
}

const hasErasure = (batch: PushBatch): boolean => batch.mutations.some((m) => m.kind === 'erase');
