import { FILE_NAME_MAX, FILE_TITLE_MAX } from "@atelier/shared";
import { badRequest } from "../http/errors.js";

// Control characters, and the bidirectional overrides that make "txt.exe" read as "exe.txt".
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name shown for a file: only what follows the last slash (a name is never a path), without
 * control characters. It is displayed and offered on download, never used to store the bytes.
 */
export function displayName(raw: string): string {
  const base = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const name = base.replace(UNSAFE, "").trim();
  if (!name || /^\.+$/.test(name)) throw badRequest("invalid_file_name", "Le nom du fichier est invalide.");
  if (name.length > FILE_NAME_MAX) {
    throw badRequest("invalid_file_name", `Le nom du fichier est trop long (${FILE_NAME_MAX} caractères au plus).`);
  }
  return name;
}

/** The title a file gets when none is given: its name without the extension. */
export function defaultTitle(name: string): string {
  const dot = name.lastIndexOf(".");
  return (dot > 0 ? name.slice(0, dot) : name).slice(0, FILE_TITLE_MAX).trim() || name.slice(0, FILE_TITLE_MAX);
}

/** A Content-Disposition header that carries any name safely (RFC 6266 / 5987). */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
