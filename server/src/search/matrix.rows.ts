/**
 * Search through the matrix: anyone signed in may search, and finds a committee's documents,
 * files and comments exactly where they may read them. An actor who may not read the space
 * searching for words that exist only there gets nothing: no result, a total of zero, no facet
 * value, no suggestion ("N"); a partial leak (a count without the result) fails the row.
 */
import { randomBytes } from "node:crypto";
import * as Y from "yjs";
import type { Reply } from "../../test/harness.js";
import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { PILOTES as pilotes, READERS as readers, SIGNED_IN as signedIn } from "../../test/matrix/profiles.js";
import { until } from "../collab/test-helpers.js";
import { loadYDoc } from "../documents/content.js";
import { upload } from "../files/test-helpers.js";

/** A word no text of the seed holds (letters only, so that it is one word for the parser). */
const uniqueWord = () => `zq${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join("")}`;

async function indexed(ctx: MatrixContext, id: string, word: string) {
  await until(`indexation de « ${word} »`, async () =>
    (await ctx.server.services.db.query("SELECT 1 FROM search_entries WHERE id = $1 AND tsv @@ plainto_tsquery('atelier_fr', $2)", [id, word]))
      .length > 0,
  );
}

/** Y when the actor finds the item by every word, N when every search shows nothing of it at all. */
async function finds(ctx: MatrixContext, id: string, words: string[], { trash = false, titled = true } = {}): Promise<Reply> {
  const seen: boolean[] = [];
  for (const word of words) {
    const r = await ctx.client.get(`/api/search?${new URLSearchParams({ q: word, ...(trash ? { scope: "trash" } : {}) })}`);
    if (r.status !== 200) return r;
    const sees = r.body.results.some((x: { id: string }) => x.id === id);
    const counted = r.body.total > 0 || Object.values(r.body.facets as Record<string, unknown[]>).some((values) => values.length > 0);
    if (sees !== counted || (sees && r.body.total !== 1)) return { ...r, status: 500 };
    seen.push(sees);
    // What is in the trash is found with its filter only.
    if (trash) {
      const outside = await ctx.client.get(`/api/search?${new URLSearchParams({ q: word })}`);
      if (outside.body.total !== 0) return { ...outside, status: 500 };
    }
  }
  if (titled && !trash) {
    const s = await ctx.client.get(`/api/search/suggest?${new URLSearchParams({ q: words[0]!.slice(0, 7) })}`);
    seen.push(s.body.suggestions.some((x: { id: string }) => x.id === id));
  }
  if (seen.every(Boolean)) return { status: 200, body: null, headers: new Headers() };
  if (!seen.some(Boolean)) return { status: 403, body: null, headers: new Headers() };
  return { status: 500, body: seen, headers: new Headers() };
}

/**
 * A document the admin creates in the space with a word in its title (its typed text is the
 * linguistics and live tests' matter: here it would wait for the typing delay 36 times a row).
 */
async function adminDocument(ctx: MatrixContext) {
  const word = uniqueWord();
  const d = await ctx.admin.post(`/api/spaces/${ctx.spaceId}/documents`, { title: `Relevé ${word}`, kind: "compte-rendu" });
  if (d.status !== 201) throw new Error(`création : ${d.status}`);
  const id: string = d.body.document.id;
  await indexed(ctx, id, word);
  return { id, words: [word] };
}

const b64 = (pos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(pos)).toString("base64");

/** An anchor on the first four letters of the document's first block, and their text. */
async function firstWords(ctx: MatrixContext, documentId: string) {
  const doc = await loadYDoc(ctx.server.services.db, documentId);
  try {
    const block = doc.getXmlFragment("default").toArray().find((n) => n instanceof Y.XmlElement) as Y.XmlElement;
    const text = block.get(0) as Y.XmlText;
    const anchor = { from: b64(Y.createRelativePositionFromTypeIndex(text, 0)), to: b64(Y.createRelativePositionFromTypeIndex(text, 4)) };
    return { anchor, quote: text.toString().slice(0, 4) };
  } finally {
    doc.destroy();
  }
}

export const rows: MatrixRow[] = [
  { action: "chercher", run: ({ client }) => client.get("/api/search?q=document"), expect: signedIn },
  { action: "avoir des suggestions en tapant", run: ({ client }) => client.get("/api/search/suggest?q=do"), expect: signedIn },
  {
    action: "trouver un document par les mots de son titre",
    run: async (ctx) => {
      const { id, words } = await adminDocument(ctx);
      return finds(ctx, id, words);
    },
    expect: readers,
  },
  {
    action: "trouver un fichier par les mots de son titre et de son contenu",
    run: async (ctx) => {
      const [inTitle, inBody] = [uniqueWord(), uniqueWord()];
      const r = await upload(ctx.admin, ctx.spaceId, "notes.txt", `Compte rendu : ${inBody} est à l'ordre du jour.`, { title: `Notes ${inTitle}` });
      if (r.status !== 201) throw new Error(`dépôt : ${r.status}`);
      await indexed(ctx, r.body.file.id, inBody);
      return finds(ctx, r.body.file.id, [inTitle, inBody]);
    },
    expect: readers,
  },
  {
    action: "trouver une discussion par les mots de ses commentaires",
    run: async (ctx) => {
      const word = uniqueWord();
      const { id: documentId } = await adminDocument(ctx);
      const t = await ctx.admin.post(`/api/documents/${documentId}/comments`, { ...(await firstWords(ctx, documentId)), body: `Et ${word} ?` });
      if (t.status !== 201) throw new Error(`discussion : ${t.status} ${JSON.stringify(t.body)}`);
      await indexed(ctx, t.body.thread.id, word);
      return finds(ctx, t.body.thread.id, [word], { titled: false });
    },
    expect: readers,
  },
  {
    action: "trouver un document dans la corbeille (et seulement là)",
    run: async (ctx) => {
      const { id, words } = await adminDocument(ctx);
      const t = await ctx.admin.delete(`/api/documents/${id}`);
      if (t.status !== 200) throw new Error(`corbeille : ${t.status}`);
      await until("retiré de l'index courant", async () =>
        (await ctx.server.services.db.query("SELECT 1 FROM search_entries WHERE id = $1 AND in_trash", [id])).length > 0,
      );
      return finds(ctx, id, words, { trash: true });
    },
    expect: pilotes,
  },
];
