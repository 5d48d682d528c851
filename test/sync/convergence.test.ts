import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimServerHost } from './simServer';
import { runSimulation } from './simulation';

/**
 * ARCHITECTURE §4 end to end: 5 desks (own Dexie databases) and the real server, through
 * random edits, partitions, lost answers, pushes delivered late and out of order, server
 * restarts and skewed clocks. `npm run fuzz`
 * runs more seeds; a failure names its seed.
 */
const SEEDS = Number(process.env.SYNC_FUZZ_SEEDS ?? 50);

describe('convergence fuzzer', () => {
  let host: SimServerHost;
  beforeAll(async () => {
    host = await SimServerHost.start();
  });
  afterAll(() => host.stop());

  it(`converges on every desk with nothing acknowledged lost, for ${SEEDS} seeds`, async () => {
    let acknowledged = 0;
    let late = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const report = await runSimulation(await host.forSeed(seed), { seed });
      acknowledged += report.mutationsAcknowledged;
      late += report.heldPushesDelivered;
    }
    // The runs did real work: many changes went through the server, and pushes arrived out of order.
    expect(acknowledged).toBeGreaterThan(SEEDS * 20);
    expect(late).toBeGreaterThan(SEEDS / 5);
  });
});
