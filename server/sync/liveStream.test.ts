import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { patronCodec } from '@shared/sync/entities';
import { formatHlc } from '@shared/sync/hlc';
import { SYNC_HEADERS, SYNC_SCHEMA_VERSION } from '@shared/sync/protocol';
import type { Patron } from '@shared/domain/patron';
import type { Database } from '../db/database';
import { openDatabase } from '../db/openDatabase';
import { describeEachDatabase } from '../test/testDatabases';
import { buildTestApp, loginAs, seedBranch, seedStaff } from '../test/testApp';

const headers = (token: string) => ({
  authorization: `Bearer ${token}`,
  [SYNC_HEADERS.schema]: String(SYNC_SCHEMA_VERSION),
  [SYNC_HEADERS.deskId]: 'stream-desk',
  [SYNC_HEADERS.clock]: String(Date.now()),
});

/** Reads a live stream until an event arrives (or gives up): the lines of the first event. */
async function nextEvent(app: FastifyInstance, token: string, act: () => Promise<void>, timeoutMs = 10_000): Promise<string> {
  const { port } = app.server.address() as { port: number };
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/api/sync/stream`, { headers: headers(token), signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let buffer = '';
  let acted = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended before an event');
      buffer += value;
      if (!acted && buffer.includes(': connected')) {
        acted = true;
        await act();
      }
      const event = buffer.split('\n\n').find((block) => block.startsWith('event:'));
      if (event) return event;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

function patronMutation(id: string, branchId: string) {
  const p = {
    id, branchId, title: '', firstName: 'Live', lastName: 'Poke', cardNumber: '', phones: [], emails: [], address: '', pronouns: '', language: '', howWeMet: '',
    contact: { channels: [], bestTimes: [], note: '' }, flags: [], interests: [], stageHistory: [],
    created: { staff: 'A', deskId: 'stream-desk', at: Date.now() }, updated: { staff: 'A', deskId: 'stream-desk', at: Date.now() }, lastContactAt: Date.now(), terms: [],
  } as Patron;
  return { id: crypto.randomUUID(), kind: 'edit', entity: 'patron', recordId: id, branchId, hlc: formatHlc({ wall: Date.now(), counter: 0, deskId: 'stream-desk' }), fields: patronCodec.toFields(p) };
}

/**
 * Live pokes (ARCHITECTURE §4.5, §4.10): a push through one server instance reaches a desk
 * listening on another. On PostgreSQL the two instances have their own connection pools and
 * LISTEN connections, as two server processes would; PGlite is one process by design, so
 * there the two apps share it.
 */
describeEachDatabase('live stream', (database) => {
  let writer: FastifyInstance;
  let listener: FastifyInstance;
  let second: Database | undefined;
  let branchA: string;
  let branchB: string;

  beforeAll(async () => {
    writer = await buildTestApp(database.db);
    second = database.driver === 'postgres' ? await openDatabase(database.location) : undefined;
    listener = await buildTestApp(second ?? database.db);
    await listener.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await listener.close();
    await writer.close();
    await second?.close();
  });
  beforeEach(async () => {
    await database.reset();
    await database.db.query('INSERT INTO sync_epoch DEFAULT VALUES ON CONFLICT DO NOTHING');
    branchA = await seedBranch(database.db, 'Central');
    branchB = await seedBranch(database.db, 'Annex');
    await seedStaff(database.db, { username: 'pusher', role: 'desk', branchIds: [branchA] });
    await seedStaff(database.db, { username: 'watcher', role: 'desk', branchIds: [branchA] });
    await seedStaff(database.db, { username: 'other', role: 'desk', branchIds: [branchB] });
  });

  it('pokes a desk on another server instance when a change in its branch commits', async () => {
    const pusher = await loginAs(writer, 'pusher');
    const watcher = await loginAs(listener, 'watcher');
    const event = await nextEvent(listener, watcher, async () => {
      const res = await writer.inject({ method: 'POST', url: '/api/sync/push', headers: headers(pusher), payload: { mutations: [patronMutation('p-live', branchA)] } });
      expect(res.statusCode).toBe(200);
    });
    expect(event).toMatch(/^event: poke\ndata: \{"seq":\d+\}$/);
  });

  it('does not poke desks of other branches', async () => {
    const pusher = await loginAs(writer, 'pusher');
    const other = await loginAs(listener, 'other');
    await expect(
      nextEvent(listener, other, async () => {
        await writer.inject({ method: 'POST', url: '/api/sync/push', headers: headers(pusher), payload: { mutations: [patronMutation('p-quiet', branchA)] } });
      }, 1500),
    ).rejects.toThrow();
  });
});
