import type { Database, Transaction } from '../db/database';

/** When an injected failure strikes: before the group writes its mutation ids, or after everything (NOTIFY included), just before COMMIT. */
export type FailurePoint = 'write' | 'commit';

export interface WatchedDatabase {
  db: Database;
  /** The mutation ids each push transaction carried, in start order (failed ones included). */
  transactions: string[][];
  /** Makes the push transactions whose ids pass `test` fail at `point`, so the rollback is real. */
  failWhen: (test: (ids: readonly string[]) => boolean, point?: FailurePoint) => void;
}

/**
 * A test's real database, with every push transaction's contents noted (from the duplicate
 * check, which reads every mutation id of the group) and a way to make chosen ones fail late,
 * after the group has written its records (or sent its pokes).
 */
export function watchTransactions(db: Database): WatchedDatabase {
  const transactions: string[][] = [];
  let failing: (ids: readonly string[]) => boolean = () => false;
  let failAt: FailurePoint = 'write';
  const injected = () => new Error('injected failure before commit');
  const wrapTx = (tx: Transaction, seen: { ids: string[] }): Transaction =>
    new Proxy(tx, {
      get(target, prop) {
        if (prop !== 'query') return Reflect.get(target, prop, target);
        return async (sql: string, params?: unknown[]) => {
          if (sql.startsWith('SELECT id FROM sync_mutations')) {
            seen.ids = [...(params![0] as string[])];
            transactions.push(seen.ids);
          }
          if (failAt === 'write' && sql.trimStart().startsWith('INSERT INTO sync_mutations') && failing(seen.ids)) throw injected();
          return target.query(sql, params as never);
        };
      },
    });
  const watched = new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return (fn: (tx: Transaction) => Promise<unknown>, options?: never) =>
          target.transaction(async (tx) => {
            const seen = { ids: [] as string[] };
            const result = await fn(wrapTx(tx, seen));
            if (failAt === 'commit' && failing(seen.ids)) throw injected();
            return result;
          }, options);
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    db: watched,
    transactions,
    failWhen: (test, point = 'write') => {
      failing = test;
      failAt = point;
    },
  };
}
