import { Readable } from 'node:stream';

/**
 * A Readable of records drawn from pages fetched on demand: the next page is fetched only
 * once the reader has taken the previous one, so at most about one page is in memory
 * whatever the total. Pushing a page's records synchronously (rather than one async step
 * per record) keeps a million-row export cheap.
 */
export class PagedReadable<T, R> extends Readable {
  private page: T[] = [];
  private index = 0;
  private fetching = false;

  constructor(private readonly pages: AsyncIterator<T[]>, private readonly toRecord: (item: T) => R, highWaterMark = 256) {
    super({ objectMode: true, highWaterMark });
  }

  override _read(): void {
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.fetching) return;
    this.fetching = true;
    try {
      for (;;) {
        while (this.index < this.page.length) {
          if (!this.push(this.toRecord(this.page[this.index++]!))) return;
        }
        if (this.destroyed) return;
        const next = await this.pages.next();
        if (this.destroyed) return;
        if (next.done) {
          this.push(null);
          return;
        }
        this.page = next.value;
        this.index = 0;
      }
    } catch (err) {
      this.destroy(err as Error);
    } finally {
      this.fetching = false;
    }
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    // Ends the page generator (it stops after the query in flight, if any).
    void this.pages.return?.(undefined);
    callback(err);
  }
}
