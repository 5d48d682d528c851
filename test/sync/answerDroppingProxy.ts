import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PushRequest, PushResponse, PushResult } from '@shared/sync/protocol';

/** One push that passed through the proxy: what was sent, what the server answered, and whether the desk got it. */
export interface ProxiedPush {
  mutationIds: string[];
  /** The server's verdicts (empty when it answered with an error). */
  results: PushResult[];
  status: number;
  delivered: boolean;
}

export interface AnswerDroppingProxyOptions {
  /** The server's origin. */
  upstream: string;
  /** Whether the answer to the n-th push (1-based) is lost. */
  dropAnswer: (n: number) => boolean;
  /** Runs after a lost answer has fully arrived and before the desk's connection is cut. */
  onDropped?: (n: number) => Promise<void>;
}

export interface AnswerDroppingProxy {
  baseUrl: string;
  pushes: ProxiedPush[];
  /** Failures of the proxy itself (the desk saw them as network errors): a test expects none. */
  errors: unknown[];
  close(): Promise<void>;
}

const PUSH_PATH = '/api/sync/push';

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Sends the request on to the server and resolves with its whole answer. */
function forward(upstream: URL, req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const { host: _host, connection: _connection, ...headers } = req.headers;
    const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      readAll(res).then((answer) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: answer }), reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

/**
 * A lost answer, for real: an HTTP proxy between a desk and the server that forwards every
 * request, but for the pushes `dropAnswer` picks waits for the server's whole answer (sent
 * only after the batch's transaction committed) and then destroys the desk's connection
 * instead of passing it on. The desk sees a network error for a batch the server stored.
 */
export async function startAnswerDroppingProxy(options: AnswerDroppingProxyOptions): Promise<AnswerDroppingProxy> {
  const upstream = new URL(options.upstream);
  const pushes: ProxiedPush[] = [];
  const errors: unknown[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const answer = await forward(upstream, req, body);
      if (req.method === 'POST' && req.url === PUSH_PATH) {
        const n = pushes.length + 1;
        const sent = JSON.parse(body.toString()) as PushRequest;
        const results = answer.status === 200 ? (JSON.parse(answer.body.toString()) as PushResponse).results : [];
        const drop = options.dropAnswer(n);
        pushes.push({ mutationIds: sent.mutations.map((m) => m.id), results, status: answer.status, delivered: !drop });
        if (drop) {
          await options.onDropped?.(n);
          req.socket.destroy();
          return;
        }
      }
      const { 'transfer-encoding': _te, connection: _c, 'keep-alive': _ka, ...headers } = answer.headers;
      res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.length) });
      res.end(answer.body);
    })().catch((err: unknown) => {
      errors.push(err);
      req.socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pushes,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
