import * as Y from "yjs";
import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { READERS as readers } from "../../test/matrix/profiles.js";
import { loadYDoc } from "../documents/content.js";

const b64 = (pos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(pos)).toString("base64");

/** A document the admin creates in the space, and an anchor on its first heading's text. */
async function documentIn({ admin, spaceId, server }: MatrixContext) {
  const d = await admin.post(`/api/spaces/${spaceId}/documents`, { title: "Document commenté", kind: "livrable" });
  if (d.status !== 201) throw new Error(`création : ${d.status} ${JSON.stringify(d.body)}`);
  const documentId = d.body.document.id as string;
  const doc = await loadYDoc(server.services.db, documentId);
  const heading = doc.getXmlFragment("default").toArray().find((n) => n instanceof Y.XmlElement) as Y.XmlElement;
  const text = heading.get(0) as Y.XmlText;
  const anchor = { from: b64(Y.createRelativePositionFromTypeIndex(text, 0)), to: b64(Y.createRelativePositionFromTypeIndex(text, 4)) };
  doc.destroy();
  return { documentId, anchor, quote: text.toString().slice(0, 4) };
}

/** A document with one thread the admin opened. */
async function threadIn(ctx: MatrixContext) {
  const { documentId, anchor, quote } = await documentIn(ctx);
  const t = await ctx.admin.post(`/api/documents/${documentId}/comments`, { anchor, quote, body: "Premier commentaire" });
  if (t.status !== 201) throw new Error(`discussion : ${t.status} ${JSON.stringify(t.body)}`);
  return { documentId, threadId: t.body.thread.id as string };
}

export const rows: MatrixRow[] = [
  {
    action: "lire les commentaires d'un document",
    run: async (ctx) => ctx.client.get(`/api/documents/${(await threadIn(ctx)).documentId}/comments`),
    expect: readers,
  },
  {
    action: "commenter un passage",
    run: async (ctx) => {
      const { documentId, anchor, quote } = await documentIn(ctx);
      return ctx.client.post(`/api/documents/${documentId}/comments`, { anchor, quote, body: "Un avis" });
    },
    expect: readers,
  },
  {
    action: "répondre à une discussion",
    run: async (ctx) => {
      const { documentId, threadId } = await threadIn(ctx);
      return ctx.client.post(`/api/documents/${documentId}/comments/${threadId}/replies`, { body: "Une réponse" });
    },
    expect: readers,
  },
  {
    action: "résoudre une discussion",
    run: async (ctx) => {
      const { documentId, threadId } = await threadIn(ctx);
      return ctx.client.post(`/api/documents/${documentId}/comments/${threadId}/resolve`);
    },
    expect: readers,
  },
  {
    action: "rouvrir une discussion",
    run: async (ctx) => {
      const { documentId, threadId } = await threadIn(ctx);
      await ctx.admin.post(`/api/documents/${documentId}/comments/${threadId}/resolve`);
      return ctx.client.post(`/api/documents/${documentId}/comments/${threadId}/reopen`);
    },
    expect: readers,
  },
  {
    action: "lister les personnes à mentionner",
    run: async (ctx) => ctx.client.get(`/api/documents/${(await documentIn(ctx)).documentId}/mentionable`),
    expect: readers,
  },
];
