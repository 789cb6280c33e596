-- domainchat archive schema, version 6 (hsqldb)
-- CACHED tables: an archive grows without bound and must not live in Openfire's heap (MEMORY is the default).
CREATE CACHED TABLE dcMessage (
    messageId       BIGINT NOT NULL,
    conversationId  BIGINT NOT NULL,
    pairKey         CHAR(64) NOT NULL,
    sentAt          BIGINT NOT NULL,
    fromJid         VARCHAR(1024) NOT NULL,
    fromResource    VARCHAR(1024),
    toJid           VARCHAR(1024) NOT NULL,
    toResource      VARCHAR(1024),
    msgType         VARCHAR(15) NOT NULL,
    thread          VARCHAR(255),
    clientId        VARCHAR(255),
    body            LONGVARCHAR,
    bodyTruncated   INTEGER NOT NULL,
    viaAlias        INTEGER DEFAULT 0 NOT NULL,
    stanza          LONGVARCHAR,
    CONSTRAINT dcMessage_pk PRIMARY KEY (messageId)
);
CREATE INDEX dcMessage_pair_idx ON dcMessage (pairKey, messageId);
CREATE INDEX dcMessage_conv_idx ON dcMessage (conversationId, messageId);
-- archive queries (XEP-0313) without a contact: a user's messages by sender and by recipient, in id order
CREATE INDEX dcMessage_from_idx ON dcMessage (fromJid, messageId);
CREATE INDEX dcMessage_to_idx ON dcMessage (toJid, messageId);
CREATE CACHED TABLE dcConversation (
    conversationId  BIGINT NOT NULL,
    pairKey         CHAR(64) NOT NULL,
    partyA          VARCHAR(1024) NOT NULL,
    partyB          VARCHAR(1024) NOT NULL,
    startedAt       BIGINT NOT NULL,
    firstLine       VARCHAR(255),
    CONSTRAINT dcConversation_pk PRIMARY KEY (conversationId)
);
CREATE INDEX dcConversation_pair_idx ON dcConversation (pairKey, conversationId);
CREATE CACHED TABLE dcAlias (
    name            VARCHAR(64) NOT NULL,
    displayName     VARCHAR(255) NOT NULL,
    groupName       VARCHAR(255),
    enabled         INTEGER NOT NULL,
    visibleTo       VARCHAR(15) NOT NULL,
    storeOffline    INTEGER NOT NULL,
    CONSTRAINT dcAlias_pk PRIMARY KEY (name)
);
CREATE CACHED TABLE dcAliasMember (
    aliasName       VARCHAR(64) NOT NULL,
    username        VARCHAR(64) NOT NULL,
    CONSTRAINT dcAliasMember_pk PRIMARY KEY (aliasName, username)
);
-- Read state of webmail users (unread counts). username and peer are JID nodes (a username, or an
-- alias name for an alias's thread), at most 64 characters like Openfire's ofUser.username, so the key
-- stays within every index limit (utf8mb4: 128 x 4 = 512 bytes, below even InnoDB's old 767).
CREATE CACHED TABLE dcReadMarker (
    username        VARCHAR(64) NOT NULL,
    peer            VARCHAR(64) NOT NULL,
    lastRead        BIGINT NOT NULL,
    CONSTRAINT dcReadMarker_pk PRIMARY KEY (username, peer)
);
-- The archive id below which nothing counts as unread for a user: set when webmail first reads their state.
CREATE CACHED TABLE dcReadFloor (
    username        VARCHAR(64) NOT NULL,
    floorId         BIGINT NOT NULL,
    CONSTRAINT dcReadFloor_pk PRIMARY KEY (username)
);
-- Colleagues and aliases a user removed from their own contact list (roster): left out of that user's roster and
-- roster pushes until they add the contact again. username and contact are JID nodes (a username, or an alias
-- name), at most 64 characters like Openfire's ofUser.username; hiddenAt is when (epoch milliseconds).
CREATE CACHED TABLE dcHiddenContact (
    username        VARCHAR(64) NOT NULL,
    contact         VARCHAR(64) NOT NULL,
    hiddenAt        BIGINT NOT NULL,
    CONSTRAINT dcHiddenContact_pk PRIMARY KEY (username, contact)
);
INSERT INTO ofVersion (name, version) VALUES ('domainchat', 6);
