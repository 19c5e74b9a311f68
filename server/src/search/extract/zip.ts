/**
 * A zip (OOXML, OpenDocument) read without trusting it, with yauzl: the central directory is listed
 * first without inflating anything; entries are inflated only once the sizes they declare fit the
 * budget, and yauzl stops an entry that inflates to more than it declared (a lying zip bomb).
 */
import { fromBuffer, type Entry, type ZipFile } from "yauzl";
import { REASONS, Unreadable } from "./unreadable.js";

/** More entries than any real office file has; a zip made of millions of empty entries is a bomb too. */
const MAX_ENTRIES = 10_000;

export interface SafeZip {
  names: string[];
  /** The wanted entries as text, by name; throws "trop volumineux une fois décompressé" past the budget. */
  read(want: (name: string) => boolean): Promise<Map<string, string>>;
}

const promised = <T>(run: (done: (error: Error | null, value?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value!))));

function inflate(zip: ZipFile, entry: Entry): Promise<string> {
  if (entry.isEncrypted()) throw new Unreadable(REASONS.encrypted);
  return promised<string>((done) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return done(error);
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => done(null, Buffer.concat(chunks).toString("utf8")));
      stream.on("error", (e: Error) => done(/too many bytes/.test(e.message) ? new Unreadable(REASONS.bomb) : e));
    }),
  );
}

export async function openZip(data: Buffer, budgetBytes: number): Promise<SafeZip> {
  const zip = await promised<ZipFile>((done) => fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, done));
  if (zip.entryCount > MAX_ENTRIES) throw new Unreadable(REASONS.bomb);
  const entries = new Map<string, Entry>();
  await promised<void>((done) => {
    zip.on("entry", (entry: Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once("end", () => done(null));
    zip.once("error", done);
    zip.readEntry();
  });
  let spent = 0;
  return {
    names: [...entries.keys()],
    async read(want) {
      const wanted = [...entries.values()].filter((entry) => want(entry.fileName));
      spent += wanted.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
      if (spent > budgetBytes) throw new Unreadable(REASONS.bomb);
      const files = new Map<string, string>();
      for (const entry of wanted) files.set(entry.fileName, await inflate(zip, entry));
      return files;
    },
  };
}
