-- Each person's time zone: every date and time is shown in it (the overseas COPILs are users).
ALTER TABLE users ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Paris';

-- Versions keep instants, never display strings: a restore names the version it brought back
-- (restored_from), and a frozen version is named by its status only, its date being its created_at.
UPDATE document_versions SET reason = NULL
 WHERE kind = 'restore' AND restored_from IS NOT NULL AND reason LIKE 'Restauration de la version du %';
UPDATE document_versions SET name = regexp_replace(name, ' le [0-9]{1,2}(er)? [^ ]+ [0-9]{4}$', '')
 WHERE kind = 'workflow' AND name ~ ' le [0-9]{1,2}(er)? [^ ]+ [0-9]{4}$';
