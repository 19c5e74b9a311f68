/**
 * GET /search and GET /search/suggest: everything the person may read, and only that (the policy
 * gives the spaces; the queries filter on them before any limit or count).
 */
import { SearchQuery, SuggestQuery } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { badRequest } from "../http/errors.js";
import { readQuery } from "../http/validate.js";
import { authorizePlatform, requireActor, searchScope } from "../policy/index.js";
import { decodeCursor, search, suggest } from "./query.js";

export function searchRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const actor = requireActor(c.get("user"));
    authorizePlatform(actor, "search.read");
    const { cursor: rawCursor, ...filters } = readQuery(c, SearchQuery);
    const cursor = rawCursor === undefined ? null : decodeCursor(rawCursor);
    if (rawCursor !== undefined && !cursor) throw badRequest("invalid_cursor", "La suite des résultats est illisible : relancez la recherche.");
    if (filters.from && filters.to && filters.from > filters.to) {
      throw badRequest("invalid_dates", "La date de début doit précéder la date de fin.");
    }
    return c.json(await search(s.db, await searchScope(s.db, actor), filters, cursor, s.config.SEARCH_COUNT_CAP));
  });

  app.get("/suggest", async (c) => {
    const actor = requireActor(c.get("user"));
    authorizePlatform(actor, "search.read");
    const { q } = readQuery(c, SuggestQuery);
    return c.json(await suggest(s.db, await searchScope(s.db, actor), q));
  });

  return app;
}
