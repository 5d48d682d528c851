import type { Database, DatabaseLogger } from './database';
import { lockDataDir } from './dataDirLock';
import { openPostgresDatabase } from './postgresDatabase';

/** Where the data lives: a PostgreSQL server, or PGlite in a folder (or in memory, for tests). */
export type DatabaseLocation = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string } | { kind: 'memory' };

/** PGlite is loaded only when used: a server on PostgreSQL never needs it. */
const pglite = () => import('./pgliteDatabase');

/** Opens the database the configuration names. */
export async function openDatabase(location: DatabaseLocation, logger?: DatabaseLogger): Promise<Database> {
  switch (location.kind) {
    case 'postgres':
      return openPostgresDatabase({ connectionString: location.url, ...(logger ? { logger } : {}) });
    case 'memory':
      return (await pglite()).openPgliteDatabase();
    case 'pglite': {
      const release = lockDataDir(location.dataDir);
      try {
        const db = await (await pglite()).openPgliteDatabase({ dataDir: location.dataDir });
        return {
          ...db,
          async close() {
            try {
              await db.close();
            } finally {
              release();
            }
          },
        };
      } catch (err) {
        release();
        throw err;
      }
    }
  }
}

/** Says where the data is, for logs, without a password from the URL. */
export function describeLocation(location: DatabaseLocation): string {
  switch (location.kind) {
    case 'postgres': {
      const url = new URL(location.url);
      if (url.password) url.password = '***';
      return `PostgreSQL ${url.toString()}`;
    }
    case 'pglite':
      return `PGlite in ${location.dataDir}`;
    case 'memory':
      return 'PGlite in memory';
  }
}
