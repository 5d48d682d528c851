import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-node';
import { BENCH_PAGES, POUCH_CACHE } from '../node/paths';
import { BENCH_BASE } from '../shared/constants';
import { POUCH_DOC_MAPPING_VERSION, pouchDocOf } from './pouchDocs';
import { syncRecords } from './syncDataset';
import { recordCount, type SyncDataSize } from './syncSeed';

/**
 * The server side of the PouchDB comparison: express-pouchdb (the HTTP layer of
 * pouchdb-server, in its 'minimumForPouchDB' mode: the routes a PouchDB client uses,
 * replication included, with its default gzip) over PouchDB's LevelDB adapter, which is
 * what pouchdb-server stores in by default. The loaded database lives in
 * bench/.cache/pouchdb/<size>/ and is kept between runs, as desk_bench_sync is: loading
 * 500,000 documents takes minutes. The bench pages are served on the same origin.
 */
const DB_NAME = 'desk-bench';
// Stands in for the branch's id (the PostgreSQL seed's is random): a UUID of the same length, so the documents weigh the same.
const BRANCH_ID = '0190a000-0000-7000-8000-000000000001';
const LOAD_STEP = 1000;

interface LoadedMarker {
  records: number;
  mapping: number;
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.wasm': 'application/wasm' };

async function serveBenchPage(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(BENCH_BASE.length)));
  if (path.startsWith('..')) {
    res.writeHead(400).end();
    return;
  }
  const body = await readFile(join(BENCH_PAGES, path)).catch(() => undefined);
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
}

async function load(db: PouchDBBench.Database, size: SyncDataSize, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  for (let from = 0; from < size.patrons; from += LOAD_STEP) {
    const docs = syncRecords(from, Math.min(size.patrons, from + LOAD_STEP), size.patrons, size.notesPerPatron, BRANCH_ID).map(pouchDocOf);
    const results = await db.bulkDocs(docs);
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(`loading the PouchDB server failed: ${JSON.stringify(failed)}`);
    if ((from / LOAD_STEP) % 20 === 0) log(`  loaded ${Math.min(size.patrons, from + LOAD_STEP)} of ${size.patrons} patrons into PouchDB`);
  }
  log(`loaded ${recordCount(size)} documents into the PouchDB server in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** The PouchDB server holding the data set (loaded now unless kept from an earlier run), on a loopback port. */
export async function servePouchDB(size: SyncDataSize, reload: boolean, log: (line: string) => void): Promise<{ origin: string; dbUrl: string; close: () => Promise<void> }> {
  const dir = join(POUCH_CACHE, `${size.patrons}-patrons-${size.notesPerPatron}-notes`);
  const markerFile = join(dir, 'loaded.json');
  const expected: LoadedMarker = { records: recordCount(size), mapping: POUCH_DOC_MAPPING_VERSION };
  const marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as LoadedMarker) : undefined;
  const kept = !reload && marker?.records === expected.records && marker.mapping === expected.mapping;
  if (!kept) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const Pouch = PouchDB.defaults({ prefix: `${dir}/` });
  // Before the database is opened: express-pouchdb lists only databases opened through it.
  const handler = expressPouchDB(Pouch, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  const db = new Pouch(DB_NAME);
  if (kept) {
    const count = (await db.info()).doc_count;
    if (count !== expected.records) throw new Error(`the kept PouchDB database in ${dir} holds ${count} documents, expected ${expected.records}: run with --reload`);
    log(`reusing the PouchDB server's database in ${dir}: ${count} documents`);
  } else {
    await load(db, size, log);
    writeFileSync(markerFile, JSON.stringify(expected));
  }

  const server = createServer((req, res) => {
    if (req.url?.startsWith(BENCH_BASE)) void serveBenchPage(req, res);
    else handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    dbUrl: `${origin}/${DB_NAME}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
