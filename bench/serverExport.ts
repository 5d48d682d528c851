/**
 * `npm run bench:export`: the managers' log on real PostgreSQL at scale.
 *
 * Seeds log_entries to 250k, 500k and 1M rows (bench/export/seedLog.ts) in a database of
 * its own, and at each size starts the real server as a separate process (so its RSS is the
 * server's alone), then:
 *  - times GET /api/log/export.csv over real HTTP (first byte, last byte, bytes, rows) while
 *    sampling the server's RSS every 20 ms (and reads its VmHWM peak afterwards);
 *  - at 1M, times the first page of GET /api/log/entries (and /summary) for several filter
 *    and sort changes, p50/p95 over repeated requests.
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL (a server where it may create a database).
 * Options: --sizes 250000,500000,1000000  --repeat 15  --keep (leave the database)
 *          --exports 5 (exports at the largest size, back to back: this VM's speed wanders by
 *          half from one minute to the next, so one export says little; the median is reported)
 *          --reuse (with one size: use a database a --keep run left with that many rows, unseeded).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { hashPassword } from '../server/auth/passwordHash';
import { addStaff } from '../server/accounts/staffAccounts';
import { createBranch } from '../server/accounts/branchAccounts';
import { migrate } from '../server/db/migrate';
import { openDatabase } from '../server/db/openDatabase';
import { adminSql, databaseUrl, startServer as startBenchServer, stopServer } from './export/benchServer';
import { cpuMs } from './shared/processCpu';
import { summarize } from './shared/stats';
import { seedLogRows, SEED_SPAN, SEED_START } from './export/seedLog';

const BASE = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!BASE) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server where the bench may create a database');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const SIZES = arg('sizes', '250000,500000,1000000').split(',').map(Number);
const REPEAT = Number(arg('repeat', '15'));
const EXPORTS = Number(arg('exports', '5'));
if (!Number.isInteger(EXPORTS) || EXPORTS < 1) throw new Error(`--exports takes a whole number of exports, 1 or more (got "${arg('exports', '5')}")`);
const PORT = 18_000 + (process.pid % 1000);
const DB_NAME = 'desk_bench_export';
const PASSWORD = 'a long bench password';
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

const admin = (sql: string) => adminSql(BASE!, sql);
const dbUrl = () => databaseUrl(BASE!, DB_NAME);

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Rows in a database an earlier `--keep` run left, or -1 when there is none. */
async function seededRows(): Promise<number> {
  const db = await openDatabase({ kind: 'postgres', url: dbUrl() }).catch(() => undefined);
  if (!db) return -1;
  try {
    return Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM log_entries')).rows[0]!.n);
  } catch {
    return -1;
  } finally {
    await db.close();
  }
}

const startServer = () => startBenchServer(dbUrl(), PORT);

async function login(username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  return ((await res.json()) as { token: string }).token;
}

async function timeExport(pid: number, token: string, query = ''): Promise<Record<string, number>> {
  const base = rssOf(pid).rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid).rss)), 20);
  // CPU time beside wall time: on a shared two-core machine the wall time says as much about the neighbours.
  const cpu0 = { server: cpuMs(pid), postgres: cpuMs('postgres') };
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${PORT}/api/log/export.csv${query}`, { headers: { authorization: `Bearer ${token}` } });
  let firstByte = Number.NaN;
  let bytes = 0;
  const reader = res.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (Number.isNaN(firstByte)) firstByte = performance.now() - t0;
    bytes += chunk.value.length;
  }
  const total = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, rssOf(pid).rss);
  const serverCpuMs = cpuMs(pid) - cpu0.server;
  const postgresCpuMs = cpuMs('postgres') - cpu0.postgres;
  return { status: res.status, firstByteMs: Math.round(firstByte), totalMs: Math.round(total), serverCpuMs, postgresCpuMs, mb: Math.round(bytes / 1e5) / 10, rssBeforeMb: Math.round(base), rssPeakMb: Math.round(peak), vmHwmMb: Math.round(rssOf(pid).hwm) };
}

async function timeQueries(token: string, managerToken: string, branch: string): Promise<Array<Record<string, unknown>>> {
  const month = new Date(SEED_START + SEED_SPAN - 30 * 86_400_000).toISOString();
  const quarter = new Date(SEED_START + SEED_SPAN / 2).toISOString();
  const cases: Array<[string, string, string]> = [
    ['admin', 'everything, newest first', 'sort=at&dir=desc'],
    ['admin', 'everything, by patron A→Z', 'sort=patron&dir=asc'],
    ['admin', 'everything, by patron Z→A', 'sort=patron&dir=desc'],
    ['admin', 'branch, last month, by staff', `branch=${branch}&from=${month}&sort=staff&dir=asc`],
    ['admin', 'one staff member, newest first', 'staff=Staff%207&sort=at&dir=desc'],
    ['admin', 'email + reached, by outcome desc', 'channel=email&outcome=reached&sort=outcome&dir=desc'],
    ['admin', 'done since mid-period, by channel', `type=done&from=${quarter}&sort=channel&dir=asc`],
    ['admin', 'one campaign, by patron', 'campaign=campaign-3&sort=patron&dir=asc'],
    ['admin', 'one patron', 'patron=pa4242&sort=at&dir=desc'],
    ['manager', 'manager (2 branches), newest first', 'sort=at&dir=desc'],
    ['manager', 'manager, declined, by type', 'outcome=declined&sort=type&dir=desc'],
  ];
  const out: Array<Record<string, unknown>> = [];
  for (const [who, name, q] of cases) {
    const auth = { authorization: `Bearer ${who === 'admin' ? token : managerToken}` };
    const time = async (path: string) => {
      const samples: number[] = [];
      for (let i = 0; i < REPEAT; i += 1) {
        const t0 = performance.now();
        const res = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: auth });
        await res.json();
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        samples.push(performance.now() - t0);
      }
      const s = summarize(samples);
      return { first: Math.round(samples[0]!), p50: Math.round(s.p50), p95: Math.round(s.p95) };
    };
    const entries = await time(`/api/log/entries?${q}&limit=100`);
    const summary = await time(`/api/log/summary?${q.replace(/&?sort=[^&]*&dir=[^&]*/, '')}`);
    out.push({ case: name, entries, summary, load: load() });
    log(name, JSON.stringify(entries), 'summary', JSON.stringify(summary));
  }
  return out;
}

async function main(): Promise<void> {
  log(`nproc-ish ${(await import('node:os')).availableParallelism()}, load ${load()}`);
  const total = Math.max(...SIZES);
  const reused = process.argv.includes('--reuse') && SIZES.length === 1 && (await seededRows()) === total;
  if (!reused) {
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${DB_NAME}`);
  }
  const db = await openDatabase({ kind: 'postgres', url: dbUrl() });
  const results: Record<string, unknown> = { sizes: [] };
  try {
    await migrate(db);
    const branches: string[] = [];
    if (reused) {
      log(`reusing ${DB_NAME} with ${total} rows`);
      branches.push(...(await db.query<{ id: string }>('SELECT id::text AS id FROM branches ORDER BY name')).rows.map((b) => b.id));
    } else {
      for (let i = 1; i <= 6; i += 1) branches.push((await createBranch(db, null, `Branch ${i}`)).id);
      const hash = await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 });
      await db.transaction((tx) => addStaff(tx, null, { username: 'benchadmin', displayName: 'Bench admin', role: 'admin', branchIds: [] }, hash));
      await db.transaction((tx) => addStaff(tx, null, { username: 'benchmanager', displayName: 'Bench manager', role: 'manager', branchIds: branches.slice(0, 2) }, hash));
    }
    let have = reused ? total : 0;
    for (const size of SIZES) {
      const t0 = performance.now();
      for (let from = have + 1; from <= size; from += 250_000) await seedLogRows(db, from, Math.min(size, from + 249_999), total, branches);
      have = size;
      // The export reads up to the highest sync sequence number: one sentinel record carries it.
      await db.query(`INSERT INTO sync_records (entity, id, branch_id, patron_id, fields, clocks, seq) VALUES ('patron', 'bench-top', $1, 'bench-top', '{"firstName":"X"}', '{}', $2)
        ON CONFLICT (entity, id) DO UPDATE SET seq = EXCLUDED.seq`, [branches[0], size]);
      if (!reused) await db.query('VACUUM ANALYZE log_entries');
      log(`seeded ${size} rows in ${Math.round((performance.now() - t0) / 1000)} s`);

      const server = await startServer();
      try {
        const token = await login('benchadmin');
        const exportRun = await timeExport(server.pid!, token, '?tz=Europe/London');
        const sizeResult: Record<string, unknown> = { rows: size, export: exportRun, load: load() };
        log(`export ${size}:`, JSON.stringify(exportRun), 'load', load());
        if (size === total && EXPORTS > 1) {
          const runs = [exportRun];
          for (let i = 1; i < EXPORTS; i += 1) {
            const run = await timeExport(server.pid!, token, '?tz=Europe/London');
            if (run.status !== 200) throw new Error(`export ${i + 1} of ${EXPORTS} answered ${run.status}`);
            log(`export ${size} (${i + 1} of ${EXPORTS}):`, JSON.stringify(run), 'load', load());
            runs.push(run);
          }
          const of = (key: string) => summarize(runs.map((r) => r[key]!));
          sizeResult.exports = { n: runs.length, totalMs: of('totalMs'), serverCpuMs: of('serverCpuMs'), postgresCpuMs: of('postgresCpuMs'), vmHwmMb: Math.max(...runs.map((r) => r.vmHwmMb!)) };
          log(`export ${size}, ${runs.length} runs: total ms`, JSON.stringify(of('totalMs')), 'server CPU ms', JSON.stringify(of('serverCpuMs')), 'PostgreSQL CPU ms', JSON.stringify(of('postgresCpuMs')));
        }
        if (size === total) {
          const byPatron = await timeExport(server.pid!, token, '?tz=Europe/London&sort=patron&dir=asc');
          sizeResult.exportByPatron = byPatron;
          log(`export ${size} by patron:`, JSON.stringify(byPatron));
          sizeResult.queries = await timeQueries(token, await login('benchmanager'), branches[0]!);
        }
        (results.sizes as unknown[]).push(sizeResult);
      } finally {
        await stopServer(server);
      }
    }
  } finally {
    await db.close();
    if (!process.argv.includes('--keep')) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
  console.log(JSON.stringify(results, null, 1));
}

await main();
