import { pipeline, Transform, type Readable, type Writable } from "node:stream";
import { TooLargeError } from "./types.js";

/**
 * A transform whose failure also fails whatever it was .pipe()d into. The minio client pipes
 * the body it is given with .pipe(), which forwards no error: without this, a cut or refused
 * upload would leave its putObject waiting forever instead of failing (and being cleaned up).
 */
class ForwardingTransform extends Transform {
  override pipe<T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }): T {
    this.once("error", (err) => (dest as unknown as Writable).destroy(err));
    return super.pipe(dest, opts);
  }
}

/**
 * Passes `body` through, counting bytes, and fails with TooLargeError the moment it goes past
 * `maxBytes`: the limit is enforced while streaming, so an oversized upload never lands whole.
 * Errors of `body` (a client that disconnects) fail the returned stream too.
 */
export function limited(body: Readable, maxBytes: number): { stream: Readable; bytes: () => number } {
  let count = 0;
  const counter = new ForwardingTransform({
    transform(chunk: Buffer, _enc, done) {
      count += chunk.length;
      if (count > maxBytes) done(new TooLargeError(maxBytes));
      else done(null, chunk);
    },
  });
  // The callback only keeps pipeline from throwing: the error reaches `counter`'s reader.
  pipeline(body, counter, () => {});
  return { stream: counter, bytes: () => count };
}
