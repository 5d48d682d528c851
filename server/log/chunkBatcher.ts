import { Transform, type TransformCallback } from 'node:stream';

/**
 * Joins small chunks (csv-stringify writes one per row) into chunks of about `size` bytes
 * before they reach the socket: a million tiny writes cost more than the CSV itself. Holds
 * at most one chunk, so memory stays flat.
 */
export class ChunkBatcher extends Transform {
  private parts: Buffer[] = [];
  private length = 0;

  constructor(private readonly size = 64 * 1024) {
    super();
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    this.parts.push(bytes);
    this.length += bytes.length;
    if (this.length >= this.size) this.flushParts();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.flushParts();
    callback();
  }

  private flushParts(): void {
    if (this.parts.length === 0) return;
    this.push(this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.length));
    this.parts = [];
    this.length = 0;
  }
}
