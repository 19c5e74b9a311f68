-- The public site's pages are kept rendered (public-site/page-cache.ts) under the number of this row:
-- any change to what a public page shows moves it, so every instance renders that page again on its
-- next visit, with no purge to call and none to forget. The number moves when the change commits
-- (a deferred trigger, run last in the transaction): an instance that reads it sees the data with it,
-- and the row's lock is taken only at the very end, so it can neither block a writer for long nor
-- close a cycle of locks.
CREATE TABLE site_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  n bigint NOT NULL
);
INSERT INTO site_version (n) VALUES (1);

CREATE FUNCTION site_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE site_version SET n = n + 1;
  RETURN NULL;
END $$;

-- What the public pages read: events, their registrations (places left), their files (titles, the
-- bin), the practices, the questionnaires, and the committees' names.
CREATE CONSTRAINT TRIGGER site_content_changed AFTER INSERT OR UPDATE OR DELETE ON agenda_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION site_content_changed();
CREATE CONSTRAINT TRIGGER site_content_changed AFTER INSERT OR UPDATE OR DELETE ON agenda_registrations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION site_content_changed();
CREATE CONSTRAINT TRIGGER site_content_changed AFTER INSERT OR UPDATE OR DELETE ON agenda_event_files
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION site_content_changed();
CREATE CONSTRAINT TRIGGER site_content_changed AFTER INSERT OR UPDATE OR DELETE ON files
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION site_content_changed();
CREATE CONSTRAINT TRIGGER site_content_changed AFTER INSERT OR UPDATE OR DELETE ON practices
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION site_content_changed();
CREATE CONSTRAINT TRIGGER site_content_changed AFTER INSERT OR UPDATE OR DELETE ON questionnaires
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION site_content_changed();
CREATE CONSTRAINT TRIGGER site_content_changed AFTER UPDATE OF name ON spaces
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION site_content_changed();
