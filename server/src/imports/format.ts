/** Which reader a file goes to: its name's extension, checked against its first bytes. */
import type { ImportFormat } from "@atelier/shared";
import { HttpError } from "../http/errors.js";
import { REASONS } from "./convert/refused.js";

const BY_EXTENSION: Record<string, ImportFormat> = {
  docx: "docx",
  odt: "odt",
  md: "markdown",
  markdown: "markdown",
  html: "html",
  htm: "html",
};

const ZIP = Buffer.from("PK\x03\x04", "latin1");
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export const unreadable = (reason: string) =>
  new HttpError(422, "import_unreadable", `Le fichier n'a pas pu être importé : ${reason}. Aucun document n'a été modifié ni créé.`);

export function formatOf(head: Buffer, name: string): ImportFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  if (head.subarray(0, 4).equals(OLE)) {
    throw new HttpError(415, "import_format", "Les fichiers Word 97-2003 (.doc) ne sont pas pris en charge : enregistrez-le au format .docx ou .odt, puis importez-le.");
  }
  const format = BY_EXTENSION[extension];
  if (!format) {
    throw new HttpError(415, "import_format", "Ce format n'est pas pris en charge : importez un fichier Word (.docx), OpenDocument (.odt), Markdown (.md) ou HTML (.html).");
  }
  const zipped = head.subarray(0, 4).equals(ZIP);
  if (format === "docx" && !zipped) throw unreadable(REASONS.notDocx);
  if (format === "odt" && !zipped) throw unreadable(REASONS.notOdt);
  return format;
}
