import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from '../auth/authSettings';
import { installAuth } from '../auth/authHook';
import type { Database } from '../db/database';
import { registerAuthRoutes } from '../routes/authRoutes';
import { registerBranchRoutes } from '../routes/branchRoutes';
import { registerLogRoutes } from '../log/logRoutes';
import { registerAuditRoutes } from '../routes/auditRoutes';
import { registerHealthRoute } from '../routes/healthRoute';
import { registerStaffRoutes } from '../routes/staffRoutes';
import { PokeHub } from '../sync/pokeHub';
import { registerSyncRoutes } from '../sync/syncRoutes';
import { registerSyncStreamRoute } from '../sync/syncStreamRoute';
import { ApiError } from './apiError';
import { frameworkErrorHandler, installErrorHandling } from './errorHandler';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The XLSX export's Web Worker, a script of the app's own (see electron/ contentSecurityPolicy.ts).
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const silentLogger: FastifyBaseLogger = pino({ level: 'silent' });

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  /** Opened (and migrated) by the caller, who also closes it after `app.close()`. */
  db: Database;
  /** The web build of the renderer (dist/web), served at /; absent: the API only. */
  webRoot?: string;
  /** From `createLogger`; absent: no logs (tests). */
  logger?: FastifyBaseLogger;
  auth?: AuthSettings;
  /** Behind a reverse proxy: trust its X-Forwarded-For, so rate limits see the desk's address (Fastify's trustProxy). */
  trustProxy?: boolean;
}

/** The HTTP server: the JSON API under /api, GET /health and the web build of the desk app. */
export async function createApp({ db, webRoot, logger, auth = DEFAULT_AUTH_SETTINGS, trustProxy = false }: AppOptions): Promise<FastifyInstance> {
  if (webRoot !== undefined && !existsSync(`${webRoot}/index.html`)) {
    throw new Error(`No web build at ${webRoot}. Run "npm run build:web" first (npm run web does both).`);
  }
  const app = Fastify({
    loggerInstance: logger ?? silentLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy,
    frameworkErrors: frameworkErrorHandler,
    // Our own hook below answers in the API's error shape instead.
    return503OnClosing: false,
  });
  installErrorHandling(app);

  // Requests that arrive while the server shuts down (on kept-alive connections) are turned
  // away so the client retries elsewhere; those already running finish first.
  let closing = false;
  app.addHook('preClose', async () => void (closing = true));
  app.addHook('onRequest', async () => {
    if (closing) throw new ApiError(503, 'shutting-down', 'The server is restarting; try again in a moment');
  });
  app.addHook('onSend', async (request, reply) => {
    // A response finished during shutdown closes its connection, or a kept-alive socket
    // would hold the server open until its keep-alive timeout.
    if (closing) reply.header('Connection', 'close');
    // The web build's Content-Security-Policy (Electron sets its own in the main process).
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    // Answers carry tokens and staff lists: never cached by a browser or a proxy.
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
  });

  installAuth(app, db, auth);
  const context = { db, auth };
  registerHealthRoute(app, db);
  registerAuthRoutes(app, context);
  registerStaffRoutes(app, context);
  registerBranchRoutes(app, context);
  registerSyncRoutes(app, context);
  registerLogRoutes(app, context);
  registerAuditRoutes(app, context);
  const pokes = await PokeHub.start(db);
  app.addHook('onClose', () => pokes.stop());
  registerSyncStreamRoute(app, pokes);

  if (webRoot !== undefined) {
    await app.register(fastifyStatic, {
      root: webRoot,
      // index.html must never be cached, or a desk keeps running yesterday's app after an upgrade;
      // hashed assets can be cached forever.
      setHeaders: (reply, path) => {
        reply.header('Cache-Control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
  }
  return app;
}
