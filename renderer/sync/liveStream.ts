import { SYNC_HEADERS, SYNC_SCHEMA_VERSION } from '@shared/sync/protocol';

export interface LiveStreamOptions {
  baseUrl: string;
  deskId: string;
  token: () => string | undefined;
  now?: () => number;
  /** Something changed on the server, or the stream (re)connected: pull. */
  onPoke: () => void;
  onConnected?: (connected: boolean) => void;
  fetch?: typeof fetch;
}

/**
 * Listens to GET /api/sync/stream (Server-Sent Events read through fetch, so the token stays in
 * a header). Every (re)connection counts as a poke too: changes made while the stream was down
 * are pulled then. Reconnects with a capped backoff; the engine's minute poll covers the gaps.
 */
export function startLiveStream(options: LiveStreamOptions): () => void {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  let stopped = false;
  let controller: AbortController | undefined;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  async function connect(): Promise<void> {
    const token = options.token();
    if (stopped) return;
    if (!token) return scheduleRetry();
    controller = new AbortController();
    try {
      const response = await doFetch(`${options.baseUrl}/api/sync/stream`, {
        signal: controller.signal,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'text/event-stream',
          [SYNC_HEADERS.schema]: String(SYNC_SCHEMA_VERSION),
          [SYNC_HEADERS.deskId]: options.deskId,
          [SYNC_HEADERS.clock]: String((options.now ?? Date.now)()),
        },
      });
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      failures = 0;
      options.onConnected?.(true);
      options.onPoke();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (/^event: poke$/m.test(message)) options.onPoke();
        }
      }
    } catch {
      failures++;
    }
    options.onConnected?.(false);
    scheduleRetry();
  }

  function scheduleRetry(): void {
    if (stopped) return;
    const delay = Math.min(60_000, 1000 * 2 ** Math.min(failures, 6));
    retry = setTimeout(() => void connect(), delay);
  }

  void connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    controller?.abort();
  };
}
