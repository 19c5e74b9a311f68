/** The answer to the link of a document the person cannot read: its committee (not its title), and the request. */
import { useCallback } from "react";
import { committeeOfDocument } from "./api";
import { Refusal } from "./Refusal";

export function DocumentAccessDenied({ documentId }: { documentId: string }) {
  const load = useCallback(() => committeeOfDocument(documentId), [documentId]);
  return <Refusal what="document" load={load} />;
}
