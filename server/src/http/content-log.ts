/** What a document held outside the editor's schema, left out of a text, HTML or comparison: logged once per read. */
export const logSkipped = (documentId: string) => (skipped: string[]) =>
  console.warn(`[contenu] document ${documentId} : éléments hors du schéma ignorés (${skipped.join(", ")})`);
