/** What the attachments tests and matrix rows share: a document to attach to, and attaching through HTTP. */
import type { Client, Reply } from "../../test/harness.js";

/** A 1×1 PNG: enough for its type to be recognised from its bytes. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

export async function createDocument(client: Client, spaceId: string): Promise<string> {
  const r = await client.post(`/api/spaces/${spaceId}/documents`, { title: "Document avec pièces jointes", kind: "livrable" });
  if (r.status !== 201) throw new Error(`création : ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.document.id;
}

export async function attach(client: Client, documentId: string, name: string, body: Buffer | string = PNG): Promise<Reply> {
  const res = await client.raw("POST", `/api/documents/${documentId}/attachments?${new URLSearchParams({ name })}`, {
    body,
    headers: { "content-type": "application/octet-stream" },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
