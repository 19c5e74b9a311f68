/**
 * Periodic housekeeping (retention of the audit log, purges of recycle bins…): each task runs
 * at start and then every `everyMs`; a failure is logged and retried at the next round.
 */
import type { Services } from "./context.js";

export interface MaintenanceTask {
  name: string;
  everyMs: number;
  run(s: Services): Promise<unknown>;
}

export function startMaintenance(s: Services, tasks: MaintenanceTask[]): () => void {
  const timers = tasks.map((task) => {
    const run = () =>
      task.run(s).catch((err: Error) => console.error(`[maintenance] ${task.name} a échoué :`, err.message));
    void run();
    const timer = setInterval(run, task.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}
