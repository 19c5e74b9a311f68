/**
 * A zip (OOXML, OpenDocument) read without trusting it. The central directory is listed first,
 * without inflating anything; an entry is inflated only once the sizes it declares fit the budget,
 * into a buffer of exactly that size, so an entry that inflates to more than it declared (a lying
 * zip bomb) is cut there instead of growing.
 */
import { unzipSync } from "fflate";
import { REASONS, Unreadable } from "./unreadable.js";

/** More entries than any real office file has; a zip made of millions of empty entries is a bomb too. */
const MAX_ENTRIES = 10_000;

export interface SafeZip {
  names: string[];
  /** The wanted entries as text, by name; throws "trop volumineux une fois décompressé" past the budget. */
  read(want: (name: string) => boolean): Map<string, string>;
}

export function openZip(data: Uint8Array, budgetBytes: number): SafeZip {
  const sizes = new Map<string, number>();
  unzipSync(data, {
    filter: (entry) => {
      if (sizes.size >= MAX_ENTRIES) throw new Unreadable(REASONS.bomb);
      sizes.set(entry.name, entry.originalSize);
      return false;
    },
  });
  let spent = 0;
  return {
    names: [...sizes.keys()],
    read(want) {
      for (const [name, size] of sizes) if (want(name)) spent += size;
      if (spent > budgetBytes) throw new Unreadable(REASONS.bomb);
      const files = unzipSync(data, { filter: (entry) => want(entry.name) });
      const decoder = new TextDecoder();
      return new Map(Object.entries(files).map(([name, bytes]) => [name, decoder.decode(bytes)]));
    },
  };
}
