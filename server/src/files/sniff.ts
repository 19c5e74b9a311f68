import { fileTypeFromBuffer } from "file-type";

/** Types a browser may show in a page; anything else is only ever downloaded. */
const PREVIEWABLE = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "application/pdf"]);
export const isPreviewable = (mime: string) => PREVIEWABLE.has(mime);

/** How many first bytes of an upload are kept to recognise its type. */
export const SNIFF_BYTES = 64 * 1024;

const TEXT_BY_EXTENSION: Record<string, string> = {
  csv: "text/csv",
  md: "text/markdown",
  json: "application/json",
  js: "text/javascript",
  mjs: "text/javascript",
};

function asText(head: Buffer): string | null {
  if (head.includes(0)) return null;
  try {
    // stream: true tolerates a character cut at the end of the sniffed bytes.
    return new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
}

/**
 * The type of a file from its first bytes, never from what the client claims: binary formats
 * by their signature (file-type), text by its markup; the name's extension only tells plain
 * text formats apart. Unknown bytes are application/octet-stream.
 */
export async function sniff(head: Buffer, name: string): Promise<string> {
  const found = await fileTypeFromBuffer(head);
  if (found && found.mime !== "application/xml") return found.mime;
  const text = asText(head);
  if (text === null) return found?.mime ?? "application/octet-stream";
  const start = text.replace(/^\uFEFF/, "").trimStart().slice(0, 2048).toLowerCase();
  if (/<svg[\s>]/.test(start)) return "image/svg+xml";
  if (/^<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<iframe[\s>]/.test(start)) return "text/html";
  if (start.startsWith("<?xml")) return "application/xml";
  const ext = name.toLowerCase().split(".").pop() ?? "";
  return TEXT_BY_EXTENSION[ext] ?? "text/plain";
}
