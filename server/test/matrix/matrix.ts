/**
 * The authorization matrix: every role × every action × own / child / parent / unrelated space,
 * driven through HTTP. Each capability declares its rows in `src/<capability>/matrix.rows.ts`.
 *
 * An expectation is four characters, for the own, child, parent and unrelated space of that actor:
 * "Y" the action succeeds (2xx), "N" it is refused (403, or 401 when not logged in),
 * "-" the relation does not exist for that actor. A row whose refusal hides what exists says so with
 * `refusedAs` (its "N" is then that status, for everyone).
 */
import type { Client, Reply, TestServer } from "../harness.js";

export const ACTORS = {
  admin: "admin@atelier.test",
  national: "national@atelier.test",
  pilote: "pilote.grand-sud@atelier.test",
  membre: "membre.grand-sud@atelier.test",
  contributeur: "partenaire@atelier.test",
  lecteur: "lecteur.grand-sud@atelier.test",
  regional: "membre.corse@atelier.test",
  stranger: "nouveau@atelier.test",
  anonymous: null,
} as const;
export type ActorName = keyof typeof ACTORS;

export const RELATIONS = ["own", "child", "parent", "unrelated"] as const;
export type Relation = (typeof RELATIONS)[number];

/** Which seeded space plays each relation for an actor; the territorial roles all sit in Grand-Sud. */
const TERRITORIAL = { own: "grand-sud", child: "provence-alpes-cote-d-azur", parent: "copil-national", unrelated: "sud-ouest" };
export const SPACES_OF: Record<ActorName, Record<Relation, string | null>> = {
  admin: TERRITORIAL,
  national: TERRITORIAL,
  pilote: TERRITORIAL,
  membre: TERRITORIAL,
  contributeur: TERRITORIAL,
  lecteur: TERRITORIAL,
  regional: { own: "corse", child: null, parent: "grand-sud", unrelated: "aquitaine" },
  stranger: TERRITORIAL,
  anonymous: TERRITORIAL,
};

export interface MatrixContext {
  server: TestServer;
  /** The actor's client (not logged in for "anonymous"). */
  client: Client;
  /** An admin's client, to prepare what the action needs. */
  admin: Client;
  spaceId: string;
  actor: ActorName;
}

export interface MatrixRow {
  action: string;
  run(ctx: MatrixContext): Promise<Reply>;
  expect: Record<ActorName, string>;
  /** The status a refusal answers where it must not tell that the thing exists (a 404), instead of 403/401. */
  refusedAs?: number;
}
