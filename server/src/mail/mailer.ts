/**
 * Outgoing mail. With SMTP_URL, through SMTP; without it, each mail is written to the server
 * log and to DATA_DIR/outbox as a .eml file, so a local user can follow its links.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Config } from "../config.js";
import { mailsSending } from "../metrics/registry.js";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Files sent with the mail (an event's .ics). */
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Where mails are written when no SMTP server is configured. */
  readonly outbox: string | null;
  /**
   * Waits for the mails being sent, also those sent meanwhile, at most `timeoutMs`: on shutdown,
   * a mail sent after its answer (password reset, notification) is handed over before the process
   * ends, and nothing writes into DATA_DIR once the server says it is closed.
   */
  drain(timeoutMs?: number): Promise<void>;
}

const DRAIN_TIMEOUT_MS = 10_000;

export function createMailer(
  config: Pick<Config, "SMTP_URL" | "MAIL_FROM" | "DATA_DIR"> & Partial<Pick<Config, "LOG_LEVEL">>,
  log = console,
): Mailer {
  // The outbox file is always written; the log copy only at the "info" level and below.
  const logMails = ["debug", "info"].includes(config.LOG_LEVEL ?? "info");
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return tracked(null, log, async (mail) => {
      await transport.sendMail({ from: config.MAIL_FROM, ...mail });
    });
  }
  const outbox = path.resolve(config.DATA_DIR, "outbox");
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  // Two mails to one person within a millisecond must not overwrite each other, and files sort in sending order.
  let sequence = 0;
  return tracked(outbox, log, async (mail) => {
    const info = await transport.sendMail({ from: config.MAIL_FROM, ...mail });
    await mkdir(outbox, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const seq = String(sequence++ % 1e6).padStart(6, "0");
    const file = path.join(outbox, `${stamp}-${seq}-${mail.to.replace(/[^a-z0-9@._-]/gi, "_")}.eml`);
    // Written aside then renamed, so that whoever watches the outbox never reads half a mail.
    await writeFile(`${file}.part`, info.message as Buffer);
    await rename(`${file}.part`, file);
    if (logMails) log.info(`[mail] à ${mail.to} : ${mail.subject}\n${mail.text}\n(écrit dans ${file})`);
  });
}

/** A mailer that remembers the sendings under way, for drain(). */
function tracked(outbox: string | null, log: Pick<Console, "error">, send: (mail: Mail) => Promise<void>): Mailer {
  const pending = new Set<Promise<void>>();
  return {
    outbox,
    send(mail) {
      const sending = send(mail);
      mailsSending.inc();
      const settled = sending.then(
        () => {},
        () => {},
      );
      pending.add(settled);
      void settled.then(() => {
        pending.delete(settled);
        mailsSending.dec();
      });
      return sending;
    },
    async drain(timeoutMs = DRAIN_TIMEOUT_MS) {
      const deadline = Date.now() + timeoutMs;
      while (pending.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0) {
          log.error(`[mail] arrêt : ${pending.size} courriel(s) encore en cours d'envoi après ${timeoutMs / 1000} s, non attendus`);
          return;
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.all(pending), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
        clearTimeout(timer);
      }
    },
  };
}
