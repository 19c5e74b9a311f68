/** GET /spaces/:spaceId/activity: what happened lately in a space, for whoever reads it. */
import { ACTIVITY_LIMIT, type ActivityReply } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { authorizeSpace, requireActor } from "../policy/index.js";
import { spaceActivity } from "./queries.js";

export function activityRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get("/spaces/:spaceId/activity", async (c) => {
    const actor = requireActor(c.get("user"));
    const { space } = await authorizeSpace(s.db, actor, "space.read", c.req.param("spaceId"));
    return c.json({ activity: await spaceActivity(s.db, space.id, ACTIVITY_LIMIT) } satisfies ActivityReply);
  });

  return app;
}
