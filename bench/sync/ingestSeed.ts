import { v7 as uuidv7 } from 'uuid';
import { HlcClock } from '../../shared/sync/hlc';
import { MAX_BATCH_MUTATIONS, type EditMutation, type PushResponse } from '../../shared/sync/protocol';
import type { IngestClient } from './ingestClient';
import { newPatron } from './ingestRecords';
import type { BenchDesk } from './ingestSetup';

/** Seeded patrons get generator serials from here on; the desks' own start far below. */
const SEED_SERIAL_BASE = 900_000_000;

/**
 * The patrons each branch already has before the desks start, pushed by the branch's first
 * desk in full batches (as a desk's first upload would): the desks then edit, note and
 * follow up existing patrons rather than only their own new ones. Returns the ids per branch.
 */
export async function seedPatrons(client: IngestClient, firstDeskOfBranch: readonly BenchDesk[], perBranch: number): Promise<Map<string, string[]>> {
  const byBranch = new Map<string, string[]>();
  let serial = SEED_SERIAL_BASE;
  for (const desk of firstDeskOfBranch) {
    const clock = new HlcClock(desk.deskId, Date.now);
    const ids: string[] = [];
    for (let from = 0; from < perBranch; from += MAX_BATCH_MUTATIONS) {
      const mutations: EditMutation[] = [];
      for (let i = from; i < Math.min(perBranch, from + MAX_BATCH_MUTATIONS); i += 1) {
        const patron = newPatron(serial++, desk.branchId, { staff: 'Ada', deskId: desk.deskId, deskName: desk.deskName, at: Date.now() });
        mutations.push({ id: uuidv7(), kind: 'edit', entity: 'patron', recordId: patron.id, branchId: desk.branchId, hlc: clock.tick(), fields: patron.fields });
        ids.push(patron.id);
      }
      const res = await client.desk<PushResponse>('POST', '/api/sync/push', desk.token, desk.deskId, { mutations });
      const refused = res.status === 200 ? res.body.results.filter((r) => r.status !== 'applied') : [];
      if (res.status !== 200 || refused.length > 0) throw new Error(`seeding ${desk.branchId}: ${res.status} ${JSON.stringify(refused[0] ?? res.body).slice(0, 300)}`);
    }
    byBranch.set(desk.branchId, ids);
  }
  return byBranch;
}
