import { SYNC_HEADERS, SYNC_SCHEMA_VERSION, type PullResponse, type PushRequest, type PushResponse, type SyncErrorBody } from '@shared/sync/protocol';
import { SyncRequestError, type SyncTransport } from './syncTransport';

export interface HttpTransportOptions {
  /** The server's origin, e.g. "https://diary.example.org" ("" = the page's own origin). */
  baseUrl: string;
  deskId: string;
  /** The current staff token, or undefined when nobody is logged in. */
  token: () => string | undefined;
  now?: () => number;
  fetch?: typeof fetch;
}

/** The sync protocol over HTTP (docs/sync-protocol.md). */
export function httpTransport(options: HttpTransportOptions): SyncTransport {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const now = options.now ?? Date.now;

  async function call<T>(path: string, init: RequestInit): Promise<T> {
    const token = options.token();
    if (!token) throw new SyncRequestError('http', 'Nobody is logged in at this desk', 401, { error: { code: 'not-logged-in', message: 'Log in to sync' } });
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}`, {
        ...init,
        headers: {
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          authorization: `Bearer ${token}`,
          [SYNC_HEADERS.schema]: String(SYNC_SCHEMA_VERSION),
          [SYNC_HEADERS.deskId]: options.deskId,
          [SYNC_HEADERS.clock]: String(now()),
        },
      });
    } catch (err) {
      throw new SyncRequestError('network', `The server cannot be reached (${err instanceof Error ? err.message : String(err)})`);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as SyncErrorBody | undefined;
      throw new SyncRequestError('http', body?.error?.message ?? `The server answered ${response.status}`, response.status, body);
    }
    return (await response.json()) as T;
  }

  return {
    push: (request: PushRequest) => call<PushResponse>('/api/sync/push', { method: 'POST', body: JSON.stringify(request) }),
    pull: (cursor, limit) => {
      const query = new URLSearchParams({ limit: String(limit), ...(cursor === undefined ? {} : { cursor }) });
      return call<PullResponse>(`/api/sync/pull?${query}`, { method: 'GET' });
    },
  };
}
