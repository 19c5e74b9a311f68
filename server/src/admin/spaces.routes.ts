/** Creating, renaming, moving and archiving spaces. */
import { CreateSpaceBody, slugify, UpdateSpaceBody } from "@atelier/shared";
import { Hono } from "hono";
import type { AppEnv, Services } from "../context.js";
import { badRequest, conflict, refuseDuplicate } from "../http/errors.js";
import { readJson } from "../http/validate.js";
import { endRefusedSessions } from "../auth/sessions.js";
import { adminAudit } from "./audit.js";
import { requirePlatform } from "./guard.js";
import { checkParent, existingSpace, getAdminSpace, listAdminSpaces, slugTaken } from "./spaces.queries.js";

export function adminSpaceRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.use("*", requirePlatform("admin.spaces"));

  app.get("/", async (c) => c.json({ spaces: await listAdminSpaces(s.db) }));

  app.post("/", async (c) => {
    const body = await readJson(c, CreateSpaceBody);
    const slug = body.slug ?? slugify(body.name).slice(0, 100);
    if (!slug) {
      throw badRequest("invalid_slug", "Impossible de tirer un identifiant d'URL de ce nom : indiquez-en un (slug).");
    }
    const audit = adminAudit(c, s);
    const taken = () => conflict("slug_taken", `Un espace utilise déjà l'identifiant d'URL « ${slug} ».`);
    const space = await s.db.tx(async (q) => {
      await checkParent(q, body.level, body.parentId);
      if (await slugTaken(q, slug)) throw taken();
      const id = crypto.randomUUID();
      await refuseDuplicate(
        q.query(
          `INSERT INTO spaces (id, slug, name, level, parent_id, description, themes)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, slug, body.name, body.level, body.parentId, body.description, body.themes],
        ),
        taken,
      );
      await audit(q, { kind: "space.created", spaceId: id, target: { type: "space", id }, details: { slug, level: body.level } });
      return getAdminSpace(q, id);
    });
    return c.json({ space }, 201);
  });

  app.patch("/:id", async (c) => {
    const id = c.req.param("id");
    const body = await readJson(c, UpdateSpaceBody);
    const audit = adminAudit(c, s);
    if (body.proconnectRequired && !s.config.PROCONNECT_ISSUER) {
      throw conflict("proconnect_unavailable", "ProConnect n'est pas configuré sur cette plateforme : il ne peut pas être exigé.");
    }
    const { space, moved, signedOut } = await s.db.tx(async (q) => {
      const current = await existingSpace(q, id);
      const moved = body.parentId !== undefined && body.parentId !== current.parent_id;
      if (moved) await checkParent(q, current.level, body.parentId!);
      await q.query(
        `UPDATE spaces SET name = COALESCE($2, name), description = COALESCE($3, description),
                themes = COALESCE($4, themes), parent_id = CASE WHEN $5 THEN $6::uuid ELSE parent_id END,
                proconnect_required = COALESCE($7, proconnect_required)
          WHERE id = $1`,
        [id, body.name ?? null, body.description ?? null, body.themes ?? null, moved, body.parentId ?? null, body.proconnectRequired ?? null],
      );
      // From now on the members' password sessions are refused: they end now, their sockets with them.
      const signedOut = body.proconnectRequired ? await endRefusedSessions(q, id) : [];
      await audit(q, {
        kind: "space.updated",
        spaceId: id,
        target: { type: "space", id },
        details: { fields: Object.keys(body), ...(moved ? { from: current.parent_id, to: body.parentId } : {}) },
      });
      return { space: await getAdminSpace(q, id), moved, signedOut };
    });
    // Moving a space changes who reads it through a neighbouring COPIL.
    if (moved) await s.bus.accessChanged({ kind: "space", spaceId: id });
    for (const userId of signedOut) await s.bus.accessChanged({ kind: "session", userId });
    return c.json({ space });
  });

  for (const [path, archived] of [
    ["archive", true],
    ["unarchive", false],
  ] as const) {
    app.post(`/:id/${path}`, async (c) => {
      const id = c.req.param("id");
      const audit = adminAudit(c, s);
      const { space, changed } = await s.db.tx(async (q) => {
        const current = await existingSpace(q, id);
        const changed = (current.archived_at !== null) !== archived;
        if (changed) {
          await q.query(`UPDATE spaces SET archived_at = ${archived ? "now()" : "NULL"} WHERE id = $1`, [id]);
          await audit(q, { kind: archived ? "space.archived" : "space.unarchived", spaceId: id, target: { type: "space", id } });
        }
        return { space: await getAdminSpace(q, id), changed };
      });
      if (changed) await s.bus.accessChanged({ kind: "space", spaceId: id });
      return c.json({ space });
    });
  }

  return app;
}
