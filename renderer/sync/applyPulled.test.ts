import { describe, expect, it } from 'vitest';
import { followUpCodec, noteCodec, patronCodec } from '@shared/sync/entities';
import { formatHlc } from '@shared/sync/hlc';
import type { PulledRecord, PullResponse } from '@shared/sync/protocol';
import { createFollowUp } from '../db/followUpsRepo';
import { addNote } from '../db/notesRepo';
import { updatePatronDetails } from '../db/patronsRepo';
import { arrangePatron, deskServices, patronDetails, withoutSyncMeta, writeContextOf } from '../test/renderDesk';
import { applyPulledPage } from './applyPulled';
import { settleBatch, nextBatch } from './outboxQueue';
import { queuedChanges } from './outboxRows';
import { clocksOf } from './rowClocks';

const FAR_FUTURE = Date.parse('2030-01-01T00:00:00Z');
const hlc = (wall: number, desk = 'other-desk') => formatHlc({ wall, counter: 0, deskId: desk });
const page = (records: PulledRecord[], cursor = 'e:1'): PullResponse => ({ records, cursor, more: false, serverTime: 0 });

function asPulled(entity: PulledRecord['entity'], record: { id: string; branchId: string }, fields: Record<string, unknown>, wall: number, patronId: string): PulledRecord {
  const clocks = Object.fromEntries(Object.keys(fields).map((k) => [k, hlc(wall)]));
  return { entity, id: record.id, branchId: record.branchId, patronId, fields: fields as PulledRecord['fields'], clocks, erased: false };
}

describe('applyPulledPage', () => {
  it('adds records it does not have, with search terms, and saves the cursor with them', async () => {
    const s = await deskServices();
    const other = await deskServices();
    const p = await arrangePatron(other, { firstName: 'Søren', lastName: 'Kierkegaard' });
    const summary = await applyPulledPage(s.db, page([asPulled('patron', p, patronCodec.toFields(p), 1000, p.id)], 'e:7'), s.now());
    expect(summary.changed).toBe(1);
    expect(withoutSyncMeta(await s.db.patrons.get(p.id))).toEqual(p);
    expect((await s.db.syncState.get('cursor'))?.value).toBe('e:7');
    expect(await s.db.outbox.count()).toBe(0);
  });

  it('keeps a local edit that is later than the pulled one, field by field', async () => {
    const s = await deskServices();
    const p = await arrangePatron(s, { firstName: 'Ada', lastName: 'Lovelace' });
    await updatePatronDetails(s.db, writeContextOf(s), p.id, patronDetails({ firstName: 'Ada', lastName: 'King' }));
    // Another desk changed the first name (later) and the last name (earlier than our edit).
    const remote = { ...patronCodec.toFields(p), firstName: 'Augusta' };
    const pulled = asPulled('patron', p, remote, 0, p.id);
    const local = { _clocks: clocksOf(await s.db.patrons.get(p.id)) };
    pulled.clocks.firstName = hlc(FAR_FUTURE);
    pulled.clocks.lastName = hlc(0);
    await applyPulledPage(s.db, page([pulled]), s.now());
    const merged = await s.db.patrons.get(p.id);
    expect(merged?.firstName).toBe('Augusta');
    expect(merged?.lastName).toBe('King');
    expect(clocksOf(await s.db.patrons.get(p.id)).lastName).toBe(local._clocks.lastName);
  });

  it('erases a patron with everything about them, unsent changes included', async () => {
    const s = await deskServices();
    const p = await arrangePatron(s);
    await addNote(s.db, writeContextOf(s), p.id, { body: 'Private' });
    await createFollowUp(s.db, writeContextOf(s), { patronId: p.id, reason: 'Call', dueAt: s.now() + 1000, channel: 'phone', assignee: { kind: 'queue' } });
    const keep = await arrangePatron(s, { firstName: 'Keep' });
    const tombstone: PulledRecord = { entity: 'patron', id: p.id, branchId: p.branchId, patronId: p.id, fields: {}, clocks: {}, erased: true };
    const summary = await applyPulledPage(s.db, page([tombstone]), s.now());
    expect(summary.erased).toEqual([p.id]);
    expect(await s.db.patrons.get(p.id)).toBeUndefined();
    expect(await s.db.notes.where('patronId').equals(p.id).count()).toBe(0);
    expect(await s.db.followUps.where('patronId').equals(p.id).count()).toBe(0);
    expect((await queuedChanges(s.db)).map((c) => c.patronId)).toEqual([keep.id]);
  });

  it('refolds a follow-up when its log grows from another desk', async () => {
    const s = await deskServices();
    const p = await arrangePatron(s);
    const f = await createFollowUp(s.db, writeContextOf(s), { patronId: p.id, reason: 'Call', dueAt: s.now() + 1000, channel: 'phone', assignee: { kind: 'queue' } });
    expect((await s.db.followUps.get(f.id))?.pendingDueAt).toBe(s.now() + 1000);
    const done = { id: 'ev-remote-1', followUpId: f.id, patronId: p.id, branchId: p.branchId, stamp: { staff: 'Bo', deskId: 'other', at: s.now() }, type: 'done', outcome: 'reached', comment: '' };
    const { id: _id, ...fields } = done;
    await applyPulledPage(s.db, page([asPulled('followUpEvent', done, fields, 5, p.id)]), s.now());
    expect((await s.db.followUps.get(f.id))?.pendingDueAt).toBeUndefined();
  });

  it('keeps fields this build does not know, and does not send them back', async () => {
    const s = await deskServices();
    const other = await deskServices();
    const p = await arrangePatron(other);
    const n = await addNote(other.db, writeContextOf(other), p.id, { body: 'Hello' });
    await applyPulledPage(s.db, page([asPulled('note', n, { ...noteCodec.toFields(n), mood: 'cheerful' }, 10, p.id)]), s.now());
    const row = (await s.db.notes.get(n.id)) as unknown as { _extra: Record<string, unknown> };
    expect(row._extra).toEqual({ mood: 'cheerful' });
    await s.db.notes.update(n.id, { body: 'Hello again' });
    const [queued] = await queuedChanges(s.db);
    expect(queued?.mutation.kind === 'edit' && Object.keys(queued.mutation.fields)).toEqual(['body']);
  });
});

describe('applyPulledPage on a fresh pull (a new desk\'s first)', () => {
  it('stores pulled records as they come, but merges a record with an unsent local edit', async () => {
    const s = await deskServices();
    const other = await deskServices();
    const p = await arrangePatron(other, { firstName: 'Ada', lastName: 'Lovelace' });
    const q = await arrangePatron(other, { firstName: 'Grace', lastName: 'Hopper' });
    // The desk pulled Ada earlier in this pull, then renamed her; the edit is not sent yet.
    await applyPulledPage(s.db, page([asPulled('patron', p, patronCodec.toFields(p), 1000, p.id)]), s.now(), { fresh: true });
    await updatePatronDetails(s.db, writeContextOf(s), p.id, patronDetails({ firstName: 'Ada', lastName: 'King' }));
    // A later page brings Ada again (another desk set her pronouns, before our edit) and Grace.
    const again = asPulled('patron', p, { ...patronCodec.toFields(p), pronouns: 'she/her' }, 2000, p.id);
    const summary = await applyPulledPage(s.db, page([again, asPulled('patron', q, patronCodec.toFields(q), 1000, q.id)]), s.now(), { fresh: true });
    expect(summary.changed).toBe(2);
    const ada = await s.db.patrons.get(p.id);
    expect([ada?.lastName, ada?.pronouns]).toEqual(['King', 'she/her']);
    expect(withoutSyncMeta(await s.db.patrons.get(q.id))).toEqual(q);
  });

  it('merges a record whose local change the server refused, keeping it for staff to fix', async () => {
    const s = await deskServices();
    const other = await deskServices();
    const p = await arrangePatron(other, { firstName: 'Ada', lastName: 'Lovelace' });
    await applyPulledPage(s.db, page([asPulled('patron', p, patronCodec.toFields(p), 1000, p.id)]), s.now(), { fresh: true });
    await updatePatronDetails(s.db, writeContextOf(s), p.id, patronDetails({ firstName: 'Ada', lastName: 'King' }));
    const batch = await nextBatch(s.db);
    await settleBatch(s.db, batch, { serverTime: 0, results: [{ mutationId: batch[0]!.mutation.id, status: 'rejected', code: 'invalid', reason: 'Bad' }] }, s.now());
    expect(await s.db.outbox.count()).toBe(0);
    await applyPulledPage(s.db, page([asPulled('patron', p, { ...patronCodec.toFields(p), pronouns: 'she/her' }, 2000, p.id)]), s.now(), { fresh: true });
    expect((await s.db.patrons.get(p.id))?.lastName).toBe('King');
  });

  it('gives a pulled follow-up its due time from its log: events stored before it, and events in the same page', async () => {
    const s = await deskServices();
    const other = await deskServices();
    const p = await arrangePatron(other);
    const due = other.now() + 1000;
    const f = await createFollowUp(other.db, writeContextOf(other), { patronId: p.id, reason: 'Call', dueAt: due, channel: 'phone', assignee: { kind: 'queue' } });
    const g = await createFollowUp(other.db, writeContextOf(other), { patronId: p.id, reason: 'Write', dueAt: due, channel: 'letter', assignee: { kind: 'queue' } });
    const snooze = (id: string, followUpId: string, until: number) =>
      ({ id, followUpId, patronId: p.id, branchId: p.branchId, stamp: { staff: 'Bo', deskId: 'other', at: s.now() }, type: 'snoozed', until });
    const pulledEvent = (e: ReturnType<typeof snooze>) => {
      const { id: _id, ...fields } = e;
      return asPulled('followUpEvent', e, fields, 5, p.id);
    };
    const pulledFollowUp = (fu: typeof f) => {
      const { pendingDueAt: _p, ...created } = fu;
      return asPulled('followUp', fu, followUpCodec.toFields(created), 4, p.id);
    };
    // f's snooze reached this desk a page before f; g's snooze comes in g's own page.
    await applyPulledPage(s.db, page([pulledEvent(snooze('ev-f', f.id, due + 5000))]), s.now(), { fresh: true });
    await applyPulledPage(s.db, page([pulledFollowUp(f), pulledFollowUp(g), pulledEvent(snooze('ev-g', g.id, due + 7000))]), s.now(), { fresh: true });
    expect((await s.db.followUps.get(f.id))?.pendingDueAt).toBe(due + 5000);
    expect((await s.db.followUps.get(g.id))?.pendingDueAt).toBe(due + 7000);
    // A later page's event refolds a follow-up stored earlier.
    await applyPulledPage(s.db, page([pulledEvent(snooze('ev-f2', f.id, due + 9000))]), s.now(), { fresh: true });
    expect((await s.db.followUps.get(f.id))?.pendingDueAt).toBe(due + 9000);
  });
});

describe('settleBatch', () => {
  it('drops accepted changes, keeps refused ones with their reason, restamps clock-ahead ones', async () => {
    const s = await deskServices();
    await arrangePatron(s, { firstName: 'A' });
    await arrangePatron(s, { firstName: 'B' });
    await arrangePatron(s, { firstName: 'C' });
    const batch = await nextBatch(s.db);
    const [a, b, c] = batch.map((r) => r.mutation);
    const settled = await settleBatch(s.db, batch, {
      serverTime: 0,
      results: [
        { mutationId: a!.id, status: 'applied', seq: 1 },
        { mutationId: b!.id, status: 'rejected', code: 'invalid', reason: 'Bad', issues: [{ path: 'lastName', message: 'Bad' }] },
        { mutationId: c!.id, status: 'rejected', code: 'clock-ahead', reason: 'Ahead' },
      ],
    }, s.now());
    expect(settled).toEqual({ accepted: 1, rejected: 1, restamped: 1 });
    expect((await s.db.syncRejected.toArray()).map((r) => [r.mutationId, r.code, r.issues])).toEqual([[b!.id, 'invalid', [{ path: 'lastName', message: 'Bad' }]]]);
    const left = await queuedChanges(s.db);
    expect(left.map((r) => r.mutation.id)).toEqual([c!.id]);
    expect(left[0]!.mutation.hlc > c!.hlc).toBe(true);
    expect(clocksOf(await s.db.patrons.get(c!.recordId)).firstName).toBe(left[0]!.mutation.hlc);
  });
});
