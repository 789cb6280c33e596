-- domainchat schema upgrade 1 -> 2 (oracle): chat aliases
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
UPDATE ofVersion SET version = 2 WHERE name = 'domainchat';
