/**
 * GET /api/me/home: "Mes espaces" as a start page. The committees I reach with their latest
 * documents, and the documents waiting for a review decision of mine; both filtered by the
 * policy's standing in each space. Mentions, replies and access requests to decide come from
 * their own capabilities' routes (the bell, /api/access-requests).
 */
import { canInSpace, HOME_LATEST_DOCUMENTS, TRANSITIONS, type HomeReply, type SpaceAction } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { reachableSpaces, requireActor } from "../policy/index.js";
import { documentsAt, latestDocuments } from "./home.queries.js";
import { toSummary } from "./queries.js";

// Review decisions, as opposed to the writers' own "submit for review".
const REVIEW_ACTIONS: ReadonlySet<SpaceAction> = new Set(["document.validate", "document.requestChanges"]);
const REVIEWS = TRANSITIONS.filter((t) => REVIEW_ACTIONS.has(t.action));

export function homeRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  app.get("/", async (c) => {
    const actor = requireActor(c.get("user"));
    const reached = await reachableSpaces(s.db, actor);
    const latest = await latestDocuments(
      s.db,
      reached.map((r) => r.space.id),
      HOME_LATEST_DOCUMENTS,
    );
    const pairs = reached.flatMap(({ space, standing }) =>
      REVIEWS.filter((t) => canInSpace(standing, t.action, space.archived_at !== null)).map((t) => ({
        spaceId: space.id,
        status: t.from,
      })),
    );
    const reply: HomeReply = {
      committees: reached.map((r) => ({ space: toSummary(r), ...latest.get(r.space.id)! })),
      toReview: await documentsAt(s.db, pairs),
    };
    return c.json(reply);
  });

  return app;
}
