import { describe, expect, it } from 'vitest';
import type { PullResponse } from '@shared/sync/protocol';
import { deskServices } from '../test/renderDesk';
import { SyncEngine, type SyncStatus } from './syncEngine';
import { SyncRequestError, type SyncTransport } from './syncTransport';

const EMPTY_PAGE: PullResponse = { records: [], cursor: 'e:0', more: false, serverTime: 0 };
const unreachable = () => new SyncRequestError('network', 'The server cannot be reached');

/** A transport whose pulls do whatever `next` says at the time; it counts them. */
function scripted() {
  const state = { pulls: 0, next: (): Promise<PullResponse> => Promise.resolve(EMPTY_PAGE) };
  const transport: SyncTransport = {
    push: () => Promise.reject(new Error('nothing to push')),
    pull: () => {
      state.pulls++;
      return state.next();
    },
  };
  return { state, transport };
}

async function engineWith(options: { pollMs?: number; maxBackoffMs?: number } = {}) {
  const s = await deskServices();
  const { state, transport } = scripted();
  let status: SyncStatus | undefined;
  const engine = new SyncEngine({ db: s.db, transport, now: s.now, onStatus: (st) => (status = st), ...options });
  return { s, state, engine, status: () => status! };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('SyncEngine', () => {
  it('backs off 1 s, doubling, capped, while the server cannot be reached; a round that works starts again from 1 s', async () => {
    const { s, state, engine, status } = await engineWith({ maxBackoffMs: 60_000 });
    state.next = () => Promise.reject(unreachable());
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      await engine.syncNow();
      waits.push(status().nextAttemptAt! - s.now());
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect(status()).toMatchObject({ connection: 'offline', syncing: false, problem: { code: 'network' } });

    state.next = () => Promise.resolve(EMPTY_PAGE);
    await engine.syncNow();
    expect(status()).toMatchObject({ connection: 'online', lastSyncedAt: s.now() });
    expect(status().problem).toBeUndefined();
    expect(status().nextAttemptAt).toBeUndefined();

    state.next = () => Promise.reject(unreachable());
    await engine.syncNow();
    expect(status().nextAttemptAt! - s.now()).toBe(1000);
    engine.stop();
  });

  it('retries by itself after a failure, and polls by itself after success, with no trigger from outside', async () => {
    const { state, engine, status } = await engineWith({ maxBackoffMs: 20, pollMs: 20 });
    let failuresLeft = 2;
    state.next = () => (failuresLeft-- > 0 ? Promise.reject(unreachable()) : Promise.resolve(EMPTY_PAGE));
    engine.start();
    await until(() => status()?.lastSyncedAt !== undefined);
    expect(state.pulls).toBe(3);
    // The fallback poll: more rounds come on their own.
    await until(() => state.pulls >= 5);
    engine.stop();
    const after = state.pulls;
    await new Promise((r) => setTimeout(r, 80));
    expect(state.pulls).toBe(after);
  });

  it('a full disk is a problem in words, not a retry storm', async () => {
    const { state, engine, status } = await engineWith({ pollMs: 60_000 });
    state.next = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await engine.syncNow();
    expect(status().problem).toMatchObject({ code: 'quota' });
    expect(status().nextAttemptAt).toBeUndefined();
    engine.stop();
  });

  it('a refusal a person must act on (signed out, clock ahead) waits for them instead of backing off', async () => {
    const { s, state, engine, status } = await engineWith();
    state.next = () => Promise.reject(new SyncRequestError('http', 'Unauthorized', 401, { error: { code: 'unauthenticated', message: 'The session has ended' } }));
    await engine.syncNow();
    expect(status()).toMatchObject({ connection: 'online', problem: { code: 'signed-out', message: expect.stringContaining('The session has ended') } });
    expect(status().nextAttemptAt).toBeUndefined();

    state.next = () => Promise.reject(new SyncRequestError('http', 'Conflict', 409, { error: { code: 'clock-ahead', message: 'Clock ahead', serverTime: s.now() - 7 * 60_000 } }));
    await engine.syncNow();
    expect(status().problem).toEqual({ code: 'clock-ahead', message: 'Clock ahead', aheadMs: 7 * 60_000 });
    engine.stop();
  });
});
