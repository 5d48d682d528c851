import { loadavg } from 'node:os';

export interface LoadSample {
  atS: number;
  load1: number;
  what: string;
}

/**
 * A bench run's console log. Other work on the machine skews every figure, so each line
 * notes the seconds since start and the 1-minute load average; top-level lines (not
 * indented) are also kept as load samples for the results file.
 */
export function createRunLog(): { log: (msg: string) => void; loads: LoadSample[] } {
  const started = Date.now();
  const loads: LoadSample[] = [];
  const log = (msg: string) => {
    const atS = (Date.now() - started) / 1000;
    const load1 = loadavg()[0] ?? Number.NaN;
    if (!msg.startsWith('  ')) loads.push({ atS, load1, what: msg });
    console.log(`[${atS.toFixed(0).padStart(4)} s, load ${load1.toFixed(1)}] ${msg}`);
  };
  return { log, loads };
}
