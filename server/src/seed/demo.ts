/**
 * Demo data: the programme's spaces and one login per role, listed in the README.
 * Runs into an empty database outside production, or when SEED_DEMO=true.
 */
import type { PlatformRole, SpaceRole } from "@atelier/shared";
import { hashPassword } from "../auth/passwords.js";
import type { Db } from "../db/index.js";
import { seedProgramme } from "./programme.js";

export const DEMO_PASSWORD = "atelier-demo-2026";

interface DemoUser {
  email: string;
  firstName: string;
  lastName: string;
  organisation: string;
  platformRole?: PlatformRole;
  memberships: [spaceSlug: string, role: SpaceRole][];
}

export const DEMO_USERS: DemoUser[] = [
  { email: "admin@atelier.test", firstName: "Camille", lastName: "Admin", organisation: "DGCS", platformRole: "admin", memberships: [] },
  { email: "national@atelier.test", firstName: "Nadia", lastName: "Nationale", organisation: "DGCS — équipe projet nationale", platformRole: "national", memberships: [] },
  { email: "pilote.grand-sud@atelier.test", firstName: "Paul", lastName: "Pilote", organisation: "DR PACA", memberships: [["grand-sud", "pilote"]] },
  { email: "membre.grand-sud@atelier.test", firstName: "Marie", lastName: "Membre", organisation: "Conseil départemental des Bouches-du-Rhône", memberships: [["grand-sud", "membre"]] },
  { email: "membre.corse@atelier.test", firstName: "Lucia", lastName: "Santoni", organisation: "DRJSCS Corse", memberships: [["corse", "membre"]] },
  { email: "partenaire@atelier.test", firstName: "Karim", lastName: "Partenaire", organisation: "UNIOPSS", memberships: [["grand-sud", "contributeur"]] },
  { email: "lecteur.grand-sud@atelier.test", firstName: "Léa", lastName: "Lectrice", organisation: "ARS PACA", memberships: [["grand-sud", "lecteur"]] },
  { email: "pilote.sud-ouest@atelier.test", firstName: "Jean", lastName: "Aquitain", organisation: "DRJSCS Aquitaine", memberships: [["sud-ouest", "pilote"]] },
  { email: "membre.sud-ouest@atelier.test", firstName: "Sophie", lastName: "Garonne", organisation: "CD Gironde", memberships: [["sud-ouest", "membre"]] },
  // Someone with an account but no space yet: the "Demander l'accès" journey starts here.
  { email: "nouveau@atelier.test", firstName: "Nicolas", lastName: "Nouveau", organisation: "CCAS de Nice", memberships: [] },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users");
  return row!.n === 0;
}

export async function seedDemo(db: Db): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.tx(async (q) => {
    const spaces = await seedProgramme(q);
    for (const u of DEMO_USERS) {
      const id = crypto.randomUUID();
      await q.query(
        `INSERT INTO users (id, email, first_name, last_name, organisation, password_hash, platform_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, u.email, u.firstName, u.lastName, u.organisation, hash, u.platformRole ?? null],
      );
      for (const [slug, role] of u.memberships) {
        await q.query("INSERT INTO memberships (user_id, space_id, role) VALUES ($1, $2, $3)", [id, spaces.get(slug), role]);
      }
    }
  });
}
