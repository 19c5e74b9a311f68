/**
 * A zip (OOXML, OpenDocument) read without trusting it, with yauzl, for the children of the sandbox:
 * the central directory is listed first without inflating anything; entries are inflated only once the
 * sizes they declare fit the budget, and yauzl stops an entry that inflates to more than it declared
 * (a lying zip bomb). Each caller turns a ZipRefused into its own words.
 */
import { fromBuffer, type Entry, type ZipFile } from "yauzl";

/** More entries than any real office file has; a zip made of millions of empty entries is a bomb too. */
const MAX_ENTRIES = 10_000;

export class ZipRefused extends Error {
  constructor(readonly why: "bomb" | "encrypted" | "damaged") {
    super(`zip refused: ${why}`);
  }
}

export interface SafeZip {
  names: string[];
  /** What every entry says it inflates to, together. */
  declaredBytes: number;
  /** The wanted entries (folders left out), by name; throws ZipRefused("bomb") once what was read passes the budget. */
  read(want: (name: string) => boolean): Promise<Map<string, Buffer>>;
}

const promised = <T>(run: (done: (error: Error | null, value?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value!))));

function inflate(zip: ZipFile, entry: Entry): Promise<Buffer> {
  if (entry.isEncrypted()) throw new ZipRefused("encrypted");
  return promised<Buffer>((done) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return done(error);
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => done(null, Buffer.concat(chunks)));
      stream.on("error", (e: Error) => done(/too many bytes/.test(e.message) ? new ZipRefused("bomb") : e));
    }),
  );
}

export async function openZip(data: Buffer, budgetBytes: number): Promise<SafeZip> {
  const zip = await promised<ZipFile>((done) => fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, done)).catch(() => {
    throw new ZipRefused("damaged");
  });
  if (zip.entryCount > MAX_ENTRIES) throw new ZipRefused("bomb");
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
    declaredBytes: [...entries.values()].reduce((sum, entry) => sum + entry.uncompressedSize, 0),
    async read(want) {
      const wanted = [...entries.values()].filter((entry) => !entry.fileName.endsWith("/") && want(entry.fileName));
      spent += wanted.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
      if (spent > budgetBytes) throw new ZipRefused("bomb");
      const files = new Map<string, Buffer>();
      for (const entry of wanted) files.set(entry.fileName, await inflate(zip, entry));
      return files;
    },
  };
}
