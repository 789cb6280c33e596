-- domainchat schema upgrade 5 -> 6 (mariadb): archive queries (XEP-0313) without a contact
-- A user's whole archive is read by sender and by recipient, each in archive id order, so that a page and its
-- count are index range reads whatever the archive's size.
-- InnoDB keys hold at most 3072 bytes: the JIDs' first 255 characters (1020 bytes in utf8mb4) are indexed.
CREATE INDEX dcMessage_from_idx ON dcMessage (fromJid(255), messageId);
CREATE INDEX dcMessage_to_idx ON dcMessage (toJid(255), messageId);
UPDATE ofVersion SET version = 6 WHERE name = 'domainchat';
