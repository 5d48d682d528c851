import type { Readable } from 'node:stream';

/**
 * The one way server code talks to PostgreSQL, whichever driver is underneath: PGlite
 * (PostgreSQL in WASM, one connection, the embedded default) or node-postgres (a pool on
 * a real server). The same SQL runs on both; tests run on both.
 */

/** A result row; name its columns with an interface per query. */
export type Row = object;
type AnyRow = Record<string, unknown>;

export interface QueryResult<T extends Row> {
  rows: T[];
  /** Rows returned (SELECT) or affected (INSERT/UPDATE/DELETE). */
  rowCount: number;
}

export interface Queryable {
  /** Runs one statement with `$1, $2…` parameters. */
  query<T extends Row = AnyRow>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /**
   * NOTIFY channel with a payload. Inside a transaction PostgreSQL delivers it only when the
   * transaction commits (and never if it rolls back), so a poke never announces a change
   * nobody can read yet.
   */
  notify(channel: string, payload: string): Promise<void>;
}

/** The handle a `transaction()` callback gets; valid only until the callback settles. */
export interface Transaction extends Queryable {
  /** Runs several statements without parameters (migrations). */
  execScript(sql: string): Promise<void>;
}

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface Database extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws (the
   * error is rethrown). Use only the `tx` it is given: calling the database itself from
   * inside throws, because on PGlite's single connection it would wait for the transaction
   * forever, and on PostgreSQL it would silently run outside the transaction.
   * On PGlite transactions (and queries) run one at a time.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, options?: { isolation?: IsolationLevel }): Promise<T>;
  /**
   * LISTEN on a channel until the returned function is called. With PostgreSQL the listener
   * has its own connection and reconnects after a failure; notifications sent while it was
   * down are lost, so whoever listens must also poll now and then.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * PostgreSQL only (PGlite cannot stream a COPY): runs `COPY (…) TO STDOUT` on a connection of
   * its own and resolves to its output as bytes, read only as fast as the stream is read (the
   * server waits on the socket meanwhile). Destroying the stream before its end closes that
   * connection, which ends the COPY on the server.
   */
  copyOut?(sql: string): Promise<Readable>;
  /** Closes every connection; pending listeners stop. */
  close(): Promise<void>;
}

/** Where the warnings of a driver go (pino's and Fastify's loggers fit). */
export interface DatabaseLogger {
  warn(details: object, message: string): void;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Channel names are plain lower-case identifiers, so LISTEN can name them without quoting games. */
export function assertChannelName(channel: string): void {
  if (!CHANNEL_NAME.test(channel)) {
    throw new Error(`"${channel}" is not a channel name: use lower-case letters, digits and _ (at most 63)`);
  }
}

export function beginStatement(isolation: IsolationLevel | undefined): string {
  return isolation ? `BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}` : 'BEGIN';
}
