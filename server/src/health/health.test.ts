import { expect, it } from "vitest";
import { startTestServer } from "../../test/harness.js";

it("reports the database and the file storage once ready", async () => {
  const server = await startTestServer();
  const r = await server.client().get("/api/health");
  expect(r.status).toBe(200);
  expect(r.body.status).toBe("ok");
  expect(r.body.database.ok).toBe(true);
  expect(r.body.storage).toEqual({ ok: true, kind: "local" });
});
