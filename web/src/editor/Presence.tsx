import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import { presentColors } from "./userColor";

/** What each client tells the others about its user (the awareness "user" field, also read by the carets). */
export interface PresenceUser {
  /** The account's id: the same person in two tabs keeps one colour. */
  id: string;
  name: string;
  color: string;
  /** Reads without being able to write (lecteur, national team in a territory…). */
  reading: boolean;
}

interface Present extends PresenceUser {
  clientId: number;
  self: boolean;
}

function presentUsers(provider: WebsocketProvider): Present[] {
  const self = provider.awareness.clientID;
  const users: Present[] = [];
  provider.awareness.getStates().forEach((state, clientId) => {
    const user = state.user as Partial<PresenceUser> | undefined;
    if (typeof user?.id === "string" && typeof user.name === "string" && typeof user.color === "string") {
      users.push({ id: user.id, name: user.name, color: user.color, reading: !!user.reading, clientId, self: clientId === self });
    }
  });
  const colors = presentColors(users.map((u) => u.id));
  for (const u of users) u.color = colors.get(u.id)!;
  // Oneself first, then by name.
  return users.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, "fr"));
}

/** Who has the document open right now. */
export function Presence({ provider }: { provider: WebsocketProvider }) {
  const [users, setUsers] = useState(() => presentUsers(provider));
  useEffect(() => {
    const update = () => {
      const users = presentUsers(provider);
      // Another person present has our colour: take the one every client gives us, for our caret too.
      const own = provider.awareness.getLocalState()?.user as PresenceUser | undefined;
      const assigned = users.find((u) => u.self)?.color;
      if (own && assigned && own.color !== assigned) provider.awareness.setLocalStateField("user", { ...own, color: assigned });
      setUsers(users);
    };
    provider.awareness.on("change", update);
    update();
    return () => provider.awareness.off("change", update);
  }, [provider]);

  return (
    <section className="atelier-presence" aria-label="Personnes présentes sur le document">
      <p className="fr-text--sm fr-mb-1v">
        {users.length > 1 ? `${users.length} personnes présentes` : "Vous êtes seul·e sur ce document"}
      </p>
      <ul className="atelier-presence__list">
        {users.map((u) => (
          <li key={u.clientId} className="atelier-presence__user" data-testid="presence-user">
            <span className="atelier-presence__dot" style={{ backgroundColor: u.color }} aria-hidden="true" />
            {u.name}
            {u.self && " (vous)"}
            {u.reading && <span className="fr-badge fr-badge--sm fr-badge--no-icon fr-ml-1v">lecture</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
