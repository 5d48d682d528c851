import { AsyncLocalStorage } from 'node:async_hooks';

interface Scope {
  open: boolean;
}

/**
 * Knows whether the current async call chain is inside a `transaction()` callback of a
 * given database, so that using the database itself there fails loudly instead of
 * deadlocking (PGlite) or escaping the transaction (PostgreSQL). A scope is closed when
 * its transaction ends, because timers created inside keep the async context alive.
 */
export class TransactionScope {
  readonly #storage = new AsyncLocalStorage<Scope>();

  /** Runs `fn` marked as inside a transaction. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const scope: Scope = { open: true };
    try {
      return await this.#storage.run(scope, fn);
    } finally {
      scope.open = false;
    }
  }

  /** Throws when called from inside a still-open transaction callback. */
  assertOutside(what: string): void {
    if (this.#storage.getStore()?.open) {
      throw new Error(`${what} was called inside a transaction callback: use the tx it was given`);
    }
  }
}
