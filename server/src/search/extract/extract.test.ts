/**
 * Real files in, text out: the fixtures were made by LibreOffice (fixtures/make-fixtures.sh); the
 * hostile files are made here. Every hostile file is followed by a good one, which must still come
 * out: a file fails alone, and the test process (standing for the server) goes on.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entry, zip, type Entry } from "../../../test/zip.js";
import { DEFAULT_LIMITS, extractText, type Extracted } from "./index.js";

const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;
/** Tests that build big files and start processes again, on a machine shared with others. */
const HEAVY = 120_000;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "extract-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: Buffer | string) {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

const text = (result: Extracted) => {
  if (!result.ok) throw new Error(`non lu : ${result.reason}`);
  return result.text;
};

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const CONTENT_TYPES = entry(
  "[Content_Types].xml",
  '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
);
const docx = (document: Entry) => zip([CONTENT_TYPES, document]);

/**
 * word/document.xml that really inflates to 1 GiB: one paragraph, then spaces. Streamed through
 * gzip, whose trailer gives the CRC, so the test never holds the gigabyte.
 */
async function bombDocument(): Promise<Entry> {
  const head = `<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>Début de la bombe</w:t></w:r></w:p>`;
  const size = 1024 ** 3;
  const gzip = zlib.createGzip({ level: 1 });
  const out: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => out.push(chunk));
  gzip.write(head);
  const spaces = Buffer.alloc(16 * 1024 * 1024, " ");
  let left = size - Buffer.byteLength(head);
  while (left > 0) {
    const chunk = spaces.subarray(0, Math.min(left, spaces.length));
    if (!gzip.write(chunk)) await once(gzip, "drain");
    left -= chunk.length;
  }
  gzip.end();
  await once(gzip, "end");
  const gz = Buffer.concat(out);
  return { name: "word/document.xml", deflated: gz.subarray(10, -8), crc: gz.readUInt32LE(gz.length - 8), size };
}

describe("text of each format", () => {
  it.each([
    ["rapport.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ["Hébergement d'urgence à Marseille", "calendrier des assises de Lille", "Ajaccio"]],
    ["rapport.odt", "application/vnd.oasis.opendocument.text", ["Hébergement d'urgence à Marseille", "travailleurs sociaux", "Ajaccio"]],
    ["classeur.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["Marseille", "Hébergement", "Formation des éducateurs"]],
    ["classeur.ods", "application/vnd.oasis.opendocument.spreadsheet", ["Marseille", "Hébergement", "Formation des éducateurs"]],
    ["diaporama.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ["Démarche et méthode en Corse", "Calendrier des rencontres régionales"]],
    ["diaporama.odp", "application/vnd.oasis.opendocument.presentation", ["Démarche et méthode en Corse", "Calendrier des rencontres régionales"]],
    ["classeur.csv", "text/csv", ["Grand-Sud;Marseille;Hébergement"]],
    ["make-fixtures.sh", "text/plain", ["How the office fixtures were made"]],
    ["rapport.html", "text/html", ["Rapport des assises", "Hébergement d'urgence à Marseille", "Ajaccio"]],
  ])("%s", async (name, mime, words) => {
    const result = await extractText(FIXTURES + name, mime, name);
    for (const w of words) expect(text(result)).toContain(w);
    expect(result).toMatchObject({ pages: null });
  });

  it("a PDF comes page by page, so a result can open at its page", async () => {
    const result = await extractText(FIXTURES + "rapport.pdf", "application/pdf", "rapport.pdf");
    expect(result.ok && result.pages).toHaveLength(3);
    const pages = result.ok ? result.pages! : [];
    expect(pages[0]).toContain("Hébergement d'urgence à Marseille");
    expect(pages[0]).not.toContain("Lille");
    expect(pages[1]).toContain("calendrier des assises de Lille");
    expect(pages[2]).toContain("gouvernance en Corse, à Ajaccio");
    expect(text(result)).toBe(pages.join("\n\n"));
  });

  it("the bytes tell the format, not the declared type or the name", async () => {
    const result = await extractText(FIXTURES + "rapport.docx", "application/pdf", "rapport.pdf");
    expect(text(result)).toContain("Hébergement d'urgence à Marseille");
    expect(result).toMatchObject({ pages: null });
  });

  it("HTML gives its text without scripts, styles or tags; markup is found even in a .txt", async () => {
    const page = `<!DOCTYPE html><html><head><style>.secret { color: red }</style><script>var motCache = "<p>piège</p>";</script></head>
      <body><h2>Accueil&nbsp;des &eacute;ducateurs</h2><p>Une <b>journée</b> à Lille.<br>Inscriptions ouvertes.</p><noscript>activez</noscript></body></html>`;
    const out = text(await extractText(await write("page.txt", page), "text/plain", "page.txt"));
    expect(out).toBe("Accueil des éducateurs\nUne journée à Lille.\nInscriptions ouvertes.");
  });

  it("Markdown is text, even when it speaks of the PDF signature", async () => {
    const note = "# Formats acceptés\n\nUn PDF commence par `%PDF-1.7` ; les **synthèses** des assises sont en PDF.\n";
    const out = text(await extractText(await write("note.md", note), "text/markdown", "note.md"));
    expect(out).toBe(note.trim());
  });

  it("a CSV exported in Windows-1252 reads with its accents", async () => {
    const file = await write("export.csv", Buffer.from("Thème;Ville\nHébergement;Orléans\n", "latin1"));
    expect(text(await extractText(file, "text/csv", "export.csv"))).toBe("Thème;Ville\nHébergement;Orléans");
  });
});

describe("hostile or broken files fail alone, with their reason", () => {
  const good = async () => {
    const result = await extractText(FIXTURES + "rapport.odt", "application/vnd.oasis.opendocument.text", "rapport.odt");
    expect(text(result)).toContain("Marseille");
  };
  let bomb: Entry;
  beforeAll(async () => {
    bomb = await bombDocument();
  }, 120_000);

  it("a zip bomb: a DOCX whose document.xml inflates to 1 GiB", async () => {
    expect(bomb.deflated.length).toBeLessThan(10 * 1024 * 1024);
    const file = await write("bombe.docx", docx(bomb));
    const started = Date.now();
    expect(await extractText(file, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "bombe.docx")).toEqual({
      ok: false,
      reason: "trop volumineux une fois décompressé",
    });
    // Refused on the sizes it declares, before inflating anything.
    expect(Date.now() - started).toBeLessThan(10_000);
    await good();
  });

  it("a lying zip bomb: the same document.xml declared as 2 kB is stopped where it passes them", async () => {
    const file = await write("menteuse.docx", docx({ ...bomb, size: 2000 }));
    expect(await extractText(file, "application/octet-stream", "menteuse.docx")).toEqual({ ok: false, reason: "trop volumineux une fois décompressé" });
    await good();
  });

  it("a zip of too many entries", async () => {
    const empty = entry("", "");
    const many = Array.from({ length: 10_001 }, (_, i) => ({ ...empty, name: `word/media/${i}.xml` }));
    const file = await write("entrees.docx", zip([CONTENT_TYPES, entry("word/document.xml", `<w:document ${W}/>`), ...many]));
    expect(await extractText(file, "application/octet-stream", "entrees.docx")).toEqual({ ok: false, reason: "trop volumineux une fois décompressé" });
    await good();
  }, HEAVY);

  it("a truncated PDF", async () => {
    const pdf = await readFile(FIXTURES + "rapport.pdf");
    const file = await write("tronque.pdf", pdf.subarray(0, pdf.length / 2));
    expect(await extractText(file, "application/pdf", "tronque.pdf")).toEqual({ ok: false, reason: "fichier endommagé" });
    await good();
  });

  it.each(["rapport.pdf", "rapport.docx", "rapport.odt"])("a password-protected %s", async (name) => {
    expect(await extractText(FIXTURES + "chiffre/" + name, "application/octet-stream", name)).toEqual({ ok: false, reason: "fichier chiffré" });
    await good();
  });

  it("a file that claims to be a PDF but is not", async () => {
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.alloc(2000, 7)]);
    expect(await extractText(await write("faux.pdf", png), "application/pdf", "faux.pdf")).toEqual({ ok: false, reason: "format non pris en charge" });
    const junk = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(4000, 0xa7)]);
    expect(await extractText(await write("abime.pdf", junk), "application/pdf", "abime.pdf")).toEqual({ ok: false, reason: "fichier endommagé" });
    await good();
  });

  it("a legacy binary Word file is said unsupported", async () => {
    const ole = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(4096)]);
    expect(await extractText(await write("ancien.doc", ole), "application/msword", "ancien.doc")).toEqual({ ok: false, reason: "format non pris en charge" });
    await good();
  });

  it("a huge text is cut at the character budget, reading only what it keeps", async () => {
    const file = await write("enorme.txt", Buffer.alloc(64 * 1024 * 1024, "Marseille "));
    const started = Date.now();
    const out = text(await extractText(file, "text/plain", "enorme.txt", { ...DEFAULT_LIMITS, maxChars: 100_000 }));
    // The budget, less the space trimmed at the cut.
    expect(out.length).toBeGreaterThan(99_990);
    expect(out.length).toBeLessThanOrEqual(100_000);
    expect(out.startsWith("Marseille Marseille")).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    await good();
  }, HEAVY);

  it("a file that takes longer than the time limit: its process is killed", async () => {
    // 25 MB of empty paragraphs (well under the zip budget): all markup to parse, no text to stop at.
    const body = "<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:p>".repeat(500_000);
    const file = await write("long.docx", docx(entry("word/document.xml", `<w:document ${W}><w:body>${body}</w:body></w:document>`)));
    expect(await extractText(file, "application/octet-stream", "long.docx", { ...DEFAULT_LIMITS, timeoutMs: 100 })).toEqual({
      ok: false,
      reason: "trop long à lire",
    });
    await good();
    // Given the time, the same file reads (and has no text).
    expect(await extractText(file, "application/octet-stream", "long.docx")).toEqual({ ok: true, text: "", pages: null });
  }, HEAVY);

  it("a file that needs more memory than the process has: it dies alone", async () => {
    // 9 MB of accented text, inside a 40 MB heap's zip budget (10 MB), kept whole: copies of it fill the heap.
    const body = "<w:p><w:r><w:t>Hébergé à Orléans, éducatrices spécialisées</w:t></w:r></w:p>".repeat(120_000);
    const file = await write("lourd.docx", docx(entry("word/document.xml", `<w:document ${W}><w:body>${body}</w:body></w:document>`)));
    expect(await extractText(file, "application/octet-stream", "lourd.docx", { ...DEFAULT_LIMITS, memoryMb: 40, maxChars: 100_000_000 })).toEqual({
      ok: false,
      reason: "trop volumineux pour être lu",
    });
    await good();
  }, HEAVY);

  it("a file that cannot be opened is the caller's error, not a reason stored against the file", async () => {
    await expect(extractText(path.join(dir, "absent.pdf"), "application/pdf", "absent.pdf")).rejects.toThrow(/ENOENT/);
    await good();
  });

  it("extractions asked at once all come back, queued behind the few processes", async () => {
    const results = await Promise.all(
      ["rapport.docx", "classeur.xlsx", "diaporama.pptx", "rapport.pdf", "classeur.ods", "diaporama.odp"].map((name) =>
        extractText(FIXTURES + name, "application/octet-stream", name),
      ),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, true]);
  });
});
