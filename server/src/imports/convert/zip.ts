/**
 * The parts of a DOCX or ODT, read without trusting the zip (yauzl): the directory is listed before
 * anything is inflated; the sizes the entries declare must fit the budget, and yauzl stops an entry
 * that inflates to more than it declared (a lying bomb). XML parts declaring a DTD are refused: no
 * reader after this one is asked to resolve (or even skip) an external entity.
 */
import { fromBuffer, type Entry, type ZipFile } from "yauzl";
import { REASONS, Refused } from "./refused.js";

/** More entries than any real office file has; millions of empty entries are a bomb too. */
const MAX_ENTRIES = 10_000;

const promised = <T>(run: (done: (error: Error | null, value?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value!))));

function inflate(zip: ZipFile, entry: Entry): Promise<Buffer> {
  if (entry.isEncrypted()) throw new Refused(REASONS.encrypted);
  return promised<Buffer>((done) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return done(error);
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => done(null, Buffer.concat(chunks)));
      stream.on("error", (e: Error) => done(/too many bytes/.test(e.message) ? new Refused(REASONS.bomb) : e));
    }),
  );
}

const isXml = (name: string) => /\.(xml|rels)$/i.test(name);

/** Every entry of the zip, inflated, by name. */
export async function readZip(data: Buffer, budgetBytes: number): Promise<Map<string, Buffer>> {
  const zip = await promised<ZipFile>((done) => fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, done)).catch(() => {
    throw new Refused(REASONS.damaged);
  });
  if (zip.entryCount > MAX_ENTRIES) throw new Refused(REASONS.bomb);
  const entries: Entry[] = [];
  await promised<void>((done) => {
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once("end", () => done(null));
    zip.once("error", done);
    zip.readEntry();
  });
  if (entries.reduce((sum, e) => sum + e.uncompressedSize, 0) > budgetBytes) throw new Refused(REASONS.bomb);
  const parts = new Map<string, Buffer>();
  for (const entry of entries) {
    if (entry.fileName.endsWith("/")) continue;
    const bytes = await inflate(zip, entry);
    if (isXml(entry.fileName) && (bytes.includes("<!DOCTYPE") || bytes.includes("<!ENTITY"))) {
      throw new Refused(REASONS.entities);
    }
    parts.set(entry.fileName, bytes);
  }
  zip.close();
  return parts;
}
