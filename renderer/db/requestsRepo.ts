import { RequestInputSchema, type PatronRequest } from '@shared/domain/request';
import { DeskError } from '@shared/errors/deskError';
import { validationErrorFromZod } from '@shared/errors/zodIssues';
import type { DeskDb } from './deskDb';
import { newId } from './ids';
import { stampOf, type WriteContext } from './writeContext';

/** Records "asked for: <resource>" on a patron. */
export async function addRequest(db: DeskDb, ctx: WriteContext, patronId: string, input: unknown): Promise<PatronRequest> {
  const parsed = RequestInputSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  return db.transaction('rw', db.patrons, db.requests, async () => {
    const patron = await db.patrons.get(patronId);
    if (!patron) throw new DeskError('not-found', 'This patron no longer exists on this desk');
    const request: PatronRequest = {
      id: newId(),
      patronId,
      branchId: patron.branchId,
      resource: parsed.data.resource,
      requestedOn: parsed.data.requestedOn,
      created: stampOf(ctx),
    };
    await db.requests.add(request);
    return request;
  });
}

export async function deleteRequest(db: DeskDb, ctx: WriteContext, id: string): Promise<void> {
  await db.transaction('rw', db.requests, async () => {
    const request = await db.requests.get(id);
    if (!request) throw new DeskError('not-found', 'This request no longer exists on this desk');
    await db.requests.put({ ...request, deleted: stampOf(ctx) });
  });
}

export async function restoreRequest(db: DeskDb, id: string): Promise<void> {
  await db.transaction('rw', db.requests, async () => {
    const request = await db.requests.get(id);
    if (!request) throw new DeskError('not-found', 'This request no longer exists on this desk');
    const { deleted: _deleted, ...rest } = request;
    await db.requests.put(rest);
  });
}

/** A patron's requests that are not deleted, newest first. */
export async function requestsOfPatron(db: DeskDb, patronId: string): Promise<PatronRequest[]> {
  const rows = await db.requests.where('patronId').equals(patronId).toArray();
  return rows.filter((r) => !r.deleted).sort((a, b) => (a.requestedOn < b.requestedOn ? 1 : a.requestedOn > b.requestedOn ? -1 : b.created.at - a.created.at));
}
