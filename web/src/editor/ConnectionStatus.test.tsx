import { COLLAB_CLOSE } from "@atelier/shared";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionStatus } from "./ConnectionStatus";
import type { CollaborationStatus } from "./useCollaboration";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const base: CollaborationStatus = { state: "connected", unsynced: false, blocked: false, closed: null, transient: null, writeRefused: false };

function render(status: Partial<CollaborationStatus>) {
  const host = document.createElement("div");
  document.body.append(host);
  act(() => createRoot(host).render(<ConnectionStatus status={{ ...base, ...status }} />));
  return host;
}

afterEach(() => document.body.replaceChildren());

describe("ConnectionStatus", () => {
  it("names each state in a polite live region", () => {
    expect(render({}).querySelector("[role=status] [data-testid=connection-state]")?.textContent).toBe("Connecté");
    expect(render({ state: "connecting" }).textContent).toBe("Connexion…");
    expect(render({ state: "reconnecting" }).textContent).toBe("Reconnexion…");
    expect(render({ state: "offline" }).textContent).toBe("Hors ligne");
  });

  it("says when local edits wait for the connection, and why the server closed", () => {
    const offline = render({ state: "offline", unsynced: true });
    expect(offline.querySelector("[data-testid=connection-state]")?.textContent).toBe("Hors ligne — modifications non synchronisées");
    expect(offline.textContent).toContain("gardées dans ce navigateur");
    expect(render({ state: "reconnecting", transient: COLLAB_CLOSE.shuttingDown }).textContent).toContain("Le serveur redémarre.");
    // Once synced again, nothing is pending whatever was recorded before.
    expect(render({ state: "connected", unsynced: true, transient: COLLAB_CLOSE.shuttingDown }).textContent).toBe("Connecté");
  });
});
