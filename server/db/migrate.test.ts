import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../test/testDatabases';
import type { Database } from './database';
import { loadMigrations, migrate, type Migration } from './migrate';
import { openDatabase } from './openDatabase';

async function tables(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1");
  return rows.map((row) => row.name);
}

const ALL_TABLES = ['audit_log', 'branches', 'log_entries', 'log_follow_ups', 'login_attempts', 'schema_migrations', 'sessions', 'staff', 'staff_branches', 'sync_epoch', 'sync_mutations', 'sync_records'];

describeEachDatabase(
  'migrations',
  (database) => {
    it('applies every migration once, records it, and does nothing the second time', async () => {
      const { db } = database;
      expect(await tables(db)).toEqual([]);
      const all = loadMigrations();
      expect(await migrate(db)).toEqual(all.map((m) => m.version));
      expect(await tables(db)).toEqual(ALL_TABLES);
      expect(await migrate(db)).toEqual([]);
      const { rows } = await db.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => [r.version, r.name])).toEqual(all.map((m) => [m.version, m.name]));
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    });

    it('refuses to start when an applied migration was edited afterwards', async () => {
      const edited: Migration[] = loadMigrations().map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
      await expect(migrate(database.db, edited)).rejects.toThrow(/was edited after it was applied/);
    });

    it('refuses a database migrated by a newer server', async () => {
      await expect(migrate(database.db, [])).rejects.toThrow(/newer than this server knows/);
    });

    it('applies all pending migrations or none', async () => {
      const { db } = database;
      const shipped = loadMigrations();
      const next = shipped.length + 1;
      const pending: Migration[] = [
        ...shipped,
        { version: next, name: 'good', sql: 'CREATE TABLE t_good (id int);' },
        { version: next + 1, name: 'bad', sql: 'CREATE TABLE t_bad (id int); SELECT no_such_function();' },
      ];
      await expect(migrate(db, pending)).rejects.toThrow(/no_such_function/);
      // The shipped ones were applied by the first test; of the two new ones, neither stays.
      expect(await tables(db)).toEqual(ALL_TABLES);
      expect((await db.query('SELECT version FROM schema_migrations WHERE version >= $1', [next])).rows).toEqual([]);
    });

    it('is safe when two servers start at once: each migration is applied exactly once', async () => {
      const { db } = database;
      await db.query('DROP TABLE IF EXISTS log_entries, log_follow_ups, audit_log, login_attempts, sessions, staff_branches, staff, branches, schema_migrations, sync_records, sync_mutations, sync_epoch');
      await db.query('DROP SEQUENCE IF EXISTS sync_seq');
      // On PostgreSQL a second pool is a second server process as far as locks go; PGlite
      // has one connection per process, so there the two starts share it.
      const other = database.driver === 'postgres' ? await openDatabase(database.location) : db;
      try {
        const results = await Promise.all([migrate(db), migrate(other), migrate(db)]);
        expect(results.flat().sort()).toEqual(loadMigrations().map((m) => m.version));
        expect((await db.query('SELECT count(*) AS n FROM schema_migrations')).rows).toEqual([{ n: loadMigrations().length }]);
      } finally {
        if (other !== db) await other.close();
      }
    });
  },
  { migrate: false },
);

describe('loadMigrations', () => {
  function dirWith(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'desk-migrations-'));
    for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
    return dir;
  }

  it('reads numbered files in order', () => {
    const dir = dirWith({ '0002_second.sql': 'B', '0001_first.sql': 'A', 'README.md': 'ignored' });
    try {
      expect(loadMigrations(dir)).toEqual([
        { version: 1, name: 'first', sql: 'A' },
        { version: 2, name: 'second', sql: 'B' },
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses gaps and badly named files', () => {
    const gap = dirWith({ '0001_a.sql': '', '0003_c.sql': '' });
    const badName = dirWith({ '1_a.sql': '' });
    try {
      expect(() => loadMigrations(gap)).toThrow(/without gaps/);
      expect(() => loadMigrations(badName)).toThrow(/must be named like/);
    } finally {
      rmSync(gap, { recursive: true });
      rmSync(badName, { recursive: true });
    }
  });
});
