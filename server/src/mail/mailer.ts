/**
 * Outgoing mail. With SMTP_URL, through SMTP; without it, each mail is written to the server
 * log and to DATA_DIR/outbox as a .eml file, so a local user can follow its links.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Config } from "../config.js";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Where mails are written when no SMTP server is configured. */
  readonly outbox: string | null;
}

export function createMailer(
  config: Pick<Config, "SMTP_URL" | "MAIL_FROM" | "DATA_DIR"> & Partial<Pick<Config, "LOG_LEVEL">>,
  log = console,
): Mailer {
  // The outbox file is always written; the log copy only at the "info" level and below.
  const logMails = ["debug", "info"].includes(config.LOG_LEVEL ?? "info");
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      outbox: null,
      async send(mail) {
        await transport.sendMail({ from: config.MAIL_FROM, ...mail });
      },
    };
  }
  const outbox = path.resolve(config.DATA_DIR, "outbox");
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  // Two mails to one person within a millisecond must not overwrite each other, and files sort in sending order.
  let sequence = 0;
  return {
    outbox,
    async send(mail) {
      const info = await transport.sendMail({ from: config.MAIL_FROM, ...mail });
      await mkdir(outbox, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const seq = String(sequence++ % 1e6).padStart(6, "0");
      const file = path.join(outbox, `${stamp}-${seq}-${mail.to.replace(/[^a-z0-9@._-]/gi, "_")}.eml`);
      // Written aside then renamed, so that whoever watches the outbox never reads half a mail.
      await writeFile(`${file}.part`, info.message as Buffer);
      await rename(`${file}.part`, file);
      if (logMails) log.info(`[mail] à ${mail.to} : ${mail.subject}\n${mail.text}\n(écrit dans ${file})`);
    },
  };
}
