/**
 * Plain text (TXT, CSV, Markdown) and HTML. Only a prefix of the file is read, enough for the
 * character budget, so a huge or endless text costs no more than a short one.
 */
import { open } from "node:fs/promises";
import { markupText, type MarkupRules } from "./markup.js";
import type { TextSink } from "./sink.js";

const set = (...names: string[]) => new Set(names);

const HTML: MarkupRules = {
  xml: false,
  skip: set("script", "style", "noscript", "template"),
  lines: set(..."p div li dt dd tr td th h1 h2 h3 h4 h5 h6 title blockquote pre section article header footer caption figcaption".split(" ")),
  breaks: set("br"),
};

/** At most `bytes` first bytes of the file. */
export async function readPrefix(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file);
  try {
    // A pipe or a device has no size: then the whole budget.
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(size > 0 ? Math.min(size, bytes) : bytes);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** UTF-8 as a rule; UTF-16 when its byte-order mark says so; else Windows-1252, what older French spreadsheets export. */
export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    // stream: true tolerates a character cut at the end of the prefix.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export function plainText(source: string, html: boolean, sink: TextSink) {
  if (html) markupText(source, HTML, sink);
  else sink.add(source);
}
