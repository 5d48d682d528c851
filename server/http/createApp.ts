import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface AppOptions {
  /** The web build of the renderer (dist/web); served at /. */
  webRoot: string;
  logger?: boolean;
}

/**
 * The HTTP server. Today it serves the browser build of the desk app and a health check;
 * the sync API joins it in a later issue.
 */
export async function createApp({ webRoot, logger = true }: AppOptions): Promise<FastifyInstance> {
  if (!existsSync(`${webRoot}/index.html`)) {
    throw new Error(`No web build at ${webRoot}. Run "npm run build:web" first (npm run web does both).`);
  }
  const app = Fastify({ logger, bodyLimit: 1024 * 1024 });
  // The web build's Content-Security-Policy (Electron sets its own in the main process).
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.register(fastifyStatic, {
    root: webRoot,
    // index.html must never be cached, or a desk keeps running yesterday's app after an upgrade;
    // hashed assets can be cached forever.
    setHeaders: (reply, path) => {
      reply.header('Cache-Control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  return app;
}
