import type { Patron } from '@shared/domain/patron';
import type { PatronRequest } from '@shared/domain/request';
import { foldForSearch } from '@shared/search/fold';
import type { DeskDb } from './deskDb';
import { createFollowUps } from './followUpsRepo';
import { stampOf, type WriteContext } from './writeContext';

/** Requests nobody has been told about yet, grouped by resource, that match what staff typed. */
export async function openRequestsMatching(db: DeskDb, query: string): Promise<{ resource: string; requests: PatronRequest[] }[]> {
  const q = foldForSearch(query.trim());
  if (q === '') return [];
  // Requests are few next to patrons and notes; one pass over them is cheaper than another index on every write.
  const rows = await db.requests.filter((r) => !r.deleted && !r.notified && foldForSearch(r.resource).includes(q)).toArray();
  const groups = new Map<string, { resource: string; requests: PatronRequest[] }>();
  for (const r of rows) {
    const key = foldForSearch(r.resource).trim();
    const group = groups.get(key) ?? { resource: r.resource, requests: [] };
    group.requests.push(r);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.requests.length - a.requests.length);
}

export interface ArrivalFollowUp {
  request: PatronRequest;
  input: Record<string, unknown>;
}

/**
 * "It has arrived": creates one follow-up per requester and marks their requests
 * fulfilled, in one transaction — either everyone is queued to be told, or nobody is.
 */
export async function markArrived(db: DeskDb, ctx: WriteContext, items: readonly ArrivalFollowUp[]): Promise<number> {
  return db.transaction('rw', [db.patrons, db.followUps, db.requests], async () => {
    await createFollowUps(db, ctx, items.map((i) => i.input));
    const stamp = stampOf(ctx);
    for (const { request } of items) await db.requests.update(request.id, { notified: stamp });
    return items.length;
  });
}

export type { Patron };
