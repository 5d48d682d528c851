import { describe, expect, it } from 'vitest';
import { formatHlc, MAX_DRIFT_MS } from '@shared/sync/hlc';
import type { Mutation } from '@shared/sync/protocol';
import { noteCodec } from '@shared/sync/entities';
import type { FieldMap } from '@shared/sync/fields';
import { decideMutation, type DecisionContext } from './decideMutation';
import type { StaffScope, StoredRecord } from './storedRecord';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const hlc = (wall = NOW, desk = 'front') => formatHlc({ wall, counter: 0, deskId: desk });
const stamp = { staff: 'Ada', deskId: 'front', at: NOW };
const desk: StaffScope = { staffId: 's1', role: 'desk', branchIds: ['main'] };
const manager: StaffScope = { staffId: 's2', role: 'manager', branchIds: ['main'] };
const admin: StaffScope = { staffId: 's3', role: 'admin', branchIds: [] };

const noteFields = (over: FieldMap = {}): FieldMap => ({ ...noteCodec.toFields({ id: 'n1', patronId: 'p1', branchId: 'main', body: 'Phone her', kind: 'note', created: stamp }), ...over });
const newNote = (over: Partial<Mutation> = {}): Mutation =>
  ({ id: '0193a0c0-0000-7000-8000-000000000001', kind: 'edit', entity: 'note', recordId: 'n1', branchId: 'main', hlc: hlc(), fields: noteFields(), ...over }) as Mutation;
const ctx = (over: Partial<DecisionContext> = {}): DecisionContext => ({ scope: desk, serverNow: NOW, existing: undefined, patron: undefined, ...over });
const stored = (over: Partial<StoredRecord> = {}): StoredRecord => {
  const fields = noteFields();
  return { entity: 'note', id: 'n1', branchId: 'main', patronId: 'p1', fields, clocks: Object.fromEntries(Object.keys(fields).map((k) => [k, hlc(NOW - 1000)])), erased: false, ...over };
};

describe('decideMutation', () => {
  it('stores a valid new record with its patron id and clocks', () => {
    const d = decideMutation(newNote(), ctx());
    expect(d).toMatchObject({ kind: 'store', changed: true, record: { entity: 'note', id: 'n1', patronId: 'p1', branchId: 'main' } });
    expect(d.kind === 'store' && d.record.clocks.body).toBe(hlc());
  });

  it('refuses a record that would not be valid, naming the field', () => {
    const d = decideMutation(newNote({ fields: noteFields({ body: 42 }) } as Partial<Mutation>), ctx());
    expect(d).toMatchObject({ kind: 'reject', code: 'invalid', issues: [{ path: 'body' }] });
    const partial = decideMutation(newNote({ fields: { body: 'only a body', patronId: 'p1' } } as Partial<Mutation>), ctx());
    expect(partial).toMatchObject({ kind: 'reject', code: 'invalid' });
  });

  it('keeps the later edit of a field and reports no change for an older one', () => {
    const existing = stored();
    const older = decideMutation(newNote({ hlc: hlc(NOW - 5000), fields: { body: 'stale' } } as Partial<Mutation>), ctx({ existing }));
    expect(older).toMatchObject({ kind: 'store', changed: false });
    expect(older.kind === 'store' && older.record.fields.body).toBe('Phone her');
    const newer = decideMutation(newNote({ fields: { body: 'Phone her on Friday' } } as Partial<Mutation>), ctx({ existing }));
    expect(newer.kind === 'store' && newer.record.fields.body).toBe('Phone her on Friday');
  });

  it('refuses changes stamped far ahead of the server clock', () => {
    expect(decideMutation(newNote({ hlc: hlc(NOW + MAX_DRIFT_MS + 1) }), ctx())).toMatchObject({ kind: 'reject', code: 'clock-ahead' });
    expect(decideMutation(newNote({ hlc: hlc(NOW + MAX_DRIFT_MS - 1) }), ctx())).toMatchObject({ kind: 'store' });
  });

  it('scopes by branch: other branches are forbidden, admins reach all', () => {
    expect(decideMutation(newNote({ branchId: 'north', fields: noteFields({ branchId: 'north' }) } as Partial<Mutation>), ctx())).toMatchObject({ code: 'forbidden' });
    expect(decideMutation(newNote({ branchId: 'north', fields: noteFields({ branchId: 'north' }) } as Partial<Mutation>), ctx({ scope: admin }))).toMatchObject({ kind: 'store' });
  });

  it('refuses a change that moves a record or its patron across branches', () => {
    const both: StaffScope = { ...desk, branchIds: ['main', 'north'] };
    expect(decideMutation(newNote({ branchId: 'north' }), ctx({ scope: both }))).toMatchObject({ code: 'branch-mismatch' });
    expect(decideMutation(newNote({ branchId: 'north', fields: { body: 'x' } } as Partial<Mutation>), ctx({ scope: both, existing: stored() }))).toMatchObject({ code: 'branch-mismatch' });
    const northPatron: StoredRecord = { ...stored(), entity: 'patron', id: 'p1', branchId: 'north' };
    expect(decideMutation(newNote(), ctx({ scope: both, patron: northPatron }))).toMatchObject({ code: 'branch-mismatch' });
  });

  it('refuses moving a record to another patron', () => {
    expect(decideMutation(newNote({ fields: { patronId: 'p2' } } as Partial<Mutation>), ctx({ existing: stored() }))).toMatchObject({ code: 'invalid', issues: [{ path: 'patronId' }] });
  });

  it('refuses changes about an erased patron', () => {
    const tombstone: StoredRecord = { ...stored(), entity: 'patron', id: 'p1', fields: {}, clocks: {}, erased: true };
    expect(decideMutation(newNote(), ctx({ patron: tombstone }))).toMatchObject({ code: 'erased' });
  });

  it('lets only managers and admins erase', () => {
    const erase: Mutation = { id: '0193a0c0-0000-7000-8000-000000000002', kind: 'erase', entity: 'patron', recordId: 'p1', branchId: 'main', hlc: hlc() };
    expect(decideMutation(erase, ctx())).toMatchObject({ code: 'forbidden' });
    expect(decideMutation(erase, ctx({ scope: manager }))).toEqual({ kind: 'erase', patronId: 'p1', branchId: 'main' });
  });

  it('never changes a follow-up once created, but accepts the same content again', () => {
    const fields = { patronId: 'p1', branchId: 'main', reason: 'Book due', channel: 'phone', firstDueAt: NOW, assignee: { kind: 'queue' }, source: { kind: 'manual' }, message: '', created: stamp };
    const m = { ...newNote(), entity: 'followUp', recordId: 'f1', fields } as Mutation;
    const first = decideMutation(m, ctx());
    expect(first).toMatchObject({ kind: 'store', changed: true });
    const existing = first.kind === 'store' ? first.record : undefined;
    expect(decideMutation(m, ctx({ existing }))).toMatchObject({ kind: 'store', changed: false });
    expect(decideMutation({ ...m, fields: { reason: 'Other' } } as Mutation, ctx({ existing }))).toMatchObject({ code: 'immutable' });
  });

  it('refuses a follow-up event under its follow-up\'s own id (that id names the follow-up\'s "created" entry)', () => {
    const fields = { followUpId: 'f1', patronId: 'p1', branchId: 'main', stamp, type: 'claimed' };
    const m = { ...newNote(), entity: 'followUpEvent', recordId: 'f1', fields } as Mutation;
    expect(decideMutation(m, ctx())).toMatchObject({ kind: 'reject', code: 'invalid', issues: [{ path: 'id' }] });
    expect(decideMutation({ ...m, recordId: 'e1' } as Mutation, ctx())).toMatchObject({ kind: 'store', changed: true });
  });
});
