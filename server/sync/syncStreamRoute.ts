import type { FastifyInstance } from 'fastify';
import { STAFF_ROLES } from '@shared/api/roles';
import { staffOf, canReachBranch } from '../auth/access';
import type { PokeHub } from './pokeHub';
import { readDeskHeaders } from './syncHeaders';

const HEARTBEAT_MS = 25_000;
/** Streams end after this long; the desk reconnects, and the token is checked again. */
const STREAM_LIFETIME_MS = 10 * 60_000;

/**
 * GET /api/sync/stream: Server-Sent Events. The desk reads it with fetch (so the token goes in
 * the Authorization header, not the URL) and pulls when `poke` arrives. A comment line every
 * 25 s keeps proxies from closing it; it ends after 10 minutes, or when the server shuts down.
 */
export function registerSyncStreamRoute(app: FastifyInstance, hub: PokeHub): void {
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/api/sync/stream', { config: { access: STAFF_ROLES } }, async (request, reply) => {
    readDeskHeaders(request, { checkClock: false });
    const staff = staffOf(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': connected\n\n');
    const unsubscribe = hub.subscribe((poke) => {
      if (poke.branches.some((b) => canReachBranch(staff, b))) raw.write(`event: poke\ndata: ${JSON.stringify({ seq: poke.seq })}\n\n`);
    });
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    const lifetime = setTimeout(() => end(), STREAM_LIFETIME_MS);
    let ended = false;
    function end(): void {
      if (ended) return;
      ended = true;
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      open.delete(end);
      raw.end();
    }
    open.add(end);
    request.raw.on('close', end);
  });
}
