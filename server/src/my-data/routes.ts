import { strToU8, zipSync } from "fflate";
import { Hono } from "hono";
import { recordAudit } from "../audit/record.js";
import type { AppEnv, Services } from "../context.js";
import { clientAddress } from "../http/client-address.js";
import { requireActor } from "../policy/index.js";
import { collectMyData } from "./export.queries.js";

export function myDataRoutes(s: Services) {
  const app = new Hono<AppEnv>();

  // One's own data only: the id comes from the session, so the policy's only question is "signed in".
  app.get("/export", async (c) => {
    const { id } = requireActor(c.get("user"));
    const data = await s.db.tx(async (q) => {
      const [me] = await q.query<{ email: string }>("SELECT email FROM users WHERE id = $1", [id]);
      await recordAudit(q, {
        kind: "user.data_exported",
        actor: { id, email: me!.email },
        target: { type: "user", id },
        address: clientAddress(c, s.config.TRUST_PROXY),
      });
      return collectMyData(q, id);
    });
    const zip = zipSync({ "mes-donnees-atelier.json": strToU8(JSON.stringify(data, null, 2)) });
    return c.body(zip, 200, {
      "content-type": "application/zip",
      "content-disposition": 'attachment; filename="mes-donnees-atelier.zip"',
      "cache-control": "no-store",
    });
  });
  return app;
}
