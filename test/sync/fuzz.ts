/**
 * `npm run fuzz -- --seeds 500` (or `--seed 17` to replay one, `--from 51` to start later):
 * the convergence fuzzer of test/sync/convergence.test.ts outside the test runner, for long
 * runs. Prints each failing seed with its replay command and exits non-zero if any failed.
 */
import 'fake-indexeddb/auto';
import { parseArgs } from 'node:util';
import { SimServerHost } from './simServer';
import { runSimulation } from './simulation';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seeds: { type: 'string', default: '100' }, seed: { type: 'string' }, from: { type: 'string', default: '1' }, steps: { type: 'string', default: '80' } },
  });
  const steps = Number(values.steps);
  const from = values.seed ? Number(values.seed) : Number(values.from);
  const count = values.seed ? 1 : Number(values.seeds);
  if (![steps, from, count].every((n) => Number.isInteger(n) && n > 0)) throw new Error('--seeds, --seed, --from and --steps take positive whole numbers');
  const host = await SimServerHost.start();
  const failed: number[] = [];
  const started = Date.now();
  try {
    for (let seed = from; seed < from + count; seed++) {
      try {
        const r = await runSimulation(await host.forSeed(seed), { seed, steps });
        console.log(`seed ${seed}: ok (${r.mutationsAcknowledged} changes acknowledged, ${r.heldPushesDelivered} pushes delivered late, ${r.records} records, ${r.erased} erased)`);
      } catch (err) {
        failed.push(seed);
        console.error(err instanceof Error ? err.message : err);
      }
    }
  } finally {
    await host.stop();
  }
  console.log(`${count - failed.length} of ${count} seeds converged in ${((Date.now() - started) / 1000).toFixed(1)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
