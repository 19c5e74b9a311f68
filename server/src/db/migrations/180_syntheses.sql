-- The sources of a national synthèse: the documents whose sections it gathers, each with the
-- version its text was taken from and the heading it stands under there (a refresh finds its
-- block by that heading). A document with sources here is a national synthèse.
CREATE TABLE synthesis_sources (
  synthesis_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  source_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version_id uuid NOT NULL REFERENCES document_versions(id) ON DELETE CASCADE,
  label text NOT NULL,
  position int NOT NULL,
  added_by uuid REFERENCES users(id) ON DELETE SET NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (synthesis_id, source_id)
);
CREATE INDEX synthesis_sources_source ON synthesis_sources(source_id);
