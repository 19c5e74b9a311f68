/**
 * What an import would do, line by line, checked against the database: every bad line is
 * reported (not only the first), and the good ones say what they would create or change.
 */
import {
  EmailSchema,
  NAME_MAX,
  ORGANISATION_MAX,
  SPACE_ROLES,
  type ImportColumn,
  type ImportLineError,
  type ImportPlanLine,
  type ImportReport,
  type SpaceRole,
} from "@atelier/shared";
import type { Queryable } from "../db/index.js";
import { fold, type CsvLine } from "./import.csv.js";

export interface NewPerson {
  email: string;
  firstName: string;
  lastName: string;
  organisation: string;
}

export interface ImportPlan {
  errors: ImportLineError[];
  /** The good lines, with the ids they refer to (userId null for an account to create). */
  lines: (ImportPlanLine & { spaceId: string; userId: string | null })[];
  /** Accounts to create, one per new email. */
  newPeople: NewPerson[];
  counts: ImportReport["counts"];
}

const ROLES = new Map(SPACE_ROLES.map((r) => [fold(r), r]));
const LIMITS: Partial<Record<ImportColumn, number>> = { nom: NAME_MAX, prénom: NAME_MAX, organisme: ORGANISATION_MAX };

/** What the database knows of the emails and spaces the file names. */
async function loadFacts(q: Queryable, emails: string[], slugs: string[]) {
  const spaces = await q.query<{ id: string; slug: string; archived: boolean }>(
    "SELECT id, slug, archived_at IS NOT NULL AS archived FROM spaces WHERE slug = ANY($1::text[])",
    [slugs],
  );
  const users = await q.query<{ id: string; email: string; active: boolean }>(
    "SELECT id, email, active FROM users WHERE email = ANY($1::text[])",
    [emails],
  );
  const memberships = await q.query<{ user_id: string; space_id: string; role: SpaceRole }>(
    "SELECT user_id, space_id, role FROM memberships WHERE user_id = ANY($1::uuid[])",
    [users.map((u) => u.id)],
  );
  return {
    spaces: new Map(spaces.map((s) => [s.slug, s])),
    users: new Map(users.map((u) => [u.email, u])),
    roles: new Map(memberships.map((m) => [`${m.user_id} ${m.space_id}`, m.role])),
  };
}

export async function planImport(q: Queryable, csv: CsvLine[]): Promise<ImportPlan> {
  const emailOf = (raw: string) => EmailSchema.safeParse(raw).data ?? null;
  const facts = await loadFacts(
    q,
    [...new Set(csv.map((l) => (l.values ? emailOf(l.values.email) : null)).filter((e): e is string => e !== null))],
    [...new Set(csv.map((l) => l.values?.espace ?? "").filter(Boolean))],
  );

  const errors: ImportLineError[] = [];
  const lines: ImportPlan["lines"] = [];
  const newPeople = new Map<string, NewPerson & { line: number }>();
  // The first line naming each person in each space, to spot duplicates and conflicts.
  const seen = new Map<string, { line: number; role: SpaceRole | null }>();

  for (const { line, values, columnCount } of csv) {
    const fail = (column: ImportColumn | null, message: string) => errors.push({ line, column, message });
    if (!values) {
      fail(null, `La ligne compte ${columnCount} colonne(s) au lieu de 6.`);
      continue;
    }
    const before = errors.length;

    const email = emailOf(values.email);
    if (!values.email) fail("email", "Adresse e-mail manquante.");
    else if (!email) fail("email", `Adresse e-mail invalide : « ${values.email} ».`);
    const user = email ? facts.users.get(email) : undefined;
    if (user && !user.active) fail("email", `Le compte ${email} est désactivé : réactivez-le avant de l'importer.`);

    for (const [column, max] of Object.entries(LIMITS) as [ImportColumn, number][]) {
      if (values[column].length > max) fail(column, `Valeur trop longue (${max} caractères au plus).`);
    }
    if (email && !user) {
      if (!values.nom) fail("nom", "Nom manquant : il est obligatoire pour créer un compte.");
      if (!values.prénom) fail("prénom", "Prénom manquant : il est obligatoire pour créer un compte.");
    }

    const space = facts.spaces.get(values.espace);
    if (!values.espace) fail("espace", "Espace manquant.");
    else if (!space) fail("espace", `Espace inconnu : « ${values.espace} » (indiquez son identifiant, par exemple « grand-sud »).`);
    else if (space.archived) fail("espace", `L'espace « ${values.espace} » est archivé.`);

    const role = ROLES.get(fold(values.rôle)) ?? null;
    if (!values.rôle) fail("rôle", "Rôle manquant.");
    else if (!role) fail("rôle", `Rôle inconnu : « ${values.rôle} » (pilote, membre, contributeur ou lecteur).`);

    if (email && values.espace) {
      const key = `${email} ${values.espace}`;
      const first = seen.get(key);
      if (!first) seen.set(key, { line, role });
      else if (first.role !== role) {
        fail("rôle", `Conflit avec la ligne ${first.line} : la même personne y reçoit un autre rôle dans cet espace.`);
      } else fail("email", `Doublon de la ligne ${first.line} : même personne, même espace.`);
    }

    if (email && !user) {
      const person = { email, firstName: values.prénom, lastName: values.nom, organisation: values.organisme };
      const first = newPeople.get(email);
      if (!first) newPeople.set(email, { ...person, line });
      else {
        for (const [column, field] of [["nom", "lastName"], ["prénom", "firstName"], ["organisme", "organisation"]] as const) {
          if (first[field] !== person[field]) {
            fail(column, `Conflit avec la ligne ${first.line} : « ${first[field]} » y est indiqué pour la même adresse.`);
          }
        }
      }
    }

    if (errors.length > before || !email || !space || !role) continue;
    const previousRole = user ? (facts.roles.get(`${user.id} ${space.id}`) ?? null) : null;
    lines.push({
      line,
      email,
      spaceSlug: values.espace,
      spaceId: space.id,
      userId: user?.id ?? null,
      role,
      user: user ? "existing" : "create",
      membership: previousRole === null ? "add" : previousRole === role ? "unchanged" : "update",
      previousRole,
    });
  }

  const plannedEmails = new Set(lines.filter((l) => l.user === "create").map((l) => l.email));
  return {
    errors,
    lines,
    // Only used when no line is bad: then every new person is planned.
    newPeople: [...newPeople.values()].map(({ line: _, ...p }) => p),
    counts: {
      usersCreated: plannedEmails.size,
      membershipsAdded: lines.filter((l) => l.membership === "add").length,
      membershipsUpdated: lines.filter((l) => l.membership === "update").length,
      unchanged: lines.filter((l) => l.membership === "unchanged").length,
    },
  };
}
