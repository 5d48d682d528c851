import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { migrate } from '../../server/db/migrate';
import { openDatabase } from '../../server/db/openDatabase';
import { createApp } from '../../server/http/createApp';
import { BENCH_BASE } from '../shared/constants';
import { BENCH_PAGES, WEB_ROOT } from './paths';

/**
 * The app's own server (createApp: dist/web at /, the API on an in-memory database) plus the bench pages at /__bench/, on one
 * origin so the bench pages and the app share the 'desk-diary' IndexedDB.
 *
 * IndexedDB is per origin, and the origin includes the port: to find the seeded database
 * again, a profile reuses the port it used last when that port is free.
 */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function choosePort(requested: number | undefined, portFile: string): Promise<number> {
  if (requested !== undefined) return requested;
  const last = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : Number.NaN;
  if (Number.isInteger(last) && last > 0 && (await portFree(last))) return last;
  return 0;
}

export interface BenchServer {
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(requestedPort: number | undefined, portFile: string): Promise<BenchServer> {
  const db = await openDatabase({ kind: 'memory' });
  await migrate(db);
  const app: FastifyInstance = await createApp({ db, webRoot: WEB_ROOT });
  await app.register(fastifyStatic, { root: BENCH_PAGES, prefix: BENCH_BASE, decorateReply: false });
  const port = await choosePort(requestedPort, portFile);
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  mkdirSync(dirname(portFile), { recursive: true });
  writeFileSync(portFile, String(actual));
  return {
    origin: `http://127.0.0.1:${actual}`,
    port: actual,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
