/**
 * Respondents' personal data kept no longer than needed: an answer whose address was never confirmed
 * is gone after a day (nothing of an abandoned submission stays); the details of every answer
 * (organisation, address, telephone) are erased QUESTIONNAIRE_RETENTION_DAYS after it, the answer
 * itself staying, anonymous, for the committee's work.
 */
import type { MaintenanceTask } from "../maintenance.js";

export const answersPurge: MaintenanceTask = {
  name: "réponses aux questionnaires",
  everyMs: 3600 * 1000,
  async run(s) {
    await s.db.query("DELETE FROM questionnaire_answers WHERE confirmed_at IS NULL AND created_at < now() - interval '1 day'");
    await s.db.query(
      `UPDATE questionnaire_answers SET organisation = '', email = '', telephone = '', personal_data_erased_at = now()
        WHERE personal_data_erased_at IS NULL AND created_at < now() - make_interval(days => $1::int)`,
      [s.config.QUESTIONNAIRE_RETENTION_DAYS],
    );
  },
};
