/** What the search tests share: fixture texts typed into documents through the WebSocket, and waiting for the index. */
import { readFile } from "node:fs/promises";
import * as Y from "yjs";
import type { Client, TestServer } from "../../test/harness.js";
import { connect, synced, until } from "../collab/test-helpers.js";

export const FIXTURES = new URL("../../../../shared/fixtures/egts/", import.meta.url);
export const fixture = (name: string) => readFile(new URL(name, FIXTURES), "utf8");

export interface Block {
  heading?: number;
  text: string;
}

/** A Markdown or plain text as the editor's blocks: `#` lines are headings, the rest paragraphs (HTML tags and emphasis marks dropped). */
export function blocksOf(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.replace(/<[^>]+>/g, " ").replace(/\*\*|\[bookmark: [^\]]*\]/g, "").trim())
    .filter(Boolean)
    .map((chunk) => {
      const h = /^(#{1,3})\s+(.*)$/s.exec(chunk);
      return h ? { heading: h[1]!.length, text: h[2]!.replace(/\s+/g, " ").trim() } : { text: chunk };
    })
    .filter((b) => b.text);
}

/** Creates a document as the client, then types the blocks into it through the stock y-websocket client. */
export async function typeDocument(server: TestServer, client: Client, spaceId: string, title: string, blocks: Block[]) {
  const r = await client.post(`/api/spaces/${spaceId}/documents`, { title, kind: "compte-rendu" });
  if (r.status !== 201) throw new Error(`création du document : ${r.status} ${JSON.stringify(r.body)}`);
  const id: string = r.body.document.id;
  const peer = connect(server.url, client, id);
  try {
    await synced(peer);
    peer.doc.transact(() => {
      peer.doc.getXmlFragment("default").push(
        blocks.map((b) => {
          const el = new Y.XmlElement(b.heading ? "heading" : "paragraph");
          if (b.heading) el.setAttribute("level", b.heading as unknown as string);
          el.insert(0, [new Y.XmlText(b.text)]);
          return el;
        }),
      );
    });
    const last = blocks.at(-1)!.text.slice(0, 40);
    await indexedWith(server, id, last);
  } finally {
    peer.destroy();
  }
  return id;
}

/** Resolves once the item's entry holds this text (the worker indexed what was stored). */
export async function indexedWith(server: TestServer, id: string, text: string, ms = 15_000) {
  await until(
    `indexation de ${id}`,
    async () => (await server.services.db.query("SELECT 1 FROM search_entries WHERE id = $1 AND strpos(body, $2) > 0", [id, text])).length > 0,
    ms,
  );
}

/** Resolves once nothing is left to index. */
export async function queueEmpty(server: TestServer, ms = 15_000) {
  await until("file d'indexation vide", async () => (await server.services.db.query("SELECT 1 FROM search_queue LIMIT 1")).length === 0, ms);
}

export const searchFor = (client: Client, params: Record<string, string>) =>
  client.get(`/api/search?${new URLSearchParams(params)}`);
