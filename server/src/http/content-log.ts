import { log } from "../logging/logger.js";
/** What a document held outside the editor's schema, left out of a text, HTML or comparison: logged once per read. */
export const logSkipped = (documentId: string) => (skipped: string[]) =>
  log.warn(`[contenu] document ${documentId} : éléments hors du schéma ignorés (${skipped.join(", ")})`);
