import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { assertChannelName, beginStatement, type Database, type DatabaseLogger, type QueryResult, type Row } from './database';
import { PostgresListener } from './postgresListener';
import { transactionHandle } from './transactionHandle';
import { TransactionScope } from './transactionScope';
import { INT8_OID, parseInt8 } from './typeParsers';

export interface PostgresOptions {
  connectionString: string;
  /** Pool size; PostgreSQL's own limit is shared by every server process. */
  maxConnections?: number;
  logger?: DatabaseLogger;
}

/** Parsers shared by the pool and the listener's connection. */
export const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const noLogger: DatabaseLogger = { warn: () => {} };

function resultOf<T extends Row>(result: pg.QueryResult): QueryResult<T> {
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
}

/** A real PostgreSQL server through a node-postgres pool; LISTEN has its own connection. */
export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  const logger = options.logger ?? noLogger;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10, types: postgresTypes });
  // An idle pooled connection that breaks (server restart) must not crash the process; the
  // pool replaces it on the next checkout.
  pool.on('error', (err) => logger.warn({ err }, 'idle PostgreSQL connection failed'));
  // Fail at start, not at the first request, when the URL is wrong.
  await pool.query('SELECT 1');
  const listener = new PostgresListener({ connectionString: options.connectionString, types: postgresTypes }, logger);
  const scope = new TransactionScope();

  return {
    driver: 'postgres',
    async query<T extends Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      scope.assertOutside('db.query');
      return resultOf<T>(await pool.query(sql, [...params]));
    },
    async notify(channel, payload) {
      scope.assertOutside('db.notify');
      assertChannelName(channel);
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async transaction(fn, txOptions) {
      scope.assertOutside('db.transaction');
      const client = await pool.connect();
      const { tx, end } = transactionHandle({
        query: async (sql, params) => resultOf(await client.query(sql, [...params])),
        execScript: async (sql) => void (await client.query(sql)),
      });
      let broken: Error | undefined;
      try {
        await client.query(beginStatement(txOptions?.isolation));
        const result = await scope.run(() => fn(tx));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw err;
      } finally {
        end();
        // A connection that could not roll back is in an unknown state: destroy it rather
        // than hand it to the next request.
        client.release(broken);
      }
    },
    async copyOut(sql) {
      scope.assertOutside('db.copyOut');
      const client = await pool.connect();
      // A COPY is planned without parallel workers. Its rows go to one reader (an export's
      // stream) no faster than that reader takes them, so workers only add work: at a million
      // log entries the parallel plan cost PostgreSQL 2–3 s more CPU for the same rows
      // (bench/RESULTS.md §7.4), on the cores the reader and every other request share.
      try {
        await client.query(`SET max_parallel_workers_per_gather = 0`);
      } catch (err) {
        client.release(err as Error);
        throw err;
      }
      const stream = client.query(copyTo(sql));
      // Back to the pool once the COPY has ended and the setting is undone; a COPY left
      // half-read (the reader hung up, or it failed) leaves the connection mid-protocol, so
      // that one is closed instead, and the server ends the statement when it next writes to
      // the closed socket.
      let released = false;
      const release = (err?: Error) => {
        if (released) return;
        released = true;
        client.release(err);
      };
      // pg-copy-streams emits a server error without destroying the stream.
      stream.once('error', (err) => {
        release(err);
        stream.destroy();
      });
      stream.once('close', () => {
        if (!stream.readableEnded) return release(new Error('COPY not read to the end'));
        client.query('RESET max_parallel_workers_per_gather').then(() => release(), (err: Error) => release(err));
      });
      return stream;
    },
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
