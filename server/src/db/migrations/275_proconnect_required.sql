-- A committee may require its members to sign in with ProConnect: how each session was opened is kept,
-- so that a password session of such a member is refused from the moment the requirement is set.
ALTER TABLE spaces ADD COLUMN proconnect_required boolean NOT NULL DEFAULT false;
ALTER TABLE sessions ADD COLUMN via text NOT NULL DEFAULT 'password' CHECK (via IN ('password', 'proconnect'));
UPDATE sessions SET via = 'proconnect' WHERE logout_url IS NOT NULL;
