-- Erasure at the person's request: the account stays, as « Ancien membre », so that the committees' documents
-- keep who wrote what without saying who it was.
ALTER TABLE users ADD COLUMN erased_at timestamptz;
