import { PGlite, type Results } from '@electric-sql/pglite';
import { assertChannelName, type Database, type QueryResult, type Row } from './database';
import { transactionHandle } from './transactionHandle';
import { TransactionScope } from './transactionScope';
import { INT8_OID, parseInt8 } from './typeParsers';

export interface PgliteOptions {
  /** A folder for the database files; in memory when absent. */
  dataDir?: string;
  /** Start from a dump made with `dumpDataDir()` (tests start from an already migrated one). */
  loadDataDir?: Blob;
}

/** node-postgres' rowCount: rows returned by a statement that returns rows, else rows affected. */
function resultOf<T extends Row>(result: Results<T>): QueryResult<T> {
  return { rows: result.rows, rowCount: result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
}

/**
 * PostgreSQL in WASM, in this process. It has a single connection, so PGlite itself runs
 * one transaction (or query) at a time; `listen` works within the process.
 */
export async function openPgliteDatabase(options: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  const pglite = await PGlite.create(options.dataDir, {
    parsers: { [INT8_OID]: parseInt8 },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const scope = new TransactionScope();

  const query = async <T extends Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> =>
    resultOf(await pglite.query<T>(sql, [...params]));

  return {
    driver: 'pglite',
    pglite,
    async query<T extends Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]) {
      scope.assertOutside('db.query');
      return query<T>(sql, params);
    },
    async notify(channel, payload) {
      scope.assertOutside('db.notify');
      assertChannelName(channel);
      await query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async transaction(fn, options) {
      scope.assertOutside('db.transaction');
      return pglite.transaction(async (pgTx) => {
        if (options?.isolation) await pgTx.query(`SET TRANSACTION ISOLATION LEVEL ${options.isolation.toUpperCase()}`);
        const { tx, end } = transactionHandle({
          query: async (sql, params) => {
            return resultOf(await pgTx.query<Row>(sql, [...params]));
          },
          execScript: async (sql) => void (await pgTx.exec(sql)),
        });
        try {
          return await scope.run(() => fn(tx));
        } finally {
          end();
        }
      });
    },
    async listen(channel, onPayload) {
      assertChannelName(channel);
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
