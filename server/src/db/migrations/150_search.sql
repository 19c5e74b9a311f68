-- Search: a French configuration that ignores accents, the index of what can be found (one row per
-- document, file or comment thread, with its sections for snippets and anchors) and the durable
-- queue of what to (re)index, so that a restart loses no pending work.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TEXT SEARCH CONFIGURATION atelier_fr (COPY = french);
ALTER TEXT SEARCH CONFIGURATION atelier_fr
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- Suggestions match the beginnings of a title's words as typed: accents ignored, nothing stemmed.
CREATE TEXT SEARCH CONFIGURATION atelier_prefix (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION atelier_prefix
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- unaccent() is only STABLE; indexes on titles need an immutable form (the dictionary never changes here).
CREATE FUNCTION atelier_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE TABLE search_entries (
  type text NOT NULL CHECK (type IN ('document', 'file', 'comment')),
  id uuid NOT NULL,
  space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  -- The document itself, or the document a comment thread belongs to.
  document_id uuid,
  -- Document kind (documents and their comments) or file kind; status of the document.
  kind text,
  status text,
  themes text[] NOT NULL DEFAULT '{}',
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  -- Why a file's contents are not in the index ("contenu non indexé : …"), null when they are.
  content_note text,
  -- The stored bytes the contents were read from: a file whose bytes did not change is not read again.
  content_key text,
  updated_at timestamptz NOT NULL,
  in_trash boolean NOT NULL DEFAULT false,
  -- For the trash rules of files: who put it there and who uploaded it.
  trashed_by uuid,
  owner_id uuid,
  tsv tsvector NOT NULL,
  indexed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (type, id)
);
CREATE INDEX search_entries_tsv ON search_entries USING gin (tsv);
CREATE INDEX search_entries_title_trgm ON search_entries USING gin (atelier_unaccent(lower(title)) gin_trgm_ops);
CREATE INDEX search_entries_title_prefix ON search_entries USING gin (to_tsvector('atelier_prefix', title));
CREATE INDEX search_entries_space ON search_entries (space_id, updated_at DESC);

-- The parts of an entry a result can open at: a document's text under each heading (anchor
-- "titre-<pos>", as the editor's summary links), a PDF's pages ("page=N").
CREATE TABLE search_sections (
  type text NOT NULL,
  id uuid NOT NULL,
  ord integer NOT NULL,
  anchor text,
  heading text,
  body text NOT NULL,
  tsv tsvector NOT NULL,
  PRIMARY KEY (type, id, ord),
  FOREIGN KEY (type, id) REFERENCES search_entries (type, id) ON DELETE CASCADE
);

-- What to (re)index. `generation` moves with every new request, so that the worker removes the
-- row only when nothing was asked again while it indexed; `claimed_until` keeps other workers off.
CREATE TABLE search_queue (
  type text NOT NULL CHECK (type IN ('document', 'file', 'comment')),
  id uuid NOT NULL,
  due_at timestamptz NOT NULL DEFAULT now(),
  generation integer NOT NULL DEFAULT 1,
  claimed_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (type, id)
);
CREATE INDEX search_queue_due ON search_queue (due_at);
