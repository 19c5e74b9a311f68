import { Readable } from "node:stream";
import type { Context } from "hono";
import type { Services } from "../context.js";
import { HttpError } from "../http/errors.js";
import type { ByteRange } from "../storage/index.js";
import { contentDisposition } from "./names.js";
import { isPreviewable } from "./sniff.js";

/**
 * One range of `bytes=a-b`, `bytes=a-` or `bytes=-n`; null to send the whole file (no header,
 * several ranges, or a header we do not understand, as RFC 9110 allows); "unsatisfiable" beyond the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | "unsatisfiable" {
  const m = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return "unsatisfiable";
  if (end < start) return null;
  return { start, end };
}

export interface Servable {
  key: string;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
}

/**
 * Sends stored bytes: the sniffed type, never sniffed again by the browser (nosniff), shown in
 * the page only for images and PDF when asked, downloaded otherwise (HTML, SVG, XML, scripts…).
 */
/** `cacheControl`: what a public page's images say instead (public-site/images.ts). */
export async function serve(s: Services, c: Context, f: Servable, wantInline: boolean, cacheControl = "private, no-cache"): Promise<Response> {
  const range = parseRange(c.req.header("range"), f.size);
  const inline = wantInline && isPreviewable(f.mimeType);
  const headers: Record<string, string> = {
    "content-type": f.mimeType,
    "content-disposition": contentDisposition(inline ? "inline" : "attachment", f.name),
    "x-content-type-options": "nosniff",
    "accept-ranges": "bytes",
    etag: `"${f.sha256}"`,
    // Access can be withdrawn at any time: no shared cache keeps a copy.
    "cache-control": cacheControl,
  };
  if (range === "unsatisfiable") {
    throw new HttpError(416, "range_not_satisfiable", "La plage demandée dépasse la fin du fichier.", undefined, {
      "content-range": `bytes */${f.size}`,
    });
  }
  const length = range ? range.end - range.start + 1 : f.size;
  if (range) {
    headers["content-range"] = `bytes ${range.start}-${range.end}/${f.size}`;
  }
  headers["content-length"] = String(length);
  // A HEAD asks for the headers only: no storage stream is opened for nothing.
  if (c.req.method === "HEAD") return c.body(null, range ? 206 : 200, headers);
  return c.body(asWebStream(await s.storage.get(f.key, range ?? undefined)), range ? 206 : 200, headers);
}

/** How far the response's stream reads ahead of the client, in bytes. */
const READ_AHEAD = 1024 * 1024;

/**
 * The storage stream as the web stream a Response takes: chunks pass as they are (no copy), up
 * to 1 MB ahead of the client. Readable.toWeb pauses and resumes the Node stream around every
 * chunk; gathering chunks into larger buffers costs copies and garbage: both cost more CPU per
 * byte relayed (measured in docs/benchmarks.md).
 */
function asWebStream(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel() {
        stream.destroy();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: READ_AHEAD }),
  );
}
