import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../server/db/database';
import { createApp } from '../../server/http/createApp';
import { BENCH_PAGES, WEB_ROOT } from '../node/paths';
import { BENCH_BASE } from '../shared/constants';

/**
 * The real server app (createApp) on `db`, with the bench pages at /__bench/ on the same
 * origin, so a bench page calls the API as the desk app does (same origin, no CORS).
 */
export async function serveWithBenchPages(db: Database): Promise<{ app: FastifyInstance; origin: string }> {
  const app = await createApp({ db, webRoot: WEB_ROOT });
  await app.register(fastifyStatic, { root: BENCH_PAGES, prefix: BENCH_BASE, decorateReply: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/** A staff token, through the login endpoint. */
export async function loginToken(origin: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login as ${username} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
