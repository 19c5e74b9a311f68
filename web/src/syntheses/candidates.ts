import { type DashboardDocument, type DashboardReply } from "@atelier/shared";

/** A document of a territory or a region that a synthèse may gather, with its committee. */
export interface Candidate extends DashboardDocument {
  spaceName: string;
}

/** The dashboard's documents, each with its committee's name, in the table's order. */
export const candidatesOf = (data: DashboardReply): Candidate[] =>
  data.territories.flatMap((t) => [t, ...t.regions]).flatMap((s) => s.documents.map((d) => ({ ...d, spaceName: s.name })));
