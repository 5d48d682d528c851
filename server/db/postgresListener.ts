import pg from 'pg';
import { assertChannelName, type DatabaseLogger } from './database';

const RECONNECT_DELAYS_MS = [250, 1000, 5000, 15_000, 30_000];

/**
 * LISTEN needs a connection of its own that stays open (a pooled one would be handed to
 * other queries). Opened on the first listen; after a failure it reconnects with backoff
 * and LISTENs again on every channel still wanted.
 */
export class PostgresListener {
  readonly #config: pg.ClientConfig;
  readonly #logger: DatabaseLogger;
  readonly #handlers = new Map<string, Set<(payload: string) => void>>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #failures = 0;
  #closed = false;

  constructor(config: pg.ClientConfig, logger: DatabaseLogger) {
    this.#config = config;
    this.#logger = logger;
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    assertChannelName(channel);
    if (this.#closed) throw new Error('The database is closed');
    const handlers = this.#handlers.get(channel) ?? new Set();
    this.#handlers.set(channel, handlers);
    handlers.add(onPayload);
    try {
      // LISTEN is idempotent, so a channel that a fresh connection already re-listened to is harmless.
      const client = await this.#connection();
      await client.query(`LISTEN ${channel}`);
    } catch (err) {
      handlers.delete(onPayload);
      if (handlers.size === 0) this.#handlers.delete(channel);
      throw err;
    }
    return async () => {
      handlers.delete(onPayload);
      if (handlers.size > 0 || this.#handlers.get(channel) !== handlers) return;
      this.#handlers.delete(channel);
      await this.#client?.query(`UNLISTEN ${channel}`).catch(() => {});
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    this.#handlers.clear();
    const client = this.#client ?? (await this.#connecting?.catch(() => undefined));
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  #connection(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client(this.#config);
    client.on('notification', (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    client.on('error', (err) => this.#lost(client, err));
    await client.connect();
    for (const channel of this.#handlers.keys()) await client.query(`LISTEN ${channel}`);
    if (this.#closed) {
      await client.end();
      throw new Error('The database is closed');
    }
    this.#client = client;
    this.#failures = 0;
    return client;
  }

  #lost(client: pg.Client, err: Error): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.end().catch(() => {});
    if (this.#closed) return;
    this.#logger.warn({ err }, 'LISTEN connection to PostgreSQL lost; reconnecting');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.#failures, RECONNECT_DELAYS_MS.length - 1)];
    this.#failures += 1;
    this.#reconnectTimer = setTimeout(() => {
      if (this.#closed || this.#handlers.size === 0) return;
      this.#connection().catch((err: unknown) => {
        this.#logger.warn({ err }, 'could not reconnect the LISTEN connection; trying again');
        this.#scheduleReconnect();
      });
    }, delay);
    this.#reconnectTimer.unref();
  }
}
