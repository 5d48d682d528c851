import { expect, it } from 'vitest';
import { EMPTY_PATRON_DETAILS } from '@shared/domain/patron';
import type { LoginResponse } from '@shared/api/auth';
import { DeskDb } from '../../renderer/db/deskDb';
import { ensureDesk } from '../../renderer/db/deskMeta';
import { createPatron } from '../../renderer/db/patronsRepo';
import { httpTransport } from '../../renderer/sync/httpTransport';
import { startLiveStream } from '../../renderer/sync/liveStream';
import { syncOnce } from '../../renderer/sync/syncOnce';
import { migrate } from '../../server/db/migrate';
import { openDatabase } from '../../server/db/openDatabase';
import { seedBranch, seedStaff, TEST_PASSWORD } from '../../server/test/testApp';
import { describeEachDatabase } from '../../server/test/testDatabases';
// Declares what testDatabases.ts injects (the migrated PGlite snapshot), for this tsconfig too.
import type {} from '../../server/test/globalSetup';
import { startServerProcess } from './serverProcess';

async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: TEST_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${res.status}`);
  return ((await res.json()) as LoginResponse).token;
}

/**
 * Issue 4: two server processes on one PostgreSQL, a desk on each; a change pushed through one
 * reaches the desk on the other live (LISTEN/NOTIFY between the processes, the SSE stream, a
 * pull on the poke). PGlite admits one process per data folder, so this runs on PostgreSQL
 * alone: without TEST_DATABASE_URL it is reported as skipped, as every PostgreSQL suite is.
 */
describeEachDatabase(
  'two server processes',
  (database) => {
    it('a change pushed through one reaches a desk on the other live', async () => {
      const branchId = await (async () => {
        const db = await openDatabase(database.location);
        try {
          await migrate(db);
          const branch = await seedBranch(db, 'Two servers');
          await seedStaff(db, { username: 'front', role: 'desk', branchIds: [branch] });
          await seedStaff(db, { username: 'back', role: 'desk', branchIds: [branch] });
          return branch;
        } finally {
          await db.close();
        }
      })();
      const [one, two] = await Promise.all([startServerProcess(database.location), startServerProcess(database.location)]);
      const suffix = Math.random().toString(36).slice(2);
      const front = new DeskDb(`two-front-${suffix}`);
      const back = new DeskDb(`two-back-${suffix}`);
      let stop = () => {};
      try {
        const frontId = (await ensureDesk(front)).id;
        const backId = (await ensureDesk(back)).id;
        const frontToken = await login(one.baseUrl, 'front');
        const backToken = await login(two.baseUrl, 'back');
        const frontTransport = httpTransport({ baseUrl: one.baseUrl, deskId: frontId, token: () => frontToken });
        const backTransport = httpTransport({ baseUrl: two.baseUrl, deskId: backId, token: () => backToken });

        // The back desk listens on server two and pulls from it on every poke, as the sync engine does.
        let connected!: () => void;
        const ready = new Promise<void>((resolve) => (connected = resolve));
        let pokes = 0;
        const arrived = new Promise<void>((resolve) => {
          stop = startLiveStream({
            baseUrl: two.baseUrl,
            deskId: backId,
            token: () => backToken,
            onConnected: (up) => up && connected(),
            onPoke: () => {
              pokes++;
              void syncOnce(back, backTransport, { now: Date.now }).then(async () => {
                if ((await back.patrons.filter((p) => p.lastName === 'Two servers').count()) > 0) resolve();
              });
            },
          });
        });
        await ready;
        const pokesBefore = pokes;

        const ctx = { staff: 'Fran', deskId: frontId, deskName: 'Front', branchId, now: () => Date.now() };
        const patron = await createPatron(front, ctx, { ...EMPTY_PATRON_DETAILS, firstName: 'Live', lastName: 'Two servers' });
        await syncOnce(front, frontTransport, { now: Date.now });

        await arrived;
        // It came by a poke from server two, which only heard of the push through PostgreSQL.
        expect(pokes).toBeGreaterThan(pokesBefore);
        expect((await back.patrons.get(patron.id))?.firstName).toBe('Live');
      } finally {
        stop();
        await Promise.all([one.stop(), two.stop()]);
        for (const d of [front, back]) {
          d.close();
          await d.delete().catch(() => undefined);
        }
      }
    }, 120_000);
  },
  { open: false, postgresOnly: true },
);
