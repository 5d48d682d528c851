import http from 'node:http';
import { SYNC_HEADERS, SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol';

/**
 * The simulated desks' HTTP client: plain node:http over one keep-alive agent with a socket
 * per desk, so every desk keeps its own connection as a real desk would and no request
 * waits for a socket. (node:http rather than fetch: the bench shares two cores with the
 * server and PostgreSQL, and fetch's web streams cost the client several times the CPU.)
 */
export interface JsonAnswer<T> {
  status: number;
  body: T;
  /** From sending the request to the last byte of the answer parsed. */
  ms: number;
}

export class IngestClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly port: number,
    sockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  /** A request as a desk sends it: its token, schema version, id and clock. */
  desk<T>(method: 'GET' | 'POST', path: string, token: string, deskId: string, body?: unknown): Promise<JsonAnswer<T>> {
    return this.request<T>(method, path, {
      authorization: `Bearer ${token}`,
      [SYNC_HEADERS.schema]: String(SYNC_SCHEMA_VERSION),
      [SYNC_HEADERS.deskId]: deskId,
      [SYNC_HEADERS.clock]: String(Date.now()),
    }, body);
  }

  request<T>(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown): Promise<JsonAnswer<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1', port: this.port, method, path, agent: this.agent,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
            resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - t0 });
          } catch (err) {
            reject(err as Error);
          }
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
