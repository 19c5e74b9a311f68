-- Invitations as a space's managers send them: who the invitee is (to greet them and prefill the
-- account), the inviter's message, and cancellation by a manager.
ALTER TABLE invitations
  ADD COLUMN first_name text NOT NULL DEFAULT '',
  ADD COLUMN last_name text NOT NULL DEFAULT '',
  ADD COLUMN organisation text NOT NULL DEFAULT '',
  ADD COLUMN message text NOT NULL DEFAULT '',
  ADD COLUMN revoked_at timestamptz;
CREATE INDEX invitations_space_pending ON invitations(space_id) WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invitations_email ON invitations(email);

-- When each reset link was asked for, to see how many a person asked for recently.
ALTER TABLE password_resets ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX password_resets_user ON password_resets(user_id);
