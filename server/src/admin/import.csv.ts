/**
 * Reading the members file: UTF-8 (a BOM is tolerated), ";" or "," detected from the header,
 * header names matched without regard to case or accents. Problems with the file as a whole
 * (encoding, header, size, broken quoting) stop here; problems with a line are for the planner.
 */
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_LINES, type ImportColumn } from "@atelier/shared";
import { parse, CsvError } from "csv-parse/sync";
import { badRequest, HttpError } from "../http/errors.js";

export interface CsvLine {
  /** Line number in the file, the header being line 1. */
  line: number;
  /** Present when the line has the header's number of columns. */
  values: Record<ImportColumn, string> | null;
  columnCount: number;
}

/** "Prénom", " PRENOM " and "prénom" are the same column. */
export const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();

const tooLarge = (message: string) => new HttpError(413, "import_too_large", message);

/** Checked on the announced length before reading, and on the bytes read. */
export function assertSize(bytes: number): void {
  if (bytes > IMPORT_MAX_BYTES) {
    throw tooLarge(`Le fichier dépasse la taille maximale de ${IMPORT_MAX_BYTES / 1_000_000} Mo : découpez-le.`);
  }
}

export function decodeCsv(bytes: ArrayBuffer): string {
  assertSize(bytes.byteLength);
  if (bytes.byteLength === 0) throw badRequest("empty_file", "Le fichier est vide.");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest(
      "invalid_encoding",
      "Le fichier n'est pas encodé en UTF-8. Depuis un tableur, enregistrez-le au format « CSV UTF-8 ».",
    );
  }
}

/** The separator the header uses: whichever of ";" and "," it has more of. */
function detectDelimiter(text: string): ";" | "," {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => header.split(ch).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "un guillemet ouvert n'est jamais fermé",
  CSV_INVALID_CLOSING_QUOTE: "un guillemet est mal placé",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "du texte suit un guillemet fermant",
};

function readRecords(text: string) {
  try {
    return parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw badRequest(
        "invalid_csv",
        `Le fichier CSV est mal formé${line ? ` (ligne ${line})` : ""} : ${CSV_ERRORS[err.code] ?? "son contenu est illisible"}.`,
      );
    }
    throw err;
  }
}

/** Maps the header onto the expected columns, or says precisely what is wrong with it. */
function readHeader(header: string[]): ImportColumn[] {
  const byFolded = new Map(IMPORT_COLUMNS.map((c) => [fold(c), c]));
  const columns: ImportColumn[] = [];
  const unknown: string[] = [];
  const duplicated: string[] = [];
  for (const name of header) {
    const column = byFolded.get(fold(name));
    if (!column) unknown.push(name === "" ? "(colonne sans nom)" : name);
    else if (columns.includes(column)) duplicated.push(column);
    else columns.push(column);
  }
  const missing = IMPORT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length + unknown.length + duplicated.length > 0) {
    const problems = [
      missing.length ? `colonnes manquantes : ${missing.join(", ")}` : "",
      unknown.length ? `colonnes inconnues : ${unknown.join(", ")}` : "",
      duplicated.length ? `colonnes en double : ${duplicated.join(", ")}` : "",
    ].filter(Boolean);
    throw badRequest(
      "invalid_columns",
      `L'en-tête du fichier ne convient pas (${problems.join(" ; ")}). Colonnes attendues : ${IMPORT_COLUMNS.join(", ")}.`,
      { expected: IMPORT_COLUMNS, missing, unknown, duplicated },
    );
  }
  return columns;
}

export function parseMembersCsv(text: string): CsvLine[] {
  const [head, ...records] = readRecords(text);
  if (!head) throw badRequest("empty_file", "Le fichier est vide.");
  const columns = readHeader(head.record);
  if (records.length === 0) throw badRequest("empty_file", "Le fichier ne contient aucune ligne après l'en-tête.");
  if (records.length > IMPORT_MAX_LINES) {
    throw tooLarge(`Le fichier compte ${records.length} lignes ; ${IMPORT_MAX_LINES} au plus par import : découpez-le.`);
  }
  return records.map(({ record, info }) => ({
    line: info.lines,
    columnCount: record.length,
    values:
      record.length === columns.length
        ? (Object.fromEntries(columns.map((c, i) => [c, record[i]!])) as Record<ImportColumn, string>)
        : null,
  }));
}
