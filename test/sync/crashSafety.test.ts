import { expect, it } from 'vitest';
import { EMPTY_PATRON_DETAILS } from '@shared/domain/patron';
import type { PullResponse } from '@shared/sync/protocol';
import { createPatron } from '../../renderer/db/patronsRepo';
import { createCampaign } from '../../renderer/db/campaignsRepo';
import { httpTransport } from '../../renderer/sync/httpTransport';
import { syncOnce } from '../../renderer/sync/syncOnce';
import { SyncRequestError, type SyncTransport } from '../../renderer/sync/syncTransport';
import { migrate } from '../../server/db/migrate';
import { parseCursor } from '../../server/sync/syncCursor';
import { seedBranch, seedStaff } from '../../server/test/testApp';
import { describeEachDatabase } from '../../server/test/testDatabases';
// Declares what testDatabases.ts injects (the migrated PGlite snapshot), for this tsconfig too.
import type {} from '../../server/test/globalSetup';
import { discardDesks, login, openDesk, queuedMutationIds, withDatabase } from './crashDesks';
import { startServerProcess } from './serverProcess';
import { assertDeskEqualsServer, readServer } from './simulation';

const PATRONS = 260;
// CRASH_TRACE=1 prints where the time goes (server restarts dominate on a busy machine).
const t0 = Date.now();
const phase = (what: string) => process.env.CRASH_TRACE && console.log(`${Date.now() - t0} ms ${what}`);
const ROUNDS = 2;
const PAGE = 100;

interface PullLog {
  /** The cursor each pull asked from, and the cursor its page ended at. */
  pages: Array<{ from: string | undefined; to: string; records: number }>;
}

/** The HTTP transport, counting pulls; `dieAtPage` makes the desk "die" when that page's answer arrives. */
function countingTransport(inner: SyncTransport, log: PullLog, dieAtPage?: number): SyncTransport {
  return {
    push: (request) => inner.push(request),
    pull: async (cursor, limit) => {
      // Small pages, so that a pull has several (a first pull asks for the most the server gives).
      const page: PullResponse = await inner.pull(cursor, Math.min(limit, PAGE));
      log.pages.push({ from: cursor, to: page.cursor, records: page.records.length });
      if (dieAtPage !== undefined && log.pages.length === dieAtPage) throw new Error('desk process died');
      return page;
    },
  };
}

const seqOf = (cursor: string | undefined) => (cursor === undefined ? 0 : parseCursor(cursor)!.seq);

/**
 * Crash safety (issue 4): a real server process over a database that survives it is killed
 * (SIGKILL) while a desk's multi-batch push is in flight, and a second desk "dies" in the
 * middle of a pull and is reopened on the same IndexedDB database, several times. Nothing the
 * desks wrote is lost or stored twice, each batch is all or nothing, and a resumed pull
 * starts from the last page it applied.
 */
describeEachDatabase(
  'crash safety',
  (database) => {
    it('survives a server killed mid-push and a desk killed mid-pull, repeatedly', async () => {
      const { branchId } = await withDatabase(database.location, async (db) => {
        await migrate(db);
        const branch = await seedBranch(db, `Crash ${Math.random().toString(36).slice(2, 8)}`);
        await seedStaff(db, { username: 'pusher', role: 'desk', branchIds: [branch] });
        await seedStaff(db, { username: 'puller', role: 'desk', branchIds: [branch] });
        return { branchId: branch };
      });

      phase('seeded');
      let server = await startServerProcess(database.location);
      const tokens = { pusher: await login(server.baseUrl, 'pusher'), puller: await login(server.baseUrl, 'puller') };
      const suffix = Math.random().toString(36).slice(2);
      const pusher = await openDesk(`crash-pusher-${suffix}`);
      let puller = await openDesk(`crash-puller-${suffix}`);
      const transportOf = (desk: { deskId: string }, token: string) => httpTransport({ baseUrl: server.baseUrl, deskId: desk.deskId, token: () => token });
      const ctx = { staff: 'Pat', deskId: pusher.deskId, deskName: 'Front', branchId, now: () => Date.now() };
      const written = new Set<string>();
      const outboxIds = () => queuedMutationIds(pusher);

      try {
        const patronIds: string[] = [];
        for (let i = 0; i < PATRONS; i++) patronIds.push((await createPatron(pusher.db, ctx, { ...EMPTY_PATRON_DETAILS, firstName: 'Crash', lastName: `Test ${i}` })).id);

        phase('patrons written');
        for (let round = 0; round < ROUNDS; round++) {
          phase(`round ${round}`);
          // A large write: two campaigns, one follow-up each per patron, on top of what is queued: several batches.
          for (const n of [1, 2]) await createCampaign(pusher.db, ctx, { name: `Round ${round} campaign ${n}`, dueAt: Date.now() + 86_400_000, message: 'Your book is in', patronIds });
          for (const id of await outboxIds()) written.add(id);
          const queued = (await outboxIds()).length;
          expect(queued).toBeGreaterThan(500);

          // Kill the server as soon as it has begun handling the first push of the round.
          const sent: string[][] = [];
          const recording: SyncTransport = { ...transportOf(pusher, tokens.pusher), push: (req) => (sent.push(req.mutations.map((m) => m.id)), transportOf(pusher, tokens.pusher).push(req)) };
          const seen = server.waitForLog(/^(?=.*"msg":"incoming request")(?=.*"url":"\/api\/sync\/push").*$/m);
          const syncing = syncOnce(pusher.db, recording, { now: Date.now }).catch((err: unknown) => err);
          await seen;
          phase('push seen, killing');
          await server.kill();
          const outcome = await syncing;
          expect(outcome).toBeInstanceOf(SyncRequestError);
          expect(sent.length).toBe(1);

          // The batch in flight is all or nothing on the server.
          const stored = await withDatabase(database.location, async (db) => {
            const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_mutations WHERE id = ANY($1::uuid[])', [sent[0]]);
            return rows[0]!.n;
          });
          expect([0, sent[0]!.length]).toContain(stored);
          // Unanswered, so still queued at the desk either way.
          expect((await outboxIds()).length).toBe(queued);

          phase(`batch stored ${stored}`);
          server = await startServerProcess(database.location);
          phase('restarted');

          // The pusher resends what was not acknowledged; the server answers a batch it had stored as duplicates.
          await syncOnce(pusher.db, transportOf(pusher, tokens.pusher), { now: Date.now });
          expect(await outboxIds()).toEqual([]);
          // The other desk dies when page 2 + round of its pull arrives, and comes back on the same database.
          const log: PullLog = { pages: [] };
          const dieAt = 2 + round;
          await expect(syncOnce(puller.db, countingTransport(transportOf(puller, tokens.puller), log, dieAt), { now: Date.now, pageSize: PAGE })).rejects.toThrow('desk process died');
          const appliedUpTo = log.pages[dieAt - 2]!.to;
          const lost = log.pages[dieAt - 1]!;
          puller.db.close();
          puller = await openDesk(puller.name);
          const resumed: PullLog = { pages: [] };
          await syncOnce(puller.db, countingTransport(transportOf(puller, tokens.puller), resumed), { now: Date.now, pageSize: PAGE });
          // It starts from the last page it applied: the only page fetched again is the one it died on.
          expect(resumed.pages[0]!.from).toBe(appliedUpTo);
          expect(seqOf(resumed.pages[0]!.to)).toBeLessThanOrEqual(seqOf(lost.to));

          phase('pull resumed');
        }
        await syncOnce(pusher.db, transportOf(pusher, tokens.pusher), { now: Date.now, pageSize: 1000 });
        await syncOnce(puller.db, transportOf(puller, tokens.puller), { now: Date.now, pageSize: 1000 });
        await server.stop();

        await withDatabase(database.location, async (db) => {
          const { rows } = await db.query<{ id: string }>('SELECT id::text AS id FROM sync_mutations WHERE desk_id = $1', [pusher.deskId]);
          const ids = rows.map((r) => r.id);
          // Every change written is stored exactly once (the table's key would refuse a second copy; the count proves none is missing).
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.length).toBe(written.size);
          for (const id of ids) expect(written.has(id)).toBe(true);
          const records = await readServer(db, branchId);
          expect(records.size).toBe(PATRONS + ROUNDS * 2 * PATRONS);
          await assertDeskEqualsServer(pusher, records);
          await assertDeskEqualsServer(puller, records);
        });
      } finally {
        await server.kill();
        await discardDesks([pusher, puller]);
      }
    }, 300_000);
  },
  { open: false },
);
