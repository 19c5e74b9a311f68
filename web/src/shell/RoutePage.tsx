/** One route of the table: its title, its access guard, then its page. */
import { canOnPlatform } from "@atelier/shared";
import { useLayoutEffect } from "react";
import { Navigate, useLocation } from "react-router";
import type { AppRoute } from "../routes";
import { fullTitle } from "./pageTitle";
import { useSession } from "./session";

export function RoutePage({ route }: { route: AppRoute }) {
  const { user } = useSession();
  const location = useLocation();
  useLayoutEffect(() => {
    document.title = fullTitle(route.title);
  }, [route, location.pathname]);

  if (route.access === "public") return <route.page />;
  if (user === undefined) return <p>Chargement…</p>;
  if (user === null) {
    const back = location.pathname + location.search;
    return <Navigate to={back === "/espaces" ? "/connexion" : `/connexion?retour=${encodeURIComponent(back)}`} replace />;
  }
  if (route.access === "admin" && user.platformRole !== "admin") {
    return (
      <>
        <h1>Accès refusé</h1>
        <p>Cette page est réservée aux administrateurs d'Atelier.</p>
      </>
    );
  }
  if (route.platform && !canOnPlatform(user.platformRole, route.platform)) {
    return (
      <>
        <h1>Accès refusé</h1>
        <p>Cette page est réservée à l'équipe nationale et aux administrateurs d'Atelier.</p>
      </>
    );
  }
  return <route.page />;
}
