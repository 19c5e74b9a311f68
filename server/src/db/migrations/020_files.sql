-- Resource libraries: the files of a space and their versions. The bytes live in storage
-- (a local folder or S3) under generated keys; the file's name is kept for display only.

-- Kinds a pilote adds to their space's library, beside the programme's own.
CREATE TABLE file_kinds (
  space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  slug text NOT NULL,
  label text NOT NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (space_id, slug)
);

CREATE TABLE files (
  id uuid PRIMARY KEY,
  space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  kind text NOT NULL,
  themes text[] NOT NULL DEFAULT '{}',
  uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
  current_version integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- In the recycle bin since then; purged with its bytes after 30 days.
  deleted_at timestamptz,
  deleted_by uuid REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX files_space ON files(space_id, created_at DESC);
CREATE INDEX files_deleted ON files(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE file_versions (
  file_id uuid NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  number integer NOT NULL,
  -- A restored version points at the same bytes as the one it brings back.
  storage_key text NOT NULL,
  original_name text NOT NULL,
  size bigint NOT NULL CHECK (size > 0),
  mime_type text NOT NULL,
  sha256 text NOT NULL,
  uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
  restored_from integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (file_id, number)
);

-- Storage keys whose bytes must go (purged files, uploads whose cleanup failed): the purge
-- removes each object, then its line, so a storage outage delays removal but never forgets it.
CREATE TABLE storage_garbage (
  key text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
