-- domainchat archive schema, version 1 (postgresql)
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
    body            TEXT,
    bodyTruncated   INTEGER NOT NULL,
    stanza          TEXT,
    CONSTRAINT dcMessage_pk PRIMARY KEY (messageId)
);
CREATE INDEX dcMessage_pair_idx ON dcMessage (pairKey, messageId);
CREATE INDEX dcMessage_conv_idx ON dcMessage (conversationId, messageId);
CREATE TABLE dcConversation (
    conversationId  BIGINT NOT NULL,
    pairKey         CHAR(64) NOT NULL,
    partyA          VARCHAR(1024) NOT NULL,
    partyB          VARCHAR(1024) NOT NULL,
    startedAt       BIGINT NOT NULL,
    firstLine       VARCHAR(255),
    CONSTRAINT dcConversation_pk PRIMARY KEY (conversationId)
);
CREATE INDEX dcConversation_pair_idx ON dcConversation (pairKey, conversationId);
INSERT INTO ofVersion (name, version) VALUES ('domainchat', 1);
