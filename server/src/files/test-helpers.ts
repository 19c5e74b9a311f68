/** What the files tests and matrix rows share: uploading through HTTP as a given client. */
import type { Client, Reply } from "../../test/harness.js";

/** The smallest well-formed PDF: enough for the type to be recognised and a viewer to open it. */
export const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
    "3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

export async function upload(
  client: Client,
  spaceId: string,
  name: string,
  body: Buffer | string = PDF,
  meta: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<Reply> {
  const query = new URLSearchParams({ name, ...meta });
  const res = await client.raw("POST", `/api/spaces/${spaceId}/files?${query}`, {
    body,
    headers: { "content-type": "application/octet-stream", ...headers },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

export async function uploadVersion(client: Client, fileId: string, name: string, body: Buffer | string): Promise<Reply> {
  const res = await client.raw("POST", `/api/files/${fileId}/versions?${new URLSearchParams({ name })}`, {
    body,
    headers: { "content-type": "application/octet-stream" },
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}
