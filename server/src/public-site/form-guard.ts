/**
 * Public forms are hostile by default. Each one, before anything is read into the database:
 * - a small body (a 10 MB post is refused unread, 413);
 * - rate limits per address and per form, shared by every instance through Redis when REDIS_URL
 *   is set, else kept in this process (rate-limiter-flexible);
 * - a honeypot field people never see nor fill;
 * - a timing field signed when the form was shown: sent too soon, it is a robot's; forged or too
 *   old, the form is shown again. No outside CAPTCHA service.
 */
import { log } from "../logging/logger.js";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Config } from "../config.js";
import { HttpError } from "../http/errors.js";

export const FORM_BODY_MAX_BYTES = 64 * 1024;
/** The honeypot's name: a field a robot filling every input fills. */
export const HONEYPOT = "site_web";
export const TIMING = "jeton_formulaire";
const TIMING_MAX_AGE_MS = 24 * 3600 * 1000;

/** Per address: a few submissions an hour; per form: what a popular event receives at most. */
const LIMITS = { address: { points: 10, duration: 3600 }, form: { points: 300, duration: 3600 } };

export const formBodyLimit: MiddlewareHandler = bodyLimit({
  maxSize: FORM_BODY_MAX_BYTES,
  onError: () => {
    throw new HttpError(413, "payload_too_large", "Le formulaire envoyé est trop volumineux.");
  },
});

const sign = (secret: string, issuedAt: number) => createHmac("sha256", secret).update(`form:${issuedAt}`).digest("base64url");

/** The value of the timing field for a form shown at `issuedAt` (ms). */
export const timingToken = (secret: string, issuedAt: number) => `${issuedAt}.${sign(secret, issuedAt)}`;

export interface FormGuard {
  /** The hidden fields a form carries: the honeypot's and the timing's. */
  timing(): string;
  /** Throws a French 4xx unless the submission passes every defence; `form` names the form's counter. */
  check(fields: Record<string, unknown>, address: string, form: string): Promise<void>;
  close(): Promise<void>;
}

export function createFormGuard(config: Pick<Config, "FORM_SECRET" | "PUBLIC_FORM_MIN_SECONDS" | "REDIS_URL">): FormGuard {
  const secret = config.FORM_SECRET ?? randomBytes(32).toString("hex");
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3, enableOfflineQueue: true }) : null;
  // ioredis reconnects by itself; a refused count while Redis is down surfaces as a 503 from the error handler.
  redis?.on("error", (err) => log.warn({ err }, "[formulaires] Redis injoignable"));
  const limiter = (name: keyof typeof LIMITS): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `atelier:form:${name}`, ...LIMITS[name] })
      : new RateLimiterMemory({ keyPrefix: name, ...LIMITS[name] });
  const limiters = { address: limiter("address"), form: limiter("form") };

  const refused = (message: string) => new HttpError(400, "form_refused", message);

  return {
    timing: () => timingToken(secret, Date.now()),
    async check(fields, address, form) {
      try {
        await limiters.address.consume(address);
        await limiters.form.consume(form);
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) throw err;
        const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        const wait = seconds < 90 ? `${seconds} secondes` : `${Math.ceil(seconds / 60)} minutes`;
        throw new HttpError(429, "too_many_submissions", `Trop d'envois depuis votre connexion. Réessayez dans ${wait}.`, { retryAfterSeconds: seconds }, { "Retry-After": String(seconds) });
      }
      if (typeof fields[HONEYPOT] === "string" && fields[HONEYPOT] !== "") throw refused("Votre envoi n'a pas pu être accepté.");
      const [at, mac] = String(fields[TIMING] ?? "").split(".");
      const issuedAt = Number(at);
      const expected = Buffer.from(sign(secret, issuedAt));
      const given = Buffer.from(mac ?? "");
      const age = Date.now() - issuedAt;
      if (!Number.isFinite(issuedAt) || given.length !== expected.length || !timingSafeEqual(given, expected) || age > TIMING_MAX_AGE_MS) {
        throw refused("Ce formulaire a expiré : rechargez la page et envoyez-le de nouveau.");
      }
      if (age < config.PUBLIC_FORM_MIN_SECONDS * 1000) throw refused("Votre envoi a été trop rapide : relisez le formulaire puis envoyez-le de nouveau.");
    },
    async close() {
      redis?.disconnect();
    },
  };
}
