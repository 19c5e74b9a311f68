-- The reminder mailed to a registrant the day before their event. The column is the claim: an
-- instance sets it in the statement that picks the registrants, so two instances never both send.
ALTER TABLE agenda_registrations ADD COLUMN reminded_at timestamptz;
