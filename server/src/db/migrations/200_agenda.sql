-- The public events a committee publishes (assises, regional events, COPILs opened to the public).
-- `sequence` grows with every change a calendar must pick up (iCalendar SEQUENCE); the uid is the id.
CREATE TABLE agenda_events (
  id uuid PRIMARY KEY,
  space_id uuid NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
  slug text NOT NULL UNIQUE,
  kind text NOT NULL,
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  programme text NOT NULL DEFAULT '',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  time_zone text NOT NULL,
  place text NOT NULL,
  address text NOT NULL,
  themes text[] NOT NULL DEFAULT '{}',
  published boolean NOT NULL DEFAULT false,
  cancelled_at timestamptz,
  sequence integer NOT NULL DEFAULT 0,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agenda_events_space ON agenda_events(space_id);
CREATE INDEX agenda_events_public ON agenda_events(starts_at) WHERE published;
