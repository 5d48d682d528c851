import { addStaff } from '../../server/accounts/staffAccounts';
import { createBranch } from '../../server/accounts/branchAccounts';
import { hashPassword } from '../../server/auth/passwordHash';
import type { Database } from '../../server/db/database';
import { formatCursor } from '../../server/sync/syncCursor';
import { syncPosition } from '../../server/sync/syncStore';
import type { LoginResponse } from '../../shared/api/auth';
import type { IngestClient } from './ingestClient';

/**
 * The bench's branches and desks: one desk-role staff account per desk (its own token, as
 * each desk logs in with its own), spread evenly over the branches.
 */
export interface BenchDesk {
  index: number;
  deskId: string;
  deskName: string;
  username: string;
  branchId: string;
  token: string;
}

const PASSWORD = 'a long bench password';

/** Creates the branches and one staff member per desk, in the bench's migrated database. */
export async function createDeskAccounts(db: Database, desks: number, branches: number): Promise<Array<Omit<BenchDesk, 'token'>>> {
  const branchIds: string[] = [];
  for (let b = 1; b <= branches; b += 1) branchIds.push((await createBranch(db, null, `Branch ${b}`)).id);
  // One hash at the server's own cost for every account: the logins then verify it without
  // rehashing (login.ts upgrades weaker hashes), as a real server's logins would.
  const hash = await hashPassword(PASSWORD);
  const out: Array<Omit<BenchDesk, 'token'>> = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < desks; i += 1) {
      const branchId = branchIds[i % branches]!;
      const username = `desk${String(i + 1).padStart(3, '0')}`;
      await addStaff(tx, null, { username, displayName: `Desk ${i + 1}`, role: 'desk', branchIds: [branchId] }, hash);
      out.push({ index: i, deskId: `bench-desk-${i + 1}`, deskName: `Desk ${i + 1}`, username, branchId });
    }
  });
  return out;
}

/** Logs every desk in over HTTP, a few at a time (each login is a deliberately slow scrypt check). */
export async function logIn(client: IngestClient, desks: ReadonlyArray<Omit<BenchDesk, 'token'>>, parallel = 4): Promise<BenchDesk[]> {
  const out: BenchDesk[] = new Array(desks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < desks.length; i = next++) {
      const desk = desks[i]!;
      const res = await client.request<LoginResponse>('POST', '/api/auth/login', { 'content-type': 'application/json' }, { username: desk.username, password: PASSWORD });
      if (res.status !== 200) throw new Error(`login of ${desk.username} answered ${res.status}: ${JSON.stringify(res.body)}`);
      out[i] = { ...desk, token: res.body.token };
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}

/** A cursor at the server's present end: the desks start as fully synced replicas. */
export async function cursorAtEnd(db: Database): Promise<string> {
  const { epoch, maxSeq } = await syncPosition(db);
  return formatCursor(epoch, maxSeq);
}
