/**
 * The audit journal in words: each entry's details as French sentences, its ids resolved to the
 * names people know (a person, a document, a file, a space, a version), for the page and the CSV.
 */
import {
  DOCUMENT_STATUS_LABELS,
  formatDateTime,
  PLATFORM_ROLE_LABELS,
  SPACE_LEVEL_LABELS,
  SPACE_ROLE_LABELS,
  type AuditEntry,
  type DocumentStatus,
  type PlatformRole,
  type SpaceLevel,
  type SpaceRole,
} from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { isUuid } from "../policy/index.js";

type Details = Record<string, unknown>;
type Raw = Omit<AuditEntry, "target" | "summary">;

const str = (v: unknown) => (typeof v === "string" && v ? v : null);
const role = (v: unknown) => SPACE_ROLE_LABELS[v as SpaceRole]?.toLowerCase() ?? "inconnu";
const platformRole = (v: unknown) => (v ? (PLATFORM_ROLE_LABELS[v as PlatformRole] ?? "inconnu") : "aucun");
const status = (v: unknown) => DOCUMENT_STATUS_LABELS[v as DocumentStatus]?.toLowerCase() ?? "inconnu";
const VIA: Record<string, string> = { import: "par import", invitation: "par invitation" };
const via = (d: Details) => (str(d.via) && VIA[d.via as string] ? ` (ajouté ${VIA[d.via as string]})` : "");

/** The words of the fields a space update names. */
const SPACE_FIELDS: Record<string, string> = {
  name: "nom",
  description: "description",
  themes: "thématiques",
  parentId: "rattachement",
  proconnectRequired: "connexion par ProConnect exigée",
};
const USER_FIELDS: Record<string, string> = {
  firstName: "prénom",
  lastName: "nom",
  organisation: "organisme",
  platformRole: "rôle de plateforme",
};
const fields = (v: unknown, words: Record<string, string>) =>
  Array.isArray(v) ? v.map((f) => words[f as string] ?? "autre").join(", ") : "";

/** Names of what the entries point to, read in a few queries for the whole page. */
interface Names {
  users: Map<string, string>;
  documents: Map<string, string>;
  files: Map<string, string>;
  spaces: Map<string, string>;
  versions: Map<string, { name: string | null; at: Date }>;
}

const ids = (entries: Raw[], pick: (e: Raw, d: Details) => unknown[]) => [
  ...new Set(entries.flatMap((e) => pick(e, e.details).filter((v): v is string => typeof v === "string" && isUuid(v)))),
];

async function lookup<T>(q: Queryable, sql: string, list: string[], value: (r: any) => T): Promise<Map<string, T>> {
  if (list.length === 0) return new Map();
  const rows = await q.query<{ id: string }>(sql, [list]);
  return new Map(rows.map((r) => [r.id, value(r)]));
}

async function namesFor(q: Queryable, entries: Raw[]): Promise<Names> {
  const target = (type: string) => ids(entries, (e) => (e.targetType === type ? [e.targetId] : []));
  return {
    users: await lookup(
      q,
      "SELECT id, NULLIF(trim(first_name || ' ' || last_name), '') AS name, email FROM users WHERE id = ANY($1::uuid[])",
      target("user"),
      (r) => (r.name ? `${r.name} (${r.email})` : r.email),
    ),
    documents: await lookup(q, "SELECT id, title FROM documents WHERE id = ANY($1::uuid[])", target("document"), (r) => r.title),
    files: await lookup(q, "SELECT id, title FROM files WHERE id = ANY($1::uuid[])", target("file"), (r) => r.title),
    spaces: await lookup(
      q,
      "SELECT id, name FROM spaces WHERE id = ANY($1::uuid[])",
      ids(entries, (e, d) => [e.targetType === "space" ? e.targetId : null, d.from, d.to, ...(Array.isArray(d.spaces) ? d.spaces : [])]),
      (r) => r.name,
    ),
    versions: await lookup(
      q,
      "SELECT id, name, created_at FROM document_versions WHERE id = ANY($1::uuid[])",
      ids(entries, (e, d) => (e.kind === "version.restored" ? [d.versionId] : [])),
      (r) => ({ name: r.name, at: r.created_at }),
    ),
  };
}

function targetOf(e: Raw, n: Names): string | null {
  const d = e.details;
  switch (e.targetType) {
    case "user":
      return `Personne : ${n.users.get(e.targetId!) ?? "compte supprimé"}`;
    case "document":
      return `Document : ${n.documents.get(e.targetId!) ?? str(d.title) ?? "document supprimé"}`;
    case "file":
      return `Fichier : ${n.files.get(e.targetId!) ?? str(d.title) ?? "fichier supprimé"}`;
    case "space":
      return `Espace : ${n.spaces.get(e.targetId!) ?? "espace supprimé"}`;
    case "invitation":
      return str(d.email) ? `Invitation de ${d.email}` : "Invitation";
    default:
      return null;
  }
}

function sentences(e: Raw, n: Names, timeZone: string): string[] {
  const d = e.details;
  const space = (v: unknown) => (v ? (n.spaces.get(v as string) ?? "espace supprimé") : "aucun");
  switch (e.kind) {
    case "auth.login_failed":
      return str(d.email) ? [`Adresse saisie : ${d.email}`] : [];
    case "auth.login_refused":
      return d.reason === "proconnect_required" ? ["Mot de passe juste, mais un comité de ce compte exige ProConnect"] : [];
    case "invitation.sent":
      return [`Rôle proposé : ${role(d.role)}`];
    case "invitation.accepted":
      return Array.isArray(d.spaces) && d.spaces.length ? [`Espaces rejoints : ${d.spaces.map(space).join(", ")}`] : [];
    case "membership.granted":
      return [`Rôle : ${role(d.role)}${via(d)}`];
    case "membership.role_changed":
      return [`Rôle : ${role(d.from)} → ${role(d.to)}${via(d)}`];
    case "membership.removed":
      return [`Rôle retiré : ${role(d.role)}`];
    case "user.created":
      return [
        ...(str(d.email) ? [`Adresse électronique : ${d.email}`] : []),
        ...(d.platformRole ? [`Rôle de plateforme : ${platformRole(d.platformRole)}`] : []),
        ...(d.via === "import" ? ["Créé par import"] : []),
      ];
    case "user.updated":
      return [`Champs modifiés : ${fields(d.fields, USER_FIELDS)}`];
    case "user.platform_role_changed":
      return [`Rôle de plateforme : ${platformRole(d.from)} → ${platformRole(d.to)}`];
    case "space.created":
      return [`Niveau : ${SPACE_LEVEL_LABELS[d.level as SpaceLevel]?.toLowerCase() ?? "inconnu"}`];
    case "space.updated":
      return [
        `Champs modifiés : ${fields(d.fields, SPACE_FIELDS)}`,
        ...("to" in d ? [`Rattachement : ${space(d.from)} → ${space(d.to)}`] : []),
      ];
    case "access_request.decided":
      return [d.decision === "granted" ? `Demande accordée, rôle : ${role(d.role)}` : "Demande refusée"];
    case "file.downloaded":
      return typeof d.version === "number" ? [`Version ${d.version} du fichier`] : [];
    case "document.status_changed":
      return [`Statut : ${status(d.from)} → ${status(d.to)}`, ...(str(d.comment) ? [`Commentaire : ${d.comment}`] : [])];
    case "version.restored": {
      const v = n.versions.get(d.versionId as string);
      const which = !v ? "version supprimée" : (v.name ?? `version du ${formatDateTime(v.at, timeZone)}`);
      return [`Version restaurée : ${which}`];
    }
    default:
      return [];
  }
}

/** The entries with their target and details in words; dates in the reader's time zone. */
export async function describeEntries(q: Queryable, entries: Raw[], timeZone: string): Promise<AuditEntry[]> {
  const names = await namesFor(q, entries);
  return entries.map((e) => ({ ...e, target: targetOf(e, names), summary: sentences(e, names, timeZone) }));
}
