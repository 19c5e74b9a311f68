-- Each periodic task runs once per period across every instance: the instance that moves its row
-- forward runs it, the others find the period already taken.
CREATE TABLE maintenance_runs (
  task text PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);

-- An account unused for years is warned by e-mail, then its personal data erased (retention).
ALTER TABLE users ADD COLUMN last_active_at timestamptz;
ALTER TABLE users ADD COLUMN inactivity_warned_at timestamptz;
UPDATE users u SET last_active_at = GREATEST(u.created_at, (SELECT max(s.last_verified_at) FROM sessions s WHERE s.user_id = u.id));
ALTER TABLE users ALTER COLUMN last_active_at SET DEFAULT now();
ALTER TABLE users ALTER COLUMN last_active_at SET NOT NULL;
