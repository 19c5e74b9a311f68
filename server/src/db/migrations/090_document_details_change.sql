-- Who last changed a document's title or themes, and when: with the authors of its text and its
-- status changes, this dates the "last change" its space's list shows (updated_at has no author).
ALTER TABLE documents
  ADD COLUMN details_changed_at timestamptz,
  ADD COLUMN details_changed_by uuid REFERENCES users(id) ON DELETE SET NULL;
