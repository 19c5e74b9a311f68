/**
 * The JSON log as an operator reads it: one line per request with nginx's request id (or a made one),
 * the user, route, status and duration; never a password, a session cookie, a token or content.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { DEMO_PASSWORD, startTestServer } from "../../test/harness.js";
import { createLogger } from "./logger.js";

const dir = await mkdtemp(path.join(os.tmpdir(), "atelier-log-"));
const LOG_FILE = path.join(dir, "atelier.log");
const server = await startTestServer({ LOG_LEVEL: "info", LOG_FILE });
afterAll(() => server.close());

const lines = async () =>
  (await readFile(LOG_FILE, "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
const requestLine = async (reqId: string) => (await lines()).find((l) => l.reqId === reqId);

it("logs each request with nginx's request id, the signed-in user, route, status and duration", async () => {
  const membre = await server.as("membre.grand-sud@atelier.test");
  const me = await membre.get("/api/me");
  const res = await membre.raw("GET", "/api/me", { headers: { "x-request-id": "0f1e2d3c4b5a69788796a5b4c3d2e1f0" } });
  expect(res.headers.get("x-request-id")).toBe("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
  expect(await requestLine("0f1e2d3c4b5a69788796a5b4c3d2e1f0")).toMatchObject({
    level: 30,
    userId: me.body.user.id,
    method: "GET",
    route: "/api/me",
    status: 200,
    ms: expect.any(Number),
  });
});

it("makes a request id when nginx sent none or a malformed one, and logs visitors as no user", async () => {
  const visitor = server.client();
  const res = await visitor.raw("GET", "/api/health", { headers: { "x-request-id": "<script>" } });
  const made = res.headers.get("x-request-id")!;
  expect(made).toMatch(/^[0-9a-f-]{36}$/);
  expect(await requestLine(made)).toMatchObject({ userId: null, route: "/api/health", status: 200 });
});

it("never writes a password, a session cookie or a token, even on a failed login", async () => {
  const visitor = server.client();
  await visitor.post("/api/auth/login", { email: "membre.grand-sud@atelier.test", password: "mauvais-mot-de-passe-42" });
  const membre = await server.as("membre.grand-sud@atelier.test");
  await membre.get("/api/me");
  const text = await readFile(LOG_FILE, "utf8");
  expect(text).toContain('"route":"/api/auth/login"');
  expect(text).not.toContain("mauvais-mot-de-passe-42");
  expect(text).not.toContain(DEMO_PASSWORD);
  for (const value of membre.cookies.values()) expect(text).not.toContain(value);
});

it("masks secrets and document content that code passes to the log", async () => {
  const file = path.join(dir, "direct.log");
  const logger = createLogger({ LOG_LEVEL: "info", LOG_FILE: file });
  logger.warn({ password: "p-secret", headers: { cookie: "sid=s-secret", authorization: "Bearer t-secret" }, doc: { content: "texte confidentiel" }, documentId: "d1" }, "essai");
  const text = await readFile(file, "utf8");
  for (const secret of ["p-secret", "s-secret", "t-secret", "texte confidentiel"]) expect(text).not.toContain(secret);
  expect(JSON.parse(text)).toMatchObject({ documentId: "d1", password: "[masqué]", doc: { content: "[masqué]" } });
});
