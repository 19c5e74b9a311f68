/** Every periodic task of the capabilities, run by maintenance.ts once per period across instances. */
import { inactiveAccountsRetention } from "./admin/inactive.js";
import { registrationsPurge } from "./agenda/purge.js";
import { remindersTask } from "./agenda/reminders.js";
import { auditRetention } from "./audit/retention.js";
import { signInRetention } from "./auth/retention.js";
import { filesPurge } from "./files/purge.js";
import { invitationsRetention } from "./invitations/retention.js";
import type { MaintenanceTask } from "./maintenance.js";
import { notificationTasks } from "./notifications/delivery.js";
import { notificationsRetention } from "./notifications/retention.js";
import { proposalsPurge } from "./practices/purge.js";
import { answersPurge } from "./questionnaires/purge.js";
import { uploadsPurge } from "./uploads/purge.js";

export const MAINTENANCE_TASKS: MaintenanceTask[] = [
  auditRetention,
  signInRetention,
  invitationsRetention,
  notificationsRetention,
  inactiveAccountsRetention,
  filesPurge,
  uploadsPurge,
  registrationsPurge,
  remindersTask,
  proposalsPurge,
  answersPurge,
  ...notificationTasks,
];
