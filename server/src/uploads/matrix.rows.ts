import type { Reply } from "../../test/harness.js";
import type { MatrixContext, MatrixRow } from "../../test/matrix/matrix.js";
import { ADMIN_ONLY, EDITORS as managers, UPLOADERS as uploaders } from "../../test/matrix/profiles.js";
import { PDF, upload } from "../files/test-helpers.js";

const open = ({ client, spaceId }: MatrixContext) => client.post(`/api/spaces/${spaceId}/uploads`, { name: "envoi.pdf", size: PDF.length });

async function send(ctx: MatrixContext, id: string): Promise<Reply> {
  const res = await ctx.client.raw("PATCH", `/api/uploads/${id}`, {
    body: PDF,
    headers: { "content-type": "application/offset+octet-stream", "upload-offset": "0" },
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** Only the person who opened an upload sees it: here an admin opened it, so the admin alone. */
const OWNER_ONLY = ADMIN_ONLY;

export const rows: MatrixRow[] = [
  { action: "ouvrir un envoi reprenable", run: open, expect: uploaders },
  {
    action: "envoyer un fichier par un envoi reprenable, jusqu'au dernier octet",
    run: async (ctx) => {
      const r = await open(ctx);
      return r.status === 201 ? send(ctx, r.body.upload.id) : r;
    },
    expect: uploaders,
  },
  {
    action: "ouvrir l'envoi reprenable d'une nouvelle version d'un fichier déposé par un autre",
    run: async (ctx) => {
      const file = (await upload(ctx.admin, ctx.spaceId, "etude.pdf")).body.file.id;
      return ctx.client.post(`/api/files/${file}/uploads`, { name: "v2.pdf", size: PDF.length });
    },
    expect: managers,
  },
  {
    action: "voir où en est l'envoi reprenable d'une autre personne",
    run: async (ctx) => {
      const r = await ctx.admin.post(`/api/spaces/${ctx.spaceId}/uploads`, { name: "admin.pdf", size: PDF.length });
      return ctx.client.get(`/api/uploads/${r.body.upload.id}`);
    },
    expect: OWNER_ONLY,
  },
  {
    action: "continuer l'envoi reprenable d'une autre personne",
    run: async (ctx) => {
      const r = await ctx.admin.post(`/api/spaces/${ctx.spaceId}/uploads`, { name: "admin.pdf", size: PDF.length });
      return send(ctx, r.body.upload.id);
    },
    expect: OWNER_ONLY,
  },
  {
    action: "annuler l'envoi reprenable d'une autre personne",
    run: async (ctx) => {
      const r = await ctx.admin.post(`/api/spaces/${ctx.spaceId}/uploads`, { name: "admin.pdf", size: PDF.length });
      const res = await ctx.client.raw("DELETE", `/api/uploads/${r.body.upload.id}`);
      return { status: res.status, body: await res.text(), headers: res.headers };
    },
    expect: OWNER_ONLY,
  },
];
