-- The images a published practice shows: its snapshot's HTML points at the practice's own public
-- address for each (/pratiques-inspirantes/:slug/images/:id), served to visitors only while listed
-- here (re-publishing without an image takes it off; unpublishing deletes the row).
ALTER TABLE practices ADD COLUMN images uuid[] NOT NULL DEFAULT '{}';
