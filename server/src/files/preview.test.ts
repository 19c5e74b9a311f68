/**
 * Previews of office files: ODT, ODS, ODP, XLSX and PPTX written here and the DOCX LibreOffice makes of
 * the ODT come back as HTML holding their text, never their scripts or remote images; a zip bomb, a
 * truncated file and a PDF (which has its own preview) are refused with a message; readers only.
 */
import { strToU8, zipSync } from "fflate";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { spaceId, startTestServer, type Client, type TestServer } from "../../test/harness.js";
import { entry, zip } from "../../test/zip.js";
import { libreOffice } from "../exports/test-helpers.js";
import { ODP_FIXTURE, ODS_FIXTURE, ODT_FIXTURE, PPTX_FIXTURE, XLSX_FIXTURE } from "./preview-fixtures.js";
import { upload } from "./test-helpers.js";

let server: TestServer;
let membre: Client;
let grandSud: string;
let bomb: Buffer;

beforeAll(async () => {
  // 100 MB of spaces in content.xml deflate to about a hundred kilobytes. Made first: compressing them holds
  // the test's thread for seconds, long enough for the server to close an idle kept-alive connection.
  bomb = Buffer.from(
    zipSync({
      mimetype: [strToU8("application/vnd.oasis.opendocument.text"), { level: 0 }],
      "content.xml": [new Uint8Array(100 * 1024 * 1024).fill(32), { level: 6 }],
    }),
  );
  server = await startTestServer();
  grandSud = await spaceId(server, "grand-sud");
  membre = await server.as("membre.grand-sud@atelier.test");
});

async function preview(name: string, body: Buffer, client = membre) {
  const up = await upload(membre, grandSud, name, body);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  return client.get(`/api/files/${up.body.file.id}/preview`);
}

const expectSafe = (html: string) => {
  expect(html).not.toMatch(/<script|<img|traceur\.example|rm -rf|<style[^>]*>[^<]*@import/i);
};

describe("office previews", () => {
  it("shows the text, headings, lists and tables of ODF files and of their Office versions, and nothing active", async () => {
    const odt = ODT_FIXTURE();
    // Word's format as LibreOffice writes it.
    const docx = (await libreOffice({ "compte-rendu.odt": odt }, "docx"))["compte-rendu.odt"]!;
    const cases: [string, Buffer, string[]][] = [
      ["compte-rendu.odt", odt, ["<h2>Compte rendu du COPIL</h2>", "<li>", "<td>", "Formation commune", "&lt;script&gt;"]],
      ["compte-rendu.docx", docx, ["Compte rendu du COPIL</h", "<li>", "<td>", "Formation commune", "&lt;script&gt;"]],
      ["indicateurs.ods", ODS_FIXTURE(), ["<td><p>Grand-Sud</p></td>", "42"]],
      ["indicateurs.xlsx", XLSX_FIXTURE(), ["<td>Grand-Sud</td>", "<td>42</td>", "&lt;script&gt;"]],
      ["assises.odp", ODP_FIXTURE(), ["<h2>Ouverture</h2>", "Assises territoriales", "Leviers"]],
      ["assises.pptx", PPTX_FIXTURE(), ["Diapositive 2", "Assises territoriales", "Leviers"]],
    ];
    for (const [name, body, expected] of cases) {
      const r = await preview(name, body);
      expect(r.status, name).toBe(200);
      for (const piece of expected) expect(r.body.html, name).toContain(piece);
      expectSafe(r.body.html);
    }
  }, 240_000);

  it("refuses a zip bomb, a truncated file and a type without this preview, with a French message", async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const bombed = await preview("bombe.odt", bomb);
    expect(bombed.status).toBe(422);
    expect(bombed.body.error.message).toMatch(/^Aperçu impossible : trop volumineux une fois décompressé/);
    // The same spaces in a zip that declares them as 2 000 bytes: stopped while inflating.
    const spaces = Buffer.alloc(100 * 1024 * 1024, " ");
    const lying = zip([
      entry("mimetype", "application/vnd.oasis.opendocument.text"),
      { name: "content.xml", deflated: zlib.deflateRawSync(spaces, { level: 1 }), crc: zlib.crc32(spaces), size: 2000 },
    ]);
    const lied = await preview("bombe-menteuse.odt", lying);
    expect(lied.status).toBe(422);
    expect(lied.body.error.message).toMatch(/^Aperçu impossible : trop volumineux une fois décompressé/);
    const odt = ODT_FIXTURE();
    const truncated = odt.subarray(0, Math.floor(odt.length / 2));
    const cut = await preview("coupe.odt", Buffer.from(truncated));
    expect([415, 422]).toContain(cut.status);
    expect(cut.body.error.message).toMatch(/Aperçu impossible|pas d'aperçu/);
    const pdf = await preview("note.pdf", Buffer.from("%PDF-1.4\n%%EOF\n"));
    expect(pdf.status).toBe(415);
    expect(pdf.body.error.message).toContain("téléchargez-le");
  }, 120_000);

  it("is for readers of the file only", async () => {
    const up = await upload(membre, grandSud, "compte-rendu.odt", ODT_FIXTURE());
    const outsider = await server.as("membre.sud-ouest@atelier.test");
    expect((await outsider.get(`/api/files/${up.body.file.id}/preview`)).status).toBe(403);
    expect((await server.client().get(`/api/files/${up.body.file.id}/preview`)).status).toBe(401);
  });
});
