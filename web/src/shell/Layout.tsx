/** The frame of every page: skip link, DSFR header and navigation, main#contenu, footer. */
import { canOnPlatform, type PlatformRole } from "@atelier/shared";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { Header, type HeaderProps } from "@codegouvfr/react-dsfr/Header";
import type { MainNavigationProps } from "@codegouvfr/react-dsfr/MainNavigation";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Suspense } from "react";
import { Link, matchPath, Outlet, useLocation, useNavigate } from "react-router";
import { NotificationBell } from "../notifications/NotificationBell";
import { ROUTES, type AppRoute } from "../routes";
import { useHeaderSearch } from "../search/HeaderSearch";
import { useAnnounce } from "./announcer";
import { useFocusHeadingOnNavigation } from "./focus";
import { displayName, useSession } from "./session";

const visible = (route: AppRoute, isUser: boolean, isAdmin: boolean, platformRole: PlatformRole | null) =>
  (route.access === "public" || (route.access === "user" && isUser) || isAdmin) &&
  (!route.platform || canOnPlatform(platformRole, route.platform));

function navigation(pathname: string, isUser: boolean, isAdmin: boolean, platformRole: PlatformRole | null): MainNavigationProps.Item[] {
  const items: MainNavigationProps.Item[] = [];
  const groups = new Map<string, Extract<MainNavigationProps.Item, { menuLinks: unknown }>>();
  for (const route of ROUTES) {
    if (!route.nav || !visible(route, isUser, isAdmin, platformRole)) continue;
    const isActive = matchPath(route.path, pathname) !== null;
    const link = { text: route.nav, linkProps: { to: route.path }, isActive };
    if (!route.navGroup) {
      items.push(link);
      continue;
    }
    let group = groups.get(route.navGroup);
    if (!group) {
      group = { text: route.navGroup, menuLinks: [] };
      groups.set(route.navGroup, group);
      items.push(group);
    }
    group.menuLinks.push(link);
    if (isActive) group.isActive = true;
  }
  return items;
}

export function Layout() {
  const { user, signOut } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  useFocusHeadingOnNavigation();
  const headerSearch = useHeaderSearch();
  const isAdmin = user?.platformRole === "admin";

  const quickAccess: HeaderProps["quickAccessItems"] = user
    ? [
        <NotificationBell key="notifications" />,
        // My name leads to my preferences (time zone, mails).
        <Link to="/notifications/preferences" className="fr-btn fr-icon-account-circle-line fr-btn--icon-left" key="user"
          data-testid="utilisateur">
          {displayName(user)}
        </Link>,
        isAdmin ? { iconId: "fr-icon-settings-5-line", text: "Administration", linkProps: { to: "/administration/utilisateurs" } } : null,
        {
          iconId: "fr-icon-logout-box-r-line",
          text: "Se déconnecter",
          buttonProps: {
            type: "button",
            // To the login page first: leaving a protected page once the session is gone would
            // otherwise send there with this page as the place to come back to.
            onClick: () => {
              navigate("/connexion");
              void signOut().then(() => announce("Vous êtes déconnecté(e)."));
            },
          },
        },
      ]
    : [{ iconId: "fr-icon-account-circle-line", text: "Se connecter", linkProps: { to: "/connexion" } }];

  return (
    <>
      <SkipLinks links={[{ label: "Aller au contenu", anchor: "#contenu" }]} />
      <Header
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
        serviceTitle="Atelier"
        serviceTagline="États généraux du travail social"
        homeLinkProps={{ to: "/", title: "Accueil — Atelier" }}
        quickAccessItems={quickAccess}
        // The search box is the logged-in app's: there is nothing to search before.
        {...(user ? headerSearch : {})}
        navigation={navigation(pathname, Boolean(user), isAdmin, user?.platformRole ?? null)}
        // The colours follow the system's light or dark setting; the header's own "Paramètres d'affichage"
        // dialog had no button to open it, and its pictures cost 12 KB on every first visit.
        disableDisplay
      />
      <main id="contenu" tabIndex={-1} className="fr-container fr-my-6w">
        <Suspense fallback={<p>Chargement…</p>}>
          <Outlet />
        </Suspense>
      </main>
      <Footer
        accessibility="non compliant"
        accessibilityLinkProps={{ to: "/accessibilite" }}
        bottomItems={[{ text: "Données personnelles", linkProps: { to: "/donnees-personnelles" } }]}
        contentDescription="Atelier est l'espace de travail partagé des comités de pilotage des États généraux du travail social."
      />
    </>
  );
}
