/**
 * Validation errors in French, naming the field: one place for every route (the server's
 * parseWith) and every form. A schema's own message wins; the rest get these words.
 */
import type { z } from "zod";

/** How a person calls each field of the API's bodies and queries. */
export const FIELD_LABELS: Record<string, string> = {
  email: "Adresse électronique",
  password: "Mot de passe",
  firstName: "Prénom",
  lastName: "Nom",
  organisation: "Organisme",
  platformRole: "Rôle de plateforme",
  role: "Rôle",
  spaceId: "Espace",
  membership: "Espace et rôle",
  name: "Nom",
  title: "Titre",
  description: "Description",
  slug: "Identifiant d'URL",
  level: "Niveau",
  parentId: "Espace parent",
  themes: "Thématiques",
  theme: "Thématique",
  kind: "Type",
  status: "Statut",
  to: "Nouveau statut",
  comment: "Commentaire",
  message: "Message",
  reason: "Motif",
  body: "Texte",
  quote: "Passage cité",
  anchor: "Passage commenté",
  mentions: "Mentions",
  mention: "Mention",
  reply: "Réponse",
  territory: "Territoire",
  token: "Lien",
  timeZone: "Fuseau horaire",
  q: "Recherche",
  active: "État du compte",
  limit: "Nombre de résultats",
  offset: "Position",
  before: "Page",
  sort: "Tri",
  from: "Date de début",
  actor: "Personne",
  space: "Espace",
  format: "Format",
  against: "Version comparée",
  version: "Version",
  size: "Taille",
  mimeType: "Type de fichier",
  originalName: "Nom du fichier",
  id: "Identifiant",
  immediate: "Courriel immédiat",
  digest: "Résumé quotidien",
  dryRun: "Essai",
  summary: "Résumé",
  programme: "Programme",
  startsAt: "Début",
  endsAt: "Fin",
  place: "Lieu",
  address: "Adresse",
  published: "Publication",
  capacity: "Nombre de places",
  nom: "Nom",
  groupe: "Groupe d'acteurs",
  contact_email: "Adresse électronique",
};

const labelOf = (path: PropertyKey[]) => {
  const key = [...path].reverse().find((p) => typeof p === "string") as string | undefined;
  return key === undefined ? "La requête" : (FIELD_LABELS[key] ?? `Le champ « ${key} »`);
};

// A string key: zod copies an issue's own string keys into the final issue.
const GENERIC = "frenchDefault";
type Tagged = { [GENERIC]?: true };

/** French words for the issues no schema worded, marked so that the field's name is added once the path is known. */
export const frenchDefaults = (iss: z.core.$ZodRawIssue): string => {
  (iss as Tagged)[GENERIC] = true;
  switch (iss.code) {
    case "invalid_type":
      return iss.input === undefined ? "obligatoire" : "valeur invalide";
    case "too_small":
      if (iss.origin === "string") return Number(iss.minimum) <= 1 ? "obligatoire" : `au moins ${iss.minimum} caractères`;
      if (iss.origin === "array" || iss.origin === "set") return `au moins ${iss.minimum} élément(s)`;
      return `au moins ${iss.minimum}`;
    case "too_big":
      if (iss.origin === "string") return `au plus ${iss.maximum} caractères`;
      if (iss.origin === "array" || iss.origin === "set") return `au plus ${iss.maximum} élément(s)`;
      return `au plus ${iss.maximum}`;
    case "invalid_format":
      return "invalide";
    case "invalid_value":
      return "valeur inconnue";
    case "unrecognized_keys":
      return `champ(s) non prévu(s) : ${iss.keys.map((k) => FIELD_LABELS[k] ?? k).join(", ")}`;
    default:
      return "valeur invalide";
  }
};

/** One sentence per issue: "Adresse électronique invalide.", "Titre : obligatoire." */
export function frenchIssue(issue: z.core.$ZodIssue): string {
  if (!(issue as Tagged)[GENERIC]) return issue.message;
  const label = labelOf(issue.path);
  // "Adresse électronique invalide", "Titre : obligatoire"
  return issue.message === "invalide" ? `${label} invalide.` : `${label} : ${issue.message}.`;
}
