import type { MaintenanceTask } from "../maintenance.js";
import { purgeAudit } from "./record.js";

export const auditRetention: MaintenanceTask = {
  name: "rétention du journal d'audit",
  everyMs: 6 * 3600 * 1000,
  run: (s) => purgeAudit(s.db, s.config.AUDIT_RETENTION_DAYS),
};
