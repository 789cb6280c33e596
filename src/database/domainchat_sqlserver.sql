-- domainchat archive schema, version 6 (sqlserver)
CREATE TABLE dcMessage (
    messageId       BIGINT NOT NULL,
    conversationId  BIGINT NOT NULL,
    pairKey         CHAR(64) NOT NULL,
    sentAt          BIGINT NOT NULL,
    fromJid         NVARCHAR(1024) NOT NULL,
    fromResource    NVARCHAR(1024),
    toJid           NVARCHAR(1024) NOT NULL,
    toResource      NVARCHAR(1024),
    msgType         NVARCHAR(15) NOT NULL,
    thread          NVARCHAR(255),
    clientId        NVARCHAR(255),
    body            NVARCHAR(MAX),
    bodyTruncated   INTEGER NOT NULL,
    viaAlias        INTEGER DEFAULT 0 NOT NULL,
    stanza          NVARCHAR(MAX),
    CONSTRAINT dcMessage_pk PRIMARY KEY (messageId)
);
CREATE INDEX dcMessage_pair_idx ON dcMessage (pairKey, messageId);
CREATE INDEX dcMessage_conv_idx ON dcMessage (conversationId, messageId);
-- archive queries (XEP-0313) without a contact: a user's messages by sender and by recipient, in id order
CREATE INDEX dcMessage_from_idx ON dcMessage (fromJid, messageId);
CREATE INDEX dcMessage_to_idx ON dcMessage (toJid, messageId);
CREATE TABLE dcConversation (
    conversationId  BIGINT NOT NULL,
    pairKey         CHAR(64) NOT NULL,
    partyA          NVARCHAR(1024) NOT NULL,
    partyB          NVARCHAR(1024) NOT NULL,
    startedAt       BIGINT NOT NULL,
    firstLine       NVARCHAR(255),
    CONSTRAINT dcConversation_pk PRIMARY KEY (conversationId)
);
CREATE INDEX dcConversation_pair_idx ON dcConversation (pairKey, conversationId);
CREATE TABLE dcAlias (
    name            NVARCHAR(64) NOT NULL,
    displayName     NVARCHAR(255) NOT NULL,
    groupName       NVARCHAR(255),
    enabled         INTEGER NOT NULL,
    visibleTo       NVARCHAR(15) NOT NULL,
    storeOffline    INTEGER NOT NULL,
    CONSTRAINT dcAlias_pk PRIMARY KEY (name)
);
CREATE TABLE dcAliasMember (
    aliasName       NVARCHAR(64) NOT NULL,
    username        NVARCHAR(64) NOT NULL,
    CONSTRAINT dcAliasMember_pk PRIMARY KEY (aliasName, username)
);
-- Read state of webmail users (unread counts). username and peer are JID nodes (a username, or an
-- alias name for an alias's thread), at most 64 characters like Openfire's ofUser.username, so the key
-- stays within every index limit (utf8mb4: 128 x 4 = 512 bytes, below even InnoDB's old 767).
CREATE TABLE dcReadMarker (
    username        NVARCHAR(64) NOT NULL,
    peer            NVARCHAR(64) NOT NULL,
    lastRead        BIGINT NOT NULL,
    CONSTRAINT dcReadMarker_pk PRIMARY KEY (username, peer)
);
-- The archive id below which nothing counts as unread for a user: set when webmail first reads their state.
CREATE TABLE dcReadFloor (
    username        NVARCHAR(64) NOT NULL,
    floorId         BIGINT NOT NULL,
    CONSTRAINT dcReadFloor_pk PRIMARY KEY (username)
);
-- Colleagues and aliases a user removed from their own contact list (roster): left out of that user's roster and
-- roster pushes until they add the contact again. username and contact are JID nodes (a username, or an alias
-- name), at most 64 characters like Openfire's ofUser.username; hiddenAt is when (epoch milliseconds).
CREATE TABLE dcHiddenContact (
    username        NVARCHAR(64) NOT NULL,
    contact         NVARCHAR(64) NOT NULL,
    hiddenAt        BIGINT NOT NULL,
    CONSTRAINT dcHiddenContact_pk PRIMARY KEY (username, contact)
);
INSERT INTO ofVersion (name, version) VALUES ('domainchat', 6);
