import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { backfillCreatedEntries, backfillLog } from '../log/backfillLog';
import type { Database, Transaction } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Any fixed number will do; every server process must use the same one. Held for the
 * length of the migration transaction, it makes a second process starting at the same
 * moment wait and then find everything applied.
 */
const MIGRATION_LOCK_KEY = 4_217_800_917;

/**
 * Steps that must run right after a migration, in its transaction, because they need shared
 * TypeScript (the log is built by shared/log's buildLogEntry, which SQL cannot call).
 */
const AFTER_MIGRATION: Record<string, (tx: Transaction) => Promise<void>> = {
  '3_follow_up_log': backfillLog,
  '4_created_entries_from_follow_ups': backfillCreatedEntries,
};

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The numbered SQL files in `dir`, in order. Published files are never edited: add a new one. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Migration file ${file} must be named like 0001_what_it_does.sql`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(`${dir}/${file}`, 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Migrations must be numbered 0001, 0002… without gaps; found ${migration.version} at position ${index + 1}`);
  });
  return migrations;
}

function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

async function appliedMigrations(tx: Transaction): Promise<Map<number, { name: string; checksum: string }>> {
  await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await tx.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations');
  return new Map(rows.map((row) => [row.version, row]));
}

/**
 * Brings the schema up to date in one transaction: all pending migrations are applied, or
 * none. Refuses to start on a database changed by a newer server, or whose applied
 * migrations were edited since. Returns the versions it applied.
 */
export async function migrate(db: Database, migrations: Migration[] = loadMigrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await appliedMigrations(tx);
    const newest = Math.max(0, ...applied.keys());
    if (newest > migrations.length) {
      throw new Error(`The database has schema version ${newest}, newer than this server knows (${migrations.length}). Upgrade the server.`);
    }
    const done: number[] = [];
    for (const migration of migrations) {
      const checksum = checksumOf(migration.sql);
      const previous = applied.get(migration.version);
      if (previous) {
        if (previous.checksum !== checksum) {
          throw new Error(`Migration ${migration.version} (${migration.name}) was edited after it was applied. Put the change in a new migration.`);
        }
        continue;
      }
      await tx.execScript(migration.sql);
      await AFTER_MIGRATION[`${migration.version}_${migration.name}`]?.(tx);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, checksum]);
      done.push(migration.version);
    }
    return done;
  });
}
