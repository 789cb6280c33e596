-- domainchat archive schema, version 6 (mysql)
CREATE TABLE dcMessage (
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
    body            MEDIUMTEXT,
    bodyTruncated   INTEGER NOT NULL,
    viaAlias        INTEGER DEFAULT 0 NOT NULL,
    stanza          MEDIUMTEXT,
    CONSTRAINT dcMessage_pk PRIMARY KEY (messageId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX dcMessage_pair_idx ON dcMessage (pairKey, messageId);
CREATE INDEX dcMessage_conv_idx ON dcMessage (conversationId, messageId);
-- archive queries (XEP-0313) without a contact: a user's messages by sender and by recipient, in id order
CREATE INDEX dcMessage_from_idx ON dcMessage (fromJid(255), messageId);
CREATE INDEX dcMessage_to_idx ON dcMessage (toJid(255), messageId);
CREATE TABLE dcConversation (
    conversationId  BIGINT NOT NULL,
    pairKey         CHAR(64) NOT NULL,
    partyA          VARCHAR(1024) NOT NULL,
    partyB          VARCHAR(1024) NOT NULL,
    startedAt       BIGINT NOT NULL,
    firstLine       VARCHAR(255),
    CONSTRAINT dcConversation_pk PRIMARY KEY (conversationId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX dcConversation_pair_idx ON dcConversation (pairKey, conversationId);
CREATE TABLE dcAlias (
    name            VARCHAR(64) NOT NULL,
    displayName     VARCHAR(255) NOT NULL,
    groupName       VARCHAR(255),
    enabled         INTEGER NOT NULL,
    visibleTo       VARCHAR(15) NOT NULL,
    storeOffline    INTEGER NOT NULL,
    CONSTRAINT dcAlias_pk PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE dcAliasMember (
    aliasName       VARCHAR(64) NOT NULL,
    username        VARCHAR(64) NOT NULL,
    CONSTRAINT dcAliasMember_pk PRIMARY KEY (aliasName, username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- Read state of webmail users (unread counts). username and peer are JID nodes (a username, or an
-- alias name for an alias's thread), at most 64 characters like Openfire's ofUser.username, so the key
-- stays within every index limit (utf8mb4: 128 x 4 = 512 bytes, below even InnoDB's old 767).
CREATE TABLE dcReadMarker (
    username        VARCHAR(64) NOT NULL,
    peer            VARCHAR(64) NOT NULL,
    lastRead        BIGINT NOT NULL,
    CONSTRAINT dcReadMarker_pk PRIMARY KEY (username, peer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- The archive id below which nothing counts as unread for a user: set when webmail first reads their state.
CREATE TABLE dcReadFloor (
    username        VARCHAR(64) NOT NULL,
    floorId         BIGINT NOT NULL,
    CONSTRAINT dcReadFloor_pk PRIMARY KEY (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- Colleagues and aliases a user removed from their own contact list (roster): left out of that user's roster and
-- roster pushes until they add the contact again. username and contact are JID nodes (a username, or an alias
-- name), at most 64 characters like Openfire's ofUser.username; hiddenAt is when (epoch milliseconds).
CREATE TABLE dcHiddenContact (
    username        VARCHAR(64) NOT NULL,
    contact         VARCHAR(64) NOT NULL,
    hiddenAt        BIGINT NOT NULL,
    CONSTRAINT dcHiddenContact_pk PRIMARY KEY (username, contact)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO ofVersion (name, version) VALUES ('domainchat', 6);
