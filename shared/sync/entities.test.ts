import { describe, expect, it } from 'vitest';
import type { Patron } from '../domain/patron';
import { patronIndexKeys } from '../domain/patronIndexKeys';
import { noteCodec, patronCodec } from './entities';
import { applyEdit, type FieldState } from './fields';
import { formatHlc } from './hlc';

const stamp = (at: number, deskId = 'front') => ({ staff: 'Ada', deskId, at });
const hlc = (wall: number, deskId = 'front') => formatHlc({ wall, counter: 0, deskId });

function patron(over: Partial<Patron> = {}): Patron {
  const base = {
    id: 'p1', branchId: 'main', title: 'Prof.', firstName: 'Yvonne', lastName: 'Ng', cardNumber: 'LIB-1', phones: [{ label: 'home' as const, number: '020 7946 0958' }],
    emails: [], address: '', pronouns: 'she/her', language: '', howWeMet: '', contact: { channels: ['phone' as const], bestTimes: [], note: '' },
    flags: [{ id: 'f1', kind: 'never-email' as const, reason: 'Does not read it', source: 'patron', set: stamp(10) }],
    interests: ['chess', 'local history'], stageHistory: [{ stageId: 'tryer', label: 'Tryer', set: stamp(5) }],
    created: stamp(1), updated: stamp(10), lastContactAt: 10, terms: [],
  };
  const p = { ...base, ...over };
  return { ...p, ...patronIndexKeys(p) };
}

/** A record's fields, all stamped with one clock, as if it arrived whole from another desk. */
function stateOf(fields: ReturnType<typeof patronCodec.toFields>, wall: number): FieldState {
  const s: FieldState = { fields: {}, clocks: {} };
  applyEdit(s, { fields, hlc: hlc(wall) });
  return s;
}

describe('patronCodec', () => {
  it('round-trips a patron through its fields, search terms rebuilt', () => {
    const p = patron();
    const s = stateOf(patronCodec.toFields(p), 1);
    const back = patronCodec.fromFields('p1', s.fields, s.clocks);
    expect(back).toEqual({ ok: true, record: p });
  });

  it('splits flags, stage moves and interests into one field each', () => {
    const fields = patronCodec.toFields(patron());
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['flag:f1', 'stage:5:front:tryer', 'interest:local history', 'interest:chess']));
    expect(fields).not.toHaveProperty('terms');
    expect(fields).not.toHaveProperty('flagKinds');
    expect(fields).not.toHaveProperty('flags');
  });

  it('keeps two flags added at two desks at the same time', () => {
    const s = stateOf(patronCodec.toFields(patron({ flags: [] })), 1);
    applyEdit(s, { fields: { 'flag:a': { id: 'a', kind: 'large-print', reason: '', source: 'patron', set: stamp(20, 'front') } }, hlc: hlc(20, 'front') });
    applyEdit(s, { fields: { 'flag:b': { id: 'b', kind: 'hard-of-hearing', reason: '', source: 'patron', set: stamp(20, 'ref') } }, hlc: hlc(20, 'ref') });
    const r = patronCodec.fromFields('p1', s.fields, s.clocks);
    expect(r.ok && r.record.flags.map((f) => f.id)).toEqual(['a', 'b']);
    // The derived flag index is rebuilt from the merged flags, so the receiving desk finds them.
    expect(r.ok && r.record.flagKinds).toEqual(['hard-of-hearing', 'large-print']);
  });

  it('lists interests in the order they were added, and drops removed ones', () => {
    const s = stateOf(patronCodec.toFields(patron({ interests: [] })), 1);
    applyEdit(s, { fields: { 'interest:zines': true }, hlc: hlc(2) });
    applyEdit(s, { fields: { 'interest:archives': true }, hlc: hlc(3) });
    applyEdit(s, { fields: { 'interest:zines': null }, hlc: hlc(4) });
    applyEdit(s, { fields: { 'interest:maps': true }, hlc: hlc(5) });
    const r = patronCodec.fromFields('p1', s.fields, s.clocks);
    expect(r.ok && r.record.interests).toEqual(['archives', 'maps']);
  });

  it('explains why fields do not make a valid patron', () => {
    const s = stateOf({ ...patronCodec.toFields(patron()), firstName: '', lastName: '' }, 1);
    const r = patronCodec.fromFields('p1', s.fields, s.clocks);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]?.message).toMatch(/first or last name/);
    const bad = stateOf({ ...patronCodec.toFields(patron()), 'flag:x': { id: 'x' } }, 1);
    expect(patronCodec.fromFields('p1', bad.fields, bad.clocks).ok).toBe(false);
  });

  it('merges lastContactAt by the larger value, not the later edit', () => {
    const s = stateOf(patronCodec.toFields(patron({ lastContactAt: 500 })), 1);
    applyEdit(s, { fields: { lastContactAt: 100 }, hlc: hlc(99) }, patronCodec.policyOf);
    expect(s.fields.lastContactAt).toBe(500);
  });
});

describe('noteCodec', () => {
  it('syncs clearing an optional field (undoing a delete) as null', () => {
    const note = { id: 'n1', patronId: 'p1', branchId: 'main', body: 'Phone her', kind: 'note' as const, created: stamp(1), deleted: stamp(2) };
    const s = stateOf(noteCodec.toFields(note), 1);
    const { deleted: _d, ...restored } = note;
    applyEdit(s, { fields: noteCodec.toFields(restored), hlc: hlc(3) });
    expect(s.fields.deleted).toBeNull();
    expect(noteCodec.fromFields('n1', s.fields, s.clocks)).toEqual({ ok: true, record: restored });
  });
});

describe('followUpEventCodec', () => {
  it("takes an event's own properties as fields, not the replica's bookkeeping", async () => {
    const { followUpEventCodec } = await import('./entities');
    const event = { id: 'e1', followUpId: 'f1', patronId: 'p1', branchId: 'main', stamp: stamp(1), type: 'snoozed' as const, until: 99 };
    const fields = followUpEventCodec.toFields({ ...event, _clocks: { type: hlc(1) } } as never);
    expect(Object.keys(fields).sort()).toEqual(['branchId', 'followUpId', 'patronId', 'stamp', 'type', 'until']);
  });
});

describe('fieldNamesOf', () => {
  it('names exactly the fields toFields gives, for every kind of record', async () => {
    const { followUpCodec, followUpEventCodec, requestCodec } = await import('./entities');
    const names = <T>(codec: { toFields(r: T): object; fieldNamesOf(r: T): readonly string[] }, r: T) =>
      expect([...codec.fieldNamesOf(r)].sort()).toEqual(Object.keys(codec.toFields(r)).sort());
    names(patronCodec, patron());
    names(patronCodec, patron({ flags: [], interests: [], stageHistory: [] }));
    names(noteCodec, { id: 'n1', patronId: 'p1', branchId: 'main', body: 'Hi', kind: 'note', created: stamp(1) } as never);
    names(requestCodec, { id: 'r1', patronId: 'p1', branchId: 'main', resource: { title: 'Maps' }, requestedOn: '2026-01-01', created: stamp(1) } as never);
    names(followUpCodec, { id: 'f1', patronId: 'p1', branchId: 'main', reason: 'Call', channel: 'phone', firstDueAt: 5, assignee: { kind: 'queue' }, source: { kind: 'manual' }, message: '', created: stamp(1) } as never);
    names(followUpEventCodec, { id: 'e1', followUpId: 'f1', patronId: 'p1', branchId: 'main', stamp: stamp(1), type: 'snoozed', until: 99, _clocks: {} } as never);
  });
});
