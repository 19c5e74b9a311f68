/**
 * Many documents open, mostly idle with some typing: memory per document and per connection,
 * and the server's CPU while people type here and there.
 */
import { measure, rssMiB } from "./procstat.js";
import type { BenchClient, RunningServer } from "./servers.js";
import { round, sleep, until } from "./stats.js";
import { appendParagraph, lastParagraphText } from "./ydoc.js";

export interface IdleResult {
  server: string;
  documents: number;
  connections: number;
  baselineMiB: number;
  perDocumentKiB: number;
  perConnectionKiB: number;
  typingCpuPercent: number;
  typingSeconds: number;
}

export async function idleRun(server: RunningServer, documents: number, clientsPerDoc: number, typingSeconds: number): Promise<IdleResult> {
  await sleep(1000);
  const baseline = rssMiB(server.pid);
  const names: string[] = [];
  for (let d = 0; d < documents; d++) names.push(await server.newDocument());
  const afterCreate = rssMiB(server.pid);

  // First one client per document (the document is loaded), then the others (connections only).
  const clients: BenchClient[][] = names.map((n) => [server.connect(n)]);
  await Promise.all(clients.map(([c]) => c!.synced));
  for (const [d, [c]] of clients.entries()) {
    c!.setPresence({ name: `Personne ${d}-0`, color: "#000091" });
    c!.doc.transact(() => appendParagraph(c!.doc));
  }
  await sleep(2000);
  const withDocs = rssMiB(server.pid);
  for (const [d, list] of clients.entries()) {
    for (let k = 1; k < clientsPerDoc; k++) {
      const c = server.connect(names[d]!);
      list.push(c);
    }
  }
  await Promise.all(clients.flat().map((c) => c.synced));
  clients.forEach((list, d) => list.forEach((c, k) => k > 0 && c.setPresence({ name: `Personne ${d}-${k}`, color: "#000091" })));
  await until("chaque client a le paragraphe", () => clients.flat().every((c) => lastParagraphText(c.doc) !== undefined));
  await sleep(2000);
  const withConns = rssMiB(server.pid);

  // Some typing: every 50 ms someone somewhere types a few characters.
  const { cpuPercent } = await measure(server.pid, async () => {
    const end = performance.now() + typingSeconds * 1000;
    while (performance.now() < end) {
      const list = clients[Math.floor(Math.random() * clients.length)]!;
      const c = list[Math.floor(Math.random() * list.length)]!;
      const text = lastParagraphText(c.doc);
      if (text) c.doc.transact(() => text.insert(Math.floor(Math.random() * (text.length + 1)), "abc"));
      await sleep(50);
    }
  });
  for (const c of clients.flat()) c.destroy();
  const extra = clientsPerDoc - 1;
  return {
    server: server.name,
    documents,
    connections: documents * clientsPerDoc,
    baselineMiB: round(baseline),
    perDocumentKiB: round(((withDocs - afterCreate) * 1024) / documents),
    perConnectionKiB: extra > 0 ? round(((withConns - withDocs) * 1024) / (documents * extra)) : NaN,
    typingCpuPercent: round(cpuPercent),
    typingSeconds,
  };
}
