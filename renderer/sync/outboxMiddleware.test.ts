import Dexie from 'dexie';
import type { Note } from '@shared/domain/note';
import { afterEach, describe, expect, it } from 'vitest';
import { hlcWall, parseHlc } from '@shared/sync/hlc';
import { DeskDb } from '../db/deskDb';
import { ensureDesk } from '../db/deskMeta';
import { addNote, editNote } from '../db/notesRepo';
import { createPatron, updatePatronDetails } from '../db/patronsRepo';
import type { WriteContext } from '../db/writeContext';
import { queuedChanges } from './outboxRows';
import { patronDetails } from '../test/renderDesk';
import { clocksOf } from './rowClocks';
import type { SyncMeta } from './syncTables';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const opened: DeskDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function desk(name = `outbox-${Math.random().toString(36).slice(2)}`, now = () => NOW) {
  const db = new DeskDb(name, { now });
  opened.push(db);
  const identity = await ensureDesk(db);
  let tick = 0;
  const ctx: WriteContext = { staff: 'Anna', deskId: identity.id, deskName: 'Front desk', branchId: 'main', now: () => NOW + 1000 * tick++ };
  return { db, ctx, deskId: identity.id };
}

describe('the outbox middleware', () => {
  it('records a new patron as one edit carrying every field, and stamps each field on the row', async () => {
    const { db, ctx, deskId } = await desk();
    const p = await createPatron(db, ctx, patronDetails({ firstName: 'Yvonne', lastName: 'Ng' }));
    const rows = await queuedChanges(db);
    expect(rows).toHaveLength(1);
    const m = rows[0]!.mutation;
    expect(m).toMatchObject({ kind: 'edit', entity: 'patron', recordId: p.id, branchId: 'main' });
    expect(m.kind === 'edit' && m.fields).toMatchObject({ firstName: 'Yvonne', lastName: 'Ng', branchId: 'main' });
    expect(m.kind === 'edit' && m.fields).not.toHaveProperty('terms');
    expect(rows[0]!.patronId).toBe(p.id);
    expect(parseHlc(m.hlc)?.deskId).toBe(deskId);
    const stored = clocksOf(await db.patrons.get(p.id));
    expect(stored.firstName).toBe(m.hlc);
  });

  it('records an edit as only the fields that changed, with a later clock', async () => {
    const { db, ctx } = await desk();
    const p = await createPatron(db, ctx, patronDetails({ firstName: 'Yvonne', lastName: 'Ng' }));
    await updatePatronDetails(db, ctx, p.id, patronDetails({ firstName: 'Yvonne', lastName: 'Ng-Smith' }));
    const [created, edited] = (await queuedChanges(db)).map((c) => c.mutation);
    expect(edited!.kind === 'edit' && Object.keys(edited!.fields).sort()).toEqual(['lastName', 'updated']);
    expect(edited!.hlc > created!.hlc).toBe(true);
    const stored = clocksOf(await db.patrons.get(p.id));
    expect(stored.lastName).toBe(edited!.hlc);
    expect(stored.firstName).toBe(created!.hlc);
  });

  it('records nothing when a write changes no field', async () => {
    const { db, ctx } = await desk();
    const p = await createPatron(db, ctx, patronDetails());
    const row = await db.patrons.get(p.id);
    await db.patrons.put(row!);
    expect(await db.outbox.count()).toBe(1);
  });

  it('writes the change and its outbox entry together or not at all', async () => {
    const { db, ctx } = await desk();
    const p = await createPatron(db, ctx, patronDetails({ lastName: 'Before' }));
    await expect(
      db.transaction('rw', db.patrons, async () => {
        await db.patrons.update(p.id, { lastName: 'After' });
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect((await db.patrons.get(p.id))?.lastName).toBe('Before');
    expect(await db.outbox.count()).toBe(1);
  });

  it('adds many rows in slices as one outbox row, and leaves out the changes of adds that failed', async () => {
    const { db, ctx } = await desk();
    const p = await createPatron(db, ctx, patronDetails());
    const first = await addNote(db, ctx, p.id, { body: 'First' });
    const { _clockGroups: _g, ...template } = (await db.notes.get(first.id)) as Note & SyncMeta;
    // 1,201 rows, three slices; rows 0, 700 and 1,200 reuse a stored id, so only those fail.
    const rows = Array.from({ length: 1201 }, (_, i) => ({ ...template, id: [0, 700, 1200].includes(i) ? first.id : `note-${i}`, body: `Note ${i}` }));
    let failedAt: number[] = [];
    await db.transaction('rw', db.notes, async () => {
      await db.notes.bulkAdd(rows).catch(Dexie.BulkError, (e: InstanceType<typeof Dexie.BulkError>) => {
        failedAt = Object.keys(e.failuresByPos).map(Number);
      });
    });
    expect(failedAt).toEqual([0, 700, 1200]);
    expect(await db.notes.count()).toBe(1199);
    expect((await db.notes.get(first.id))?.body).toBe('First');
    const outbox = await db.outbox.orderBy('seq').toArray();
    const written = rows.filter((_, i) => ![0, 700, 1200].includes(i)).map((r) => r.id);
    expect(outbox.at(-1)!.changes.map((c) => c.mutation.recordId)).toEqual(written);
    const before = outbox.length;

    // Every add failing leaves no outbox row at all.
    await db.transaction('rw', db.notes, () => db.notes.bulkAdd([{ ...template, id: first.id }]).catch(Dexie.BulkError, () => undefined));
    expect(await db.outbox.count()).toBe(before);
  });

  it('leaves writes of pulled records (transactions that name syncState) out of the outbox', async () => {
    const { db, ctx } = await desk();
    const p = await createPatron(db, ctx, patronDetails({ lastName: 'Local' }));
    await db.transaction('rw', db.patrons, db.syncState, async () => {
      await db.patrons.update(p.id, { lastName: 'From the server' });
    });
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses to delete a synced record outright', async () => {
    const { db, ctx } = await desk();
    const p = await createPatron(db, ctx, patronDetails());
    await expect(db.patrons.delete(p.id)).rejects.toThrow(/never deleted outright/);
    expect(await db.patrons.get(p.id)).toBeDefined();
  });

  it('records notes with their patron, so erasing the patron can drop unsent changes', async () => {
    const { db, ctx } = await desk();
    const p = await createPatron(db, ctx, patronDetails());
    const n = await addNote(db, ctx, p.id, { body: 'Phone on Friday' });
    await editNote(db, ctx, n.id, { body: 'Phone on Friday morning' });
    const rows = await db.outbox.where('patronIds').equals(p.id).toArray();
    expect(rows.flatMap((r) => r.changes.map((c) => c.mutation.entity))).toEqual(['patron', 'note', 'patron', 'note']);
  });

  it('keeps its clock increasing across a restart, even when the desk clock went back', async () => {
    const name = `outbox-restart-${Math.random().toString(36).slice(2)}`;
    const first = await desk(name, () => NOW);
    await createPatron(first.db, first.ctx, patronDetails());
    const before = (await queuedChanges(first.db))[0]!.mutation.hlc;
    first.db.close();
    const again = await desk(name, () => NOW - 60_000);
    await createPatron(again.db, again.ctx, patronDetails({ lastName: 'Second' }));
    const after = (await queuedChanges(again.db)).at(-1)!.mutation.hlc;
    expect(after > before).toBe(true);
    expect(hlcWall(after)).toBe(NOW);
  });
});
