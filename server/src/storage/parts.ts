/**
 * Cuts a byte stream into parts of exactly `size` bytes. Exact sizes matter for resumable
 * uploads: part n always holds the same bytes of the file, whoever sends it and however often.
 */
export class PartCutter {
  private buf: Buffer;
  private used = 0;

  constructor(readonly size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Adds bytes; returns the parts they completed (each its own buffer, handed over). */
  push(chunk: Buffer): Buffer[] {
    const full: Buffer[] = [];
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(this.size - this.used, chunk.length - at);
      chunk.copy(this.buf, this.used, at, at + n);
      this.used += n;
      at += n;
      if (this.used === this.size) {
        full.push(this.buf);
        this.buf = Buffer.allocUnsafe(this.size);
        this.used = 0;
      }
    }
    return full;
  }

  /** The bytes received since the last full part. */
  rest(): Buffer {
    return this.buf.subarray(0, this.used);
  }
}
