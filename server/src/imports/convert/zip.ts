/**
 * The parts of a DOCX or ODT, read by the sandbox's safe zip reader (../../sandbox/zip.ts: sizes
 * checked before inflating, lying bombs stopped). XML parts declaring a DTD are refused: no reader
 * after this one is asked to resolve (or even skip) an external entity.
 */
import { openZip, ZipRefused } from "../../sandbox/zip.js";
import { REASONS, Refused } from "./refused.js";

const isXml = (name: string) => /\.(xml|rels)$/i.test(name);

/** Every entry of the zip, inflated, by name. */
export async function readZip(data: Buffer, budgetBytes: number): Promise<Map<string, Buffer>> {
  let parts: Map<string, Buffer>;
  try {
    parts = await (await openZip(data, budgetBytes)).read(() => true);
  } catch (e) {
    throw e instanceof ZipRefused ? new Refused(REASONS[e.why]) : e;
  }
  for (const [name, bytes] of parts) {
    if (isXml(name) && (bytes.includes("<!DOCTYPE") || bytes.includes("<!ENTITY"))) throw new Refused(REASONS.entities);
  }
  return parts;
}
