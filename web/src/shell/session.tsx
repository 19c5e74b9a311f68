/** Who is logged in, for every page: loaded once from /api/me, updated on login and logout. */
import type { Me } from "@atelier/shared";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { fetchMe, logout } from "../api/auth";
import { setUnauthorizedHandler } from "../api/client";
import { setDisplayTimeZone } from "./time";

interface Session {
  /** undefined while the first probe runs; null when nobody is logged in. */
  user: Me | null | undefined;
  setUser(user: Me | null): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  // Set while rendering, so the pages below format in the new zone in this same render.
  setDisplayTimeZone(user?.timeZone);

  useEffect(() => {
    let live = true;
    fetchMe().then(
      (me) => live && setUser(me),
      () => live && setUser(null),
    );
    // An expired session anywhere: forget the user; the route guard then sends to the login page
    // with the current address to come back to.
    setUnauthorizedHandler(() => setUser(null));
    return () => {
      live = false;
    };
  }, []);

  const signOut = useCallback(async () => {
    const providerLogout = await logout().catch(() => null); // the session is forgotten here whatever the server says
    setUser(null);
    // Signed in with ProConnect: its session ends too, and it sends the browser back to the login page.
    if (providerLogout) window.location.assign(providerLogout);
  }, []);

  const value = useMemo(() => ({ user, setUser, signOut }), [user, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

export const displayName = (user: Pick<Me, "firstName" | "lastName" | "email">) =>
  `${user.firstName} ${user.lastName}`.trim() || user.email;
