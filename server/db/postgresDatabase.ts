import type { Readable } from 'node:stream';
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

interface CheckedOut {
  client: pg.PoolClient;
  /** Gives the client back once (later calls do nothing); with an error, or after its socket failed, the pool closes it. */
  release(err?: Error): void;
}

/**
 * A client taken from the pool, with an 'error' listener for as long as it is out. pg-pool
 * listens only on idle clients, and node-postgres emits a socket failure (a reset
 * connection, a failover) on the client at once, before it fails the running query: with no
 * listener that is an uncaught exception, which would end the whole server in the middle of,
 * say, a long export. The listener remembers the failure (the client is then closed, not
 * pooled) and tells `onError`.
 */
async function checkOut(pool: pg.Pool, onError?: (err: Error) => void): Promise<CheckedOut> {
  const client = await pool.connect();
  let failure: Error | undefined;
  const listener = (err: Error) => {
    failure ??= err;
    onError?.(err);
  };
  client.on('error', listener);
  let released = false;
  return {
    client,
    release(err) {
      if (released) return;
      released = true;
      const reason = err ?? failure;
      // A client going back to the pool gets pg-pool's own idle listener; one being closed
      // keeps ours, since its socket may still report an error on the way down.
      if (!reason) client.off('error', listener);
      client.release(reason);
    },
  };
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
      const checkedOut = await checkOut(pool);
      const { client } = checkedOut;
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
        // A connection that could not roll back (or whose socket failed) is in an unknown
        // state: destroy it rather than hand it to the next request.
        checkedOut.release(broken);
      }
    },
    async copyOut(sql) {
      scope.assertOutside('db.copyOut');
      // A socket failure ends the COPY's stream, once there is one, with that error (and the
      // connection with it).
      const started: { stream?: Readable } = {};
      const checkedOut = await checkOut(pool, (err) => started.stream?.destroy(err));
      const { client } = checkedOut;
      // A COPY is planned without parallel workers. Its rows go to one reader (an export's
      // stream) no faster than that reader takes them, so workers only add work: at a million
      // log entries the parallel plan cost the machine 6.9–8.1 s of CPU against 4.4–5.9 s
      // serial for the same rows (bench/RESULTS.md §7.4), on the cores the reader and every
      // other request share.
      try {
        await client.query(`SET max_parallel_workers_per_gather = 0`);
      } catch (err) {
        checkedOut.release(err as Error);
        throw err;
      }
      const copy = client.query(copyTo(sql));
      started.stream = copy;
      // Back to the pool once the COPY has ended and the setting is undone; a COPY left
      // half-read (the reader hung up, or it failed) leaves the connection mid-protocol, so
      // that one is closed instead, and the server ends the statement when it next writes to
      // the closed socket.
      // pg-copy-streams emits a server error without destroying the stream. `on`, not `once`:
      // after a socket failure the stream errs twice (destroyed by checkOut's listener, then
      // failed by node-postgres), and a second error with no listener would be uncaught.
      copy.on('error', (err) => {
        checkedOut.release(err);
        copy.destroy();
      });
      copy.once('close', () => {
        if (!copy.readableEnded) return checkedOut.release(new Error('COPY not read to the end'));
        client.query('RESET max_parallel_workers_per_gather').then(() => checkedOut.release(), (err: Error) => checkedOut.release(err));
      });
      return copy;
    },
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
