import { describe, expect, it, vi } from 'vitest';
import { patronCodec } from '@shared/sync/entities';
import { formatHlc } from '@shared/sync/hlc';
import { MAX_PULL_PAGE, type PulledRecord, type PullResponse } from '@shared/sync/protocol';
import { arrangePatron, deskServices } from '../test/renderDesk';
import type * as preparedPageModule from './preparedPage';
import { preparePulledPage } from './preparedPage';
import { syncOnce } from './syncOnce';
import { SyncRequestError, type SyncTransport } from './syncTransport';

// The real preparePulledPage, watched: the pipeline test records when each page is prepared.
vi.mock('./preparedPage', async (importOriginal) => {
  const original = await importOriginal<typeof preparedPageModule>();
  return { ...original, preparePulledPage: vi.fn(original.preparePulledPage) };
});

const { preparePulledPage: realPrepare } = await vi.importActual<typeof preparedPageModule>('./preparedPage');

/** A server's records as pages, with a pull that can be made to fail once at a given page. */
async function serverPages(count: number): Promise<PullResponse[]> {
  const other = await deskServices();
  const pages: PullResponse[] = [];
  for (let i = 0; i < count; i++) {
    const p = await arrangePatron(other, { firstName: `Patron ${i}` });
    const fields = patronCodec.toFields(p);
    const clocks = Object.fromEntries(Object.keys(fields).map((k) => [k, formatHlc({ wall: 1000 + i, counter: 0, deskId: 'other' })]));
    const record: PulledRecord = { entity: 'patron', id: p.id, branchId: p.branchId, patronId: p.id, fields, clocks, erased: false };
    pages.push({ records: [record], cursor: `e:${i + 1}`, more: i < count - 1, serverTime: 0, ...(i === 0 ? { total: count } : {}) });
  }
  return pages;
}

function transportOf(pages: PullResponse[], failAt?: number) {
  const calls: Array<{ cursor: string | undefined; limit: number }> = [];
  let failed = false;
  const transport: SyncTransport = {
    push: () => Promise.reject(new Error('nothing to push')),
    pull: async (cursor, limit) => {
      calls.push({ cursor, limit });
      const index = cursor === undefined ? 0 : Number(cursor.slice(2));
      if (index === failAt && !failed) {
        failed = true;
        throw new SyncRequestError('network', 'The server cannot be reached');
      }
      return pages[index]!;
    },
  };
  return { transport, calls };
}

function pulledPatron(p: { id: string; branchId: string }, fields: PulledRecord['fields'], wall: number): PulledRecord {
  const clocks = Object.fromEntries(Object.keys(fields).map((k) => [k, formatHlc({ wall, counter: 0, deskId: 'other' })]));
  return { entity: 'patron', id: p.id, branchId: p.branchId, patronId: p.id, fields, clocks, erased: false };
}

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

describe('syncOnce, a full pull', () => {
  it('on a new desk: pulls the most a page holds, keeps the fresh mark across an interruption, and clears it with the last page', async () => {
    const s = await deskServices();
    const pages = await serverPages(3);
    const { transport, calls } = transportOf(pages, 2);
    await expect(syncOnce(s.db, transport, { now: s.now })).rejects.toThrow('cannot be reached');
    expect(calls[0]).toEqual({ cursor: undefined, limit: MAX_PULL_PAGE });
    expect((await s.db.syncState.get('cursor'))?.value).toBe('e:2');
    expect((await s.db.syncState.get('freshPull'))?.value).toBe(1);

    const round = await syncOnce(s.db, transport, { now: s.now, pageSize: 50 });
    expect(round).toMatchObject({ pulled: 1, fullPull: false });
    // Still a new desk's first pull: full pages, not the smaller ones of later pulls.
    expect(calls.at(-1)).toEqual({ cursor: 'e:2', limit: MAX_PULL_PAGE });
    expect(await s.db.syncState.get('freshPull')).toBeUndefined();
    expect(await s.db.patrons.count()).toBe(3);
  });

  it('prepares each page (builds and validates its rows) before the page ahead of it has committed, and writes the pages in order', async () => {
    const s = await deskServices();
    const pages = await serverPages(3);
    const { transport } = transportOf(pages);
    const steps: string[] = [];
    vi.mocked(preparePulledPage).mockImplementation((page, fresh) => {
      steps.push(`prepare ${page.cursor}`);
      return realPrepare(page, fresh);
    });
    const round = await syncOnce(s.db, transport, { now: s.now, onProgress: (done) => steps.push(`committed ${done}`) });
    vi.mocked(preparePulledPage).mockImplementation(realPrepare);
    // Page 2 was built before the loop waited for page 1 to commit (its progress comes after).
    expect(steps).toEqual(['prepare e:1', 'prepare e:2', 'committed 1', 'prepare e:3', 'committed 2', 'committed 3']);
    expect(round.pulled).toBe(3);
    expect(await s.db.patrons.count()).toBe(3);
    expect((await s.db.syncState.get('cursor'))?.value).toBe('e:3');
  });

  it('on a desk that already holds records, merges rather than marking the pull fresh', async () => {
    const s = await deskServices();
    await arrangePatron(s, { firstName: 'Local' });
    await s.db.outbox.clear(); // as if pushed already
    const pages = await serverPages(2);
    const { transport } = transportOf(pages, 1);
    await expect(syncOnce(s.db, transport, { now: s.now })).rejects.toThrow();
    expect(await s.db.syncState.get('freshPull')).toBeUndefined();
    await syncOnce(s.db, transport, { now: s.now });
    expect(await s.db.patrons.count()).toBe(3);
  });

  it('resync required (the server was restored and no longer knows the cursor): pulls everything again and merges it, keeping what only this desk holds', async () => {
    const s = await deskServices();
    const pages = await serverPages(2);
    await syncOnce(s.db, transportOf(pages).transport, { now: s.now });
    expect((await s.db.syncState.get('cursor'))?.value).toBe('e:2');
    const local = await arrangePatron(s, { firstName: 'Only here' });
    await s.db.outbox.clear(); // as if pushed already

    const calls: Array<{ cursor: string | undefined; limit: number }> = [];
    const restored: SyncTransport = {
      push: () => Promise.reject(new Error('nothing to push')),
      pull: async (cursor, limit) => {
        calls.push({ cursor, limit });
        if (cursor === 'e:2') throw new SyncRequestError('http', 'resync', 409, { error: { code: 'resync-required', message: 'This server does not know where this desk left off' } });
        return pages[cursor === undefined ? 0 : Number(cursor.slice(2))]!;
      },
    };
    const round = await syncOnce(s.db, restored, { now: s.now });

    expect(calls).toEqual([{ cursor: 'e:2', limit: 500 }, { cursor: undefined, limit: MAX_PULL_PAGE }, { cursor: 'e:1', limit: MAX_PULL_PAGE }]);
    expect(round).toMatchObject({ fullPull: true, pulled: 2 });
    expect((await s.db.syncState.get('cursor'))?.value).toBe('e:2');
    // The desk held records, so the pull merged (read before writing) rather than storing blind.
    expect(await s.db.syncState.get('freshPull')).toBeUndefined();
    expect(await s.db.patrons.count()).toBe(3);
    expect((await s.db.patrons.get(local.id))?.firstName).toBe('Only here');
  });

  it('two rounds at once (an engine restarted during a first sync): the older round\'s late page does not roll a record back', async () => {
    const s = await deskServices();
    const other = await deskServices();
    const a = await arrangePatron(other, { firstName: 'A' });
    const x = await arrangePatron(other, { firstName: 'X', lastName: 'Old' });
    const y = await arrangePatron(other, { firstName: 'Y' });
    const page0: PullResponse = { records: [pulledPatron(a, patronCodec.toFields(a), 1000)], cursor: 'e:1', more: true, serverTime: 0 };
    // Round A's next page was answered before another desk renamed X; round B's after.
    const stale: PullResponse = { records: [pulledPatron(x, patronCodec.toFields(x), 1000)], cursor: 'e:5', more: false, serverTime: 0 };
    const newer: PullResponse = { records: [pulledPatron(x, { ...patronCodec.toFields(x), lastName: 'New' }, 2000)], cursor: 'e:9', more: true, serverTime: 0 };
    const last: PullResponse = { records: [pulledPatron(y, patronCodec.toFields(y), 3000)], cursor: 'e:12', more: false, serverTime: 0 };
    const [aPulled, aRelease, bAsked, bRelease] = [gate(), gate(), gate(), gate()];
    const transportA: SyncTransport = {
      push: () => Promise.reject(new Error('nothing to push')),
      pull: async (cursor) => {
        if (cursor === undefined) return page0;
        aPulled.open();
        await aRelease.opened;
        return stale;
      },
    };
    const transportB: SyncTransport = {
      push: () => Promise.reject(new Error('nothing to push')),
      pull: async (cursor) => {
        if (cursor === 'e:1') return newer;
        bAsked.open();
        await bRelease.opened;
        return last;
      },
    };
    const until = async (cursor: string) => {
      while ((await s.db.syncState.get('cursor'))?.value !== cursor) await new Promise((r) => setTimeout(r, 5));
    };
    const roundA = syncOnce(s.db, transportA, { now: s.now });
    await aPulled.opened;
    await until('e:1');
    const roundB = syncOnce(s.db, transportB, { now: s.now });
    await bAsked.opened;
    await until('e:9');
    aRelease.open();
    await roundA;
    bRelease.open();
    await roundB;
    expect((await s.db.syncState.get('cursor'))?.value).toBe('e:12');
    expect((await s.db.patrons.get(x.id))?.lastName).toBe('New');
  });
});
