import { expect, it } from "vitest";
import { loadConfig } from "./config.js";

it("names the variable whose value is wrong", () => {
  expect(() => loadConfig({ PORT: "quatre" })).toThrow(/PORT/);
  expect(() => loadConfig({ DATABASE_URL: "pas une url" })).toThrow(/DATABASE_URL/);
  expect(() => loadConfig({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(/S3_ACCESS_KEY/);
  // ProConnect half configured would hide the button without saying why.
  expect(() => loadConfig({ PROCONNECT_ISSUER: "https://proconnect.exemple.gouv.fr" })).toThrow(/PROCONNECT_CLIENT_ID/);
});

it("derives the allowed origin and cookie security from PUBLIC_URL", () => {
  const c = loadConfig({ PUBLIC_URL: "https://atelier.exemple.gouv.fr/", ALLOWED_ORIGINS: "https://autre.gouv.fr" });
  expect(c.allowedOrigins).toEqual(["https://atelier.exemple.gouv.fr", "https://autre.gouv.fr"]);
  expect(c.cookieSecure).toBe(true);
});
