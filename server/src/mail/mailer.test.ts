import { readdir } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { expect, it } from "vitest";
import { startTestServer } from "../../test/harness.js";
import { createMailer } from "./mailer.js";
import { mailsTo } from "./test-outbox.js";

const server = await startTestServer();

it("stopping the server waits for a mail sent after its answer, and nothing writes afterwards", async () => {
  const email = "membre.grand-sud@atelier.test";
  // "Mot de passe oublié" answers before its mail is written.
  expect((await server.client().post("/api/auth/password/forgot", { email })).status).toBe(202);
  await server.stop();

  const mails = await mailsTo(server, email);
  expect(mails.map((m) => m.subject)).toEqual(["Réinitialisation de votre mot de passe Atelier"]);
  expect(mails[0]!.text).toContain("/reinitialiser-mot-de-passe?jeton=");
  const outbox = server.services.mailer.outbox!;
  const files = await readdir(outbox);
  expect(files.filter((f) => f.endsWith(".part"))).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await readdir(outbox)).toEqual(files);
});

it("gives up waiting for an SMTP server that does not answer, and says so", async () => {
  // Accepts the connection and never greets: the mail stays under way.
  const sockets: Socket[] = [];
  const smtp = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const errors: string[] = [];
  const mailer = createMailer(
    { SMTP_URL: `smtp://127.0.0.1:${(smtp.address() as { port: number }).port}`, MAIL_FROM: "a@b.test", DATA_DIR: server.dataDir },
    { ...console, error: (line: string) => errors.push(line) },
  );
  const sending = mailer.send({ to: "x@atelier.test", subject: "s", text: "t" }).catch(() => {});
  const started = Date.now();
  await mailer.drain(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  expect(errors).toEqual([expect.stringContaining("1 courriel(s) encore en cours d'envoi")]);
  for (const socket of sockets) socket.destroy();
  smtp.close();
  await sending;
});
