/**
 * `npm run bench:ingest`: server ingest on real PostgreSQL (issue 4). The real server runs
 * as its own process (dist/server.js, as `npm run server`) on a throwaway database; 200
 * simulated desks, each with its own staff login and desk id, 10 to a branch, loop over
 * loopback HTTP: push what they wrote (bench/sync/ingestWorkload.ts has the mix), then pull
 * the branch's changes from their cursor, one request in flight per desk. Reports mutations
 * applied per second over the measured window (after a warm-up), push and pull latencies,
 * server and PostgreSQL CPU, and checks that the server ends with exactly the records the
 * desks were told were applied. Any change not answered "applied" fails the bench.
 * Options: `npm run bench:ingest -- --help`.
 */
import { availableParallelism, loadavg } from 'node:os';
import { migrate } from '../../server/db/migrate';
import { openDatabase } from '../../server/db/openDatabase';
import { ENTITY_NAMES, type EntityName } from '../../shared/sync/entities';
import { adminSql, databaseUrl, startServer, stopServer } from '../export/benchServer';
import { createRng } from '../generator/prng';
import { cpuMs } from '../shared/processCpu';
import { parseIngestArgs } from './ingestArgs';
import { IngestClient } from './ingestClient';
import { IngestTally, SimulatedDesk, type Window } from './ingestDesk';
import { describeRun } from './ingestReport';
import { seedPatrons } from './ingestSeed';
import { createDeskAccounts, cursorAtEnd, logIn } from './ingestSetup';
import { verifyServer } from './ingestVerify';
import { DeskWorkload } from './ingestWorkload';

const BASE = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!BASE) throw new Error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server where the bench may create a database');
const opts = parseIngestArgs(process.argv.slice(2));
const DB_NAME = 'desk_bench_ingest';
const PORT = 19_000 + (process.pid % 1000);
/** Each desk's generator serials start here, so new patrons' details differ across desks. */
const SERIALS_PER_DESK = 1_000_000;
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);

async function main(): Promise<void> {
  const loadBefore = load();
  log(`${opts.desks} desks over ${opts.branches} branches, ${opts.warmupS} s warm-up + ${opts.durationS} s measured, think ${opts.thinkMs} ms; cores ${availableParallelism()}, load ${loadBefore}`);
  await adminSql(BASE!, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await adminSql(BASE!, `CREATE DATABASE ${DB_NAME}`);
  const url = databaseUrl(BASE!, DB_NAME);
  const db = await openDatabase({ kind: 'postgres', url });
  const client = new IngestClient(PORT, opts.desks + 4);
  try {
    await migrate(db);
    const accounts = await createDeskAccounts(db, opts.desks, opts.branches);
    const server = await startServer(url, PORT);
    try {
      let t0 = performance.now();
      const desks = await logIn(client, accounts);
      log(`${desks.length} desks logged in over HTTP in ${Math.round(performance.now() - t0)} ms`);
      t0 = performance.now();
      const seeded = await seedPatrons(client, desks.slice(0, opts.branches), opts.seedPatrons);
      log(`seeded ${opts.seedPatrons} patrons in each of ${opts.branches} branches in ${Math.round(performance.now() - t0)} ms`);

      const startCursor = await cursorAtEnd(db);
      const startSeq = Number(startCursor.split(':')[1]);
      const sims = desks.map((d) => {
        const workload = new DeskWorkload(d.deskId, d.deskName, d.branchId, d.index * SERIALS_PER_DESK, createRng(0x1_9e57 + d.index), opts.mix);
        for (const id of seeded.get(d.branchId) ?? []) workload.knowPatron(id);
        return new SimulatedDesk(d, workload, client, startCursor);
      });

      const tally = new IngestTally();
      const begin = performance.now();
      const window: Window = { start: begin + opts.warmupS * 1000, end: begin + (opts.warmupS + opts.durationS) * 1000 };
      const cpuAtWindow = new Promise<{ server: number; postgres: number; bench: NodeJS.CpuUsage }>((resolve) => {
        setTimeout(() => resolve({ server: cpuMs(server.pid!), postgres: cpuMs('postgres'), bench: process.cpuUsage() }), window.start - performance.now());
      });
      const cpuAtEnd = new Promise<{ server: number; postgres: number; bench: NodeJS.CpuUsage }>((resolve) => {
        setTimeout(() => resolve({ server: cpuMs(server.pid!), postgres: cpuMs('postgres'), bench: process.cpuUsage() }), window.end - performance.now());
      });
      await Promise.all(sims.map((s) => s.run(window.end, opts.thinkMs, window, tally)));
      const [cpu0, cpu1] = await Promise.all([cpuAtWindow, cpuAtEnd]);
      const loadAfter = load();
      log(`run over; ${tally.pushesTotal} pushes, ${tally.pullsTotal} pulls; load ${loadAfter}`);

      // Every desk catches up with its branch, then the server's contents are checked.
      const drain = new IngestTally();
      const farWindow: Window = { start: Infinity, end: Infinity };
      const cursors = [];
      for (const s of sims) cursors.push({ deskId: s.desk.deskId, branchId: s.desk.branchId, startSeq, endSeq: await s.pullToEnd(drain, farWindow) });
      const records = Object.fromEntries(ENTITY_NAMES.map((e) => [e, e === 'patron' ? opts.seedPatrons * opts.branches : 0])) as Record<EntityName, number>;
      for (const s of sims) for (const e of ENTITY_NAMES) records[e] += s.workload.created[e];
      const verdict = await verifyServer(db, { records, mutations: opts.seedPatrons * opts.branches + tally.appliedTotal, cursors });

      const report = describeRun({
        opts, tally, sims, verdict, windowS: opts.durationS, loadBefore, loadAfter,
        cpu: {
          serverMs: cpu1.server - cpu0.server,
          postgresMs: cpu1.postgres - cpu0.postgres,
          benchMs: (cpu1.bench.user + cpu1.bench.system - cpu0.bench.user - cpu0.bench.system) / 1000,
        },
      });
      console.log(report.text);
      console.log(JSON.stringify(report.figures));
      if (!verdict.ok || tally.notApplied > 0) process.exitCode = 1;
    } finally {
      await stopServer(server);
    }
  } finally {
    client.close();
    await db.close();
    if (!opts.keep) await adminSql(BASE!, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

await main();
