import { describe, expect, it } from 'vitest';
import { createFollowUp } from '../db/followUpsRepo';
import { followUpCodec, patronCodec } from '@shared/sync/entities';
import { formatHlc } from '@shared/sync/hlc';
import type { PulledRecord, PullResponse } from '@shared/sync/protocol';
import { arrangePatron, deskServices, withoutSyncMeta, writeContextOf } from '../test/renderDesk';
import { preparePulledPage } from './preparedPage';

const hlc = (wall: number) => formatHlc({ wall, counter: 0, deskId: 'other-desk' });

function pulled(entity: PulledRecord['entity'], record: { id: string; branchId: string }, fields: PulledRecord['fields'], wall: number, patronId: string): PulledRecord {
  const clocks = Object.fromEntries(Object.keys(fields).map((k) => [k, hlc(wall)]));
  return { entity, id: record.id, branchId: record.branchId, patronId, fields, clocks, erased: false };
}

async function samplePage(): Promise<{ page: PullResponse; patronId: string; due: number }> {
  const other = await deskServices();
  const p = await arrangePatron(other, { firstName: 'Ada', lastName: 'Lovelace' });
  const due = other.now() + 60_000;
  const f = await createFollowUp(other.db, writeContextOf(other), { patronId: p.id, reason: 'Call', dueAt: due, channel: 'phone', assignee: { kind: 'queue' } });
  const { pendingDueAt: _p, ...created } = f;
  const bad = pulled('patron', { id: 'bad', branchId: p.branchId }, { ...patronCodec.toFields(p), firstName: 42 }, 3000, 'bad');
  const gone: PulledRecord = { entity: 'patron', id: 'gone', branchId: p.branchId, patronId: 'gone', fields: {}, clocks: {}, erased: true };
  const ada = pulled('patron', p, patronCodec.toFields(p), 1000, p.id);
  ada.clocks.title = 'not a clock' as never; // sorts after every clock: must not become the latest
  const records = [ada, pulled('followUp', f, followUpCodec.toFields(created), 2000, p.id), bad, gone];
  return { page: { records, cursor: 'e:9', more: false, serverTime: 0 }, patronId: p.id, due };
}

describe('preparePulledPage', () => {
  it('for a fresh pull, builds and validates every row ahead, with search terms and a due time from an empty log', async () => {
    const { page, due } = await samplePage();
    const prepared = preparePulledPage(page, true);
    const [patron] = prepared.byTable.get('patrons')!;
    expect(withoutSyncMeta(patron!.built as never)).toMatchObject({ firstName: 'Ada', terms: expect.arrayContaining(['ada', 'lovelace']) });
    const [followUp] = prepared.byTable.get('followUps')!;
    expect((followUp!.built as { pendingDueAt?: number }).pendingDueAt).toBe(due);
    expect(prepared.dueFromEmptyLog.has(followUp!.built as never)).toBe(true);
    // Pulled data is untrusted: a record that does not validate is marked, not stored.
    expect(prepared.byTable.get('patrons')![1]!.built).toBe('unreadable');
    expect(prepared.erased).toEqual(['gone']);
    expect(prepared.latest).toBe(hlc(3000));
  });

  it('for any other pull, only groups the page: rows are merged with the stored ones in the transaction', async () => {
    const { page } = await samplePage();
    const prepared = preparePulledPage(page, false);
    expect([...prepared.byTable.values()].flat().every((r) => r.built === undefined)).toBe(true);
    expect(prepared.byTable.get('patrons')).toHaveLength(2);
  });
});
