-- The workflow of documents that go up to the national team: the current status (a document
-- without a row is a draft) and every change, with who, when and why.
CREATE TABLE document_workflow (
  document_id uuid PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('brouillon', 'en-relecture', 'valide', 'transmis', 'modifications-demandees')),
  changed_at timestamptz NOT NULL DEFAULT now(),
  changed_by uuid REFERENCES users(id) ON DELETE SET NULL
);

CREATE TABLE document_status_changes (
  id uuid PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  from_status text NOT NULL,
  to_status text NOT NULL,
  comment text NOT NULL DEFAULT '',
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_status_changes_doc ON document_status_changes(document_id, at DESC);

-- What the bell lists. `mail` says what remains to do by mail: 'immediate' or 'digest' while
-- pending, 'sent' once mailed, 'none' when the person does not want a mail for this kind.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('mention', 'reply', 'comment', 'status')),
  document_id uuid REFERENCES documents(id) ON DELETE CASCADE,
  space_id uuid REFERENCES spaces(id) ON DELETE CASCADE,
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  summary text NOT NULL,
  link text NOT NULL,
  mail text NOT NULL CHECK (mail IN ('immediate', 'digest', 'sending', 'sent', 'none')),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user ON notifications(user_id, created_at DESC);
CREATE INDEX notifications_mail ON notifications(mail, user_id) WHERE mail IN ('immediate', 'digest');

-- One mode per person and kind; a missing row means the default (shared DEFAULT_NOTIFICATION_MODES).
CREATE TABLE notification_preferences (
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('mention', 'reply', 'comment', 'status')),
  mode text NOT NULL CHECK (mode IN ('immediate', 'digest', 'none')),
  PRIMARY KEY (user_id, kind)
);

-- When each person last received a digest, so that it goes out once a day whatever the number of instances.
CREATE TABLE notification_digests (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  sent_at timestamptz NOT NULL
);
