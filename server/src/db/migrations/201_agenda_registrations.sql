-- Registration to a public event: opened by its organiser, with an optional capacity beyond which
-- confirmed registrants wait in line (their order is that of their confirmation). A registration
-- counts once its e-mail address is confirmed; unconfirmed ones are deleted after a day.
ALTER TABLE agenda_events ADD COLUMN registration_open boolean NOT NULL DEFAULT false;
ALTER TABLE agenda_events ADD COLUMN capacity integer CHECK (capacity > 0);

CREATE TABLE agenda_registrations (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES agenda_events(id) ON DELETE CASCADE,
  name text NOT NULL,
  organisation text NOT NULL DEFAULT '',
  actor_group text NOT NULL,
  email text NOT NULL,
  -- The hash of the token of the links mailed to the registrant (confirm, cancel).
  token_hash text NOT NULL UNIQUE,
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agenda_registrations_event ON agenda_registrations(event_id, confirmed_at);
-- One live registration per address and event.
CREATE UNIQUE INDEX agenda_registrations_once ON agenda_registrations(event_id, email) WHERE cancelled_at IS NULL;
