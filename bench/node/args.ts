/** Command-line options of `npm run bench -- …`. */
export interface BenchOptions {
  patrons: number;
  notesPerPatron: number;
  reseed: boolean;
  queries: number;
  coldRuns: number;
  /** Patron rows per index-cost variant (default 20,000: the full 100k × 4 schemas × 2 rounds took 17 minutes). */
  indexRows: number;
  indexRounds: number;
  chunk: number;
  port: number | undefined;
  timeoutMin: number;
  skipCold: boolean;
  /** Pause between the keystrokes of one query (ms): how fast staff type. */
  typingGapMs: number;
}

const USAGE = `Usage: npm run bench -- [options]
  --patrons N            patrons to seed (default 100000)
  --notes-per-patron N   notes per patron (default 3)
  --reseed               rebuild the seeded database even if the cached one matches
  --queries N            type-ahead queries (default 200)
  --cold-runs N          cold-start repetitions per variant (default 10)
  --index-rows N         patron rows per index-cost variant (default 20000, at most --patrons)
  --index-rounds N       rounds of the index-cost comparison (default 3)
  --chunk N              rows per bulkPut call (default 2000)
  --port N               server port (default: the port this profile used last, else a free one)
  --timeout-min N        abort the whole run after N minutes (default 40)
  --skip-cold            skip the cold-start benches
  --typing-gap-ms N      pause between keystrokes of a query (default 120: about 8 keys a second; 0 = as fast as results paint)
Environment: CHROMIUM_PATH (default /usr/bin/chromium).`;

function positiveInt(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} needs a positive whole number, not "${raw ?? ''}"\n\n${USAGE}`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = {
    patrons: 100_000, notesPerPatron: 3, reseed: false, queries: 200, coldRuns: 10, indexRows: 20_000, indexRounds: 3,
    chunk: 2000, port: undefined, timeoutMin: 40, skipCold: false, typingGapMs: 120,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i];
    switch (arg) {
      case '--patrons': o.patrons = positiveInt(arg, value()); break;
      case '--notes-per-patron': o.notesPerPatron = positiveInt(arg, value()); break;
      case '--reseed': o.reseed = true; break;
      case '--queries': o.queries = positiveInt(arg, value()); break;
      case '--cold-runs': o.coldRuns = positiveInt(arg, value()); break;
      case '--index-rows': o.indexRows = positiveInt(arg, value()); break;
      case '--index-rounds': o.indexRounds = positiveInt(arg, value()); break;
      case '--chunk': o.chunk = positiveInt(arg, value()); break;
      case '--port': o.port = positiveInt(arg, value()); break;
      case '--timeout-min': o.timeoutMin = positiveInt(arg, value()); break;
      case '--skip-cold': o.skipCold = true; break;
      case '--typing-gap-ms': {
        const raw = value();
        o.typingGapMs = Number(raw);
        if (!Number.isInteger(o.typingGapMs) || o.typingGapMs < 0) throw new Error(`--typing-gap-ms needs a whole number ≥ 0, not "${raw ?? ''}"\n\n${USAGE}`);
        break;
      }
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`Unknown option "${arg}"\n\n${USAGE}`);
    }
  }
  o.indexRows = Math.min(o.indexRows, o.patrons);
  return o;
}
