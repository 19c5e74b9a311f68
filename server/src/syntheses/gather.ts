/**
 * Building and refreshing a national synthèse: each source is quoted from a version of it (made
 * when its current text has none), so that the synthèse says which text it holds and can tell when
 * the source moved on. The text itself is written through the shared editor schema (@atelier/editor).
 */
import { contentUpdate, docToNode, replaceGathered, synthesisContent, type GatheredSource } from "@atelier/editor";
import * as Y from "yjs";
import type { Services } from "../context.js";
import type { Queryable } from "../db/index.js";
import { insertDocument } from "../documents/queries.js";
import type { ReadableSource } from "../policy/index.js";
import { versionOfCurrent, type HeldVersion } from "../versions/service.js";
import { saveSource } from "./queries.js";

/** The heading a source's text stands under: its committee, then its title. */
export const labelOf = (source: ReadableSource) => `${source.space.name} — ${source.row.title}`;

function gathered(source: ReadableSource, version: HeldVersion): GatheredSource {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, version.state);
    return { label: labelOf(source), doc: docToNode(ydoc) };
  } finally {
    ydoc.destroy();
  }
}

const holdVersion = (s: Services, q: Queryable, source: ReadableSource, actorId: string, synthesisTitle: string) =>
  versionOfCurrent(s, q, {
    documentId: source.row.id,
    name: null,
    authorId: actorId,
    kind: "auto",
    reason: `Repris dans la synthèse nationale « ${synthesisTitle} »`,
  });

/** A new synthèse of these sources in the space, in one transaction: its text, its sources, the versions they are quoted from. */
export async function createSynthesis(
  s: Services,
  input: { spaceId: string; title: string; actorId: string; sources: ReadableSource[] },
): Promise<string> {
  return s.db.tx(async (q) => {
    const versions: HeldVersion[] = [];
    for (const source of input.sources) versions.push(await holdVersion(s, q, source, input.actorId, input.title));
    const content = synthesisContent(input.sources.map((source, i) => gathered(source, versions[i]!)));
    const row = await insertDocument(s, q, {
      spaceId: input.spaceId,
      title: input.title,
      kind: "synthese",
      themes: [...new Set(input.sources.flatMap((x) => x.row.themes))],
      userId: input.actorId,
      content: contentUpdate(content),
    });
    await s.bus.emit(q, "documentChanged", { documentId: row.id });
    for (const [i, source] of input.sources.entries()) {
      await saveSource(q, { synthesisId: row.id, sourceId: source.row.id, versionId: versions[i]!.id, label: labelOf(source), userId: input.actorId });
    }
    return row.id;
  });
}

/**
 * Gathers the source's current text into the synthèse, in place of the block under `previousLabel`
 * (a new source: at the end of each section), through the document's open copy when people are
 * writing in it. The text is written before the source's row moves to the new version: should the
 * last step fail, the synthèse shows the source as changed since, and a new refresh mends it.
 */
export async function gatherInto(
  s: Services,
  input: { synthesis: { id: string; title: string }; source: ReadableSource; previousLabel: string | null; actorId: string },
): Promise<void> {
  const version = await s.db.tx((q) => holdVersion(s, q, input.source, input.actorId, input.synthesis.title));
  const source = gathered(input.source, version);
  await s.content.edit(input.synthesis.id, input.actorId, (ydoc) => replaceGathered(ydoc, input.previousLabel, source));
  await saveSource(s.db, {
    synthesisId: input.synthesis.id,
    sourceId: input.source.row.id,
    versionId: version.id,
    label: source.label,
    userId: input.actorId,
  });
}
