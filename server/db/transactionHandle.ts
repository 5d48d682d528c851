import { assertChannelName, type QueryResult, type Row, type Transaction } from './database';

/** What a driver can do on the connection that holds an open transaction. */
export interface TransactionConnection {
  query(sql: string, params: readonly unknown[]): Promise<QueryResult<Row>>;
  execScript(sql: string): Promise<void>;
}

/**
 * The `tx` handed to a transaction callback. It stops working when the transaction ends,
 * because a handle kept past its callback would otherwise run statements on a connection
 * now serving someone else (PostgreSQL pool) or outside any transaction (PGlite).
 */
export function transactionHandle(connection: TransactionConnection): { tx: Transaction; end: () => void } {
  let open = true;
  const assertOpen = () => {
    if (!open) throw new Error('This transaction has ended: its tx cannot be used any more');
  };
  const tx: Transaction = {
    async query<T extends Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      assertOpen();
      return (await connection.query(sql, params)) as QueryResult<T>;
    },
    async execScript(sql) {
      assertOpen();
      await connection.execScript(sql);
    },
    async notify(channel, payload) {
      assertOpen();
      assertChannelName(channel);
      await connection.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
  };
  return { tx, end: () => (open = false) };
}
