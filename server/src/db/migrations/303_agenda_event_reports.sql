-- An event's compte rendu written as a collaborative document of its space: a snapshot of its text
-- (safe HTML, its images shown from /evenements/:slug/images/:id while listed here), taken when the
-- organiser publishes it and again when they update it. The document trashed, the row is deleted
-- (agenda/report.ts, on the bus); deleted, it goes with it.
CREATE TABLE agenda_event_reports (
  event_id uuid PRIMARY KEY REFERENCES agenda_events(id) ON DELETE CASCADE,
  document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  html text NOT NULL,
  images uuid[] NOT NULL DEFAULT '{}',
  published_by uuid REFERENCES users(id) ON DELETE SET NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agenda_event_reports_document ON agenda_event_reports(document_id);

-- An event's page shows it: the site's version moves with it (295).
CREATE CONSTRAINT TRIGGER site_content_changed AFTER INSERT OR UPDATE OR DELETE ON agenda_event_reports
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION site_content_changed();
