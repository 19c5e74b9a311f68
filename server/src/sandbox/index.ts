/**
 * Work on untrusted or heavy input (search's text extraction, imports, exports, previews) runs in child processes, so
 * that a hostile or broken file fails alone: each job has a time limit (the child is killed past it),
 * the child's heap is capped (--max-old-space-size) and its environment holds no secret. A child
 * serves one job at a time and is kept for the next ones (starting one costs about a second); one
 * that was killed or crashed is replaced on the next job. At most one or two children run per
 * sandbox, so this work never takes both cores from the server.
 *
 * The child module answers each job with one message: its result, or `{ error }` when the job could
 * not even start (a missing file); its first message ("ready") says it has loaded. Messages use
 * structured cloning, so that bytes travel as bytes (an export, an image).
 */
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface JobLimits {
  timeoutMs: number;
  /** Heap of the child process. */
  memoryMb: number;
}

/** What every job carries: the limits its child runs under. */
export interface SandboxJob {
  limits: JobLimits;
}

/** Why a job ended without an answer: past its time, out of memory (or killed), or the child crashed. */
export type SandboxFailure = "slow" | "tooBig" | "damaged";

/**
 * The child module `name` beside the module at `from` (its import.meta.url): a .ts file run through
 * tsx in development, the compiled .js file in production (`pnpm build`), which resolves the
 * workspace packages to their compiled code as its parent does.
 */
export const childModule = (name: string, from: string) => fileURLToPath(new URL(`./${name}${path.extname(fileURLToPath(from))}`, from));
const runtimeArgs = (module: string) =>
  module.endsWith(".ts") ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] : ["--conditions=compiled", "--enable-source-maps"];
/** An idle child is stopped after this, to give its memory back. */
const IDLE_MS = 30_000;
const START_MS = 60_000;
/** One process on two cores, two from three cores on. */
const RUNNERS = Math.min(2, Math.max(1, availableParallelism() - 1));

class Runner<J extends SandboxJob, R> {
  private child: ChildProcess | null = null;
  private memoryMb = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly module: string,
    private readonly failed: (why: SandboxFailure) => R,
  ) {}

  private start(memoryMb: number): Promise<ChildProcess> {
    if (this.child && this.memoryMb === memoryMb) return Promise.resolve(this.child);
    this.stop();
    const env = { NODE_ENV: process.env.NODE_ENV ?? "production", ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) };
    const child = fork(this.module, [], {
      execArgv: [...runtimeArgs(this.module), `--max-old-space-size=${memoryMb}`],
      env,
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      serialization: "advanced",
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
      const timer = setTimeout(() => fail(new Error("le processus de conversion ne démarre pas")), START_MS);
      const died = (code: number | null, signal: NodeJS.Signals | null) =>
        fail(new Error(`le processus de conversion s'est arrêté au démarrage (${code ?? signal})`));
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

  async run(job: J): Promise<R> {
    clearTimeout(this.idle);
    const child = await this.start(job.limits.memoryMb);
    try {
      return await new Promise<R>((resolve, reject) => {
        const done = (answer: R | { error: string }) => {
          clearTimeout(timer);
          child.off("message", done);
          child.off("exit", crashed);
          if (answer && typeof answer === "object" && "error" in answer) reject(new Error(answer.error));
          else resolve(answer as R);
        };
        const timer = setTimeout(() => {
          done(this.failed("slow"));
          this.stop();
        }, job.limits.timeoutMs);
        // V8 aborts when the heap is full; the kernel kills when the machine is.
        const crashed = (_code: number | null, signal: NodeJS.Signals | null) =>
          done(this.failed(signal === "SIGABRT" || signal === "SIGKILL" ? "tooBig" : "damaged"));
        child.on("message", done);
        child.once("exit", crashed);
        child.send(job);
      });
    } finally {
      this.idle = setTimeout(() => this.stop(), IDLE_MS).unref();
    }
  }
}

/**
 * A queue in front of a few runners of the child `module` (a file path, see childModule): jobs wait for a free one, in
 * order. `failed` is the result of a job that the child never answered.
 */
export class Sandbox<J extends SandboxJob, R> {
  private free: Runner<J, R>[];
  private waiting: Array<{ job: J; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];

  constructor(module: string, failed: (why: SandboxFailure) => R) {
    this.free = Array.from({ length: RUNNERS }, () => new Runner(module, failed));
  }

  run(job: J): Promise<R> {
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
