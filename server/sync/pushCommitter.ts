import type { Mutation } from '@shared/sync/protocol';
import type { Database } from '../db/database';
import { pokePayloads } from './pokeHub';
import { applyBatches, POKE_CHANNEL, type BatchOutcome, type PushBatch } from './syncStore';

/**
 * How many changes one group may hold. A push holds at most 500 (MAX_BATCH_MUTATIONS); a group
 * takes whole batches while they fit (the size is checked before a batch is added), so it
 * never holds more than this.
 */
export const MAX_GROUP_MUTATIONS = 2000;

/** Where a failed group is reported (Fastify's logger fits). */
export interface CommitterLog {
  warn(details: object, message: string): void;
}

interface Waiting {
  batch: PushBatch;
  size: number;
  erases: boolean;
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
 * ones before it. If a group's transaction fails, its halves are tried again apart (and theirs,
 * down to single batches), so a batch that breaks fails only itself and costs the others a few
 * transactions rather than one each. A batch with an erasure always commits alone: an erasure
 * removes a patron's records, and a note or event another desk sent for that patron in the same
 * group must first be written (and logged) as it would have been in a transaction of its own.
 */
export class PushCommitter {
  private readonly queue: Waiting[] = [];
  private running = false;
  private drained: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly log?: CommitterLog,
  ) {}

  /** Applies the batch in the next group to commit; resolves with its verdicts once that group has committed. */
  async push(batch: PushBatch): Promise<BatchOutcome> {
    const { canonical, restore } = withCanonicalIds(batch);
    const outcome = await new Promise<BatchOutcome>((resolve, reject) => {
      // Read here, where a malformed batch throws into its own push, not into the queue's.
      const waiting = { batch: canonical, size: canonical.mutations.length, erases: canonical.mutations.some(isErasure), resolve, reject };
      this.queue.push(waiting);
      if (!this.running) this.drained = this.drain();
    });
    return restore(outcome);
  }

  /** Resolves once every push queued so far has been answered and no transaction runs (shutdown waits on it). */
  idle(): Promise<void> {
    return this.drained;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const group: Waiting[] = [];
        try {
          this.takeGroup(group);
          await this.commit(group);
        } catch (err) {
          // Not expected (commit answers every failure itself), but a push must never be left waiting.
          for (const w of group) w.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Moves the next group from the queue into `group`, one batch at a time, so whatever was taken is known even on a throw. */
  private takeGroup(group: Waiting[]): void {
    const first = this.queue.shift()!;
    group.push(first);
    if (first.erases) return;
    let size = first.size;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.erases || size + next.size > MAX_GROUP_MUTATIONS) break;
      group.push(this.queue.shift()!);
      size += next.size;
    }
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
      this.log?.warn({ batches: group.length, mutations: group.reduce((n, w) => n + w.size, 0), err }, 'push group failed; trying its halves apart');
      // In order, so every batch is still applied after the ones before it.
      const half = Math.ceil(group.length / 2);
      await this.commit(group.slice(0, half));
      await this.commit(group.slice(half));
    }
  }

  private applyInOneTransaction(batches: PushBatch[]): Promise<BatchOutcome[]> {
    return this.db.transaction(async (tx) => {
      const applied = await applyBatches(tx, batches, Date.now());
      // Delivered only if the group commits: nobody is poked about changes they cannot read yet.
      if (applied.lastSeq !== undefined) {
        for (const payload of pokePayloads({ seq: applied.lastSeq, branches: applied.touchedBranches })) await tx.notify(POKE_CHANNEL, payload);
      }
      return applied.batches;
    });
  }
}

const isErasure = (m: Mutation): boolean => m.kind === 'erase';

/**
 * Mutation ids in lower case, as PostgreSQL writes a uuid: the duplicate check in applyBatches
 * compares them with what it reads back, so a resent batch with upper-case ids would be applied
 * again (and break on the primary key). The desk matches answers by the id it sent, so the
 * answers carry the ids as sent.
 */
function withCanonicalIds(batch: PushBatch): { canonical: PushBatch; restore: (o: BatchOutcome) => BatchOutcome } {
  if (batch.mutations.every((m) => m.id === m.id.toLowerCase())) return { canonical: batch, restore: (o) => o };
  const sent = batch.mutations.map((m) => m.id);
  const canonical = { ...batch, mutations: batch.mutations.map((m) => ({ ...m, id: m.id.toLowerCase() })) };
  // One verdict per change, in the order sent (applyBatches).
  return { canonical, restore: (o) => ({ ...o, results: o.results.map((r, i) => ({ ...r, mutationId: sent[i]! })) }) };
}
