import type { Database } from '../db/database';
import { POKE_CHANNEL } from './syncStore';

export interface Poke {
  seq: number;
  branches: string[];
}

type Listener = (poke: Poke) => void;

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
