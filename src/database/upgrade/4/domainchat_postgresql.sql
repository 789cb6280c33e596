-- domainchat schema upgrade 3 -> 4 (postgresql): webmail read markers
-- Read state of webmail users (unread counts). username and peer are JID nodes (a username, or an
-- alias name for an alias's thread), at most 64 characters like Openfire's ofUser.username, so the key
-- stays within every index limit (utf8mb4: 128 x 4 = 512 bytes, below even InnoDB's old 767).
CREATE TABLE dcReadMarker (
    username        VARCHAR(64) NOT NULL,
    peer            VARCHAR(64) NOT NULL,
    lastRead        BIGINT NOT NULL,
    CONSTRAINT dcReadMarker_pk PRIMARY KEY (username, peer)
);
-- The archive id below which nothing counts as unread for a user: set when webmail first reads their state.
CREATE TABLE dcReadFloor (
    username        VARCHAR(64) NOT NULL,
    floorId         BIGINT NOT NULL,
    CONSTRAINT dcReadFloor_pk PRIMARY KEY (username)
);
UPDATE ofVersion SET version = 4 WHERE name = 'domainchat';
