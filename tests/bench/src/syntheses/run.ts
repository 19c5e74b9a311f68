/**
 * The national synthesis of the nine territories: each territory's livrable holds a third of the
 * Sud-Ouest bilan (54 kB of Markdown) in each of its three gathered sections, so that the synthèse
 * gathers about 9 × 54 kB. Times the creation (first run: a version of each source is made; then
 * their versions are reused) and one source's refresh, against a baseline measured in the same
 * run: reading the nine livrables' text through the API (what copying them by hand starts with).
 * Memory: the server process's RSS growth during each creation and refresh (sampled every 10 ms,
 * from a collected heap: `--expose-gc`), and the peak over the whole run.
 *
 *   cd tests/bench && node --expose-gc --import tsx src/syntheses/run.ts [DATABASE_URL]
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { contentUpdate, documentTemplate } from "../../../../packages/editor/src/index.js";
import { programme } from "@atelier/shared";
import { insertDocument } from "../../../../server/src/documents/queries.js";
import { REPO } from "../collab/servers.js";
import { demoServer } from "../demo-server.js";

const FIXTURE = path.join(REPO, "..", "shared", "fixtures", "egts", "bilan-assises-territoriales-sud-ouest.md");
const RUNS = 5;
const GATHERED = ["Premier état des lieux", "Pratiques inspirantes", "Leviers d'actions"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The livrable template with the bilan's paragraphs shared among the three gathered sections. */
function livrable(markdown: string, territory: string) {
  const lines = markdown.split("\n").map((l) => l.replace(/^#+\s*/, "").trim()).filter(Boolean);
  const third = Math.ceil(lines.length / 3);
  const template = documentTemplate("livrable");
  let under: string | undefined;
  const content = (template.content ?? []).flatMap((block) => {
    if (block.type === "heading") under = block.content?.[0]?.text;
    const at = under ? GATHERED.indexOf(under) : -1;
    if (block.type !== "paragraph" || at < 0) return [block];
    return lines.slice(at * third, (at + 1) * third).map((l) => ({ type: "paragraph", content: [{ type: "text", text: `${territory} : ${l}` }] }));
  });
  return { ...template, content };
}

async function main() {
  const demo = await demoServer("syntheses", process.argv[2]);
  const { app, base } = demo;
  try {
    const headers = await demo.logIn("national@atelier.test");
    const db = app.services.db;
    const [admin] = await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'admin@atelier.test'");
    const [national] = await db.query<{ id: string }>("SELECT id FROM spaces WHERE level = 'national'");
    const markdown = await readFile(FIXTURE, "utf8");

    const sources: string[] = [];
    for (const t of programme.territories) {
      const [space] = await db.query<{ id: string }>("SELECT id FROM spaces WHERE slug = $1", [t.slug]);
      const row = await db.tx((q) =>
        insertDocument(app.services, q, {
          spaceId: space!.id,
          title: `Livrable ${t.name}`,
          kind: "livrable",
          themes: [],
          userId: admin!.id,
          content: contentUpdate(livrable(markdown, t.name)),
        }),
      );
      sources.push(row.id);
    }

    const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
    const rssStart = process.memoryUsage().rss;
    let peak = rssStart;
    let opPeak = 0;
    const sampler = setInterval(() => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      opPeak = Math.max(opPeak, rss);
    }, 10);
    const growths: number[] = [];
    /** Times one request, its server-side memory growth from a collected heap kept in `growths`. */
    const timed = async (fn: () => Promise<Response>) => {
      collect();
      const before = process.memoryUsage().rss;
      opPeak = before;
      const t = performance.now();
      const r = await fn();
      if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
      await r.arrayBuffer();
      const ms = performance.now() - t;
      growths.push(Math.max(opPeak, process.memoryUsage().rss) - before);
      return ms;
    };

    const reading: number[] = [];
    const creating: number[] = [];
    const refreshing: number[] = [];
    let synthesisId = "";
    let textBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      for (const id of sources) {
        const r = await fetch(`${base}/api/documents/${id}/content`, { headers });
        textBytes = (await r.text()).length;
      }
      reading.push(performance.now() - t);
      creating.push(
        await timed(async () => {
          const r = await fetch(`${base}/api/spaces/${national!.id}/syntheses`, {
            method: "POST",
            headers,
            body: JSON.stringify({ title: `Synthèse des neuf territoires ${i + 1}`, sources }),
          });
          if (r.ok) synthesisId = ((await r.clone().json()) as { id: string }).id;
          return r;
        }),
      );
      refreshing.push(await timed(() => fetch(`${base}/api/documents/${synthesisId}/synthesis/sources/${sources[4]}/refresh`, { method: "POST", headers })));
    }
    clearInterval(sampler);
    const [size] = await db.query<{ bytes: number }>("SELECT sum(octet_length(data))::int AS bytes FROM document_updates WHERE document_id = $1", [synthesisId]);
    const baseline = median(reading);
    console.log(
      JSON.stringify(
        {
          database: db.kind,
          sources: sources.length,
          sourceTextChars: textBytes,
          synthesisStoredBytes: size!.bytes,
          baselineReadNineTextsMs: round(baseline),
          createFirstMs: round(creating[0]!),
          createMedianMs: round(median(creating)),
          createRatioToBaseline: round(median(creating) / baseline),
          refreshOneMedianMs: round(median(refreshing)),
          operationRssGrowthMaxMiB: mib(Math.max(...growths)),
          operationRssGrowthMedianMiB: mib(median(growths)),
          runRssGrowthMiB: mib(peak - rssStart),
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
