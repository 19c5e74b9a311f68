/**
 * Periodic housekeeping (retention of personal data, purges of recycle bins, mails…): each task runs at
 * start and then every `everyMs`, once per period across every instance sharing the database; a failure
 * is logged and retried at the next round.
 */
import type { Services } from "./context.js";
import { log } from "./logging/logger.js";

export interface MaintenanceTask {
  name: string;
  everyMs: number;
  run(s: Services): Promise<unknown>;
}

/**
 * Takes this period's run of the task; false when another instance already took it. The period taken is
 * a little shorter than the task's: the instances' timers drift, and a round that comes a few
 * milliseconds early must not find its own previous run still in the way and skip a whole period.
 */
export async function claimRun(s: Pick<Services, "db">, task: Pick<MaintenanceTask, "name" | "everyMs">): Promise<boolean> {
  const taken = await s.db.query(
    `INSERT INTO maintenance_runs (task, last_run_at) VALUES ($1, now())
     ON CONFLICT (task) DO UPDATE SET last_run_at = now()
      WHERE maintenance_runs.last_run_at <= now() - make_interval(secs => $2::double precision)
     RETURNING task`,
    [task.name, (task.everyMs * 0.9) / 1000],
  );
  return taken.length > 0;
}

export function startMaintenance(s: Services, tasks: MaintenanceTask[]): () => void {
  const timers = tasks.map((task) => {
    const run = () =>
      claimRun(s, task)
        .then((mine) => (mine ? task.run(s) : undefined))
        .catch((err: Error) => log.error({ task: task.name, err }, "tâche périodique en échec"));
    void run();
    const timer = setInterval(run, task.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}
