import { IMPORT_MAX_LINES } from "@atelier/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { auditAbout, mailsTo, recordAccessChanges, unique } from "./test-helpers.js";

let server: TestServer;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.as("admin@atelier.test");
});

const HEADER = "email;nom;prénom;organisme;espace;rôle";

async function upload(csv: string, dryRun: boolean, type = "text/csv; charset=utf-8") {
  const res = await admin.raw("POST", `/api/admin/import/members?dryRun=${dryRun}`, {
    body: csv,
    headers: { "content-type": type },
  });
  return { status: res.status, body: (await res.json()) as any };
}

const fresh = () => `${unique("import")}@exemple.fr`;
const userCount = async () => (await server.services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users"))[0]!.n;
const membershipCount = async () =>
  (await server.services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM memberships"))[0]!.n;
const roleOf = async (email: string, slug: string) =>
  (
    await server.services.db.query<{ role: string }>(
      "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id JOIN spaces s ON s.id = m.space_id WHERE u.email = $1 AND s.slug = $2",
      [email, slug],
    )
  )[0]?.role ?? null;

describe("dry run", () => {
  it("says what would be created and changed, and writes nothing", async () => {
    const [a, b] = [fresh(), fresh()];
    const csv = [
      HEADER,
      `${a};Durand;Hélène;DDETS du Var;provence-alpes-cote-d-azur;membre`,
      `${a};Durand;Hélène;DDETS du Var;corse;lecteur`,
      `${b};Martin;Luc;;grand-sud;Contributeur`,
      "membre.corse@atelier.test;Santoni;Lucia;DRJSCS Corse;corse;pilote",
      "partenaire@atelier.test;Partenaire;Karim;UNIOPSS;grand-sud;contributeur",
      "lecteur.grand-sud@atelier.test;;;;corse;lecteur",
    ].join("\n");
    const [users, memberships] = [await userCount(), await membershipCount()];
    const r = await upload(csv, true);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: true, applied: false, lines: 6, errors: [] });
    expect(r.body.counts).toEqual({ usersCreated: 2, membershipsAdded: 4, membershipsUpdated: 1, unchanged: 1 });
    expect(r.body.plan).toEqual([
      { line: 2, email: a, spaceSlug: "provence-alpes-cote-d-azur", role: "membre", user: "create", membership: "add", previousRole: null },
      { line: 3, email: a, spaceSlug: "corse", role: "lecteur", user: "create", membership: "add", previousRole: null },
      { line: 4, email: b, spaceSlug: "grand-sud", role: "contributeur", user: "create", membership: "add", previousRole: null },
      { line: 5, email: "membre.corse@atelier.test", spaceSlug: "corse", role: "pilote", user: "existing", membership: "update", previousRole: "membre" },
      { line: 6, email: "partenaire@atelier.test", spaceSlug: "grand-sud", role: "contributeur", user: "existing", membership: "unchanged", previousRole: "contributeur" },
      { line: 7, email: "lecteur.grand-sud@atelier.test", spaceSlug: "corse", role: "lecteur", user: "existing", membership: "add", previousRole: null },
    ]);
    expect([await userCount(), await membershipCount()]).toEqual([users, memberships]);
    expect(await roleOf("membre.corse@atelier.test", "corse")).toBe("membre");
    expect(await mailsTo(server, a)).toEqual([]);
  });

  it("reports every bad line with its column and a French reason", async () => {
    const [a, b] = [fresh(), fresh()];
    const csv = [
      HEADER,
      "pas-une-adresse;Durand;Hélène;;grand-sud;membre",
      `${a};Durand;Hélène;;atlantide;membre`,
      `${a};Durand;Hélène;;grand-sud;chef`,
      `${b};Martin;Luc;;corse;membre`,
      `${b};Martin;Luc;;corse;pilote`,
      `${b};Martin;Luc;;corse;membre`,
      `${b};Martine;Luc;;grand-sud;membre`,
      `${fresh()};;;;grand-sud;membre`,
      `${fresh()};${"x".repeat(101)};Luc;;grand-sud;membre`,
      "trop;peu;de colonnes",
      `${fresh()};Durand;Hélène;;;`,
    ].join("\n");
    const r = await upload(csv, true);
    expect(r.status).toBe(200);
    const errors = r.body.errors.map((e: any) => [e.line, e.column, e.message]);
    expect(errors).toEqual([
      [2, "email", "Adresse e-mail invalide : « pas-une-adresse »."],
      [3, "espace", expect.stringMatching(/^Espace inconnu : « atlantide »/)],
      [4, "rôle", "Rôle inconnu : « chef » (pilote, membre, contributeur ou lecteur)."],
      [6, "rôle", "Conflit avec la ligne 5 : la même personne y reçoit un autre rôle dans cet espace."],
      [7, "email", "Doublon de la ligne 5 : même personne, même espace."],
      [8, "nom", `Conflit avec la ligne 5 : « Martin » y est indiqué pour la même adresse.`],
      [9, "nom", "Nom manquant : il est obligatoire pour créer un compte."],
      [9, "prénom", "Prénom manquant : il est obligatoire pour créer un compte."],
      [10, "nom", "Valeur trop longue (100 caractères au plus)."],
      [11, null, "La ligne compte 3 colonne(s) au lieu de 6."],
      [12, "espace", "Espace manquant."],
      [12, "rôle", "Rôle manquant."],
    ]);
    // The good line is still described.
    expect(r.body.plan.map((l: any) => l.line)).toEqual([5]);
  });

  it("refuses a deactivated account and an archived space", async () => {
    const [user] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'membre.sud-ouest@atelier.test'");
    expect((await admin.post(`/api/admin/users/${user!.id}/deactivate`)).status).toBe(200);
    const [national] = await server.services.db.query<{ id: string }>("SELECT id FROM spaces WHERE slug = 'copil-national'");
    const slug = unique("archive");
    const space = (await admin.post("/api/admin/spaces", { name: "À archiver", slug, level: "territorial", parentId: national!.id })).body.space;
    await admin.post(`/api/admin/spaces/${space.id}/archive`);
    const r = await upload(
      [HEADER, "membre.sud-ouest@atelier.test;Garonne;Sophie;;aquitaine;membre", `${fresh()};Durand;Hélène;;${slug};membre`].join("\n"),
      true,
    );
    expect(r.body.errors).toEqual([
      { line: 2, column: "email", message: expect.stringMatching(/désactivé/) },
      { line: 3, column: "espace", message: `L'espace « ${slug} » est archivé.` },
    ]);
    await admin.post(`/api/admin/users/${user!.id}/reactivate`);
  });
});

describe("real run", () => {
  it("writes everything in one go, invites the new people and announces the changes", async () => {
    const a = fresh();
    const csv = [
      HEADER,
      `${a};Durand;Hélène;DDETS du Var;provence-alpes-cote-d-azur;membre`,
      `${a};Durand;Hélène;DDETS du Var;corse;lecteur`,
      "membre.grand-sud@atelier.test;Membre;Marie;;grand-sud;pilote",
    ].join("\r\n");
    const seen = recordAccessChanges(server);
    const r = await upload(csv, false);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: false, applied: true, lines: 3, errors: [] });
    expect(r.body.counts).toEqual({ usersCreated: 1, membershipsAdded: 2, membershipsUpdated: 1, unchanged: 0 });

    const created = (await admin.get(`/api/admin/users?q=${encodeURIComponent(a)}`)).body.users[0];
    expect(created).toMatchObject({ email: a, firstName: "Hélène", lastName: "Durand", organisation: "DDETS du Var", hasPassword: false });
    expect(created.memberships.map((m: any) => [m.spaceSlug, m.role]).sort()).toEqual([
      ["corse", "lecteur"],
      ["provence-alpes-cote-d-azur", "membre"],
    ]);
    expect(await roleOf("membre.grand-sud@atelier.test", "grand-sud")).toBe("pilote");
    expect(seen).toHaveLength(3);
    expect(seen.every((c) => c.kind === "membership")).toBe(true);
    expect(await mailsTo(server, a)).toHaveLength(1);
    const audit = await auditAbout(server, created.id);
    expect(audit.map((e) => [e.kind, e.details.via])).toEqual([
      ["membership.granted", "import"],
      ["membership.granted", "import"],
      ["user.created", "import"],
    ]);
    // Importing the same file again changes nothing.
    const again = await upload(csv, false);
    expect(again.body.counts).toEqual({ usersCreated: 0, membershipsAdded: 0, membershipsUpdated: 0, unchanged: 3 });
    expect(await mailsTo(server, a)).toHaveLength(1);
  });

  it("writes nothing when any line is bad, and answers 400 with the same report", async () => {
    const a = fresh();
    const [users, memberships] = [await userCount(), await membershipCount()];
    const csv = [HEADER, `${a};Durand;Hélène;;corse;membre`, "lecteur.grand-sud@atelier.test;;;;corse;membre", `${fresh()};X;Y;;corse;chef`].join("\n");
    const r = await upload(csv, false);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("import_invalid");
    expect(r.body.error.message).toMatch(/1 erreur\(s\).*rien n'a été importé/);
    expect(r.body.error.details).toMatchObject({ dryRun: false, applied: false, lines: 3 });
    expect(r.body.error.details.errors).toEqual([{ line: 4, column: "rôle", message: expect.stringMatching(/Rôle inconnu/) }]);
    expect([await userCount(), await membershipCount()]).toEqual([users, memberships]);
    expect(await mailsTo(server, a)).toEqual([]);
  });
});

describe("reading the file", () => {
  it("offers a template that imports as it is", async () => {
    const res = await admin.raw("GET", "/api/admin/import/members/modele.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="modele-import-membres\.csv"/);
    const template = await res.text();
    const r = await upload(template, true);
    expect(r.body).toMatchObject({ lines: 1, errors: [] });
  });

  it("accepts a comma separator, a BOM, header variants in any order and quoted fields", async () => {
    const a = fresh();
    const csv = `\uFEFF Rôle ,ESPACE,Email,Nom,Prenom,Organisme\r\nlecteur,corse,${a},"Durand, épouse Martin",Hélène,"Mairie de ""Bastia"""\r\n`;
    const r = await upload(csv, true);
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    expect(r.body.plan).toEqual([expect.objectContaining({ line: 2, email: a, spaceSlug: "corse", role: "lecteur" })]);
    const real = await upload(csv, false);
    expect(real.body.applied).toBe(true);
    const created = (await admin.get(`/api/admin/users?q=${encodeURIComponent(a)}`)).body.users[0];
    expect(created).toMatchObject({ lastName: "Durand, épouse Martin", organisation: 'Mairie de "Bastia"' });
  });

  it("skips blank lines but keeps counting them", async () => {
    const r = await upload([HEADER, "", `${fresh()};D;H;;corse;lecteur`, ";;;;;", "x;D;H;;corse;lecteur"].join("\n"), true);
    expect(r.body.lines).toBe(2);
    expect(r.body.errors).toEqual([{ line: 5, column: "email", message: "Adresse e-mail invalide : « x »." }]);
  });

  it.each([
    ["a missing column", "email;nom;prénom;espace;rôle", /colonnes manquantes : organisme/],
    ["an unknown column", `${HEADER};téléphone`, /colonnes inconnues : téléphone/],
    ["a duplicated column", "email;nom;prénom;organisme;espace;rôle;email", /colonnes en double : email/],
    ["a misspelt column", "mail;nom;prénom;organisme;espace;rôle", /manquantes : email.*inconnues : mail/],
  ])("refuses %s with a 400 naming it", async (_, header, message) => {
    const r = await upload(`${header}\nx@exemple.fr;a;b;c;corse;membre`, true);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_columns");
    expect(r.body.error.message).toMatch(message);
    expect(r.body.error.message).toContain("Colonnes attendues : email, nom, prénom, organisme, espace, rôle");
  });

  it("refuses an empty file, a header alone, broken quoting and another encoding", async () => {
    expect((await upload("", true)).body.error.code).toBe("empty_file");
    expect((await upload(`${HEADER}\n`, true)).body.error.message).toMatch(/aucune ligne/);
    const quote = await upload(`${HEADER}\n"x@exemple.fr;a;b;c;corse;membre\n`, true);
    expect(quote.status).toBe(400);
    expect(quote.body.error.message).toMatch(/mal formé.*guillemet/);
    const latin1 = await admin.raw("POST", "/api/admin/import/members?dryRun=true", {
      body: Buffer.from(`${HEADER}\nx@exemple.fr;Hélène;b;c;corse;membre\n`, "latin1"),
      headers: { "content-type": "text/csv" },
    });
    expect(latin1.status).toBe(400);
    expect(((await latin1.json()) as any).error.message).toMatch(/UTF-8/);
  });

  it("refuses another content type and a bad dryRun value", async () => {
    const json = await upload(HEADER, true, "application/json");
    expect(json.status).toBe(400);
    expect(json.body.error.message).toMatch(/text\/csv/);
    const res = await admin.raw("POST", "/api/admin/import/members?dryRun=peut-etre", {
      body: HEADER,
      headers: { "content-type": "text/csv" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.message).toMatch(/dryRun/);
  });

  it("refuses too many lines and too many bytes with a 413", async () => {
    const lines = Array.from({ length: IMPORT_MAX_LINES + 1 }, (_, i) => `p${i}@exemple.fr;D;H;;corse;lecteur`);
    const many = await upload([HEADER, ...lines].join("\n"), true);
    expect(many.status).toBe(413);
    expect(many.body.error.message).toMatch(/5001 lignes ; 5000 au plus/);
    const huge = await upload(`${HEADER}\n${"x".repeat(1_100_000)}`, true);
    expect(huge.status).toBe(413);
  });
});
