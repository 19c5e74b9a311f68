/** Nothing of an abandoned proposal stays: an unconfirmed one is gone after a day. */
import type { MaintenanceTask } from "../maintenance.js";

export const proposalsPurge: MaintenanceTask = {
  name: "propositions de pratiques non confirmées",
  everyMs: 3600 * 1000,
  async run(s) {
    await s.db.query("DELETE FROM practice_proposals WHERE confirmed_at IS NULL AND created_at < now() - interval '1 day'");
  },
};
