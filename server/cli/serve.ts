import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config';
import { migrate } from '../db/migrate';
import { describeLocation, openDatabase } from '../db/openDatabase';
import { createApp } from '../http/createApp';

// After this long, requests still running are abandoned so a stuck one cannot block a restart.
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * `npm run server`: opens and migrates the database, serves until SIGINT/SIGTERM, then
 * stops accepting connections, lets requests in flight finish, and closes the database.
 * Resolves once everything is closed.
 */
export async function serve(config: ServerConfig, logger: Logger): Promise<void> {
  const db = await openDatabase(config.database, logger);
  try {
    const applied = await migrate(db);
    logger.info({ database: describeLocation(config.database), applied }, applied.length ? 'database migrated' : 'database schema up to date');
  } catch (err) {
    await db.close();
    throw err;
  }

  const hasWebBuild = existsSync(`${config.webRoot}/index.html`);
  if (!hasWebBuild) logger.warn({ webRoot: config.webRoot }, 'no web build: serving the API only (npm run web builds and serves the app)');
  const app = await createApp({
    db,
    logger,
    auth: config.auth,
    trustProxy: config.trustProxy,
    ...(hasWebBuild ? { webRoot: config.webRoot } : {}),
  });

  const stopped = new Promise<void>((resolve, reject) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(130);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing requests in flight');
      const force = setTimeout(() => {
        logger.error(`requests still running after ${SHUTDOWN_GRACE_MS / 1000} s; exiting anyway`);
        process.exit(1);
      }, SHUTDOWN_GRACE_MS).unref();
      app
        .close()
        .then(() => db.close())
        .then(() => {
          clearTimeout(force);
          logger.info('stopped');
          resolve();
        }, reject);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    await db.close();
    throw err;
  }
  await stopped;
}
