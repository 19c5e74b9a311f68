/**
 * The administration is for platform admins only: every other role, whatever space the action
 * names, is refused (403), and an anonymous caller is asked to log in (401). Each mutation works
 * on a person or a space the admin prepares for it, so rows never depend on one another.
 */
import type { Client } from "../../test/harness.js";
import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { ADMIN_ONLY } from "../../test/matrix/profiles.js";

const fresh = () => crypto.randomUUID().slice(0, 8);

async function ok<T = any>(reply: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`preparation failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function freshUser(admin: Client, spaceId?: string): Promise<string> {
  const body = await ok<any>(
    admin.post("/api/admin/users", {
      email: `matrice-${fresh()}@exemple.fr`,
      firstName: "Matrice",
      lastName: "Essai",
      ...(spaceId ? { membership: { spaceId, role: "lecteur" } } : {}),
    }),
  );
  return body.user.id;
}

async function freshSpace({ admin, server }: MatrixContext): Promise<string> {
  const [national] = await server.services.db.query<{ id: string }>("SELECT id FROM spaces WHERE level = 'national' LIMIT 1");
  const body = await ok<any>(
    admin.post("/api/admin/spaces", { name: `Matrice ${fresh()}`, level: "territorial", parentId: national!.id }),
  );
  return body.space.id;
}

/** A one-line members file adding a new person to the space. */
async function importOne({ client, server, spaceId }: MatrixContext, dryRun: boolean) {
  const [space] = await server.services.db.query<{ slug: string }>("SELECT slug FROM spaces WHERE id = $1", [spaceId]);
  const csv = `email;nom;prénom;organisme;espace;rôle\nmatrice-${fresh()}@exemple.fr;Essai;Matrice;;${space!.slug};lecteur\n`;
  const res = await client.raw("POST", `/api/admin/import/members?dryRun=${dryRun}`, {
    body: csv,
    headers: { "content-type": "text/csv" },
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const row = (action: string, run: MatrixRow["run"]): MatrixRow => ({ action, run, expect: ADMIN_ONLY });

export const rows: MatrixRow[] = [
  row("admin : lister les comptes", ({ client }) => client.get("/api/admin/users")),
  row("admin : voir un compte", async (ctx) => ctx.client.get(`/api/admin/users/${await freshUser(ctx.admin)}`)),
  row("admin : créer un compte", ({ client, spaceId }) =>
    client.post("/api/admin/users", {
      email: `matrice-${fresh()}@exemple.fr`,
      firstName: "Matrice",
      lastName: "Essai",
      membership: { spaceId, role: "membre" },
    }),
  ),
  row("admin : modifier un compte", async (ctx) =>
    ctx.client.patch(`/api/admin/users/${await freshUser(ctx.admin)}`, { organisation: "Autre" }),
  ),
  row("admin : désactiver un compte", async (ctx) =>
    ctx.client.post(`/api/admin/users/${await freshUser(ctx.admin)}/deactivate`),
  ),
  row("admin : réactiver un compte", async (ctx) => {
    const id = await freshUser(ctx.admin);
    await ok(ctx.admin.post(`/api/admin/users/${id}/deactivate`));
    return ctx.client.post(`/api/admin/users/${id}/reactivate`);
  }),
  row("admin : effacer les données personnelles d'un compte", async (ctx) =>
    ctx.client.post(`/api/admin/users/${await freshUser(ctx.admin)}/erase`),
  ),
  row("admin : donner un rôle dans un espace", async (ctx) =>
    ctx.client.put(`/api/admin/users/${await freshUser(ctx.admin)}/memberships/${ctx.spaceId}`, { role: "membre" }),
  ),
  row("admin : retirer quelqu'un d'un espace", async (ctx) =>
    ctx.client.delete(`/api/admin/users/${await freshUser(ctx.admin, ctx.spaceId)}/memberships/${ctx.spaceId}`),
  ),
  row("admin : lister les espaces", ({ client }) => client.get("/api/admin/spaces")),
  row("admin : créer un espace", async (ctx) =>
    ctx.client.post("/api/admin/spaces", { name: `Matrice ${fresh()}`, level: "regional", parentId: await freshSpace(ctx) }),
  ),
  row("admin : modifier un espace", async (ctx) =>
    ctx.client.patch(`/api/admin/spaces/${await freshSpace(ctx)}`, { description: "Modifié" }),
  ),
  row("admin : archiver un espace", async (ctx) => ctx.client.post(`/api/admin/spaces/${await freshSpace(ctx)}/archive`)),
  row("admin : désarchiver un espace", async (ctx) => {
    const id = await freshSpace(ctx);
    await ok(ctx.admin.post(`/api/admin/spaces/${id}/archive`));
    return ctx.client.post(`/api/admin/spaces/${id}/unarchive`);
  }),
  row("admin : télécharger le modèle d'import", ({ client }) => client.get("/api/admin/import/members/modele.csv")),
  row("admin : importer des membres (essai)", (ctx) => importOne(ctx, true)),
  row("admin : importer des membres", (ctx) => importOne(ctx, false)),
];
