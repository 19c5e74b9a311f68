-- Files of the space's library an event publishes with it (programme, slides) and its compte rendu.
-- A visitor may download such a file only while it is attached here to a published event.
CREATE TABLE agenda_event_files (
  event_id uuid NOT NULL REFERENCES agenda_events(id) ON DELETE CASCADE,
  file_id uuid NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('document', 'compte-rendu')),
  attached_by uuid REFERENCES users(id) ON DELETE SET NULL,
  attached_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, file_id)
);
CREATE INDEX agenda_event_files_file ON agenda_event_files(file_id);
