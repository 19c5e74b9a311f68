/**
 * Resumable uploads of the library (new files and new versions), to the sessions of
 * packages/shared/src/api/uploads.ts. The file goes in pieces of a few parts by XHR, the only
 * browser API that reports upload progress. A network cut or a server error does not fail the
 * upload: it waits, asks the server how far it got (the server's offset is the only truth) and
 * sends the rest from there. Unfinished sessions are remembered in localStorage, so the same
 * file dropped again on the same target after a reload takes up where it stopped.
 */
import {
  ApiErrorSchema,
  UPLOAD_OFFSET_HEADER,
  UploadReply,
  UploadSession,
  type CreateUploadBody,
  type CreateVersionUploadBody,
  type FileSummary,
} from "@atelier/shared";
import { z } from "zod";
import { ApiError, request, requestVoid } from "../api/client";

/** A new file in a space, or a new version of a file. */
export type UploadTarget = { spaceId: string } | { fileId: string };

export interface UploadHandlers {
  /** Bytes of the whole file the server holds or is being sent. */
  onProgress(sent: number): void;
  /** The connection dropped or the server cannot store for now: the upload waits and starts again by itself. */
  onInterrupted(message: string): void;
  /** Bytes flow again from `from`: after a cut, or from an upload started before a reload. */
  onResumed(from: number): void;
}

export interface Upload {
  done: Promise<FileSummary>;
  cancel(): void;
}

const INTERRUPTED_MESSAGE = "Connexion interrompue : l'envoi reprendra automatiquement.";
const UNAVAILABLE_MESSAGE = "Le serveur ne peut pas enregistrer de fichier pour l'instant : l'envoi reprendra automatiquement.";
export const resumedMessage = (from: number, size: number) => `Reprise de l'envoi à ${Math.floor((from / (size || 1)) * 100)} %.`;
const CANCELLED = () => new ApiError(0, "cancelled", "Envoi annulé.");
const EXPIRED = () =>
  new ApiError(
    404,
    "upload_expired",
    "Cet envoi n'est plus disponible sur le serveur : un envoi interrompu est effacé 24 heures après la dernière partie reçue. Déposez à nouveau le fichier pour l'envoyer.",
  );

/** Parts per PATCH: big enough to keep the line busy, small enough to lose little on a cut. */
const PARTS_PER_PIECE = 4;
const MAX_WAIT_MS = 30_000;

const enc = encodeURIComponent;
const sessionUrl = (id: string) => `/api/uploads/${enc(id)}`;

// ---- Remembered sessions ---------------------------------------------------------------------

const STORE_PREFIX = "atelier.envoi:";
const Remembered = z.object({ id: z.string(), expiresAt: z.string() });

/** Keys being sent in this page: the same file dropped twice at once gets a session of its own. */
const active = new Set<string>();

interface Memory {
  get(): string | undefined;
  set(session: UploadSession): void;
  forget(): void;
}

const read = (key: string) => {
  const parsed = Remembered.safeParse(JSON.parse(localStorage.getItem(key) ?? "null"));
  return parsed.success ? parsed.data : undefined;
};

/** localStorage may be refused (private browsing, quota): only the resume after a reload is then lost. */
const quietly = <T>(action: () => T): T | undefined => {
  try {
    return action();
  } catch {
    return undefined;
  }
};

/** Sessions past their expiry are gone on the server: their entries are of no use. */
const sweep = () =>
  quietly(() => {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(STORE_PREFIX)) continue;
      const entry = quietly(() => read(key));
      if (!entry || Date.parse(entry.expiresAt) <= Date.now()) localStorage.removeItem(key);
    }
  });

/** Where this file's session for this target is remembered (the key names both). */
function memoryOf(target: UploadTarget, file: File): Memory & { release(): void } {
  const key = `${STORE_PREFIX}${"spaceId" in target ? `espace:${target.spaceId}` : `fichier:${target.fileId}`}:${file.size}:${file.lastModified}:${file.name}`;
  if (active.has(key)) return { get: () => undefined, set: () => {}, forget: () => {}, release: () => {} };
  active.add(key);
  return {
    get: () => quietly(() => read(key))?.id,
    set: (session) => quietly(() => localStorage.setItem(key, JSON.stringify({ id: session.id, expiresAt: session.expiresAt }))),
    forget: () => quietly(() => localStorage.removeItem(key)),
    release: () => active.delete(key),
  };
}

// ---- Requests --------------------------------------------------------------------------------

const SessionReply = z.object({ upload: UploadSession });
const OffsetDetails = z.object({ offset: z.number().int().nonnegative() });

/** A cut or a server fault: worth waiting and trying again. */
const isTransient = (err: unknown) => err instanceof ApiError && ((err.status === 0 && err.code !== "cancelled") || err.status >= 500);

async function getSession(id: string): Promise<UploadSession> {
  try {
    return (await request(sessionUrl(id), SessionReply)).upload;
  } catch (err) {
    throw err instanceof ApiError && err.status === 404 ? EXPIRED() : err;
  }
}

function createSession(target: UploadTarget, file: File): Promise<UploadSession> {
  const body = { name: file.name, size: file.size } satisfies CreateUploadBody & CreateVersionUploadBody;
  const url = "spaceId" in target ? `/api/spaces/${enc(target.spaceId)}/uploads` : `/api/files/${enc(target.fileId)}/uploads`;
  return request(url, SessionReply, { method: "POST", body }).then((r) => r.upload);
}

/** The session remembered for this file and target if the server still has it, else a new one. */
async function openSession(target: UploadTarget, file: File, memory: Memory): Promise<UploadSession> {
  const remembered = memory.get();
  if (remembered) {
    try {
      return await getSession(remembered);
    } catch (err) {
      // Expired, or started by someone else who used this browser before: this person starts anew.
      if (!(err instanceof ApiError && (err.code === "upload_expired" || err.status === 403))) throw err;
      memory.forget();
    }
  }
  const session = await createSession(target, file);
  memory.set(session);
  return session;
}

/** Sends the next piece, from the session's offset to a part boundary a few parts further. */
function sendPiece(session: UploadSession, file: File, onProgress: (sent: number) => void, signal: AbortSignal): Promise<UploadReply> {
  const from = session.offset;
  const to = Math.min(file.size, (Math.floor(from / session.partSize) + PARTS_PER_PIECE) * session.partSize);
  const xhr = new XMLHttpRequest();
  const abort = () => xhr.abort();
  signal.addEventListener("abort", abort);
  return new Promise<UploadReply>((resolve, reject) => {
    xhr.upload.onprogress = (e) => onProgress(from + e.loaded);
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText) as unknown;
        } catch {
          return null;
        }
      })();
      if (xhr.status === 404) return reject(EXPIRED());
      if (xhr.status >= 200 && xhr.status < 300) {
        const reply = UploadReply.safeParse(body);
        if (reply.success) return resolve(reply.data);
        return reject(new ApiError(xhr.status, "bad_reply", "Le serveur a envoyé une réponse inattendue. Rechargez la page."));
      }
      const error = ApiErrorSchema.safeParse(body);
      reject(
        error.success
          ? new ApiError(xhr.status, error.data.error.code, error.data.error.message, error.data.error.details)
          : new ApiError(xhr.status, "http", `L'envoi a échoué (erreur ${xhr.status}).`),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, "network", INTERRUPTED_MESSAGE));
    xhr.onabort = () => reject(CANCELLED());
    xhr.open("PATCH", sessionUrl(session.id));
    xhr.setRequestHeader(UPLOAD_OFFSET_HEADER, String(from));
    xhr.setRequestHeader("content-type", "application/offset+octet-stream");
    xhr.send(file.slice(from, to));
  }).finally(() => signal.removeEventListener("abort", abort));
}

/** Waits `ms`, or less if the browser says it is back online; rejects when cancelled. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = (then: () => void) => () => {
      clearTimeout(timer);
      window.removeEventListener("online", wake);
      signal.removeEventListener("abort", stop);
      then();
    };
    const wake = end(resolve);
    const stop = end(() => reject(CANCELLED()));
    const timer = setTimeout(wake, ms);
    window.addEventListener("online", wake);
    signal.addEventListener("abort", stop);
  });
}

// ---- The upload ------------------------------------------------------------------------------

async function run(target: UploadTarget, file: File, memory: Memory, h: UploadHandlers, signal: AbortSignal): Promise<FileSummary> {
  let session: UploadSession | undefined;
  // Failures in a row: the wait doubles with each (1 s, 2 s, 4 s… up to 30 s).
  let failures = 0;
  try {
    for (;;) {
      try {
        if (!session) {
          session = await openSession(target, file, memory);
          if (session.offset > 0 || failures > 0) h.onResumed(session.offset);
        } else if (failures > 0) {
          session = await getSession(session.id);
          h.onResumed(session.offset);
        }
        failures = 0;
        if (signal.aborted) throw CANCELLED();
        const reply = await sendPiece(session, file, h.onProgress, signal);
        if (reply.file) {
          memory.forget();
          return reply.file;
        }
        session = reply.upload;
        memory.set(session);
      } catch (err) {
        if (signal.aborted) throw CANCELLED();
        const mismatch = err instanceof ApiError && err.code === "offset_mismatch" ? OffsetDetails.safeParse(err.details) : undefined;
        if (session && mismatch?.success) {
          session = { ...session, offset: mismatch.data.offset };
          continue;
        }
        if (!isTransient(err)) throw err;
        if (failures === 0) h.onInterrupted(err instanceof ApiError && err.status === 503 ? UNAVAILABLE_MESSAGE : INTERRUPTED_MESSAGE);
        await pause(Math.min(1000 * 2 ** failures, MAX_WAIT_MS), signal);
        failures++;
      }
    }
  } catch (err) {
    if (err instanceof ApiError && err.code === "cancelled") {
      memory.forget();
      // The staged bytes go now rather than at expiry; if this DELETE fails, expiry removes them.
      if (session) void requestVoid(sessionUrl(session.id), { method: "DELETE" }).catch(() => {});
    }
    if (err instanceof ApiError && err.code === "upload_expired") memory.forget();
    throw err;
  }
}

/** Starts sending `file` to `target`; cancel() stops it and removes what the server holds. */
export function startUpload(target: UploadTarget, file: File, handlers: UploadHandlers): Upload {
  sweep();
  const memory = memoryOf(target, file);
  const controller = new AbortController();
  const done = run(target, file, memory, handlers, controller.signal).finally(memory.release);
  return { done, cancel: () => controller.abort() };
}
