import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { openDatabase, type DatabaseLocation } from '../db/openDatabase';
import { openPgliteDatabase } from '../db/pgliteDatabase';

/** The real PostgreSQL the suite may also run on; each suite gets a database of its own there. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export type TestDriver = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly driver: TestDriver;
  /** Where another connection or process reaches this suite's database (PGlite: a folder, only when `open: false`). */
  readonly location: DatabaseLocation;
  /** This suite's database: open and migrated (unless the options said otherwise). */
  readonly db: Database;
  /** Empties every table except schema_migrations, for tests that want a clean slate. */
  reset(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** false: leave the database closed (for a spawned server); PGlite then gets a fresh folder. */
  open?: boolean;
  /** false: an empty database with no migrations applied. */
  migrate?: boolean;
  /** Run on PostgreSQL alone (e.g. several processes on one database, which PGlite cannot serve). */
  postgresOnly?: boolean;
  /** Run on PGlite alone (e.g. a test whose PostgreSQL twin forces the same case another way). */
  pgliteOnly?: boolean;
}

function uniqueName(): string {
  return `desk_t_${Date.now().toString(36)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs an admin statement on the server of TEST_DATABASE_URL (CREATE/DROP DATABASE cannot run in a pool transaction). */
async function onTestServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Drops a suite's database. `WITH (FORCE)` ends connections a spawned server may have left,
 * but on PostgreSQL 15 it refuses (42501) while an autovacuum worker happens to be in that
 * database, because a non-superuser may not signal it; a plain DROP refuses (55006) while
 * other sessions linger. Both pass within moments, so retry for a while before failing.
 */
async function dropTestDatabase(name: string): Promise<void> {
  const retryable = new Set(['42501', '55006']);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 50 || !code || !retryable.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function urlForDatabase(name: string): string {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openPgliteForTest(options: TestDatabaseOptions): Promise<Database> {
  const snapshot = options.migrate === false ? undefined : inject('pgliteSnapshotPath');
  if (snapshot) return openPgliteDatabase({ loadDataDir: new Blob([readFileSync(snapshot)]) });
  const db = await openPgliteDatabase();
  if (options.migrate !== false) await migrate(db);
  return db;
}

export async function resetDatabase(db: Database): Promise<void> {
  const { rows } = await db.query<{ name: string }>(
    "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
  );
  if (rows.length > 0) await db.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')} CASCADE`);
}

/** Sets up one suite's database before its tests and removes it after. */
function suiteDatabase(driver: TestDriver, options: TestDatabaseOptions): TestDatabase {
  let db: Database | undefined;
  let location: DatabaseLocation | undefined;
  let cleanup: () => Promise<void> = async () => {};

  beforeAll(async () => {
    if (driver === 'postgres') {
      const name = uniqueName();
      await onTestServer(`CREATE DATABASE ${name}`);
      location = { kind: 'postgres', url: urlForDatabase(name) };
      cleanup = () => dropTestDatabase(name);
      if (options.open !== false) {
        db = await openDatabase(location);
        if (options.migrate !== false) await migrate(db);
      }
    } else if (options.open === false) {
      const dataDir = mkdtempSync(join(tmpdir(), 'desk-pglite-'));
      location = { kind: 'pglite', dataDir };
      cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    } else {
      location = { kind: 'memory' };
      db = await openPgliteForTest(options);
    }
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await cleanup();
  }, 60_000);

  return {
    driver,
    get location() {
      if (!location) throw new Error('The test database exists only inside tests and hooks');
      return location;
    },
    get db() {
      if (!db) throw new Error(options.open === false ? 'This suite asked for a closed database' : 'The test database exists only inside tests and hooks');
      return db;
    },
    reset: () => resetDatabase(db!),
  };
}

const LABEL: Record<TestDriver, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

/**
 * Declares the suite twice: on PGlite (in memory, or a temporary folder) and on real
 * PostgreSQL (a fresh database of its own, dropped afterwards, so files running in parallel
 * never meet). Without TEST_DATABASE_URL the PostgreSQL half is reported as one skipped
 * test saying so, never silently left out.
 */
export function describeEachDatabase(name: string, fn: (database: TestDatabase) => void, options: TestDatabaseOptions = {}): void {
  const drivers: readonly TestDriver[] = options.postgresOnly ? ['postgres'] : options.pgliteOnly ? ['pglite'] : ['pglite', 'postgres'];
  for (const driver of drivers) {
    describe(`${name} [${LABEL[driver]}]`, () => {
      if (driver === 'postgres' && !TEST_DATABASE_URL) {
        it.skip('set TEST_DATABASE_URL to run on PostgreSQL', () => {});
        return;
      }
      fn(suiteDatabase(driver, options));
    });
  }
}
