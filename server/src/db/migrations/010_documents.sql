-- Documents of a space and their collaborative content, kept as a log of Yjs updates.
CREATE TABLE documents (
  id uuid PRIMARY KEY,
  space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('livrable', 'diagnostic', 'synthese', 'compte-rendu', 'fiche-pratique')),
  themes text[] NOT NULL DEFAULT '{}',
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  trashed_at timestamptz,
  trashed_by uuid REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX documents_space ON documents(space_id, updated_at DESC);

-- Every accepted update is appended here before anyone else receives it. Compaction replaces the
-- rows it read by one row holding their merge (Yjs updates apply in any order).
CREATE TABLE document_updates (
  id bigserial PRIMARY KEY,
  document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_updates_doc ON document_updates(document_id, id);
