/**
 * The national synthesis: create one in the national space from documents of the territories and
 * regions, list its sources with the version each is quoted from and whether it changed since,
 * add a source, refresh one. Access: writing in the national space (the synthèse's text) and
 * reading every source, as the policy decides (policy/syntheses.ts).
 */
import {
  AddSynthesisSourceBody,
  canOnDocument,
  CreateSynthesisBody,
  type CreateSynthesisReply,
  type SynthesisReply,
} from "@atelier/shared";
import { Hono, type Context } from "hono";
import type { AppEnv, Services } from "../context.js";
import { badRequest, conflict, notFound } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { authorizeDocument, authorizeSources, authorizeSynthesis, canSpace, requireActor, type Actor, type ReadableSource } from "../policy/index.js";
import { changedSince } from "../versions/service.js";
import { createSynthesis, gatherInto } from "./gather.js";
import { listSources } from "./queries.js";

const iso = (d: Date | string) => new Date(d).toISOString();

/** Sources come from the committees of the territories and regions, never from the national space itself. */
function refuseNational(sources: ReadableSource[]) {
  const national = sources.find((x) => x.space.level === "national");
  if (national) {
    throw badRequest("source_national", `Le document ${national.row.id} est dans l'espace national : une synthèse nationale reprend les documents des COPIL territoriaux et régionaux.`);
  }
}

export function synthesisRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  /** A synthèse's sources; a document that has none is not a synthèse. */
  async function sourcesOf(synthesisId: string) {
    const rows = await listSources(s.db, synthesisId);
    if (rows.length === 0) throw notFound("Ce document n'est pas une synthèse nationale.");
    return rows;
  }

  async function reply(actor: Actor, synthesisId: string): Promise<SynthesisReply> {
    const { found, facts } = await authorizeDocument(s.db, actor, synthesisId, "space.read");
    const rows = await sourcesOf(synthesisId);
    const sources = [];
    for (const r of rows) {
      const canRead = !r.trashed && (await canSpace(s.db, actor, "space.read", r.space_id));
      sources.push({
        documentId: r.source_id,
        title: r.title,
        spaceName: r.space_name,
        label: r.label,
        version: { id: r.version_id, createdAt: iso(r.version_at) },
        // Only for those who may read the source: the mark says something of its text.
        changedSince: canRead && (await changedSince(s.db, r.source_id, r.version_id)),
        canRead,
        gone: r.trashed,
        addedAt: iso(r.added_at),
      });
    }
    return { sources, can: { edit: canOnDocument(found.standing, "document.editContent", facts) } };
  }

  /** The synthèse the caller may write, with its sources. */
  async function writable(c: Context<AppEnv>) {
    const actor = requireActor(c.get("user"));
    const { row } = await authorizeDocument(s.db, actor, c.req.param("id")!, "document.editContent");
    const rows = await sourcesOf(row.id);
    return { actor, synthesis: { id: row.id, title: row.title }, rows };
  }

  app.post("/spaces/:spaceId/syntheses", async (c) => {
    const actor = requireActor(c.get("user"));
    const body = await readJson(c, CreateSynthesisBody);
    const { found, sources } = await authorizeSynthesis(s.db, actor, c.req.param("spaceId"), [...new Set(body.sources)]);
    if (found.space.level !== "national") {
      throw badRequest("not_national", "Une synthèse nationale se crée dans l'espace du COPIL national.");
    }
    refuseNational(sources);
    const id = await createSynthesis(s, { spaceId: found.space.id, title: body.title, actorId: actor.id, sources });
    return c.json({ id } satisfies CreateSynthesisReply, 201);
  });

  app.get("/documents/:id/synthesis", async (c) => c.json(await reply(requireActor(c.get("user")), c.req.param("id"))));

  app.post("/documents/:id/synthesis/sources", async (c) => {
    const { actor, synthesis, rows } = await writable(c);
    const { documentId } = await readJson(c, AddSynthesisSourceBody);
    const [source] = await authorizeSources(s.db, actor, [documentId]);
    refuseNational([source!]);
    if (rows.some((r) => r.source_id === documentId)) {
      throw conflict("source_present", "Ce document est déjà une source de la synthèse : actualisez-le plutôt.");
    }
    await gatherInto(s, { synthesis, source: source!, previousLabel: null, actorId: actor.id });
    return c.json(await reply(actor, synthesis.id), 201);
  });

  app.post("/documents/:id/synthesis/sources/:sourceId/refresh", async (c) => {
    const { actor, synthesis, rows } = await writable(c);
    const row = rows.find((r) => r.source_id === c.req.param("sourceId"));
    if (!row) throw notFound("Ce document n'est pas une source de cette synthèse.");
    const [source] = await authorizeSources(s.db, actor, [row.source_id]);
    await gatherInto(s, { synthesis, source: source!, previousLabel: row.label, actorId: actor.id });
    return c.json(await reply(actor, synthesis.id));
  });

  return app;
}
