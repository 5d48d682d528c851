import { DEFAULT_MIX, type BatchMix } from './ingestWorkload';

/** Options of `npm run bench:ingest -- …`. */
export interface IngestOptions {
  desks: number;
  branches: number;
  /** Seconds measured, after the warm-up. */
  durationS: number;
  warmupS: number;
  /** Pause between a desk's sync cycles (ms, ±50%); 0 = each desk syncs again as soon as it is answered. */
  thinkMs: number;
  /** Patrons each branch holds before the desks start. */
  seedPatrons: number;
  mix: BatchMix;
  keep: boolean;
}

export const USAGE = `Usage: npm run bench:ingest -- [options]
  --desks N          simulated desks (default 200), each its own staff account and desk id
  --branches N       branches the desks are spread over (default 20: 10 desks each)
  --duration S       measured seconds (default 60)
  --warmup S         seconds run before measuring (default 10)
  --think-ms N       pause between a desk's sync cycles, ±50% (default 0: closed loop, as fast as answered)
  --seed-patrons N   patrons per branch before the desks start (default 500)
  --large-share F    share of pushes that are large: a campaign or an offline backlog (default ${DEFAULT_MIX.largeShare})
  --max-small N      changes at most in a small push (default ${DEFAULT_MIX.maxSmall})
  --keep             keep the bench database afterwards
Environment: BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server where the bench may create a database).`;

function numberArg(argv: readonly string[], name: string, fallback: number, check: (n: number) => boolean): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!check(n)) throw new Error(`--${name} does not take "${argv[i + 1] ?? ''}"\n\n${USAGE}`);
  return n;
}

export function parseIngestArgs(argv: readonly string[]): IngestOptions {
  if (argv.includes('--help')) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (n: number) => Number.isInteger(n) && n > 0;
  const opts: IngestOptions = {
    desks: numberArg(argv, 'desks', 200, whole),
    branches: numberArg(argv, 'branches', 20, whole),
    durationS: numberArg(argv, 'duration', 60, (n) => n > 0),
    warmupS: numberArg(argv, 'warmup', 10, (n) => n >= 0),
    thinkMs: numberArg(argv, 'think-ms', 0, (n) => n >= 0),
    seedPatrons: numberArg(argv, 'seed-patrons', 500, whole),
    mix: {
      largeShare: numberArg(argv, 'large-share', DEFAULT_MIX.largeShare, (n) => n >= 0 && n <= 1),
      maxSmall: numberArg(argv, 'max-small', DEFAULT_MIX.maxSmall, (n) => Number.isInteger(n) && n >= 2 && n <= 500),
    },
    keep: argv.includes('--keep'),
  };
  if (opts.branches > opts.desks) throw new Error(`--branches (${opts.branches}) cannot exceed --desks (${opts.desks})`);
  return opts;
}
