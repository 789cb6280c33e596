-- domainchat schema upgrade 5 -> 6 (postgresql): archive queries (XEP-0313) without a contact
-- A user's whole archive is read by sender and by recipient, each in archive id order, so that a page and its
-- count are index range reads whatever the archive's size.
CREATE INDEX dcMessage_from_idx ON dcMessage (fromJid, messageId);
CREATE INDEX dcMessage_to_idx ON dcMessage (toJid, messageId);
UPDATE ofVersion SET version = 6 WHERE name = 'domainchat';
