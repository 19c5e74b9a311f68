/**
 * The defects of issue 9, one test each: what a client sends never stops the process nor leaves
 * a document half alive, and a socket writes nothing once its right is gone.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { COLLAB_CLOSE } from "@atelier/shared";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { MESSAGE_AWARENESS, MESSAGE_SYNC, SYNC_UPDATE } from "./protocol.js";
import { connect, formatOffline, formatted, readStored, synced, until, upgradeStatus, type Peer } from "./test-helpers.js";

let server: TestServer;
let membre: Client;
let grandSud: string;
const peers: Peer[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ COLLAB_CONN_MESSAGES_PER_SECOND: "20", COLLAB_MAX_AWARENESS_BYTES: "4096" });
  membre = await server.as("membre.grand-sud@atelier.test");
  grandSud = await spaceId(server, "grand-sud");
});
afterEach(() => {
  peers.splice(0).forEach((p) => p.destroy());
  sockets.splice(0).forEach((s) => s.terminate());
});

async function newDocument() {
  return (await membre.post(`/api/spaces/${grandSud}/documents`, { title: "Robustesse", kind: "synthese" })).body.document.id as string;
}

function peer(documentId: string, client: Client = membre) {
  const p = connect(server.url, client, documentId);
  peers.push(p);
  return p;
}

const storedText = (id: string) => readStored(server.services.db, id, (d) => d.getText("t").toString());

/** A raw socket as `client`, greeted; every frame it receives is kept. */
async function raw(documentId: string, client: Client = membre) {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/collab/${documentId}`, {
    headers: { origin: client.origin, cookie: client.cookieHeader },
  });
  sockets.push(ws);
  const received: Uint8Array[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on("error", () => {});
  ws.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
  await until("accueil", () => received.length > 0);
  return { ws, closed, received };
}

const syncUpdate = (update: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
};

describe("the upgrade", () => {
  it("answers malformed paths with a clean 400 or 404 and stays up", async () => {
    for (const path of ["/collab/%FF", "/collab/%", "/collab/%ZZ", "/collab/%E0%A4%A", "/collab/%C0%AF"]) {
      expect(await upgradeStatus(server.url, membre.origin, path), path).toBe("HTTP/1.1 400 Bad Request");
    }
    expect(await upgradeStatus(server.url, membre.origin, "//")).toBe("HTTP/1.1 404 Not Found");
    expect((await membre.get("/api/health")).status).toBe(200);
  });
});

describe("updates made by nobody", () => {
  it("stores and relays Yjs's formatting cleanup: two and three clients formatting the same words offline", async () => {
    for (const n of [2, 3]) {
      const id = await newDocument();
      const group = Array.from({ length: n }, () => peer(id));
      await formatOffline(group, () => readStored(server.services.db, id, formatted));
      // A newcomer reads the same.
      const late = peer(id);
      await synced(late);
      expect(formatted(late.doc)).toBe(formatted(group[0]!.doc));
    }
    expect((await membre.get("/api/health")).status).toBe(200);
  });
});

// Building and walking 5,000 levels takes seconds on a loaded machine.
describe("depth", { timeout: 120_000 }, () => {
  /** An update nesting `depth` elements in the default fragment. */
  const nested = (depth: number) => {
    const doc = new Y.Doc();
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment("default");
    for (let i = 0; i < depth; i++) {
      const el = new Y.XmlElement("blockquote");
      parent.insert(0, [el]);
      parent = el;
    }
    return Y.encodeStateAsUpdate(doc);
  };

  it("refuses a structure nested past the limit with its own close, before applying it", async () => {
    const id = await newDocument();
    const [a, b] = [peer(id), peer(id)];
    await Promise.all([a, b].map(synced));
    const ok = await raw(id);
    ok.ws.send(syncUpdate(nested(60)));
    const deep = await raw(id);
    deep.ws.send(syncUpdate(nested(5000)));
    expect((await deep.closed).code).toBe(COLLAB_CLOSE.tooDeep.code);
    // The document goes on, and reads as HTML and text.
    a.doc.getText("t").insert(0, "toujours là");
    await until("relayé", () => b.doc.getText("t").toString() === "toujours là");
    expect(await storedText(id)).toBe("toujours là");
    const depthOf = (el: Y.XmlFragment | Y.XmlElement): number =>
      Math.max(0, ...el.toArray().map((child) => (child instanceof Y.XmlElement ? 1 + depthOf(child) : 0)));
    // The 60 levels went in beside the template; the 5,000 did not.
    expect(await readStored(server.services.db, id, (doc) => depthOf(doc.getXmlFragment("default")))).toBe(60);
    for (const format of ["html", "text"]) expect((await membre.get(`/api/documents/${id}/content?format=${format}`)).status).toBe(200);
  });

  it("closes a document whose update cannot be applied, and reopens it from the database", async () => {
    // Stored before the limit existed: deleting its root overflows the stack inside Yjs.
    const id = await newDocument();
    const author = new Y.Doc();
    Y.applyUpdate(author, nested(5000));
    await server.services.db.tx((q) => server.services.content.store(q, id, [Y.encodeStateAsUpdate(author)]));
    // Its only client wrote the root at clock 0.
    author.clientID = [...author.store.clients.keys()][0]!;
    const [a, b] = [peer(id), peer(id)];
    await Promise.all([a, b].map(synced));
    // Deleting it here would overflow too: the deletion of the root, written by hand (no structs, one range).
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, author.clientID);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 1);
    const breaker = await raw(id);
    breaker.ws.send(syncUpdate(encoding.toUint8Array(e)));
    expect((await breaker.closed).code).toBe(COLLAB_CLOSE.documentFailed.code);
    // The others were closed too, came back to a room reloaded from the database, and go on.
    await until("les autres fermés", () => a.closes.length > 0 && b.closes.length > 0);
    expect(a.closes[0]!.code).toBe(COLLAB_CLOSE.documentFailed.code);
    a.doc.getText("t").insert(0, "après la réouverture");
    await until("relayé", () => b.doc.getText("t").toString() === "après la réouverture", 15_000);
    expect(await storedText(id)).toBe("après la réouverture");
    const late = peer(id);
    await synced(late);
    expect(late.doc.getText("t").toString()).toBe("après la réouverture");
  });
});

describe("pending updates", () => {
  it("neither serves nor stores an update whose dependency is missing, and applies it once it comes", async () => {
    const id = await newDocument();
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on("update", (u: Uint8Array) => updates.push(u));
    author.getText("t").insert(0, "premier ");
    author.getText("t").insert(8, "second");
    const sender = await raw(id);
    sender.ws.send(syncUpdate(updates[1]!));
    // A newcomer after it: nothing of the incomplete update reaches it.
    const late = peer(id);
    await synced(late);
    expect(late.doc.store.pendingStructs).toBeNull();
    expect(await storedText(id)).toBe("");
    sender.ws.send(syncUpdate(updates[0]!));
    await until("complété et relayé", () => late.doc.getText("t").toString() === "premier second");
    expect(await storedText(id)).toBe("premier second");
  });
});

describe("the end of a right", () => {
  it("stores nothing sent after a logout was answered, and closes the socket as an ended session", async () => {
    const id = await newDocument();
    const c = await server.as("membre.grand-sud@atelier.test");
    const writer = peer(id, c);
    await synced(writer);
    writer.doc.getText("t").insert(0, "avant ");
    await until("stocké", async () => (await storedText(id)) === "avant ");
    expect((await c.post("/api/auth/logout")).status).toBe(204);
    // Typed right after the answer, while the client may still believe itself connected.
    writer.doc.getText("t").insert(6, "après");
    await until("fermée", () => writer.closes.length > 0, 5000);
    expect(writer.closes[0]!.code).toBe(COLLAB_CLOSE.unauthenticated.code);
    expect(await storedText(id)).toBe("avant ");
  });
});

describe("presence", () => {
  it("refuses a lecteur's presence under an editor's client id", async () => {
    const id = await newDocument();
    const editor = peer(id);
    const watcher = peer(id);
    await Promise.all([editor, watcher].map(synced));
    editor.provider.awareness.setLocalStateField("user", { name: "Rédactrice" });
    const editorId = editor.doc.clientID;
    await until("présence vue", () => watcher.provider.awareness.getStates().get(editorId)?.user?.name === "Rédactrice");
    const lecteur = await raw(id, await server.as("lecteur.grand-sud@atelier.test"));
    // Its own awareness, given the editor's id and a newer clock: "gone" for everyone.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, (() => {
      const u = encoding.createEncoder();
      encoding.writeVarUint(u, 1);
      encoding.writeVarUint(u, editorId);
      encoding.writeVarUint(u, 1_000_000);
      encoding.writeVarString(u, "null");
      return encoding.toUint8Array(u);
    })());
    lecteur.ws.send(encoding.toUint8Array(e));
    // A later change of the editor's reaches the watcher: the fake one did not replace it.
    editor.provider.awareness.setLocalStateField("user", { name: "Rédactrice", color: "bleu" });
    await until("présence suivante", () => watcher.provider.awareness.getStates().get(editorId)?.user?.color === "bleu");
    expect(watcher.provider.awareness.getStates().get(editorId)?.user?.name).toBe("Rédactrice");
  });

  it("closes a connection whose presence is too large", async () => {
    const id = await newDocument();
    const flooder = peer(id);
    await synced(flooder);
    flooder.provider.awareness.setLocalStateField("filler", "x".repeat(5000));
    await until("fermée", () => flooder.closes.length > 0);
    expect(flooder.closes[0]!.code).toBe(COLLAB_CLOSE.badMessage.code);
  });
});

describe("budgets", () => {
  it("slows a connection that floods valid updates, and loses none of them", async () => {
    const id = await newDocument();
    const watcher = peer(id);
    await synced(watcher);
    const { ws } = await raw(id);
    const author = new Y.Doc();
    author.on("update", (u: Uint8Array) => ws.send(syncUpdate(u)));
    // 200 updates at once against a budget of 20 a second (a burst of 40).
    for (let i = 0; i < 200; i++) author.getText("t").insert(0, "x");
    const start = Date.now();
    await until("premières reçues", () => watcher.doc.getText("t").length > 0);
    await new Promise((r) => setTimeout(r, Math.max(0, start + 1000 - Date.now())));
    expect(watcher.doc.getText("t").length).toBeLessThan(120);
    await until("toutes reçues", () => watcher.doc.getText("t").length === 200, 20_000);
  }, 40_000);
});
