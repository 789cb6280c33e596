-- domainchat archive schema, version 6 (oracle)
CREATE TABLE dcMessage (
    messageId       NUMBER(19) NOT NULL,
    conversationId  NUMBER(19) NOT NULL,
    pairKey         CHAR(64) NOT NULL,
    sentAt          NUMBER(19) NOT NULL,
    fromJid         VARCHAR2(1024 CHAR) NOT NULL,
    fromResource    VARCHAR2(1024 CHAR),
    toJid           VARCHAR2(1024 CHAR) NOT NULL,
    toResource      VARCHAR2(1024 CHAR),
    msgType         VARCHAR2(15 CHAR) NOT NULL,
    thread          VARCHAR2(255 CHAR),
    clientId        VARCHAR2(255 CHAR),
    body            NCLOB,
    bodyTruncated   INTEGER NOT NULL,
    viaAlias        INTEGER DEFAULT 0 NOT NULL,
    stanza          NCLOB,
    CONSTRAINT dcMessage_pk PRIMARY KEY (messageId)
);
CREATE INDEX dcMessage_pair_idx ON dcMessage (pairKey, messageId);
CREATE INDEX dcMessage_conv_idx ON dcMessage (conversationId, messageId);
-- archive queries (XEP-0313) without a contact: a user's messages by sender and by recipient, in id order
CREATE INDEX dcMessage_from_idx ON dcMessage (fromJid, messageId);
CREATE INDEX dcMessage_to_idx ON dcMessage (toJid, messageId);
CREATE TABLE dcConversation (
    conversationId  NUMBER(19) NOT NULL,
    pairKey         CHAR(64) NOT NULL,
    partyA          VARCHAR2(1024 CHAR) NOT NULL,
    partyB          VARCHAR2(1024 CHAR) NOT NULL,
    startedAt       NUMBER(19) NOT NULL,
    firstLine       VARCHAR2(255 CHAR),
    CONSTRAINT dcConversation_pk PRIMARY KEY (conversationId)
);
CREATE INDEX dcConversation_pair_idx ON dcConversation (pairKey, conversationId);
CREATE TABLE dcAlias (
    name            VARCHAR2(64 CHAR) NOT NULL,
    displayName     VARCHAR2(255 CHAR) NOT NULL,
    groupName       VARCHAR2(255 CHAR),
    enabled         INTEGER NOT NULL,
    visibleTo       VARCHAR2(15 CHAR) NOT NULL,
    storeOffline    INTEGER NOT NULL,
    CONSTRAINT dcAlias_pk PRIMARY KEY (name)
);
CREATE TABLE dcAliasMember (
    aliasName       VARCHAR2(64 CHAR) NOT NULL,
    username        VARCHAR2(64 CHAR) NOT NULL,
    CONSTRAINT dcAliasMember_pk PRIMARY KEY (aliasName, username)
);
-- Read state of webmail users (unread counts). username and peer are JID nodes (a username, or an
-- alias name for an alias's thread), at most 64 characters like Openfire's ofUser.username, so the key
-- stays within every index limit (utf8mb4: 128 x 4 = 512 bytes, below even InnoDB's old 767).
CREATE TABLE dcReadMarker (
    username        VARCHAR2(64 CHAR) NOT NULL,
    peer            VARCHAR2(64 CHAR) NOT NULL,
    lastRead        NUMBER(19) NOT NULL,
    CONSTRAINT dcReadMarker_pk PRIMARY KEY (username, peer)
);
-- The archive id below which nothing counts as unread for a user: set when webmail first reads their state.
CREATE TABLE dcReadFloor (
    username        VARCHAR2(64 CHAR) NOT NULL,
    floorId         NUMBER(19) NOT NULL,
    CONSTRAINT dcReadFloor_pk PRIMARY KEY (username)
);
-- Colleagues and aliases a user removed from their own contact list (roster): left out of that user's roster and
-- roster pushes until they add the contact again. username and contact are JID nodes (a username, or an alias
-- name), at most 64 characters like Openfire's ofUser.username; hiddenAt is when (epoch milliseconds).
CREATE TABLE dcHiddenContact (
    username        VARCHAR2(64 CHAR) NOT NULL,
    contact         VARCHAR2(64 CHAR) NOT NULL,
    hiddenAt        NUMBER(19) NOT NULL,
    CONSTRAINT dcHiddenContact_pk PRIMARY KEY (username, contact)
);
INSERT INTO ofVersion (name, version) VALUES ('domainchat', 6);
