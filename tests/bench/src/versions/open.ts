/**
 * Opening a version of a document the size of the Sud-Ouest bilan (54 kB of Markdown), typed as
 * an editor would (a few characters per update, some words retyped), then compacted as the
 * server does: time to read the version (HTML + text) and to compare it with the current text.
 *
 *   cd tests/bench && node --import tsx src/versions/open.ts [DATABASE_URL]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as Y from "yjs";
import { compactLog } from "../../../../server/src/documents/content.js";
import { REPO } from "../collab/servers.js";
import { demoServer } from "../demo-server.js";

const FIXTURE = path.join(REPO, "..", "shared", "fixtures", "egts", "bilan-assises-territoriales-sud-ouest.md");
const RUNS = 20;

/** The bilan typed into a Y.Doc: one update per few characters, as the editor sends them. */
function typed(markdown: string): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const fragment = doc.getXmlFragment("default");
  markdown
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const heading = /^(#{1,3}) (.*)$/.exec(line);
      const block = new Y.XmlElement(heading ? "heading" : "paragraph");
      if (heading) block.setAttribute("level", String(heading[1]!.length) as never);
      const text = new Y.XmlText();
      block.insert(0, [text]);
      fragment.push([block]);
      const content = heading ? heading[2]! : line;
      for (let k = 0; k < content.length; k += 12) text.insert(k, content.slice(k, k + 12));
      // Every tenth paragraph, a word typed again.
      if (i % 10 === 0 && content.length > 20) {
        text.delete(5, 8);
        text.insert(5, content.slice(5, 13));
      }
    });
  return updates;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<Response>): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = await fn();
    if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
    await r.arrayBuffer();
    ms.push(performance.now() - t);
  }
  return ms;
}

async function main() {
  const demo = await demoServer("versions", process.argv[2]);
  const { app, base } = demo;
  try {
    const headers = await demo.logIn("membre.grand-sud@atelier.test");
    const spaces = (await (await fetch(`${base}/api/spaces`, { headers })).json()) as { spaces: { id: string; slug: string }[] };
    const spaceId = spaces.spaces.find((s) => s.slug === "grand-sud")!.id;
    const created = await fetch(`${base}/api/spaces/${spaceId}/documents`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: "Bilan des assises Sud-Ouest", kind: "compte-rendu" }),
    });
    const documentId = ((await created.json()) as { document: { id: string } }).document.id;

    const updates = typed(await readFile(FIXTURE, "utf8"));
    // Stored as the log the server would have written (many rows at once, to keep the set-up short).
    for (let i = 0; i < updates.length; i += 2000) {
      const batch = updates.slice(i, i + 2000);
      const values = batch.map((_, k) => `($1, $${k + 2})`).join(", ");
      await app.services.db.query(`INSERT INTO document_updates (document_id, data) VALUES ${values}`, [documentId, ...batch]);
    }
    await compactLog(app.services.db, documentId);
    const v = await fetch(`${base}/api/documents/${documentId}/versions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "présentée au COPIL" }),
    });
    const versionId = ((await v.json()) as { version: { id: string } }).version.id;
    const [size] = await app.services.db.query<{ bytes: number }>(
      "SELECT octet_length(state) AS bytes FROM document_versions WHERE id = $1",
      [versionId],
    );

    const open = await timed(() => fetch(`${base}/api/documents/${documentId}/versions/${versionId}`, { headers }));
    const diff = await timed(() => fetch(`${base}/api/documents/${documentId}/versions/${versionId}/diff?against=current`, { headers }));
    const list = await timed(() => fetch(`${base}/api/documents/${documentId}/versions`, { headers }));
    const round = (x: number) => Math.round(x * 10) / 10;
    console.log(
      JSON.stringify(
        {
          database: app.services.db.kind,
          updatesTyped: updates.length,
          snapshotBytes: size!.bytes,
          openVersionMs: { median: round(median(open)), max: round(Math.max(...open)) },
          diffAgainstCurrentMs: { median: round(median(diff)), max: round(Math.max(...diff)) },
          listVersionsMs: { median: round(median(list)), max: round(Math.max(...list)) },
        },
        null,
        2,
      ),
    );
  } finally {
    await demo.close();
  }
}

await main();
