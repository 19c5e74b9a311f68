-- Versions of a document: full Yjs snapshots, kept apart from the live log so that history never
-- makes the live document grow. seq orders versions made in the same instant.
CREATE TABLE document_versions (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('auto', 'named', 'restore', 'workflow')),
  name text,
  reason text,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The version a restore brought back.
  restored_from uuid REFERENCES document_versions(id) ON DELETE SET NULL,
  -- Who edited since the previous version.
  authors uuid[] NOT NULL DEFAULT '{}',
  state bytea NOT NULL,
  state_vector bytea NOT NULL
);
CREATE INDEX document_versions_doc ON document_versions(document_id, seq DESC);

-- Who wrote in a document and when last: the authors of each version, and who hears of comments.
CREATE TABLE document_authors (
  document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  last_edit_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, user_id)
);

-- Comment threads, anchored by Yjs relative positions (base64) so they follow their text.
CREATE TABLE comment_threads (
  id uuid PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  anchor_from text NOT NULL,
  anchor_to text NOT NULL,
  quote text NOT NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX comment_threads_doc ON comment_threads(document_id, created_at);

CREATE TABLE comments (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  thread_id uuid NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  body text NOT NULL,
  mentions uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_thread ON comments(thread_id, seq);
