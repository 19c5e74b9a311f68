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
