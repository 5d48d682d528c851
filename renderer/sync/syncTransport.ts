import type { PullResponse, PushRequest, PushResponse, SyncErrorBody } from '@shared/sync/protocol';

/** How the sync engine reaches the server: over HTTP in the app, straight to a test server in the fuzzer. */
export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(cursor: string | undefined, limit: number): Promise<PullResponse>;
}

/** A request that did not get a usable answer: no network, or an error status with its body. */
export class SyncRequestError extends Error {
  constructor(
    readonly kind: 'network' | 'http',
    message: string,
    readonly status?: number,
    readonly body?: SyncErrorBody,
  ) {
    super(message);
    this.name = 'SyncRequestError';
  }

  get code(): string | undefined {
    return this.body?.error.code;
  }

  /** Worth trying again later by itself: the network, a busy or restarting server. */
  get transient(): boolean {
    return this.kind === 'network' || this.status === undefined || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}
