import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** What the admin tests share: a recorder of access changes and fresh, uniquely named inputs. */
import type { AccessChange } from "../events/bus.js";
import type { TestServer } from "../../test/harness.js";

/** Records the access changes the server announces from now on. */
export function recordAccessChanges(server: TestServer): AccessChange[] {
  const seen: AccessChange[] = [];
  server.services.bus.onAccessChanged((c) => seen.push(c));
  return seen;
}

export const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

export const newUserBody = (extra: Record<string, unknown> = {}) => ({
  email: `${unique("personne")}@exemple.gouv.fr`,
  firstName: "Hélène",
  lastName: "Durand",
  organisation: "DDETS du Var",
  ...extra,
});

/** The mails written to the outbox for this address (no SMTP in tests), as raw text. */
export async function mailsTo(server: TestServer, email: string): Promise<string[]> {
  const outbox = server.services.mailer.outbox!;
  const files = (await readdir(outbox).catch(() => [])).filter((f) => f.endsWith(`-${email}.eml`));
  return Promise.all(files.map((f) => readFile(path.join(outbox, f), "utf8")));
}

/** The audit log entries about one person or space, oldest first. */
export async function auditAbout(server: TestServer, targetId: string) {
  return server.services.db.query<{ kind: string; actor_email: string | null; space_id: string | null; details: any }>(
    "SELECT kind, actor_email, space_id, details FROM audit_log WHERE target_id = $1 ORDER BY at, kind",
    [targetId],
  );
}
