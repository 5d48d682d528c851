import type { FastifyInstance } from 'fastify';
import { SYNC_HEADERS, SYNC_SCHEMA_VERSION, type Mutation, type PullResponse, type PushResponse, type SyncErrorBody } from '@shared/sync/protocol';
import { DeskDb } from '../../renderer/db/deskDb';
import { ensureDesk } from '../../renderer/db/deskMeta';
import type { WriteContext } from '../../renderer/db/writeContext';
import { SyncRequestError, type SyncTransport } from '../../renderer/sync/syncTransport';
import type { Rng } from './prng';

/** A push held up in the network: its desk gave up waiting, and it reaches the server later. */
export interface HeldRequest {
  from: string;
  deliver: () => Promise<void>;
}

/**
 * One simulated desk: its own Dexie database (fake-indexeddb), its own clock (skewed), and a
 * transport to the real server app that the simulation can cut off, or make lose answers
 * after the server acted on them.
 */
export class SimDesk {
  readonly db: DeskDb;
  skewMs = 0;
  partitioned = false;
  /** Chance that an answer is lost after the server handled the request. */
  dropAnswers = 0;
  /** Chance that a request is delivered twice (a retrying proxy, a flaky link). */
  duplicateRequests = 0;
  /**
   * Chance that a push is held up in the network: the desk times out (a network error) and
   * resends it in a later round, while the original reaches the server later still, at a step
   * the simulation picks, after requests sent after it (`network`).
   */
  delayPushes = 0;
  deskId = '';
  /** Every change the server acknowledged to this desk, for the "no acknowledged write is lost" check. */
  readonly acknowledged: Mutation[] = [];
  /**
   * While this desk's first sync runs: pulls ask for at most `maxPage` records (so a first
   * pull has many pages), and after an answer arrives staff may do something at the desk
   * (`meanwhile`) before the page is written, as they do while a new desk fills up.
   */
  joining: { maxPage: number; meanwhile: () => Promise<unknown> } | undefined;

  constructor(
    readonly name: string,
    readonly role: 'desk' | 'manager',
    readonly branchId: string,
    private readonly token: string,
    private readonly app: () => FastifyInstance,
    private readonly rng: Rng,
    /** Pushes held up in the network, shared by every desk of a simulation. */
    private readonly network: HeldRequest[] = [],
  ) {
    this.db = new DeskDb(name, { now: () => this.now() });
  }

  async open(): Promise<void> {
    this.deskId = (await ensureDesk(this.db)).id;
  }

  now(): number {
    return Date.now() + this.skewMs;
  }

  context(staff: string): WriteContext {
    return { staff, deskId: this.deskId, deskName: this.name, branchId: this.branchId, now: () => this.now() };
  }

  transport(): SyncTransport {
    const call = async <T>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> => {
      if (this.partitioned) throw new SyncRequestError('network', 'partitioned');
      // Built once: a request held up in the network arrives as it was sent (its clock header too).
      const request = {
        method,
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
        headers: {
          authorization: `Bearer ${this.token}`,
          [SYNC_HEADERS.schema]: String(SYNC_SCHEMA_VERSION),
          [SYNC_HEADERS.deskId]: this.deskId,
          [SYNC_HEADERS.clock]: String(this.now()),
        },
      };
      const send = () => this.app().inject(request);
      if (method === 'POST' && this.rng.chance(this.delayPushes)) {
        // Whatever the server answers then goes nowhere: the desk never hears it, so nothing is acknowledged.
        this.network.push({ from: this.name, deliver: () => send().then(() => undefined) });
        throw new SyncRequestError('network', 'timed out (the push is still on its way)');
      }
      if (this.rng.chance(this.duplicateRequests)) await send();
      const response = await send();
      if (response.statusCode >= 400) {
        const body = response.json<SyncErrorBody>();
        throw new SyncRequestError('http', body.error?.message ?? String(response.statusCode), response.statusCode, body);
      }
      const body = response.json<T>();
      if (method === 'POST') {
        const sent = (payload as { mutations: Mutation[] }).mutations;
        for (const r of (body as PushResponse).results) {
          if (r.status !== 'rejected') this.acknowledged.push(sent.find((m) => m.id === r.mutationId)!);
        }
      }
      if (this.rng.chance(this.dropAnswers)) throw new SyncRequestError('network', 'answer lost');
      return body;
    };
    return {
      push: (request) => call('POST', '/api/sync/push', request),
      pull: async (cursor, limit) => {
        const joining = this.joining;
        const size = joining ? Math.min(limit, joining.maxPage) : limit;
        const page = await call<PullResponse>('GET', `/api/sync/pull?limit=${size}${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        if (joining && this.rng.chance(0.5)) await joining.meanwhile();
        return page;
      },
    };
  }
}
