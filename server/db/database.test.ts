import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../test/testDatabases';
import { text } from 'node:stream/consumers';
import { assertChannelName, type Transaction } from './database';
import { openPostgresDatabase } from './postgresDatabase';
import { tcpProxy } from '../test/tcpProxy';

function nextTick(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describeEachDatabase('database layer', (database) => {
  it('runs parameterised queries and reports affected rows', async () => {
    const { db } = database;
    await db.query('CREATE TABLE IF NOT EXISTS t_rows (id int PRIMARY KEY, name text)');
    await db.query('DELETE FROM t_rows');
    const inserted = await db.query('INSERT INTO t_rows VALUES ($1, $2), ($3, $4)', [1, 'a', 2, 'b']);
    expect(inserted.rowCount).toBe(2);
    const selected = await db.query<{ id: number; name: string }>('SELECT id, name FROM t_rows WHERE id = $1', [2]);
    expect(selected.rows).toEqual([{ id: 2, name: 'b' }]);
    expect(selected.rowCount).toBe(1);
  });

  it('parses the same types the same way on both drivers', async () => {
    const { rows } = await database.db.query<Record<string, unknown>>(
      `SELECT count(*) AS n, 9007199254740991::int8 AS big, now() AS at, '{"a":[1]}'::jsonb AS doc,
              ARRAY['x','y']::text[] AS list, gen_random_uuid() AS id, true AS yes`,
    );
    const row = rows[0]!;
    expect(row.n).toBe(1);
    expect(row.big).toBe(Number.MAX_SAFE_INTEGER);
    expect(row.at).toBeInstanceOf(Date);
    expect(row.doc).toEqual({ a: [1] });
    expect(row.list).toEqual(['x', 'y']);
    expect(typeof row.id).toBe('string');
    expect(row.yes).toBe(true);
  });

  it('refuses a bigint a JavaScript number cannot hold exactly', async () => {
    await expect(database.db.query('SELECT 9007199254740993::int8 AS big')).rejects.toThrow(/does not fit/);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const { db } = database;
    await db.query('CREATE TABLE IF NOT EXISTS t_tx (id int PRIMARY KEY)');
    await db.query('DELETE FROM t_tx');
    expect(await db.transaction(async (tx) => (await tx.query('INSERT INTO t_tx VALUES (1)')).rowCount)).toBe(1);
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t_tx VALUES (2)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // A failing statement aborts the whole transaction, including what came before it.
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t_tx VALUES (3)');
        await tx.query('INSERT INTO t_tx VALUES (1)');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query<{ id: number }>('SELECT id FROM t_tx ORDER BY id')).rows).toEqual([{ id: 1 }]);
  });

  it('refuses the database itself inside a transaction callback, and a tx used after its transaction', async () => {
    const { db } = database;
    await expect(db.transaction(async () => db.query('SELECT 1'))).rejects.toThrow(/inside a transaction callback/);
    await expect(db.transaction(async () => db.transaction(async () => 1))).rejects.toThrow(/inside a transaction callback/);
    let kept: Transaction | undefined;
    await db.transaction(async (tx) => void (kept = tx));
    await expect(kept!.query('SELECT 1')).rejects.toThrow(/transaction has ended/);
    // The guard ends with the transaction: the same async context may use the database again.
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('sets the isolation level it is asked for', async () => {
    const level = await database.db.transaction(
      async (tx) => (await tx.query<{ level: string }>("SELECT current_setting('transaction_isolation') AS level")).rows[0]!.level,
      { isolation: 'serializable' },
    );
    expect(level).toBe('serializable');
  });

  it('delivers notifications to listeners, from a transaction only when it commits', async () => {
    const { db } = database;
    const received: string[] = [];
    const stop = await db.listen('desk_test_poke', (payload) => received.push(payload));
    await db.notify('desk_test_poke', 'plain');
    await db.transaction(async (tx) => {
      await tx.notify('desk_test_poke', 'committed');
      await nextTick();
      // Not yet: the transaction is still open.
      expect(received).not.toContain('committed');
    });
    await db.transaction(async (tx) => {
      await tx.notify('desk_test_poke', 'rolled back');
      throw new Error('abort');
    }).catch(() => {});
    await nextTick(200);
    expect(received).toEqual(['plain', 'committed']);

    await stop();
    await db.notify('desk_test_poke', 'after stop');
    await nextTick(200);
    expect(received).toEqual(['plain', 'committed']);
  });

  if (database.driver === 'postgres') {
    const postgresUrl = () => {
      const location = database.location;
      if (location.kind !== 'postgres') throw new Error('expected a PostgreSQL location');
      return location.url;
    };
    const backend = async (db: { query: typeof database.db.query }) =>
      (await db.query<{ pid: number; v: string }>(`SELECT pg_backend_pid() AS pid, current_setting('max_parallel_workers_per_gather') AS v`)).rows[0]!;

    it('plans a COPY without parallel workers and hands its connection back as it was', async () => {
      // One connection, so the query after the COPY runs on the connection the COPY used.
      const db = await openPostgresDatabase({ connectionString: postgresUrl(), maxConnections: 1 });
      try {
        const before = await backend(db);
        // (A server configured without parallel workers would make this test say nothing.)
        expect(before.v).not.toBe('0');
        const during = await text(await db.copyOut!(`COPY (SELECT current_setting('max_parallel_workers_per_gather')) TO STDOUT`));
        expect(during).toBe('0\n');
        // The same connection came back, with the setting undone.
        expect(await backend(db)).toEqual(before);
        // A COPY left half-read closes its connection rather than pool it mid-protocol.
        const abandoned = await db.copyOut!(`COPY (SELECT g FROM generate_series(1, 1000000) g) TO STDOUT`);
        await new Promise<void>((resolve) => abandoned.once('data', () => resolve()));
        abandoned.destroy();
        const after = await backend(db);
        expect(after.pid).not.toBe(before.pid);
        expect(after.v).toBe(before.v);
      } finally {
        await db.close();
      }
    });

    it('survives a connection reset in the middle of a COPY or a transaction: that one fails, the server goes on', async () => {
      const proxy = await tcpProxy(postgresUrl());
      const db = await openPostgresDatabase({ connectionString: proxy.url, maxConnections: 2 });
      try {
        const copy = await db.copyOut!(`COPY (SELECT g, repeat('x', 200) FROM generate_series(1, 5000000) g) TO STDOUT`);
        const copyFailed = new Promise<Error>((resolve) => copy.once('error', resolve));
        copy.once('data', () => proxy.resetAll());
        copy.resume();
        expect((await copyFailed).message).toMatch(/ECONNRESET|terminated|ended/i);

        const slow = db.transaction(async (tx) => {
          setTimeout(() => proxy.resetAll(), 200);
          await tx.query('SELECT pg_sleep(30)');
        });
        await expect(slow).rejects.toThrow(/ECONNRESET|terminated|ended/i);

        // New connections (through the same proxy) work as before.
        expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await db.close();
        await proxy.close();
      }
    });
  }

  it('refuses channel names that are not plain identifiers', async () => {
    await expect(database.db.listen('Robert"); DROP TABLE staff; --', () => {})).rejects.toThrow(/not a channel name/);
    await expect(database.db.notify('UPPER', 'x')).rejects.toThrow(/not a channel name/);
  });
});

describe('assertChannelName', () => {
  it('accepts lower-case identifiers up to 63 characters', () => {
    expect(() => assertChannelName('changes_branch_1')).not.toThrow();
    expect(() => assertChannelName('a'.repeat(63))).not.toThrow();
    expect(() => assertChannelName('a'.repeat(64))).toThrow();
    expect(() => assertChannelName('1abc')).toThrow();
  });
});
