-- The audit log: who did what, when, where. Kept AUDIT_RETENTION_DAYS (one year by default), then deleted.
CREATE TABLE audit_log (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  -- A snapshot, so the entry stays readable if the account changes.
  actor_email text,
  space_id uuid REFERENCES spaces(id) ON DELETE SET NULL,
  target_type text,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}',
  address text
);
CREATE INDEX audit_log_at ON audit_log(at DESC);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at DESC);
CREATE INDEX audit_log_space ON audit_log(space_id, at DESC);
CREATE INDEX audit_log_kind ON audit_log(kind, at DESC);
