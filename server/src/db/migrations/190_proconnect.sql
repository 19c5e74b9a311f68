-- ProConnect (OpenID Connect) sign-in: which ProConnect identity (its stable `sub`) is which account.
CREATE TABLE proconnect_identities (
  sub text PRIMARY KEY,
  user_id uuid NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A sign-in under way between the redirect to the provider and its return: what the callback checks
-- (state, nonce, PKCE verifier), keyed by a hash of a cookie of that browser; used once, short-lived.
CREATE TABLE proconnect_attempts (
  key_hash text PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- An agent whom no account knows asks for access: no account exists until an administrator grants it.
-- The browser that came back from ProConnect holds a cookie whose hash is `key_hash`, to fill and send the form.
CREATE TABLE proconnect_requests (
  id uuid PRIMARY KEY,
  key_hash text NOT NULL UNIQUE,
  sub text NOT NULL,
  email text NOT NULL,
  first_name text NOT NULL DEFAULT '',
  last_name text NOT NULL DEFAULT '',
  organisation text NOT NULL DEFAULT '',
  siret text NOT NULL DEFAULT '',
  message text NOT NULL DEFAULT '',
  submitted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A session opened through an identity provider keeps the address that ends the provider's session too
-- (its end-session endpoint with the ID token as hint), for the logout to send the browser there.
ALTER TABLE sessions ADD COLUMN logout_url text;
