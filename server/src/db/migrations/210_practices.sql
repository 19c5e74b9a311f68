-- Inspiring practices on the public site. A fiche pratique document is published by its pilote as a
-- snapshot of its fields taken at that moment (re-publishing takes a new one): the public page never
-- reads the co-written text, which goes on changing in the space. Unpublishing deletes the row.
CREATE TABLE practices (
  document_id uuid PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  slug text NOT NULL UNIQUE,
  title text NOT NULL,
  -- [{ label, html, text }] in the programme's order, the consent field left out.
  fields jsonb NOT NULL,
  -- The filters: the committee's territory, the document's themes, the first line of two fields.
  territory_slug text,
  themes text[] NOT NULL DEFAULT '{}',
  target_public text NOT NULL DEFAULT '',
  establishment text NOT NULL DEFAULT '',
  search_text text NOT NULL DEFAULT '',
  published_by uuid REFERENCES users(id) ON DELETE SET NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX practices_published ON practices(published_at DESC);

-- Practices the public proposes. One counts once its author confirmed the address (unconfirmed ones
-- are deleted after a day); the row is deleted once a pilote accepted (it became a draft fiche) or
-- refused it (the author was told why).
CREATE TABLE practice_proposals (
  id uuid PRIMARY KEY,
  space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  form jsonb NOT NULL,
  email text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX practice_proposals_queue ON practice_proposals(space_id, confirmed_at);
