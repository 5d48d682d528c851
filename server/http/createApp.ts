import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';

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
