/**
 * Status messages read out by screen readers: one polite aria-live region for the whole app,
 * present from the start (a region added together with its text is often not announced).
 */
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

const AnnounceContext = createContext<(message: string) => void>(() => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const announce = useCallback((text: string) => {
    // Emptied first so that the same message twice is announced twice.
    setMessage("");
    requestAnimationFrame(() => setMessage(text));
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="fr-sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="annonces">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);
