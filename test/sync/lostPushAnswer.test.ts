import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { EMPTY_PATRON_DETAILS } from '@shared/domain/patron';
import { createCampaign } from '../../renderer/db/campaignsRepo';
import { recordFollowUpEvent } from '../../renderer/db/followUpsRepo';
import { createPatron } from '../../renderer/db/patronsRepo';
import { httpTransport } from '../../renderer/sync/httpTransport';
import { SyncEngine } from '../../renderer/sync/syncEngine';
import { syncOnce } from '../../renderer/sync/syncOnce';
import { buildTestApp, loginAs, seedBranch, seedStaff } from '../../server/test/testApp';
import { describeEachDatabase } from '../../server/test/testDatabases';
// Declares what testDatabases.ts injects (the migrated PGlite snapshot), for this tsconfig too.
import type {} from '../../server/test/globalSetup';
import { startAnswerDroppingProxy } from './answerDroppingProxy';
import { discardDesks, openDesk, queuedMutationIds } from './crashDesks';
import { assertDeskEqualsServer, readServer } from './simulation';

const PATRONS = 150;
const CLAIMED = 40;
const CAMPAIGNS = 4;
/**
 * Push 1: the first batch (new patrons); while its answer is lost the desk writes a campaign
 * and follow-up events, so the resend (push 2) mixes changes already stored with new ones.
 * Pushes 3 and 4: a 600-change write in two batches; the second's answer is lost, and so is
 * the answer to its first resend (push 5); push 6 is heard.
 */
const DROPPED = new Set([1, 4, 5]);
const PUSHES = 6;
// Generous: a busy two-core machine; the engine retries within 100 ms of each failure.
const DRAIN_MS = 60_000;

async function waitUntil(what: string, timeoutMs: number, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Crash safety (issue 4): the answer to a push is lost after the server committed the batch
 * (answerDroppingProxy.ts cuts the desk's connection once the whole answer has arrived). The
 * desk's sync engine retries by itself; the server answers the resent changes "duplicate";
 * the desk takes those as acknowledged, so its outbox drains; nothing is applied twice and
 * nothing is lost, and another desk ends with exactly what was written.
 */
describeEachDatabase('lost push answers', (database) => {
  it('a desk that never heard its batch was stored resends it, hears "duplicate" and drains', async () => {
    const db = database.db;
    const branchId = await seedBranch(db, `Lost ${Math.random().toString(36).slice(2, 8)}`);
    await seedStaff(db, { username: 'writer', role: 'desk', branchIds: [branchId] });
    await seedStaff(db, { username: 'reader', role: 'desk', branchIds: [branchId] });
    const app = await buildTestApp(db);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const tokens = { writer: await loginAs(app, 'writer'), reader: await loginAs(app, 'reader') };

    const suffix = Math.random().toString(36).slice(2);
    const writer = await openDesk(`lost-writer-${suffix}`);
    const reader = await openDesk(`lost-reader-${suffix}`);
    const ctx = { staff: 'Lou', deskId: writer.deskId, deskName: 'Front', branchId, now: () => Date.now() };
    const written = new Set<string>();
    const noteQueued = async () => {
      for (const id of await queuedMutationIds(writer)) written.add(id);
    };
    const patronIds: string[] = [];

    const proxy = await startAnswerDroppingProxy({
      upstream: serverUrl,
      dropAnswer: (n) => DROPPED.has(n),
      onDropped: async (n) => {
        if (n !== 1) return;
        await createCampaign(writer.db, ctx, { name: 'While lost', dueAt: Date.now() + 86_400_000, message: 'Your book is in', patronIds: patronIds.slice(0, CLAIMED) });
        for (const f of await writer.db.followUps.toArray()) await recordFollowUpEvent(writer.db, ctx, f.id, { type: 'claimed' });
        await noteQueued();
      },
    });
    const engine = new SyncEngine({
      db: writer.db,
      transport: httpTransport({ baseUrl: proxy.baseUrl, deskId: writer.deskId, token: () => tokens.writer }),
      maxBackoffMs: 100,
      pollMs: 600_000,
    });
    const drained = () =>
      waitUntil('the writer desk has sent everything', DRAIN_MS, async () => {
        // The engine would retry a refused push for ever: fail at once with the server's answer instead.
        const failed = proxy.pushes.find((p) => p.status !== 200);
        if (failed) throw new Error(`the server answered a push with ${failed.status}`);
        return !engine.current.syncing && engine.current.problem === undefined && (await writer.db.outbox.count()) === 0;
      });

    try {
      for (let i = 0; i < PATRONS; i++) patronIds.push((await createPatron(writer.db, ctx, { ...EMPTY_PATRON_DETAILS, firstName: 'Lost', lastName: `Answer ${i}` })).id);
      await noteQueued();
      engine.start();
      await drained();

      for (let n = 1; n <= CAMPAIGNS; n++) await createCampaign(writer.db, ctx, { name: `Campaign ${n}`, dueAt: Date.now() + 86_400_000, message: 'Due back', patronIds });
      await noteQueued();
      engine.trigger(0);
      await drained();
      engine.stop();

      expect(proxy.errors).toEqual([]);
      expect(proxy.pushes.map((p) => [p.status, p.delivered])).toEqual(Array.from({ length: PUSHES }, (_, i) => [200, !DROPPED.has(i + 1)]));
      const verdicts = proxy.pushes.flatMap((p) => p.results);
      expect(verdicts.filter((r) => r.status === 'rejected')).toEqual([]);
      // The server applied each change once, whichever push carried it...
      const applied = verdicts.filter((r) => r.status === 'applied').map((r) => r.mutationId);
      expect(applied.length).toBe(written.size);
      expect(new Set(applied)).toEqual(written);
      // ...and answered "duplicate" exactly for the changes whose answer the desk had lost.
      const lost = new Set(proxy.pushes.filter((p) => !p.delivered).flatMap((p) => p.mutationIds));
      expect(new Set(verdicts.filter((r) => r.status === 'duplicate').map((r) => r.mutationId))).toEqual(lost);
      // The first resend mixed stored changes with the ones written while the answer was lost.
      expect(new Set(proxy.pushes[1]!.results.map((r) => r.status))).toEqual(new Set(['duplicate', 'applied']));
      expect(engine.current.pending).toBe(0);

      const stored = await db.query<{ id: string }>('SELECT id::text AS id FROM sync_mutations WHERE desk_id = $1', [writer.deskId]);
      expect(stored.rows.length).toBe(written.size);
      expect(new Set(stored.rows.map((r) => r.id))).toEqual(written);
      // Follow-up events are a log: each claim is one event on the server and one entry in the managers' log.
      const events = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sync_records WHERE entity = 'followUpEvent' AND branch_id = $1`, [branchId]);
      expect(events.rows[0]!.n).toBe(CLAIMED);
      const claims = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM log_entries WHERE type = 'claimed' AND branch_id = $1`, [branchId]);
      expect(claims.rows[0]!.n).toBe(CLAIMED);

      await syncOnce(reader.db, httpTransport({ baseUrl: serverUrl, deskId: reader.deskId, token: () => tokens.reader }), { now: Date.now });
      const records = await readServer(db, branchId);
      expect(records.size).toBe(PATRONS + CLAIMED + CLAIMED + CAMPAIGNS * PATRONS);
      await assertDeskEqualsServer(writer, records);
      await assertDeskEqualsServer(reader, records);
      expect(await reader.db.followUpEvents.count()).toBe(CLAIMED);
    } finally {
      engine.stop();
      // A round still running would write to the desk's database after it is closed.
      await waitUntil('the engine is idle', DRAIN_MS, async () => !engine.current.syncing).catch(() => undefined);
      await proxy.close();
      await app.close();
      await discardDesks([writer, reader]);
    }
  }, 120_000);
});
