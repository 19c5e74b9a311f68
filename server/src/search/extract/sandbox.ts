/**
 * Extractions run in child processes, so that a hostile or broken file fails alone: each job has a
 * time limit (the child is killed past it), the child's heap is capped (--max-old-space-size) and
 * its environment holds no secret. A child serves one job at a time and is kept for the next ones
 * (starting one costs about a second); one that was killed or crashed is replaced on the next job.
 * At most one or two children run, so indexing never takes both cores from the server.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Answer, Extracted, Job } from "./types.js";
import { REASONS } from "./unreadable.js";

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
/** An idle child is stopped after this, to give its memory back. */
const IDLE_MS = 30_000;
const START_MS = 60_000;
/** One process on two cores, two from three cores on. */
const RUNNERS = Math.min(2, Math.max(1, availableParallelism() - 1));

class Runner {
  private child: ChildProcess | null = null;
  private memoryMb = 0;
  private idle: NodeJS.Timeout | undefined;

  private start(memoryMb: number): Promise<ChildProcess> {
    if (this.child && this.memoryMb === memoryMb) return Promise.resolve(this.child);
    this.stop();
    const env = { NODE_ENV: process.env.NODE_ENV ?? "production", ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) };
    const child = fork(CHILD, [], {
      execArgv: ["--import", TSX, `--max-old-space-size=${memoryMb}`],
      env,
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    // Idle children must not keep the server (or a command) running; a job's own timer does while it runs.
    child.unref();
    child.channel?.unref();
    child.once("exit", () => {
      if (this.child === child) this.child = null;
    });
    // A failed send or kill; the job still ends, by its exit or its time limit. Unheard, it would stop the server.
    child.on("error", () => child.kill("SIGKILL"));
    this.child = child;
    this.memoryMb = memoryMb;
    // Its first message says it has loaded its readers.
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error("le processus d'extraction ne démarre pas")), START_MS);
      const died = (code: number | null, signal: NodeJS.Signals | null) =>
        fail(new Error(`le processus d'extraction s'est arrêté au démarrage (${code ?? signal})`));
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(error);
      };
      child.once("message", () => {
        clearTimeout(timer);
        child.off("exit", died);
        resolve(child);
      });
      child.once("exit", died);
    });
  }

  private stop() {
    this.child?.kill("SIGKILL");
    this.child = null;
  }

  async run(job: Job): Promise<Extracted> {
    clearTimeout(this.idle);
    const child = await this.start(job.limits.memoryMb);
    try {
      return await new Promise<Extracted>((resolve, reject) => {
        const done = (answer: Answer) => {
          clearTimeout(timer);
          child.off("message", done);
          child.off("exit", crashed);
          if ("error" in answer) reject(new Error(answer.error));
          else resolve(answer);
        };
        const timer = setTimeout(() => {
          done({ ok: false, reason: REASONS.slow });
          this.stop();
        }, job.limits.timeoutMs);
        // V8 aborts when the heap is full; the kernel kills when the machine is.
        const crashed = (_code: number | null, signal: NodeJS.Signals | null) =>
          done({ ok: false, reason: signal === "SIGABRT" || signal === "SIGKILL" ? REASONS.tooBig : REASONS.damaged });
        child.on("message", done);
        child.once("exit", crashed);
        child.send(job);
      });
    } finally {
      this.idle = setTimeout(() => this.stop(), IDLE_MS).unref();
    }
  }
}

/** A queue in front of a few runners: jobs wait for a free one, in order. */
export class Sandbox {
  private free = Array.from({ length: RUNNERS }, () => new Runner());
  private waiting: Array<{ job: Job; resolve: (r: Extracted) => void; reject: (e: unknown) => void }> = [];

  run(job: Job): Promise<Extracted> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.next();
    });
  }

  private next() {
    while (this.free.length > 0 && this.waiting.length > 0) {
      const runner = this.free.pop()!;
      const { job, resolve, reject } = this.waiting.shift()!;
      runner
        .run(job)
        .then(resolve, reject)
        .finally(() => {
          this.free.push(runner);
          this.next();
        });
    }
  }
}
