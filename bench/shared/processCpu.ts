import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) of a process, read from /proc; of every postgres process
 * together when pid is 'postgres'. On a shared two-core machine wall time says as much about
 * the neighbours as about the code, so the server benches report CPU time beside it.
 */
export function cpuMs(pid: number | 'postgres'): number {
  const of = (p: string) => {
    const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  };
  if (pid !== 'postgres') return of(String(pid));
  let total = 0;
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('postgres')) total += of(p);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}
