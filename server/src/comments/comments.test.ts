/**
 * Comments through HTTP, with the text written by the stock y-websocket client: anchors that
 * follow their words through concurrent edits, deleted passages, mentions and notifications.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { loadYDoc } from "../documents/content.js";
import { connect, fragmentText, synced, until, type Peer } from "../collab/test-helpers.js";

let server: TestServer;
let grandSud: string;
let membre: Client;
let pilote: Client;
let national: Client;
let lecteur: Client;
const peers: Peer[] = [];
const SENTENCE = "Les partenaires du territoire se mobilisent pour l'accueil";
const QUOTE = "partenaires du territoire";

beforeAll(async () => {
  server = await startTestServer();
  grandSud = await spaceId(server, "grand-sud");
  membre = await server.as("membre.grand-sud@atelier.test");
  pilote = await server.as("pilote.grand-sud@atelier.test");
  national = await server.as("national@atelier.test");
  lecteur = await server.as("lecteur.grand-sud@atelier.test");
});
afterEach(() => peers.splice(0).forEach((p) => p.destroy()));
afterAll(() => server.close());

const idOf = async (email: string) =>
  (await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]))[0]!.id;

const stored = async (documentId: string) => {
  const doc = await loadYDoc(server.services.db, documentId);
  try {
    return fragmentText(doc);
  } finally {
    doc.destroy();
  }
};

/** A document with SENTENCE written by the membre through the socket; the peer stays open. */
async function documentWithSentence() {
  const r = await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Livrable commenté", kind: "livrable" });
  const id = r.body.document.id as string;
  const a = connect(server.url, membre, id);
  peers.push(a);
  await synced(a);
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(SENTENCE)]);
  a.doc.getXmlFragment("default").push([p]);
  await until("enregistré", async () => (await stored(id)).includes("mobilisent"));
  return { id, a, text: p.get(0) as Y.XmlText };
}

const b64 = (pos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(pos)).toString("base64");

/** The anchor a client makes from its selection of `quote` in `text`. */
function anchorOn(text: Y.XmlText, quote = QUOTE) {
  const start = text.toString().indexOf(quote);
  return {
    from: b64(Y.createRelativePositionFromTypeIndex(text, start)),
    to: b64(Y.createRelativePositionFromTypeIndex(text, start + quote.length, -1)),
  };
}

describe("comments", () => {
  it("keeps a thread on the same words through concurrent inserts before it, and says when they are deleted", async () => {
    const { id, a, text } = await documentWithSentence();
    const created = await national.post(`/api/documents/${id}/comments`, {
      anchor: anchorOn(text),
      quote: QUOTE,
      body: "Lesquels ? Citez-les.",
    });
    expect(created.status).toBe(201);
    expect(created.body.thread).toMatchObject({ quote: QUOTE, status: "open", anchorState: { deleted: false, text: QUOTE } });

    // Another editor inserts before the words, in the paragraph and above it, while A types too.
    const b = connect(server.url, pilote, id);
    peers.push(b);
    await synced(b);
    const bText = (b.doc.getXmlFragment("default").toArray().at(-1) as Y.XmlElement).get(0) as Y.XmlText;
    bText.insert(0, "Dans le Var, ");
    const before = new Y.XmlElement("paragraph");
    before.insert(0, [new Y.XmlText("Un paragraphe inséré avant")]);
    b.doc.getXmlFragment("default").insert(2, [before]);
    text.insert(4, "nombreux ");
    text.insert(text.length, " des familles.");
    await until("convergence", async () => {
      const s = await stored(id);
      return s.includes("Dans le Var") && s.includes("nombreux") && s.includes("familles") && s.includes("inséré avant");
    });
    const list = await lecteur.get(`/api/documents/${id}/comments`);
    expect(list.body.threads).toHaveLength(1);
    expect(list.body.threads[0].anchorState).toEqual({ deleted: false, text: QUOTE });
    expect(list.body.can).toEqual({ comment: true });

    // The commented words are deleted: the thread says so.
    const start = text.toString().indexOf(QUOTE);
    text.delete(start - 1, QUOTE.length + 2);
    await until("enregistré", async () => !(await stored(id)).includes(QUOTE));
    const after = await lecteur.get(`/api/documents/${id}/comments`);
    expect(after.body.threads[0].anchorState).toEqual({ deleted: true, text: "" });
    expect(fragmentText(a.doc)).not.toContain(QUOTE);
  });

  it("replies, resolves and reopens; lecteurs and contributeurs comment too, strangers do not", async () => {
    const { id, text } = await documentWithSentence();
    const partenaire = await server.as("partenaire@atelier.test");
    const t = await partenaire.post(`/api/documents/${id}/comments`, { anchor: anchorOn(text), quote: QUOTE, body: "Et nous ?" });
    expect(t.status).toBe(201);
    const threadId = t.body.thread.id;
    const r = await lecteur.post(`/api/documents/${id}/comments/${threadId}/replies`, { body: "Bonne question." });
    expect(r.status).toBe(201);
    expect(r.body.thread.comments.map((c: any) => c.body)).toEqual(["Et nous ?", "Bonne question."]);
    const resolved = await pilote.post(`/api/documents/${id}/comments/${threadId}/resolve`);
    expect(resolved.body.thread).toMatchObject({ status: "resolved", resolvedBy: { id: await idOf("pilote.grand-sud@atelier.test") } });
    expect((await lecteur.get(`/api/documents/${id}/comments?status=open`)).body.threads).toHaveLength(0);
    expect((await lecteur.get(`/api/documents/${id}/comments?status=resolved`)).body.threads).toHaveLength(1);
    const reopened = await partenaire.post(`/api/documents/${id}/comments/${threadId}/reopen`);
    expect(reopened.body.thread).toMatchObject({ status: "open", resolvedBy: null, resolvedAt: null });
    const stranger = await server.as("membre.sud-ouest@atelier.test");
    expect((await stranger.get(`/api/documents/${id}/comments`)).status).toBe(403);
    expect((await stranger.post(`/api/documents/${id}/comments/${threadId}/replies`, { body: "Moi" })).status).toBe(403);
  });

  it("validates mentions and tells the mentioned, the thread's participants and the document's writers", async () => {
    const { id, text } = await documentWithSentence();
    const lecteurId = await idOf("lecteur.grand-sud@atelier.test");
    const outsider = await idOf("membre.sud-ouest@atelier.test");
    const refused = await national.post(`/api/documents/${id}/comments`, {
      anchor: anchorOn(text),
      quote: QUOTE,
      body: "@Sud-Ouest voyez ceci",
      mentions: [outsider],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_mention");
    expect((await server.services.db.query("SELECT 1 FROM comment_threads WHERE document_id = $1", [id])).length).toBe(0);

    const people = (await national.get(`/api/documents/${id}/mentionable`)).body.people.map((p: any) => p.id);
    expect(people).toContain(lecteurId);
    expect(people).not.toContain(outsider);

    const t = await national.post(`/api/documents/${id}/comments`, {
      anchor: anchorOn(text),
      quote: QUOTE,
      body: "@Lecteur pour information",
      mentions: [lecteurId],
    });
    expect(t.status).toBe(201);
    expect(t.body.thread.comments[0].mentions).toEqual([{ id: lecteurId, name: expect.any(String) }]);
    await pilote.post(`/api/documents/${id}/comments/${t.body.thread.id}/replies`, { body: "Noté." });

    const kinds = async (email: string) =>
      (
        await server.services.db.query<{ kind: string }>(
          "SELECT kind FROM notifications WHERE document_id = $1 AND user_id = $2 ORDER BY created_at",
          [id, await idOf(email)],
        )
      ).map((n) => n.kind);
    expect(await kinds("lecteur.grand-sud@atelier.test")).toEqual(["mention"]);
    // The membre wrote the text: told of the comment and of the reply, as comments.
    expect(await kinds("membre.grand-sud@atelier.test")).toEqual(["comment", "comment"]);
    expect(await kinds("national@atelier.test")).toEqual(["reply"]);
    expect(await kinds("pilote.grand-sud@atelier.test")).toEqual([]);
  });

  it("refuses bad input: bad anchors, too long bodies, unknown threads", async () => {
    const { id, text } = await documentWithSentence();
    const post = (body: unknown) => national.post(`/api/documents/${id}/comments`, body);
    const anchor = anchorOn(text);
    expect((await post({ anchor: { from: "pas de base64 !", to: anchor.to }, quote: QUOTE, body: "x" })).status).toBe(400);
    expect((await post({ anchor: { from: "AAAA", to: anchor.to }, quote: QUOTE, body: "x" })).status).toBe(400);
    // An empty range: nothing is commented.
    expect((await post({ anchor: { from: anchor.from, to: anchor.from }, quote: QUOTE, body: "x" })).status).toBe(400);
    // A position in another document.
    const elsewhere = new Y.Doc();
    const t2 = new Y.XmlText("ailleurs");
    elsewhere.getXmlFragment("default").push([t2]);
    const foreign = { from: b64(Y.createRelativePositionFromTypeIndex(t2, 0)), to: b64(Y.createRelativePositionFromTypeIndex(t2, 4)) };
    expect((await post({ anchor: foreign, quote: "ailleurs", body: "x" })).status).toBe(400);
    expect((await post({ anchor, quote: QUOTE, body: "x".repeat(5001) })).status).toBe(400);
    expect((await post({ anchor, quote: QUOTE, body: "  " })).status).toBe(400);
    expect((await post({ anchor, quote: QUOTE, body: "ok", mentions: ["pas-un-id"] })).status).toBe(400);
    expect((await national.post(`/api/documents/${id}/comments/${crypto.randomUUID()}/replies`, { body: "x" })).status).toBe(404);
    expect((await national.post(`/api/documents/${id}/comments/nimporte/resolve`)).status).toBe(404);
    expect((await server.services.db.query("SELECT 1 FROM comment_threads WHERE document_id = $1", [id])).length).toBe(0);
  });
});
