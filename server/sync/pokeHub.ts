import type { Database } from '../db/database';
import { POKE_CHANNEL } from './syncStore';

export interface Poke {
  seq: number;
  branches: string[];
}

type Listener = (poke: Poke) => void;

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more, and with it the transaction that
 * sent it. A group can touch hundreds of branches (ids up to 64 characters), so a poke about
 * many goes as several payloads with the same seq, each well under the limit.
 */
const MAX_POKE_PAYLOAD_BYTES = 7000;

/** The NOTIFY payloads that together tell every listener of these branches about `seq`. */
export function pokePayloads(poke: Poke): string[] {
  const encode = (branches: string[]) => JSON.stringify({ seq: poke.seq, branches });
  const payloads: string[] = [];
  const emptySize = Buffer.byteLength(encode([]));
  let chunk: string[] = [];
  let size = emptySize;
  for (const branch of poke.branches) {
    const added = Buffer.byteLength(JSON.stringify(branch)) + 1; // and a comma
    if (chunk.length > 0 && size + added > MAX_POKE_PAYLOAD_BYTES) {
      payloads.push(encode(chunk));
      chunk = [];
      size = emptySize;
    }
    chunk.push(branch);
    size += added;
  }
  payloads.push(encode(chunk));
  return payloads;
}

/**
 * One LISTEN per server process on the channel every push NOTIFYs after it commits, fanned
 * out to this process's live streams. With several server processes on one PostgreSQL each
 * listens for itself, so a desk connected to one hears about changes pushed through another.
 */
export class PokeHub {
  private readonly listeners = new Set<Listener>();
  private stopListening: (() => Promise<void>) | undefined;

  static async start(db: Database): Promise<PokeHub> {
    const hub = new PokeHub();
    hub.stopListening = await db.listen(POKE_CHANNEL, (payload) => hub.dispatch(payload));
    return hub;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    await this.stopListening?.();
  }

  private dispatch(payload: string): void {
    let poke: Poke;
    try {
      const parsed = JSON.parse(payload) as Partial<Poke>;
      if (typeof parsed.seq !== 'number' || !Array.isArray(parsed.branches)) return;
      poke = { seq: parsed.seq, branches: parsed.branches.filter((b): b is string => typeof b === 'string') };
    } catch {
      return;
    }
    for (const listener of this.listeners) listener(poke);
  }
}
