/**
 * The topology's processes: each one a child whose output goes to its own log file (whose last
 * lines make the error messages), stopped with a signal and waited for.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import net from "node:net";

export interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  /** The end of what it printed. */
  tail(): string;
  exited: Promise<void>;
  /** Sends the signal (SIGTERM by default) and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const TAIL_BYTES = 16 * 1024;

export function run(
  name: string,
  command: string,
  args: string[],
  opts: { logFile: string; cwd?: string; env?: Record<string, string>; uid?: number; gid?: number },
): Proc {
  // Its output goes straight to the file (nginx writes its logs to /dev/stdout, which must be a file or a pipe).
  const out = openSync(opts.logFile, "a");
  const start = fstatSync(out).size;
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    uid: opts.uid,
    gid: opts.gid,
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  let failure = "";
  // A command that cannot be started at all (not installed) ends the same way, with its reason.
  child.once("error", (err) => (failure = `${name} : ${err.message}\n`));
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  return {
    name,
    child,
    tail: () => failure + readTail(opts.logFile, start),
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** What was written to the file since `from`, its last TAIL_BYTES at most. */
function readTail(file: string, from: number) {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const begin = Math.max(from, size - TAIL_BYTES);
    const buf = Buffer.alloc(size - begin);
    readSync(fd, buf, 0, buf.length, begin);
    return buf.toString();
  } finally {
    closeSync(fd);
  }
}

/** Resolves once `check` holds, polling; fails after `ms` with `what` and the process's last lines. */
export async function waitFor(what: string, check: () => Promise<boolean>, ms: number, proc?: Proc) {
  const end = Date.now() + ms;
  for (;;) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${proc.name} s'est arrêté avant d'être prêt (${what}) :\n${proc.tail()}`);
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`délai dépassé : ${what}${proc ? `\n${proc.tail()}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A port nobody listens on right now, for a process started a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on this port. */
export const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
