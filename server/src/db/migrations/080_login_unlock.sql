-- The owner's own way out of a throttled account: a one-time link by e-mail (its hash only).
ALTER TABLE login_throttle ADD COLUMN unlock_hash text;
ALTER TABLE login_throttle ADD COLUMN unlock_sent_at timestamptz;
CREATE INDEX login_throttle_unlock ON login_throttle (unlock_hash) WHERE unlock_hash IS NOT NULL;
