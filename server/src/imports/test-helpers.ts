/** What the imports tests and matrix rows share: sending a file as a person's browser does (multipart). */
import type { Client, Reply } from "../../test/harness.js";

export async function sendFile(client: Client, url: string, name: string, bytes: Buffer | string, fields: Record<string, string> = {}): Promise<Reply> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)]), name);
  const res = await client.raw("POST", url, { body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

export const importFile = (client: Client, spaceId: string, name: string, bytes: Buffer | string, fields: Record<string, string> = { kind: "livrable" }) =>
  sendFile(client, `/api/spaces/${spaceId}/documents/import`, name, bytes, fields);
