import { useCallback, useState } from "react";
import { errorMessage } from "../api/client";
import { useAnnounce } from "./announcer";

/**
 * Runs a change the person asked for: disables while pending, keeps the French error to show next
 * to the form, and announces success.
 */
export function useAction() {
  const announce = useAnnounce();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T,>(action: () => Promise<T>, success?: string | ((result: T) => string)): Promise<T | undefined> => {
      setPending(true);
      setError(null);
      try {
        const result = await action();
        if (success) announce(typeof success === "function" ? success(result) : success);
        return result;
      } catch (err) {
        const message = errorMessage(err);
        setError(message);
        announce(message);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [announce],
  );
  return { run, pending, error, setError };
}
