-- Questionnaires a committee publishes to the groups of actors, and the visitors' answers.
-- An answer counts once confirmed: one given without an address is confirmed at once; one given with an address counts once the
-- address is confirmed (unconfirmed ones are deleted after a day). The respondent's details are
-- erased after QUESTIONNAIRE_RETENTION_DAYS; the answers themselves stay, anonymous.
CREATE TABLE questionnaires (
  id uuid PRIMARY KEY,
  space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  slug text NOT NULL UNIQUE,
  title text NOT NULL,
  questions jsonb NOT NULL,
  status text NOT NULL DEFAULT 'brouillon' CHECK (status IN ('brouillon', 'ouvert', 'clos')),
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questionnaires_space ON questionnaires(space_id);

CREATE TABLE questionnaire_answers (
  id uuid PRIMARY KEY,
  questionnaire_id uuid NOT NULL REFERENCES questionnaires(id) ON DELETE CASCADE,
  actor_group text NOT NULL,
  organisation text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  telephone text NOT NULL DEFAULT '',
  answers jsonb NOT NULL,
  comment text NOT NULL DEFAULT '',
  -- The hash of the token of the respondent's links (confirm, withdraw).
  token_hash text NOT NULL UNIQUE,
  confirmed_at timestamptz,
  personal_data_erased_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questionnaire_answers_questionnaire ON questionnaire_answers(questionnaire_id, confirmed_at);
