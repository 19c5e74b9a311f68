/**
 * Reading the outbox as a local user would: the .eml files the mailer writes without SMTP_URL.
 * Used by tests to follow the links Atelier mails.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { TestServer } from "../../test/harness.js";

export interface OutboxMail {
  file: string;
  subject: string;
  text: string;
  /** The attached files of a multipart mail, decoded. */
  attachments: { filename: string; content: string }[];
}

interface Part {
  headers: string;
  body: string;
}

/** A MIME entity's headers (unfolded) and body. */
function splitEntity(raw: string): Part {
  const split = raw.indexOf("\n\n");
  return { headers: raw.slice(0, split).replace(/\n[ \t]+/g, " "), body: raw.slice(split + 2) };
}

/** The leaf parts of a (possibly multipart) entity. */
function leaves(entity: Part): Part[] {
  const boundary = /content-type:\s*multipart\/[^;]+;.*?boundary="?([^";\n]+)"?/i.exec(entity.headers)?.[1];
  if (!boundary) return [entity];
  return entity.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .flatMap((chunk) => leaves(splitEntity(chunk.replace(/^\n/, ""))));
}

function decodeBody(headers: string, body: string): string {
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const joined = body.replace(/=\r?\n/g, "");
    const bytes: number[] = [];
    for (let i = 0; i < joined.length; i++) {
      const hex = joined[i] === "=" ? joined.slice(i + 1, i + 3) : "";
      if (/^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else bytes.push(...Buffer.from(joined[i]!, "utf8"));
    }
    return Buffer.from(bytes).toString("utf8");
  }
  return body;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?...?= or =?UTF-8?B?...?=) in a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
      kind.toLowerCase() === "b"
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeBody("content-transfer-encoding: quoted-printable", data.replace(/_/g, " ")),
    );
}

/** Every mail sent to this address so far, oldest first. */
export async function mailsTo(server: TestServer, to: string): Promise<OutboxMail[]> {
  const outbox = server.services.mailer.outbox!;
  const suffix = `-${to.replace(/[^a-z0-9@._-]/gi, "_")}.eml`;
  const files = (await readdir(outbox).catch(() => [] as string[])).filter((f) => f.endsWith(suffix)).sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = (await readFile(path.join(outbox, file), "utf8")).replace(/\r\n/g, "\n");
      const entity = splitEntity(raw);
      const subject = decodeHeader(/^subject:\s*(.*)$/im.exec(entity.headers)?.[1] ?? "");
      const parts = leaves(entity);
      const text = parts.find((p) => !/content-disposition:\s*attachment/i.test(p.headers)) ?? entity;
      const attachments = parts
        .filter((p) => /content-disposition:\s*attachment/i.test(p.headers))
        .map((p) => ({ filename: /filename="?([^";\n]+)"?/i.exec(p.headers)?.[1] ?? "", content: decodeBody(p.headers, p.body) }));
      return { file, subject, text: decodeBody(text.headers, text.body), attachments };
    }),
  );
}

export async function lastMailTo(server: TestServer, to: string): Promise<OutboxMail> {
  const mails = await mailsTo(server, to);
  if (mails.length === 0) throw new Error(`no mail to ${to}`);
  return mails.at(-1)!;
}

/** The `jeton` of the link to `page` in a mail. */
export function tokenIn(mail: OutboxMail, page: string): string {
  const match = new RegExp(`${page}\\?jeton=([a-z0-9]+)`).exec(mail.text);
  if (!match) throw new Error(`no link to ${page} in:\n${mail.text}`);
  return match[1]!;
}

/** For mails sent after the answer (password reset): waits until `count` mails reached the address. */
export async function waitForMailTo(server: TestServer, to: string, count = 1): Promise<OutboxMail> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const mails = await mailsTo(server, to);
    if (mails.length >= count) return mails.at(-1)!;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no mail number ${count} to ${to} after 5 s`);
}
