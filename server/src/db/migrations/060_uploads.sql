-- Resumable uploads: a file arriving in pieces, perhaps over several requests and instances.
-- Full parts go to storage as parts of a multipart upload (started with the first full part);
-- the bytes after the last full part wait in a "tail" object. The SHA-256 state and the first
-- bytes (to recognise the type) travel with the session, so any instance can continue it.
CREATE TABLE upload_sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  -- Set when the upload is a new version of this file; the metadata is for a new file otherwise.
  file_id uuid REFERENCES files(id) ON DELETE CASCADE,
  metadata jsonb NOT NULL DEFAULT '{}',
  original_name text NOT NULL,
  size bigint NOT NULL,
  storage_key text NOT NULL UNIQUE,
  multipart_id text,
  parts jsonb NOT NULL DEFAULT '[]',
  tail_key text,
  received bigint NOT NULL DEFAULT 0,
  head bytea NOT NULL DEFAULT ''::bytea,
  hash_state bytea,
  -- The request currently sending pieces: a newer one takes over, the older one stops.
  lease uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX upload_sessions_expiry ON upload_sessions(expires_at);
