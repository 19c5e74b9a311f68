import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test/harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

it("sends a Content-Security-Policy with no inline script and nothing from other hosts", async () => {
  const csp = (await fetch(server.url + "/api/health")).headers.get("content-security-policy") ?? "";
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(directives["script-src"]).toEqual(["'self'"]);
  expect(directives["default-src"]).toEqual(["'self'"]);
  expect(directives["img-src"]).not.toContain("https:");
  expect(directives["frame-ancestors"]).toEqual(["'none'"]);
  expect(directives["object-src"]).toEqual(["'none'"]);
});
