-- A finished upload keeps its session for a day, pointing at the file it became: a client whose
-- last answer was lost asks again and gets the file, instead of sending it twice.
ALTER TABLE upload_sessions ADD COLUMN completed_file_id uuid REFERENCES files(id) ON DELETE CASCADE;
