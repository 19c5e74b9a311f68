/** Stopping an instance right after a notification: the mail waiting to go touches no closed database. */
import { afterEach, expect, it, vi } from "vitest";
import { spaceId, startTestServer } from "../../test/harness.js";
import { newDocument, PILOTE } from "../workflow/test-helpers.js";
import { log } from "../logging/logger.js";
import { notify } from "./notify.js";

afterEach(() => vi.restoreAllMocks());

it("stops right after a notification without its pending mail delivery touching the closed database", async () => {
  const server = await startTestServer();
  const grandSud = await spaceId(server, "grand-sud");
  const id = await newDocument(server);
  const [pilote] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [PILOTE]);
  // Mentions are mailed at once by default: a delivery is scheduled for a moment later.
  await server.services.db.tx((q) =>
    notify(server.services, q, { kind: "mention", recipients: [pilote!.id], documentId: id, spaceId: grandSud, actor: null, summary: "Mentionné" }),
  );
  // The logger is silent in tests, but its error() is still called.
  const errors = vi.spyOn(log, "error");
  await server.stop();
  // Past the moment the delivery was due.
  await new Promise((r) => setTimeout(r, 400));
  expect(errors.mock.calls.filter((c) => c.some((arg) => String(arg).startsWith("[notifications]")))).toEqual([]);
});
