import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { authorizeSpace, reachableSpaces, requireActor } from "../policy/index.js";
import { listMembers, toDetail, toSummary } from "./queries.js";

export function spaceRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const actor = requireActor(c.get("user"));
    const spaces = await reachableSpaces(s.db, actor);
    return c.json({ spaces: spaces.map(toSummary) });
  });

  app.get("/:spaceId", async (c) => {
    const actor = requireActor(c.get("user"));
    const found = await authorizeSpace(s.db, actor, "space.read", c.req.param("spaceId"));
    return c.json({ space: await toDetail(s.db, actor, found) });
  });

  app.get("/:spaceId/members", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "space.read", c.req.param("spaceId"));
    return c.json({ members: await listMembers(s.db, space.id) });
  });

  return app;
}
