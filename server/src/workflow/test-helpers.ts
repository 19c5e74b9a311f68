/** For the workflow, dashboard and notification tests: documents at a given status, moved through HTTP. */
import type { DocumentKind, DocumentStatus } from "@atelier/shared";
import { spaceId, type Client, type TestServer } from "../../test/harness.js";

export const PILOTE = "pilote.grand-sud@atelier.test";
export const MEMBRE = "membre.grand-sud@atelier.test";
export const NATIONAL = "national@atelier.test";
export const ADMIN = "admin@atelier.test";

/** The moves that lead from a draft to each status, each by someone allowed to make it. */
export const PATH_TO: Record<DocumentStatus, [DocumentStatus, string][]> = {
  brouillon: [],
  "en-relecture": [["en-relecture", MEMBRE]],
  valide: [["en-relecture", MEMBRE], ["valide", PILOTE]],
  transmis: [["en-relecture", MEMBRE], ["valide", PILOTE], ["transmis", PILOTE]],
  "modifications-demandees": [
    ["en-relecture", MEMBRE],
    ["valide", PILOTE],
    ["transmis", PILOTE],
    ["modifications-demandees", NATIONAL],
  ],
};

export async function newDocument(
  server: TestServer,
  opts: { kind?: DocumentKind; title?: string; space?: string; themes?: string[]; by?: string } = {},
): Promise<string> {
  const client = await server.as(opts.by ?? MEMBRE);
  const r = await client.post(`/api/spaces/${await spaceId(server, opts.space ?? "grand-sud")}/documents`, {
    title: opts.title ?? "Livrable du COPIL",
    kind: opts.kind ?? "livrable",
    themes: opts.themes ?? [],
  });
  if (r.status !== 201) throw new Error(`création : ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.document.id;
}

/** Moves a document along PATH_TO, each move by its usual role, or all by `by` (an admin may make them all). */
export async function moveTo(server: TestServer, documentId: string, status: DocumentStatus, by?: string) {
  const clients = new Map<string, Client>();
  for (const [to, usual] of PATH_TO[status]) {
    const email = by ?? usual;
    if (!clients.has(email)) clients.set(email, await server.as(email));
    await moveOne(clients.get(email)!, documentId, to);
  }
}

/** Moves a document along PATH_TO, every move by this client (an admin's, for the matrix rows). */
export async function moveAllBy(client: Client, documentId: string, status: DocumentStatus) {
  for (const [to] of PATH_TO[status]) await moveOne(client, documentId, to);
}

async function moveOne(client: Client, documentId: string, to: DocumentStatus) {
  const comment = to === "modifications-demandees" ? "Merci de compléter la partie diagnostic." : undefined;
  const r = await client.post(`/api/documents/${documentId}/status`, { to, comment });
  if (r.status !== 200) throw new Error(`${to} : ${r.status} ${JSON.stringify(r.body)}`);
}

/** A new document (a livrable of Grand-Sud unless said otherwise) brought to that status. */
export async function documentAt(
  server: TestServer,
  status: DocumentStatus,
  opts: Parameters<typeof newDocument>[1] & { movedBy?: string } = {},
) {
  const id = await newDocument(server, opts);
  await moveTo(server, id, status, opts.movedBy);
  return id;
}
