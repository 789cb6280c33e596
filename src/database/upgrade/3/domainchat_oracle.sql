-- domainchat schema upgrade 2 -> 3 (oracle): messages written to a chat alias belong to the alias's thread
ALTER TABLE dcMessage ADD viaAlias INTEGER DEFAULT 0 NOT NULL;
UPDATE ofVersion SET version = 3 WHERE name = 'domainchat';
