/**
 * Every page of the app, in one table. To add a page: add ONE line here with its path, its title
 * (the document title becomes "<title> — Atelier"), its component and who may see it; give it
 * `nav: "Label"` to put it in the main navigation (and `navGroup` to gather it under a menu).
 * Every page but the login, accessibility and not-found pages is split from the main bundle
 * (`page: lazy(() => import("./x/XPage"))`): the login page, what a person on a poor link waits for
 * first, loads none of their code.
 */
import type { PlatformAction } from "@atelier/shared";
import { lazy, type ComponentType } from "react";
import { AccessibilityPage } from "./pages/AccessibilityPage";
import { LoginPage } from "./pages/auth/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ServerPage } from "./pages/ServerPage";

/** public: anyone; user: logged in (else the login page, then back); admin: platform admins. */
export type Access = "public" | "user" | "admin";

export interface AppRoute {
  path: string;
  title: string;
  page: ComponentType;
  access: Access;
  nav?: string;
  navGroup?: string;
  /** A platform action needed on top of `access` (the page and its navigation link are hidden otherwise). */
  platform?: PlatformAction;
}

export const ROUTES: AppRoute[] = [
  { path: "/espaces", title: "Mes espaces", page: lazy(() => import("./pages/MySpacesPage").then((m) => ({ default: m.MySpacesPage }))), access: "user", nav: "Mes espaces" },
  { path: "/annuaire", title: "Annuaire des comités", page: lazy(() => import("./directory/DirectoryPage")), access: "user", platform: "directory.read", nav: "Annuaire des comités" },
  { path: "/annuaire/:spaceId", title: "Demander l'accès", page: lazy(() => import("./directory/RequestAccessPage")), access: "user", platform: "directory.read" },
  { path: "/demandes-acces", title: "Demandes d'accès à traiter", page: lazy(() => import("./directory/AccessRequestsPage")), access: "user" },
  { path: "/espaces/:spaceId", title: "Espace", page: lazy(() => import("./pages/space/SpacePage").then((m) => ({ default: m.SpacePage }))), access: "user" },
  { path: "/espaces/:spaceId/documents-ressources", title: "Documents ressources", page: lazy(() => import("./files/LibraryPage")), access: "user" },
  { path: "/connexion", title: "Connexion", page: LoginPage, access: "public" },
  { path: "/mot-de-passe-oublie", title: "Mot de passe oublié", page: lazy(() => import("./pages/auth/ForgotPasswordPage").then((m) => ({ default: m.ForgotPasswordPage }))), access: "public" },
  { path: "/reinitialiser-mot-de-passe", title: "Réinitialiser le mot de passe", page: lazy(() => import("./pages/auth/ResetPasswordPage").then((m) => ({ default: m.ResetPasswordPage }))), access: "public" },
  { path: "/demande-acces", title: "Demander l'accès à Atelier", page: lazy(() => import("./pages/auth/ProConnectRequestPage").then((m) => ({ default: m.ProConnectRequestPage }))), access: "public" },
  { path: "/invitation", title: "Accepter une invitation", page: lazy(() => import("./pages/auth/InvitationPage").then((m) => ({ default: m.InvitationPage }))), access: "public" },
  { path: "/administration/utilisateurs", title: "Utilisateurs", page: lazy(() => import("./pages/admin/AdminUsersPage").then((m) => ({ default: m.AdminUsersPage }))), access: "admin", nav: "Utilisateurs", navGroup: "Administration" },
  { path: "/administration/espaces", title: "Gestion des espaces", page: lazy(() => import("./pages/admin/AdminSpacesPage").then((m) => ({ default: m.AdminSpacesPage }))), access: "admin", nav: "Espaces", navGroup: "Administration" },
  { path: "/administration/import", title: "Import de membres", page: lazy(() => import("./pages/admin/AdminImportPage").then((m) => ({ default: m.AdminImportPage }))), access: "admin", nav: "Import de membres", navGroup: "Administration" },
  { path: "/administration/journal", title: "Journal d'audit", page: lazy(() => import("./pages/admin/AdminAuditPage").then((m) => ({ default: m.AdminAuditPage }))), access: "admin", nav: "Journal d'audit", navGroup: "Administration" },
  { path: "/documents/:documentId", title: "Document", page: lazy(() => import("./editor/DocumentEditorPage")), access: "user" },
  { path: "/tableau-de-bord", title: "Tableau de bord national", page: lazy(() => import("./dashboard/DashboardPage")), access: "user", platform: "dashboard.read", nav: "Tableau de bord national" },
  { path: "/tableau-de-bord/synthese-nationale", title: "Préparer une synthèse nationale", page: lazy(() => import("./syntheses/SynthesisBuilderPage")), access: "user", platform: "dashboard.read" },
  { path: "/recherche", title: "Recherche", page: lazy(() => import("./search/SearchPage")), access: "user" },
  { path: "/notifications", title: "Mes notifications", page: lazy(() => import("./notifications/NotificationsPage")), access: "user" },
  { path: "/notifications/preferences", title: "Mes préférences", page: lazy(() => import("./notifications/PreferencesPage")), access: "user" },
  { path: "/accessibilite", title: "Accessibilité", page: AccessibilityPage, access: "public" },
  // The public site (server-rendered): reached by a link inside the app, it is loaded from the server.
  { path: "/", title: "Accueil", page: ServerPage, access: "public" },
  { path: "/evenements/*", title: "Événements", page: ServerPage, access: "public" },
  { path: "/questionnaire/*", title: "Questionnaire", page: ServerPage, access: "public" },
  { path: "/questionnaires/*", title: "Questionnaire", page: ServerPage, access: "public" },
  { path: "/donnees-personnelles", title: "Données personnelles", page: ServerPage, access: "public" },
  { path: "*", title: "Page introuvable", page: NotFoundPage, access: "public" },
];
