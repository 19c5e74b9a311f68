/** The sandbox's safe zip reader (../../sandbox/zip.ts), its entries as text and its refusals as Unreadable. */
import { openZip as openSafeZip, ZipRefused } from "../../sandbox/zip.js";
import { REASONS, Unreadable } from "./unreadable.js";

export interface SafeZip {
  names: string[];
  /** The wanted entries as text, by name; throws "trop volumineux une fois décompressé" past the budget. */
  read(want: (name: string) => boolean): Promise<Map<string, string>>;
}

const refusal = (e: unknown) => (e instanceof ZipRefused ? new Unreadable(REASONS[e.why]) : e);

export async function openZip(data: Buffer, budgetBytes: number): Promise<SafeZip> {
  const zip = await openSafeZip(data, budgetBytes).catch((e: unknown) => {
    throw refusal(e);
  });
  return {
    names: zip.names,
    async read(want) {
      const files = await zip.read(want).catch((e: unknown) => {
        throw refusal(e);
      });
      return new Map([...files].map(([name, bytes]) => [name, bytes.toString("utf8")]));
    },
  };
}
