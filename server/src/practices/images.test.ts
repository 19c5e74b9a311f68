/**
 * The images of a published fiche pratique, through HTTP: the page shows each from the practice's own
 * address, which serves it to a visitor with no session only while the published snapshot shows it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { attach, PNG } from "../attachments/test-helpers.js";
import { createDocument } from "../documents/queries.js";
import { setImages } from "../public-site/test-helpers.js";
import { proposalContent } from "./fiche.js";

let server: TestServer;
let pilote: Client;
let visitor: Client;
let grandSud: string;

beforeAll(async () => {
  server = await startTestServer();
  pilote = await server.as("pilote.grand-sud@atelier.test");
  visitor = server.client();
  grandSud = await spaceId(server, "grand-sud");
});

/** A fiche pratique of Grand-Sud, its consent saying oui, as a proposal accepted leaves it. */
async function fiche(title: string): Promise<string> {
  const [user] = await server.services.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'pilote.grand-sud@atelier.test'");
  const fields = { projet: title, territoire: "grand-sud", etablissement: "", public: "", description: "Un accueil sans rendez-vous.", conditions: "", difficultes: "" };
  const rest = { acteurs: "", resultats: "", criteres: "", accord: "oui" as const, contact_nom: "Alex", contact_email: "alex@exemple.fr", contact_fonction: "", commentaires: "" };
  return (await createDocument(server.services, { spaceId: grandSud, title, kind: "fiche-pratique", themes: [], userId: user!.id, content: proposalContent({ ...fields, ...rest }) })).id;
}

async function image(documentId: string, name = "schema.png"): Promise<{ id: string; url: string }> {
  const r = await attach(pilote, documentId, name);
  expect(r.status).toBe(201);
  return r.body;
}

const publish = async (documentId: string) => {
  const r = await pilote.post(`/api/documents/${documentId}/publication`);
  expect(r.status).toBe(200);
  return r.body.publication.url as string;
};

describe("images of a published practice", () => {
  let documentId: string;
  let url: string;
  let shown: { id: string; url: string };

  it("are shown from the practice's address, served to a visitor with their type, nosniff and revalidation", async () => {
    documentId = await fiche("Le jardin partagé de Nice");
    shown = await image(documentId);
    await setImages(server, pilote, documentId, [shown.url], "Description du projet");
    url = await publish(documentId);

    const page = await visitor.get(url);
    expect(page.body).toContain(`<img src="${url}/images/${shown.id}">`);
    expect(page.body).not.toContain("/api/attachments/");
    const res = await visitor.raw("GET", `${url}/images/${shown.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toMatch(/^inline/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("public, no-cache");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    // The members' address stays theirs.
    expect((await visitor.raw("GET", shown.url)).status).toBe(401);
  });

  it("serves nothing the snapshot does not show: another attachment of the fiche, another document's, another practice's address", async () => {
    const unshown = await image(documentId, "brouillon.png");
    const other = await fiche("La maison des familles");
    const otherImage = await image(other);
    // Its address pasted into this fiche's text: still the other document's attachment.
    await setImages(server, pilote, documentId, [shown.url, otherImage.url], "Description du projet");
    await setImages(server, pilote, other, [otherImage.url], "Description du projet");
    const otherUrl = await publish(other);
    expect(await publish(documentId)).toBe(url);
    expect((await visitor.get(url)).body).toContain(`${url}/images/${otherImage.id}`);

    expect((await visitor.raw("GET", `${otherUrl}/images/${otherImage.id}`)).status).toBe(200);
    for (const address of [`${url}/images/${unshown.id}`, `${url}/images/${otherImage.id}`, `${otherUrl}/images/${shown.id}`, `${url}/images/nope`, `/pratiques-inspirantes/inconnue/images/${shown.id}`]) {
      const r = await visitor.raw("GET", address);
      expect(r.status, address).toBe(404);
      expect(await r.text(), address).toContain("Page introuvable");
    }
  }, 30_000);

  it("stops being served once re-published without the image, or unpublished", async () => {
    await setImages(server, pilote, documentId, [], "Description du projet");
    expect((await visitor.raw("GET", `${url}/images/${shown.id}`)).status).toBe(200);
    await publish(documentId);
    expect((await visitor.raw("GET", `${url}/images/${shown.id}`)).status).toBe(404);

    await setImages(server, pilote, documentId, [shown.url], "Description du projet");
    await publish(documentId);
    expect((await visitor.raw("GET", `${url}/images/${shown.id}`)).status).toBe(200);
    expect((await pilote.delete(`/api/documents/${documentId}/publication`)).status).toBe(200);
    expect((await visitor.raw("GET", `${url}/images/${shown.id}`)).status).toBe(404);
  }, 30_000);
});
