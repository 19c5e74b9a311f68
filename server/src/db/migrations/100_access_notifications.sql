-- Access requests and their answers appear in the bell: two more kinds of notification,
-- never mailed through it (the access-requests capability mails them itself).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('mention', 'reply', 'comment', 'status', 'access-request', 'access-decision'));
