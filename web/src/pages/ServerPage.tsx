/**
 * The public site's pages (home, events) are rendered by the server. A link inside the app that
 * reaches one is followed client-side first: the page is then loaded from the server. A page load
 * that lands here directly (a server without the public site) says so instead of reloading forever.
 */
import { useEffect } from "react";

const arrivedByLink = () => ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;

export function ServerPage() {
  const reload = arrivedByLink();
  useEffect(() => {
    if (reload) window.location.replace(window.location.href);
  }, [reload]);
  return reload ? <p>Chargement…</p> : <p>Cette page du site public n'est pas disponible sur ce serveur.</p>;
}
