import { expect, it } from 'vitest';
import { EMPTY_PATRON_DETAILS } from '@shared/domain/patron';
import type { PushResult } from '@shared/sync/protocol';
import { createCampaign } from '../../renderer/db/campaignsRepo';
import { recordFollowUpEvent } from '../../renderer/db/followUpsRepo';
import { createPatron } from '../../renderer/db/patronsRepo';
import { httpTransport } from '../../renderer/sync/httpTransport';
import { syncOnce } from '../../renderer/sync/syncOnce';
import { SyncRequestError, type SyncTransport } from '../../renderer/sync/syncTransport';
import { migrate } from '../../server/db/migrate';
import { seedBranch, seedStaff } from '../../server/test/testApp';
import { describeEachDatabase } from '../../server/test/testDatabases';
// Declares what testDatabases.ts injects (the migrated PGlite snapshot), for this tsconfig too.
import type {} from '../../server/test/globalSetup';
import { discardDesks, login, openDesk, queuedMutationIds, withDatabase, type TestDesk, type KillRound } from './crashDesks';
import { blockPushWrites, type PushWriteBlocker } from './pushWriteBlocker';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { assertDeskEqualsServer, readServer } from './simulation';

const PATRONS = 120;
// Generous: a busy two-core machine may take seconds to reach the lock.
const WAIT_MS = 60_000;

/** What the server has stored, table by table: a batch that is all or nothing leaves these as they were. */
const COUNTS_SQL = `SELECT (SELECT count(*) FROM sync_records)::int AS records, (SELECT coalesce(max(seq), 0) FROM sync_records)::text AS "maxSeq",
  (SELECT count(*) FROM log_entries)::int AS log, (SELECT count(*) FROM sync_mutations)::int AS mutations`;

/**
 * Crash safety (issue 4), the case crashSafety.test.ts cannot force: the server process is
 * SIGKILLed while its push transaction is *inside* the database, having written records and
 * log entries and waiting to record the batch's mutation ids (pushWriteBlocker.ts holds that
 * last write back). None of the batch may be visible afterwards, the desk keeps it queued,
 * and once the server is back the resend is applied (not "duplicate": nothing was stored),
 * exactly once. Three rounds kill three different batches: new patrons (the first push),
 * the second of two campaign batches (the first committed), and follow-up events.
 * PostgreSQL only: holding a lock from a second connection while the server waits on it
 * needs a database that admits two connections, and PGlite admits one process with one
 * connection; the same applyBatches transaction runs on both.
 */
describeEachDatabase(
  'kill inside a push transaction',
  (database) => {
    it('a server killed mid-transaction stores none of the batch; the resend stores it once', async () => {
      const location = database.location;
      if (location.kind !== 'postgres') throw new Error('PostgreSQL only');
      const { branchId } = await withDatabase(location, async (db) => {
        await migrate(db);
        const branch = await seedBranch(db, `Inside ${Math.random().toString(36).slice(2, 8)}`);
        await seedStaff(db, { username: 'writer', role: 'desk', branchIds: [branch] });
        await seedStaff(db, { username: 'reader', role: 'desk', branchIds: [branch] });
        return { branchId: branch };
      });
      const counts = () => withDatabase(location, async (db) => (await db.query(COUNTS_SQL)).rows[0]);

      let server: ServerProcess = await startServerProcess(location);
      const tokens = { writer: await login(server.baseUrl, 'writer'), reader: await login(server.baseUrl, 'reader') };
      const suffix = Math.random().toString(36).slice(2);
      const writer = await openDesk(`inside-writer-${suffix}`);
      const reader = await openDesk(`inside-reader-${suffix}`);
      const transportOf = (desk: TestDesk, token: string) => httpTransport({ baseUrl: server.baseUrl, deskId: desk.deskId, token: () => token });
      const ctx = { staff: 'Pat', deskId: writer.deskId, deskName: 'Front', branchId, now: () => Date.now() };
      const written = new Set<string>();
      const patronIds: string[] = [];
      let blocker: PushWriteBlocker | undefined;

      const rounds: KillRound[] = [
        {
          what: 'new patrons, killed in the first push',
          write: async (desk) => {
            for (let i = 0; i < PATRONS; i++) patronIds.push((await createPatron(desk.db, ctx, { ...EMPTY_PATRON_DETAILS, firstName: 'Inside', lastName: `Test ${i}` })).id);
          },
          killAtPush: 1,
        },
        {
          what: 'five campaigns (two batches), killed in the second push',
          write: async (desk) => {
            for (let n = 1; n <= 5; n++) await createCampaign(desk.db, ctx, { name: `Campaign ${n}`, dueAt: Date.now() + 86_400_000, message: 'Your book is in', patronIds });
          },
          killAtPush: 2,
        },
        {
          what: 'follow-up events, killed in the first push',
          write: async (desk) => {
            for (const f of await desk.db.followUps.limit(PATRONS).toArray()) await recordFollowUpEvent(desk.db, ctx, f.id, { type: 'claimed' });
          },
          killAtPush: 1,
        },
      ];

      try {
        for (const round of rounds) {
          await round.write(writer);
          const queued = await queuedMutationIds(writer);
          for (const id of queued) written.add(id);

          // The round's sync: pushes before `killAtPush` go through; that one finds the lock taken.
          let pushes = 0;
          let onBlocked!: (state: { sent: string[]; before: unknown }) => void;
          const blocked = new Promise<{ sent: string[]; before: unknown }>((resolve) => (onBlocked = resolve));
          const inner = transportOf(writer, tokens.writer);
          const killing: SyncTransport = {
            pull: inner.pull,
            push: async (request) => {
              if (++pushes === round.killAtPush) {
                blocker = await blockPushWrites(location.url);
                onBlocked({ sent: request.mutations.map((m) => m.id), before: await counts() });
              }
              return inner.push(request);
            },
          };
          const syncing = syncOnce(writer.db, killing, { now: Date.now }).catch((err: unknown) => err);
          const { sent, before } = await Promise.race([
            blocked,
            syncing.then((outcome) => Promise.reject(new Error(`${round.what}: the sync ended before push ${round.killAtPush}: ${String(outcome)}`))),
          ]);
          const waiting = await blocker!.waitForBlockedPush(WAIT_MS);
          // Inside the transaction, after writing: it has a transaction id and holds sync_records' write lock.
          expect(waiting.xid, round.what).not.toBeNull();
          expect(waiting.wroteRecords, round.what).toBe(true);

          await server.kill();
          const outcome = await syncing;
          expect(outcome, round.what).toBeInstanceOf(SyncRequestError);
          expect((outcome as SyncRequestError).kind).toBe('network');
          await blocker!.release();
          // Its client is gone: the backend finishes the insert, finds no COMMIT coming, and rolls back.
          await blocker!.waitForBackendGone(waiting.pid, WAIT_MS);
          await blocker!.close();

          // All or nothing: not a record, log entry or mutation id of the batch is stored.
          expect(await counts(), round.what).toEqual(before);
          // Unanswered, so the whole batch is still queued at the desk.
          const stillQueued = new Set(await queuedMutationIds(writer));
          expect(sent.filter((id) => !stillQueued.has(id)), round.what).toEqual([]);

          server = await startServerProcess(location);
          const answers: PushResult[][] = [];
          const resend = transportOf(writer, tokens.writer);
          await syncOnce(writer.db, { pull: resend.pull, push: async (request) => (await resend.push(request).then((r) => (answers.push(r.results), r))) }, { now: Date.now });
          expect(await queuedMutationIds(writer), round.what).toEqual([]);
          // The resent batch was stored anew: had any of it survived the kill, it would be answered "duplicate".
          const resentAnswers = answers[0]!.filter((r) => sent.includes(r.mutationId));
          expect(resentAnswers.length, round.what).toBe(sent.length);
          expect(new Set(resentAnswers.map((r) => r.status)), round.what).toEqual(new Set(['applied']));
        }

        await syncOnce(reader.db, transportOf(reader, tokens.reader), { now: Date.now, pageSize: 1000 });
        await server.stop();
        await withDatabase(location, async (db) => {
          const { rows } = await db.query<{ id: string }>('SELECT id::text AS id FROM sync_mutations WHERE desk_id = $1', [writer.deskId]);
          const ids = rows.map((r) => r.id);
          // Every change written is stored once, and nothing else.
          expect(new Set(ids).size).toBe(ids.length);
          expect(new Set(ids)).toEqual(written);
          const records = await readServer(db, branchId);
          expect(records.size).toBe(PATRONS + 5 * PATRONS + PATRONS);
          const claimed = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM log_entries WHERE type = 'claimed' AND branch_id = $1`, [branchId]);
          expect(claimed.rows[0]!.n).toBe(PATRONS);
          await assertDeskEqualsServer(writer, records);
          await assertDeskEqualsServer(reader, records);
        });
      } finally {
        await blocker?.close().catch(() => undefined);
        await server.kill();
        await discardDesks([writer, reader]);
      }
    }, 120_000);
  },
  { open: false, postgresOnly: true },
);
