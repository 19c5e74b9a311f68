/** CPU time and memory of another process, read from /proc (Linux). */
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory in MiB. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples a process while `fn` runs: CPU share of one core and peak RSS. */
export async function measure<T>(pid: number, fn: () => Promise<T>): Promise<{ result: T; cpuPercent: number; peakRssMiB: number; seconds: number }> {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  let peak = rssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
  try {
    const result = await fn();
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, rssMiB(pid));
    return { result, cpuPercent: (100 * (cpuSeconds(pid) - cpu0)) / seconds, peakRssMiB: peak, seconds };
  } finally {
    clearInterval(timer);
  }
}

/** Busy and total CPU ticks of the whole machine, all cores (first line of /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = n[3]! + n[4]!;
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** Runs `fn` and tells how busy the whole machine was meanwhile (100 = every core busy). */
export async function machineLoad<T>(fn: () => Promise<T>): Promise<{ result: T; busyPercent: number }> {
  const t0 = machineTicks();
  const result = await fn();
  const t1 = machineTicks();
  return { result, busyPercent: Math.round((100 * (t1.busy - t0.busy)) / Math.max(1, t1.total - t0.total)) };
}
