/**
 * "Annuaire des comités": every committee, for every signed-in person, so that someone with no
 * space (or refused one) finds whom to ask. It shows what a committee is and who pilots it,
 * never what it holds; a refused page asks it whose the space or document is.
 */
import type { DirectoryEntryReply, DirectoryReply } from "@atelier/shared";
import { Hono, type Context } from "hono";
import type { AppEnv, Services } from "../context.js";
import { notFound } from "../http/errors.js";
import { authorizePlatform, isUuid, reachableSpaces, requireActor } from "../policy/index.js";
import { getEntry, listEntries, spaceOfDocument } from "./queries.js";

export function directoryRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  /** The caller, allowed to read the directory, and the spaces they read (shown as "reader"). */
  async function reader(c: Context<AppEnv>) {
    const actor = requireActor(c.get("user"));
    authorizePlatform(actor, "directory.read");
    const readable = new Set((await reachableSpaces(s.db, actor)).map((r) => r.space.id));
    return { actor, readable };
  }

  /** The directory's entry of the space, or a 404 saying what was not found. */
  async function entryReply(c: Context<AppEnv>, spaceId: string | null, missing: string) {
    const { actor, readable } = await reader(c);
    const space = spaceId ? await getEntry(s.db, actor.id, readable, spaceId) : null;
    if (!space) throw notFound(missing);
    return c.json<DirectoryEntryReply>({ space });
  }

  app.get("/", async (c) => {
    const { actor, readable } = await reader(c);
    return c.json<DirectoryReply>({ spaces: await listEntries(s.db, actor.id, readable) });
  });

  app.get("/spaces/:spaceId", (c) => {
    const id = c.req.param("spaceId");
    return entryReply(c, isUuid(id) ? id : null, "Cet espace n'existe pas.");
  });

  // Whose a refused document is: its committee only, never its title.
  app.get("/documents/:documentId", async (c) => {
    requireActor(c.get("user"));
    const id = c.req.param("documentId");
    return entryReply(c, isUuid(id) ? await spaceOfDocument(s.db, id) : null, "Ce document n'existe pas.");
  });

  return app;
}
